import Foundation
import QuizModel
import Testing

/// The one parallel helper: outputs in input order whatever the number of workers, each worker with a state of
/// its own.
@Suite struct OrderedWorkTests {
  @Test(arguments: [1, 2, 3, 8, 100])
  func mapGivesTheSequentialResultForAnyNumberOfWorkers(workers: Int) {
    let count = 1_000
    let expected = (0..<count).map { $0 * $0 % 97 }
    let mapped = OrderedWork.map(count: count, chunkSize: 7, workers: workers, state: {}) { _, range in
      range.map { $0 * $0 % 97 }
    }
    #expect(mapped == expected)
  }

  @Test func mapOfNothingIsEmpty() {
    let mapped = OrderedWork.map(count: 0, workers: 4, state: {}) { _, range in Array(range) }
    #expect(mapped.isEmpty)
  }

  /// A worker's state is its own: a counter in it sees only that worker's chunks, so the counts add up to the
  /// number of chunks, and no state ever sees two chunks at once.
  @Test(arguments: [1, 4])
  func eachWorkerKeepsItsOwnState(workers: Int) {
    final class Counter {
      var chunks = 0
      var busy = false
    }
    let outputs = OrderedWork.map(count: 200, chunkSize: 1, workers: workers, state: { Counter() }) { counter, range in
      #expect(!counter.busy)
      counter.busy = true
      defer { counter.busy = false }
      counter.chunks += 1
      return [counter.chunks]
    }
    #expect(outputs.count == 200)
    // Each worker numbers its own chunks 1, 2, 3, …: one worker numbers them all in order.
    if workers == 1 { #expect(outputs == Array(1...200)) }
    #expect(outputs.filter { $0 == 1 }.count <= workers)
  }

  @Test(arguments: [1, 2, 5])
  func pipelineConsumesInProductionOrderAndProducesOnTheCallingThread(workers: Int) {
    var produced = 0
    var consumed: [Int] = []
    let caller = Thread.current
    var producedElsewhere = false
    OrderedWork.pipeline(
      workers: workers,
      produce: { () -> Int? in
        if Thread.current != caller { producedElsewhere = true }
        guard produced < 500 else { return nil }
        defer { produced += 1 }
        return produced
      },
      state: {},
      transform: { _, n in
        // Uneven work, so later inputs often finish first.
        var x = 0
        for i in 0..<((500 - n) * 20) { x &+= i }
        return (n, x)
      },
      consume: { consumed.append($0.0) })
    #expect(consumed == Array(0..<500))
    #expect(!producedElsewhere)
  }
}
