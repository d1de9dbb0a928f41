import Foundation
import QuizModel

/// Runs a grading run over a CSV reader with one or more threads, in batches of records.
///
/// The calling thread owns the two sequential stages: it reads batches from the CSV (numbering them) and
/// commits prepared batches to the run strictly in input order, so the outputs are the same bytes whatever
/// the number of workers. The prepare stage (grading and line building, see
/// ``RecordBatch/prepare(grader:layout:)``) is done by `workers − 1` helper threads, and by the calling
/// thread when it has nothing else to do. Keeping every change to the run on one thread also keeps its
/// growing tables in one malloc arena. Memory holds at most ``inFlightLimit`` batches.
///
/// Ownership: ``reader`` and ``run`` are touched only by the calling thread. ``queue``, ``ready``, ``spare``,
/// ``closed`` and ``helpersRunning`` are touched only while holding ``state``. A batch belongs to whoever
/// took it out of those collections, until it puts it back.
final class GradingPipeline: @unchecked Sendable {
  private var reader: CSVReader
  private var run: GradingRun
  private let grader: Grader
  private let layout: Layout

  private let state = NSCondition()
  /// Batches read and waiting to be prepared, oldest first.
  private var queue: [RecordBatch] = []
  /// Prepared batches waiting for their turn, by sequence.
  private var ready: [Int: RecordBatch] = [:]
  /// Committed batches, kept for their storage.
  private var spare: [RecordBatch] = []
  /// Set when the helpers should stop.
  private var closed = false
  private var helpersRunning = 0

  /// More threads than this are not started, whatever is asked.
  static let maximumWorkers = 64

  init(reader: CSVReader, run: GradingRun, grader: Grader, layout: Layout) {
    self.reader = reader
    self.run = run
    self.grader = grader
    self.layout = layout
  }

  /// Grades every remaining record with `workers` threads in all (the calling one included; at most
  /// ``maximumWorkers``); returns the
  /// reader (at the end of the input) and the run, ready to finish.
  func run(workers: Int) throws(CSVError) -> (CSVReader, GradingRun) {
    let helpers = max(0, min(workers, GradingPipeline.maximumWorkers) - 1)
    state.lock()
    helpersRunning = helpers
    state.unlock()
    for _ in 0..<helpers {
      let thread = Thread { [self] in help() }
      thread.name = "grading"
      thread.start()
    }
    let failure = drive(inFlightLimit: helpers == 0 ? 1 : 2 * workers)
    state.lock()
    closed = true
    state.broadcast()
    while helpersRunning > 0 { state.wait() }
    state.unlock()
    if let failure { throw failure }
    return (reader, run)
  }

  /// The calling thread: reads, commits in order, and prepares when it would otherwise wait.
  private func drive(inFlightLimit: Int) -> CSVError? {
    var nextRead = 0
    var nextCommit = 0
    var inputEnded = false
    var failure: CSVError?
    state.lock()
    while true {
      if var batch = ready.removeValue(forKey: nextCommit) {
        state.unlock()
        if failure == nil {
          run.commit(batch)
          failure = batch.error
        }
        batch.reset(sequence: -1)
        nextCommit += 1
        state.lock()
        spare.append(batch)
        continue
      }
      if inputEnded, nextCommit == nextRead { break }
      if !inputEnded, nextRead - nextCommit < inFlightLimit {
        var batch = spare.popLast() ?? RecordBatch()
        state.unlock()
        batch.reset(sequence: nextRead)
        batch.fill(from: &reader, layout: layout)
        nextRead += 1
        inputEnded = batch.isLast
        state.lock()
        queue.append(batch)
        state.signal()
        continue
      }
      if !queue.isEmpty {
        var batch = queue.removeFirst()
        state.unlock()
        batch.prepare(grader: grader, layout: layout)
        state.lock()
        ready[batch.sequence] = batch
        continue
      }
      // Every batch in flight is being prepared by a helper.
      state.wait()
    }
    state.unlock()
    return failure
  }

  /// A helper thread: prepares queued batches until closed.
  private func help() {
    state.lock()
    while true {
      if !queue.isEmpty {
        var batch = queue.removeFirst()
        state.unlock()
        batch.prepare(grader: grader, layout: layout)
        state.lock()
        ready[batch.sequence] = batch
        state.broadcast()
        continue
      }
      if closed { break }
      state.wait()
    }
    helpersRunning -= 1
    state.broadcast()
    state.unlock()
  }
}
