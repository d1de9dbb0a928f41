import QuizModel

extension Grader {
  /// Grades every remaining record of `reader` into `run` on `workers` threads in all (the calling one
  /// included); returns the reader (at the end of the input) and the run, ready to finish.
  ///
  /// An ``OrderedWork`` pipeline over batches of records: the calling thread reads batches from the CSV
  /// (``RecordBatch/fill(from:layout:)``) and commits them to the run strictly in input order
  /// (``GradingRun/commit(_:)``), so the outputs are the same bytes whatever the number of workers; any
  /// thread prepares them (``RecordBatch/prepare(grader:layout:)``: grading and line building). Committed
  /// batches are kept for their storage.
  func gradeRecords(_ reader: CSVReader, into run: GradingRun, layout: Layout, workers: Int)
    throws(CSVError) -> (CSVReader, GradingRun)
  {
    var reader = reader
    var run = run
    var spare: [RecordBatch] = []
    var inputEnded = false
    var failure: CSVError?
    let grader = self
    OrderedWork.pipeline(
      workers: workers,
      produce: { () -> RecordBatch? in
        guard !inputEnded else { return nil }
        var batch = spare.popLast() ?? RecordBatch()
        batch.reset()
        batch.fill(from: &reader, layout: layout)
        inputEnded = batch.isLast
        return batch
      },
      state: {},
      transform: { _, batch in
        var batch = batch
        batch.prepare(grader: grader, layout: layout)
        return batch
      },
      consume: { batch in
        if failure == nil {
          run.commit(batch)
          failure = batch.error
        }
        spare.append(batch)
      })
    if let failure { throw failure }
    return (reader, run)
  }
}
