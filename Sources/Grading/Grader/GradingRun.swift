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
  /// The bytes of an anonymous respondent's id (``respondent(row:)``); the run deallocates them when finished.
  let anonymousID: UnsafeMutableBufferPointer<UInt8>
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
    touched = Array(repeating: false, count: key.items.count)
    touchedSlots = Array(repeating: false, count: key.slotCount)
    anonymousID = .allocate(capacity: layout.anonymous ? 32 : 0)
    var header = ["row", "student", "item", "response", "parsed", "unit", "key", "low", "high", "verdict", "points",
                  "possible", "misconception", "feedback"]
    header += layout.carried.map { layout.header[$0] }
    responses.row(header)
    review = try OutputFile(folder.appendingPathComponent("review.csv"), spreadsheet: true)
    review.row(["row", "student", "item", "response", "verdict", "reason"])
    for column in layout.answers where column.part == nil {
      let closest = key.closestQuestion(to: column.header)
      counts.closestQuestions.append(closest ?? "")
      review.row(["1", "", column.header, "", "unknown-item", "no question of the key matches this column"
                    + (closest.map { "; the closest is: \($0)" } ?? "")])
    }
    for column in layout.answers {
      guard let p = column.part, let written = column.points, written != key.parts[p].points else { continue }
      counts.pointsMismatches.append(column.header)
      review.row(["1", "", column.header, "", "points", "the report gives this question \(written) points, the key \(key.parts[p].points): the key's are used"])
    }
  }

  // MARK: Rows

  /// Accounts for the records of `batch`, in order: registers students, catches duplicates, adds up the
  /// statistics and writes each record's lines. The only stage that changes the run.
  mutating func commit(_ batch: RecordBatch) {
    // One borrow of the batch's storage for all its records: a closure per record would copy the run.
    batch.bytes.withUnsafeBufferPointer { bytes in
      batch.ends.withUnsafeBufferPointer { ends in
        batch.lines.withUnsafeBufferPointer { lines in
          batch.records.withUnsafeBufferPointer { records in
          batch.columnGrades.withUnsafeBufferPointer { columnGrades in
            // Prepared lines that follow each other are written in one go.
            var pending = 0..<0
            for record in records {
              let fields = CSVFields(bytes: UnsafeBufferPointer(rebasing: bytes[record.byteStart...]),
                                     ends: UnsafeBufferPointer(rebasing: ends[record.endStart..<(record.endStart + record.fieldCount)]))
              counts.rowsIn += 1
              let (flagged, usesPrepared) = commit(record, fields: fields, flushing: &pending, lines: lines,
                                                   columnGrades: columnGrades)
              if flagged { counts.rowsFlagged += 1 } else { counts.rowsGraded += 1 }
              if usesPrepared {
                pending = pending.isEmpty ? record.lineStart..<record.lineEnd : pending.lowerBound..<record.lineEnd
              }
            }
            if !pending.isEmpty { responses.write(UnsafeBufferPointer(rebasing: lines[pending])) }
          }
          }
        }
      }
    }
  }

  /// Accounts for one record; returns whether it is flagged, and whether its prepared line stands (the
  /// caller writes it). Before writing a line of its own it writes the `pending` prepared lines.
  private mutating func commit(_ record: RecordBatch.Record, fields: CSVFields, flushing pending: inout Range<Int>,
                               lines: UnsafeBufferPointer<UInt8>, columnGrades: UnsafeBufferPointer<ResponseGrade?>)
    -> (flagged: Bool, usesPrepared: Bool)
  {
    let studentID = layout.anonymous ? respondent(row: record.row) : trimmed(fields[layout.student])
    let student = index(of: studentID, fields: fields)
    func flush() {
      if !pending.isEmpty { responses.write(UnsafeBufferPointer(rebasing: lines[pending])) }
      pending = 0..<0
    }
    switch record.outcome {
    case .none:
      flush()
      switch layout.format {
      case .long:
        return (respond(row: record.row, student: student, studentID: studentID, item: trimmed(fields[layout.item]),
                        raw: fields[layout.response], fields: fields), false)
      case .wide, .canvas, .googleForms:
        return (processAnswerColumns(row: record.row, student: student, studentID: studentID, fields: fields), false)
      }
    case let .columns(gradeStart):
      flush()
      let grades = UnsafeBufferPointer(rebasing: columnGrades[gradeStart..<(gradeStart + layout.answers.count)])
      return (processAnswerColumns(row: record.row, student: student, studentID: studentID, fields: fields,
                                   pregraded: grades), false)
    case let .final(grade):
      verdictCounts[grade.verdict.index] += 1
      if grade.verdict.isFlagged {
        writeReview(row: record.row, studentID: studentID, item: trimmed(fields[layout.item]), raw: fields[layout.response], grade: grade)
      }
      return (grade.verdict.isFlagged, true)
    case let .graded(partIndex, grade):
      guard let student else { preconditionFailure("A graded response names a student") }
      let part = key.parts[partIndex]
      if let superseded = superseded(student: student, part: part, at: Self.answerPosition(row: record.row, column: 0), grade: grade) {
        flush()
        return (emit(row: record.row, studentID: studentID, item: trimmed(fields[layout.item]),
                     raw: fields[layout.response], part: part, grade: superseded, fields: fields), false)
      }
      account(grade, student: student, part: part, row: record.row, column: 0)
      verdictCounts[grade.verdict.index] += 1
      if grade.verdict.isFlagged {
        writeReview(row: record.row, studentID: studentID, item: trimmed(fields[layout.item]), raw: fields[layout.response], grade: grade)
      }
      return (grade.verdict.isFlagged, true)
    }
  }

  /// Where an answer is in the input, in file order: its row, then its answer column (0 in long files).
  static func answerPosition(row: Int, column: Int) -> Int64 { Int64(row) << 20 | Int64(column) }

  /// The row of an ``answerPosition(row:column:)``.
  static func row(of position: Int64) -> Int64 { position >> 20 }

  /// The `superseded` verdict when another answer of `student` to this question (`part`'s slot, from this or
  /// another variant) counts instead of `grade`, given at `position`; nil when this one counts (or is blank).
  ///
  /// On the first pass, the first answer counts and the answer the run's rule keeps is remembered; when any
  /// answer was repeated and the rule is not `first`, the grader runs a second pass with ``winners``.
  private mutating func superseded(student: Int, part: PreparedPart, at position: Int64, grade: ResponseGrade) -> ResponseGrade? {
    guard grade.verdict != .blank else { return nil }
    let index = student * key.slotCount + part.slot
    let rule = grader.attempts
    if let winners {
      guard index < winners.count else { return nil }
      let winner = winners[index]
      guard winner >= 0, winner != position else { return nil }
      return ResponseGrade(verdict: .superseded, points: 0, value: grade.value, option: grade.option,
                           feedback: "Superseded by the answer in row \(Self.row(of: winner)): the \(rule) answer to this question counts.")
    }
    var state = slotStates[index]
    guard state.variant >= 0 else { return nil }
    repeats = true
    switch rule {
    case .first: break
    case .last:
      state.kept = position
      state.keptPoints = grade.points
    case .best:
      if grade.points >= state.keptPoints {
        state.kept = position
        state.keptPoints = grade.points
      }
    }
    slotStates[index] = state
    let other = key.parts[key.variants[Int(state.variant)].parts[part.position]].label
    return ResponseGrade(verdict: .superseded, points: 0, value: grade.value, option: grade.option,
                         feedback: "Superseded by the answer in row \(state.firstRow) (\(other)): the first answer to this question counts.")
  }

  /// The answer that counts for each student and slot, by the run's rule: what a second pass needs.
  var keptAnswers: [Int64] { slotStates.map { $0.variant >= 0 ? $0.kept : -1 } }

  /// Records a response that counts: the student's slot and the statistics.
  private mutating func account(_ grade: ResponseGrade, student: Int, part: PreparedPart, row: Int, column: Int) {
    if grade.verdict != .blank {
      let base = student * key.slotCount
      var s = slotStates[base + part.slot]
      if s.variant < 0 {
        s.kept = Self.answerPosition(row: row, column: column)
        s.keptPoints = grade.points
        // A student counts once for a variant, however many of its parts they answered.
        let item = key.items[part.item]
        if !item.slots.contains(where: { $0 != part.slot && slotStates[base + $0].variant == Int32(part.variant) }) {
          variantStudents[part.variant] += 1
        }
        s.variant = Int32(part.variant)
        s.firstRow = Int32(clamping: row)
        variantPossible[part.variant] += part.points
      }
      s.points += grade.points
      slotStates[base + part.slot] = s
      variantPoints[part.variant] += grade.points
    }
    partVerdicts[part.index][grade.verdict.index] += 1
    partPoints[part.index] += grade.points
    if let m = grade.misconception { partMisconceptions[part.index][m, default: 0] += 1 }
  }

  /// The points of `student` for each item (nil for an item with no answered question).
  func itemPoints(student: Int) -> [Points?] {
    let base = student * key.slotCount
    return key.items.map { item in
      var total = Points.zero, answered = false
      for slot in item.slots where slotStates[base + slot].variant >= 0 {
        answered = true
        total += slotStates[base + slot].points
      }
      return answered ? total : nil
    }
  }

  /// Wide formats: grades each non-empty answer cell, then writes the blanks.
  /// `pregraded` holds, by answer column, the grades the prepare stage computed (nil for blank cells and
  /// columns no part matches).
  private mutating func processAnswerColumns(row: Int, student: Int?, studentID: UnsafeBufferPointer<UInt8>,
                                             fields: CSVFields, pregraded: UnsafeBufferPointer<ResponseGrade?>? = nil) -> Bool {
    var flagged = false
    for i in touched.indices { touched[i] = false }
    for i in touchedSlots.indices { touchedSlots[i] = false }
    var any = false
    for (c, column) in layout.answers.enumerated() {
      let isBlank = isBlankField(fields[column.column])
      if isBlank { continue }
      any = true
      let label: String
      if let p = column.part {
        label = key.parts[p].label
        touched[key.parts[p].item] = true
        touchedSlots[key.parts[p].slot] = true
      } else {
        label = column.header
      }
      let f = withBytes(of: label) { item in
        respond(row: row, student: student, studentID: studentID, item: item, raw: fields[column.column], fields: fields,
                part: column.part, known: true, pregraded: pregraded?[c], column: c)
      }
      flagged = flagged || f
    }
    if let student {
      let blanks = emitBlanks(row: row, student: student, studentID: studentID, fields: fields)
      if !any, !blanks {
        // A row with no answers from a student whose items were all answered in earlier rows (an empty later
        // attempt): it still gets its line, so every input row appears in responses.csv.
        emit(row: row, studentID: studentID, item: empty, raw: empty, part: nil,
             grade: ResponseGrade(verdict: .blank, points: 0, feedback: "The row has no answers; this student's answers are in earlier rows."),
             fields: fields)
      }
    } else if !any {
      emit(row: row, studentID: studentID, item: empty, raw: empty, part: nil,
           grade: ResponseGrade(verdict: .blank, points: 0, feedback: "The row names no student and has no answers."),
           fields: fields)
    }
    return flagged
  }

  private func isBlankField(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for b in bytes where b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { return false }
    return true
  }

  /// The student's index, adding the student on first sight; nil for an empty id.
  private mutating func index(of id: UnsafeBufferPointer<UInt8>, fields: CSVFields) -> Int? {
    if id.isEmpty { return nil }
    if lastStudent >= 0, lastStudentID.withUnsafeBufferPointer({ bytesEqual($0, id) }) { return lastStudent }
    lastStudentID.removeAll(keepingCapacity: true)
    lastStudentID.append(contentsOf: id)
    if let i = studentTable.value(for: id) {
      lastStudent = i
      return i
    }
    let i = studentIDs.count
    studentTable.insert(id, value: i)
    let text = String(decoding: id, as: UTF8.self)
    // Two different raw ids that read the same once invalid bytes become U+FFFD would look like one student
    // in every output: flag them (both texts then hold U+FFFD).
    if text.unicodeScalars.contains("\u{FFFD}") {
      if replacedIDs[text] == nil {
        replacedIDs[text] = i
      } else if !counts.ambiguousStudents.contains(text) {
        counts.ambiguousStudents.append(text)
      }
    }
    studentIDs.append(text)
    studentNames.append(layout.name.map { fields.trimmedString($0) } ?? "")
    if layout.format == .canvas {
      studentInfo.append([layout.canvasID, layout.canvasSISID, layout.canvasSection].map { c in
        c.map { fields.trimmedString($0) } ?? ""
      })
    }
    slotStates.append(contentsOf: repeatElement(SlotState(), count: key.slotCount))
    lastStudent = i
    return i
  }

  /// Grades one response and writes its line; returns whether it is flagged.
  private mutating func respond(row: Int, student: Int?, studentID: UnsafeBufferPointer<UInt8>, item: UnsafeBufferPointer<UInt8>,
                                raw: UnsafeBufferPointer<UInt8>, fields: CSVFields, part known: Int? = nil,
                                known isKnown: Bool = false, pregraded: ResponseGrade? = nil, column: Int = 0) -> Bool {
    let partIndex: Int
    if isKnown {
      guard let known else {
        return emit(row: row, studentID: studentID, item: item, raw: raw, part: nil,
                    grade: ResponseGrade(verdict: .unknownItem, points: 0,
                                         feedback: "No question of the quiz matches this column."), fields: fields)
      }
      partIndex = known
    } else {
      switch key.byNameBytes.value(for: item) {
      case let .part(p)?:
        partIndex = p
      case let .needsAnswerID(v)?:
        let names = key.variants[v].parts.map { key.parts[$0].label }.joined(separator: ", ")
        return emit(row: row, studentID: studentID, item: item, raw: raw, part: nil,
                    grade: ResponseGrade(verdict: .unknownItem, points: 0,
                                         feedback: "\(quoted(String(decoding: item, as: UTF8.self))) has several parts: name one of \(names)."),
                    fields: fields)
      case nil:
        return emit(row: row, studentID: studentID, item: item, raw: raw, part: nil,
                    grade: ResponseGrade(verdict: .unknownItem, points: 0,
                                         feedback: "No item \(quoted(String(decoding: item, as: UTF8.self))) in the key for this bank and seed."),
                    fields: fields)
      }
    }
    let part = key.parts[partIndex]
    guard let student else {
      return emit(row: row, studentID: studentID, item: item, raw: raw, part: part,
                  grade: ResponseGrade(verdict: .unreadable, points: 0, feedback: "The row names no student."), fields: fields)
    }
    let grade = pregraded ?? grader.grade(raw, part: part)
    if let superseded = superseded(student: student, part: part, at: Self.answerPosition(row: row, column: column), grade: grade) {
      return emit(row: row, studentID: studentID, item: item, raw: raw, part: part, grade: superseded, fields: fields)
    }
    account(grade, student: student, part: part, row: row, column: column)
    return emit(row: row, studentID: studentID, item: item, raw: raw, part: part, grade: grade, fields: fields)
  }

  /// Wide formats: a blank line for each item the student has not answered at all, and for each question of an
  /// item answered in this row that is still unanswered (named by the part of a variant answered in the item).
  /// Returns whether it wrote a line (a blank needs no review, so none of them flags the row).
  private mutating func emitBlanks(row: Int, student: Int, studentID: UnsafeBufferPointer<UInt8>, fields: CSVFields) -> Bool {
    let base = student * key.slotCount
    var wrote = false
    for (itemIndex, item) in key.items.enumerated() {
      if layout.format == .canvas {
        // Canvas draws each question group (a part of a problem) on its own: a group whose question the student
        // left empty is one blank, whichever variant was drawn.
        for (position, slot) in item.slots.enumerated() where slotStates[base + slot].variant < 0 && !touchedSlots[slot] {
          let label = item.slots.count == 1 ? item.template
            : item.template + "#" + (key.variants[item.variants[0]].parts.dropFirst(position).first.map { key.parts[$0].answer.id } ?? "\(position + 1)")
          wrote = true
          _ = withBytes(of: label) { name in
            emit(row: row, studentID: studentID, item: name, raw: empty, part: nil,
                 grade: ResponseGrade(verdict: .blank, points: 0,
                                      feedback: "No answer to \(quoted(item.title, limit: 60))\(item.slots.count == 1 ? "" : ", part \(position + 1)")."),
                 fields: fields)
          }
        }
        continue
      }
      var answered: Int32? = nil
      for slot in item.slots where slotStates[base + slot].variant >= 0 {
        answered = slotStates[base + slot].variant
        break
      }
      guard let answeredVariant = answered else {
        // Only when no column of this item was answered in this row (an unreadable answer still counts).
        guard !touched[itemIndex] else { continue }
        wrote = true
        _ = withBytes(of: item.template) { name in
          emit(row: row, studentID: studentID, item: name, raw: empty, part: nil,
               grade: ResponseGrade(verdict: .blank, points: 0, feedback: "No answer to any variant of \(quoted(item.title, limit: 60))."),
               fields: fields)
        }
        continue
      }
      guard touched[itemIndex] else { continue }
      let parts = key.variants[Int(answeredVariant)].parts
      for (position, slot) in item.slots.enumerated() where slotStates[base + slot].variant < 0 && position < parts.count {
        let p = parts[position]
        guard partHasColumn[p] else { continue }
        let part = key.parts[p]
        partVerdicts[p][Verdict.blank.index] += 1
        wrote = true
        _ = withBytes(of: part.label) { name in
          emit(row: row, studentID: studentID, item: name, raw: empty, part: part,
               grade: ResponseGrade(verdict: .blank, points: 0, feedback: "No answer."), fields: fields)
        }
      }
    }
    return wrote
  }


  /// An anonymous survey's respondent: `row N`, in a buffer the run owns (valid until the next call).
  private func respondent(row: Int) -> UnsafeBufferPointer<UInt8> {
    let text = Array("row \(row)".utf8)
    let count = min(text.count, anonymousID.count)
    for i in 0..<count { anonymousID[i] = text[i] }
    return UnsafeBufferPointer(rebasing: anonymousID[0..<count])
  }

  // MARK: Writing

  private mutating func writeReview(row: Int, studentID: UnsafeBufferPointer<UInt8>, item: UnsafeBufferPointer<UInt8>,
                                    raw: UnsafeBufferPointer<UInt8>, grade: ResponseGrade) {
    reviewLine.removeAll(keepingCapacity: true)
    reviewLine.appendReviewLine(row: row, studentID: studentID, item: item, raw: raw, grade: grade)
    review.write(reviewLine)
  }

  @discardableResult
  private mutating func emit(row: Int, studentID: UnsafeBufferPointer<UInt8>, item: UnsafeBufferPointer<UInt8>,
                             raw: UnsafeBufferPointer<UInt8>,
                             part: PreparedPart?, grade: ResponseGrade, fields: CSVFields) -> Bool {
    verdictCounts[grade.verdict.index] += 1
    if grade.verdict.isFlagged { writeReview(row: row, studentID: studentID, item: item, raw: raw, grade: grade) }
    line.removeAll(keepingCapacity: true)
    line.appendResponseLine(row: row, studentID: studentID, item: item, raw: raw, part: part, grade: grade,
                            fields: fields, carried: layout.carried)
    responses.write(line)
    return grade.verdict.isFlagged
  }

  // MARK: Finishing

  mutating func finish() throws -> GradingSummary {
    counts.students = studentIDs.count
    for verdict in Verdict.allCases where verdictCounts[verdict.index] > 0 {
      counts.verdicts[verdict] = verdictCounts[verdict.index]
    }
    let grades = try OutputFile(folder.appendingPathComponent("grades.csv"), spreadsheet: true)
    grades.row(["student", "name", "total", "maximum", "percent"] + key.items.map(\.template))
    var totals: [Points] = []
    totals.reserveCapacity(studentIDs.count)
    // Each line built as bytes: a grades.csv row per student.
    let maximumText = Array(key.maximum.twoDecimals.utf8)
    for s in studentIDs.indices {
      let points = itemPoints(student: s)
      let total = points.reduce(Points.zero) { $0 + ($1 ?? .zero) }
      totals.append(total)
      line.removeAll(keepingCapacity: true)
      line.appendCSVField(studentIDs[s])
      line.append(0x2C)
      line.appendCSVField(studentNames[s])
      line.append(0x2C)
      line.appendText(total.twoDecimals)
      line.append(0x2C)
      line.append(contentsOf: maximumText)
      line.append(0x2C)
      if key.maximum > .zero { line.appendText(percentText(total.value / key.maximum.value)) }
      for item in points {
        line.append(0x2C)
        if let item { line.appendText(item.twoDecimals) }
      }
      line.append(0x0A)
      grades.write(line)
    }
    var files = [responses, review, grades]
    anonymousID.deallocate()
    counts.anonymous = layout.anonymous
    if layout.format == .canvas, !layout.anonymous {
      let gradebook = try OutputFile(folder.appendingPathComponent("canvas-gradebook.csv"), spreadsheet: true)
      let column = grader.quiz.title.isEmpty ? "NernstQuiz" : grader.quiz.title
      gradebook.row(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", column])
      gradebook.row(["Points Possible", "", "", "", "", key.maximum.twoDecimals])
      for s in studentIDs.indices {
        let info = studentInfo[s]
        gradebook.row([studentNames[s], info[0], info[1], "", info[2], totals[s].twoDecimals])
      }
      files.append(gradebook)
    }
    let statistics = ReportStatistics(run: self, totals: totals.map(\.value))
    let report = try OutputFile(folder.appendingPathComponent("report.html"))
    report.write(HTMLReport(statistics: statistics, summary: counts, quizTitle: grader.quiz.title, seed: grader.quiz.seed).render())
    files.append(report)
    for file in files { try file.commit() }
    counts.files = files.map(\.destination)
    return counts
  }
}

/// A fraction as a percentage with one decimal: 0.8333 → "83.3".
func percentText(_ fraction: Double) -> String {
  guard fraction.isFinite, abs(fraction) < 1e12 else { return "" }
  let tenths = Int((fraction * 1000).rounded())
  return (tenths < 0 ? "-" : "") + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
}

/// No bytes.
private var empty: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: nil, count: 0) }

/// `bytes` without leading and trailing ASCII spaces, tabs and line breaks.
func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
  var start = 0
  var end = bytes.count
  while start < end, isASCIISpace(bytes[start]) { start += 1 }
  while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
  return start == 0 && end == bytes.count ? bytes : UnsafeBufferPointer(rebasing: bytes[start..<end])
}

/// Lends the UTF-8 bytes of `text`.
func withBytes<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
  if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
  return Array(text.utf8).withUnsafeBufferPointer(body)
}

extension Verdict {
  /// The position in ``allCases``, for counting arrays.
  var index: Int {
    switch self {
    case .correct: 0
    case .partial: 1
    case .incorrect: 2
    case .unreadable: 3
    case .wrongUnit: 4
    case .blank: 5
    case .unknownItem: 6
    case .superseded: 7
    }
  }
}
