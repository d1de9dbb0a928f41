import Foundation

/// Runs a grading run over a CSV reader with one or more threads, in batches of records.
///
/// Every worker repeats the same three steps: under ``readLock`` it takes the next batch of records from the
/// reader (numbering it); on its own it prepares the batch (grading and line building, see
/// ``RecordBatch/prepare(grader:layout:)``); then it waits for its batch's turn and commits it to the run.
/// Batches are committed strictly in input order, so the outputs are the same bytes whatever the number of
/// workers. Memory holds one batch per worker.
///
/// Ownership: ``reader``, ``nextSequence`` and ``inputDone`` are touched only while holding ``readLock``;
/// ``run`` and ``failure`` only by the worker whose batch's sequence equals ``nextToCommit`` (which only that
/// worker advances, under ``turn``; taking ``turn`` orders one owner's writes before the next owner's reads).
final class GradingPipeline: @unchecked Sendable {
  private let readLock = NSLock()
  private var reader: CSVReader
  private var nextSequence = 0
  private var inputDone = false

  private let turn = NSCondition()
  private var nextToCommit = 0
  private var run: GradingRun
  private var failure: CSVError?

  private let grader: Grader
  private let layout: Layout

  init(reader: CSVReader, run: GradingRun, grader: Grader, layout: Layout) {
    self.reader = reader
    self.run = run
    self.grader = grader
    self.layout = layout
  }

  /// Grades every remaining record with `workers` threads (the calling one included when 1); returns the
  /// reader (at the end of the input) and the run, ready to finish.
  func run(workers: Int) throws(CSVError) -> (CSVReader, GradingRun) {
    if workers <= 1 {
      work()
    } else {
      DispatchQueue.concurrentPerform(iterations: workers) { _ in self.work() }
    }
    if let failure { throw failure }
    return (reader, run)
  }

  /// One worker: read, prepare, commit, until the input ends.
  private func work() {
    var batch = RecordBatch()
    while true {
      readLock.lock()
      if inputDone {
        readLock.unlock()
        return
      }
      batch.reset(sequence: nextSequence)
      nextSequence += 1
      batch.fill(from: &reader, layout: layout)
      if batch.isLast { inputDone = true }
      readLock.unlock()

      batch.prepare(grader: grader, layout: layout)

      turn.lock()
      while nextToCommit != batch.sequence { turn.wait() }
      turn.unlock()
      if failure == nil {
        run.commit(batch)
        failure = batch.error
      }
      turn.lock()
      nextToCommit += 1
      turn.broadcast()
      turn.unlock()
    }
  }
}
