import Foundation
import QuizModel

/// The state of one grading run: the open outputs, every student's progress, and the counts the report is
/// drawn from. Records arrive in batches through ``commit(_:)``, in input order.
struct GradingRun {
  /// One student's answer to one question (slot) of an item: which variant's part it answered, and its points.
  struct SlotState {
    /// The variant whose part was answered in this slot, or −1.
    var variant: Int32 = -1
    var points: Points = .zero
    /// The row of the answer that counts.
    var firstRow: Int32 = 0
    /// The answer the run's ``AttemptsRule`` keeps so far (``GradingRun/answerPosition(row:column:)``), and its
    /// points: what a second pass grades.
    var kept: Int64 = -1
    var keptPoints: Points = .zero
  }

  let grader: Grader
  let key: KeyIndex
  let layout: Layout
  let folder: URL
  let responses: OutputFile
  /// Every answer a person should look at (``Verdict/isFlagged``), and question columns whose points differ
  /// from the key's.
  let review: OutputFile
  var reviewLine: [UInt8] = []
  var counts: GradingSummary

  // Students, in order of first appearance.
  var studentIDs: [String] = []
  var studentNames: [String] = []
  var studentInfo: [[String]] = []
  /// `key.slotCount` slots per student, in student order.
  var slotStates: [SlotState] = []

  // Statistics.
  var partVerdicts: [[Int]]
  var partPoints: [Points]
  var partMisconceptions: [[String: Int]]
  /// Per variant: students who answered at least one of its parts, the points they got, and the points of the
  /// parts they answered.
  var variantStudents: [Int]
  var variantPoints: [Points]
  var variantPossible: [Points]
  var partHasColumn: [Bool]
  var touched: [Bool]
  /// Slots (questions) with a non-blank cell in the record being processed.
  var touchedSlots: [Bool]
  /// The responses.csv line being built.
  var line: [UInt8] = []
  var verdictCounts = Array(repeating: 0, count: Verdict.allCases.count)
  var lastStudentID: [UInt8] = []
  var lastStudent = -1
  var studentTable = ByteTable<Int>(capacity: 1024)
  /// Student ids holding U+FFFD as written to the outputs: two raw ids that read the same are flagged in
  /// ``GradingSummary/ambiguousStudents``.
  var replacedIDs: [String: Int] = [:]

  /// Set on the second pass of a run whose students answered some question twice: the answer that counts, per
  /// student and slot (``answerPosition(row:column:)``, −1: none). Nil on the first pass.
  let winners: [Int64]?
  /// Whether some student answered some question more than once (the first pass then keeps the first answer).
  var repeats = false

  init(grader: Grader, layout: Layout, folder: URL, winners: [Int64]? = nil) throws(GradingError) {
    self.grader = grader
    self.winners = winners
    key = grader.key
    self.layout = layout
    self.folder = folder
    counts = GradingSummary(format: layout.format)
    counts.unmatchedColumns = layout.unmatched
    responses = try OutputFile(folder.appendingPathComponent("responses.csv"), spreadsheet: true)
    partVerdicts = Array(repeating: Array(repeating: 0, count: Verdict.allCases.count), count: key.parts.count)
    partPoints = Array(repeating: .zero, count: key.parts.count)
    partMisconceptions = Array(repeating: [:], count: key.parts.count)
    variantStudents = Array(repeating: 0, count: key.variants.count)
    variantPoints = Array(repeating: .zero, count: key.variants.count)
    variantPossible = Array(repeating: .zero, count: key.variants.count)
    partHasColumn = Array(repeating: false, count: key.parts.count)
    for column in layout.answers { if let p = column.part { partHasColumn[p] = true } }
    // Moodle: every slot's response holds every part of the variant drawn (Cloze included).
    if layout.format == .moodle { partHasColumn = Array(repeating: true, count: key.parts.count) }
    // A personalised quiz: a label's column answers, for each student, the part printed under it.
    let labels = Set(layout.answers.compactMap(\.label))
    for printed in key.roster.values {
      for (label, p) in printed where labels.contains(label) { partHasColumn[p] = true }
    }
    touched = Array(repeating: false, count: key.items.count)
    touchedSlots = Array(repeating: false, count: key.slotCount)
    var header = [
      "row", "student", "item", "response", "parsed", "unit", "key", "low", "high", "verdict", "points",
      "possible", "misconception", "feedback",
    ]
    header += layout.carried.map { layout.header[$0] }
    responses.row(header)
    review = try OutputFile(folder.appendingPathComponent("review.csv"), spreadsheet: true)
    review.row(["row", "student", "item", "response", "verdict", "reason"])
    for column in layout.answers where column.part == nil && column.label == nil {
      let closest = KeyIndex.closestQuestion(to: column.header, in: grader.quiz)
      counts.closestQuestions.append(closest ?? "")
      review.row([
        "1", "", column.header, "", "unknown-item",
        "no question of the key matches this column"
          + (closest.map { "; the closest is: \($0)" } ?? ""),
      ])
    }
    for slot in layout.moodleUnidentified(key) {
      counts.unidentifiedSlots.append(slot)
      review.row([
        "1", "", slot, "", "unknown-item",
        "the report has no Question column for this slot, whose category holds "
          + "several variants: which one each student drew cannot be told; in Moodle, tick \"Question text\" "
          + "under the Responses report's Display options and download it again",
      ])
    }
    for column in layout.answers {
      guard let p = column.part, let written = column.points, written != key.parts[p].points else { continue }
      counts.pointsMismatches.append(column.header)
      review.row([
        "1", "", column.header, "", "points",
        "the report gives this question \(written) points, the key \(key.parts[p].points): the key's are used",
      ])
    }
  }

  // MARK: Rows

  /// Accounts for the records of `batch`, in order: registers students, catches duplicates, adds up the
  /// statistics and writes each record's lines. The only stage that changes the run.
  mutating func commit(_ batch: RecordBatch) {
    // Prepared lines that follow each other are written in one go.
    var pending = 0..<0
    for record in batch.records {
      let fields = CSVFields(
        storage: batch.bytes, start: record.byteStart, ends: batch.ends, endStart: record.endStart,
        count: record.fieldCount)
      counts.rowsIn += 1
      let (flagged, usesPrepared) = commit(record, fields: fields, flushing: &pending, of: batch)
      if flagged { counts.rowsFlagged += 1 } else { counts.rowsGraded += 1 }
      if usesPrepared {
        pending = pending.isEmpty ? record.lineStart..<record.lineEnd : pending.lowerBound..<record.lineEnd
      }
    }
    if !pending.isEmpty { responses.write(batch.lines[pending]) }
  }

  /// Accounts for one record; returns whether it is flagged, and whether its prepared line stands (the
  /// caller writes it). Before writing a line of its own it writes the `pending` prepared lines.
  private mutating func commit(
    _ record: RecordBatch.Record, fields: CSVFields, flushing pending: inout Range<Int>, of batch: RecordBatch
  )
    -> (flagged: Bool, usesPrepared: Bool)
  {
    func flush() {
      if !pending.isEmpty { responses.write(batch.lines[pending]) }
      pending = 0..<0
    }
    if layout.format == .moodle {
      flush()
      return (commitMoodle(row: record.row, fields: fields), false)
    }
    let studentID = layout.anonymous ? respondent(row: record.row) : trimmed(fields[layout.student])
    let student = index(of: studentID, fields: fields)
    guard let outcome = record.outcome else { preconditionFailure("A batch is prepared before it is committed") }
    /// Counts a grade whose prepared lines stand, and writes its prepared review.csv line when flagged; returns
    /// whether it is flagged.
    func standPrepared(_ grade: ResponseGrade) -> Bool {
      verdictCounts[grade.verdict.index] += 1
      if grade.verdict.isFlagged { review.write(batch.reviewLines[record.reviewStart..<record.reviewEnd]) }
      return grade.verdict.isFlagged
    }
    switch outcome {
    case .columns(let gradeStart):
      flush()
      let grades = batch.columnGrades[gradeStart..<(gradeStart + layout.answers.count)]
      return (
        processAnswerColumns(
          row: record.row, student: student, studentID: studentID, fields: fields,
          pregraded: grades), false
      )
    case .final(let grade):
      return (standPrepared(grade), true)
    case .graded(let partIndex, let grade):
      guard let student else { preconditionFailure("A graded response names a student") }
      let part = key.parts[partIndex]
      if let superseded = superseded(
        student: student, part: part, at: Self.answerPosition(row: record.row, column: 0), grade: grade)
      {
        flush()
        return (
          emit(
            row: record.row, studentID: studentID, item: trimmed(fields[layout.item]),
            raw: fields[layout.response], part: part, grade: superseded, fields: fields), false
        )
      }
      account(grade, student: student, part: part, row: record.row, column: 0)
      return (standPrepared(grade), true)
    }
  }
}
