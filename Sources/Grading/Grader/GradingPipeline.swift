import QuizModel

extension Grader {
  /// Grades every remaining record of `reader` into `run` on `workers` threads in all (the calling one
  /// included); returns the reader (at the end of the input) and the run, ready to finish.
  ///
  /// An ``OrderedWork`` pipeline over batches of records: the calling thread reads batches from the CSV
  /// (``RecordBatch/fill(from:layout:)``) and commits them to the run strictly in input order
  /// (``GradingRun/commit(_:)``), so the outputs are the same bytes whatever the number of workers; any
  /// thread prepares them (``RecordBatch/prepare(grader:layout:kept:)``: grading and line building, and with
  /// `kept` known, superseding). Committed batches are kept for their storage.
  func gradeRecords(_ reader: CSVReader, into run: GradingRun, layout: Layout, kept: KeptAnswers?, workers: Int)
    throws(CSVError) -> (CSVReader, GradingRun)
  {
    var reader = reader
    var run = run
    let grader = self
    try Grader.forEachBatch(
      of: &reader, layout: layout, workers: workers,
      transform: { batch in batch.prepare(grader: grader, layout: layout, kept: kept) },
      consume: { batch in run.commit(batch) })
    return (reader, run)
  }

  /// Reads the remaining records of `reader` in batches, lets any of `workers` threads `transform` each batch,
  /// and hands the batches to `consume` on the calling thread strictly in input order, until the input ends or a
  /// batch carries an error (thrown after that batch was consumed). The calling thread only cuts the input into
  /// pieces of whole records (``CSVReader/nextPiece(minimumBytes:)``); the thread that transforms a batch
  /// parses its piece first, so the records are read in parallel. Consumed batches are kept for their storage.
  static func forEachBatch(
    of reader: inout CSVReader, layout: Layout, workers: Int,
    transform: @escaping @Sendable (inout RecordBatch) -> Void,
    consume: (RecordBatch) -> Void
  ) throws(CSVError) {
    var input = reader
    var spare: [RecordBatch] = []
    var inputEnded = false
    var failure: CSVError?
    OrderedWork.pipeline(
      workers: workers,
      produce: { () -> RecordBatch? in
        // After a malformed record, nothing further is read.
        guard !inputEnded, failure == nil else { return nil }
        var batch = spare.popLast() ?? RecordBatch()
        batch.reset()
        do throws(CSVError) {
          switch try input.nextPiece(minimumBytes: RecordBatch.byteLimit) {
          case .piece(let piece): batch.piece = piece
          case .end: return nil
          case .sequential:
            batch.fill(from: &input, layout: layout)
            inputEnded = batch.isLast
          }
        } catch {
          batch.error = error
          batch.isLast = true
          inputEnded = true
        }
        return batch
      },
      state: {},
      transform: { _, batch in
        var batch = batch
        batch.fill(layout: layout)
        transform(&batch)
        return batch
      },
      consume: { batch in
        if failure == nil {
          consume(batch)
          failure = batch.error
        }
        spare.append(batch)
      })
    reader = input
    if let failure { throw failure }
  }
}
