import QuizModel

/// A run of consecutive CSV records copied out of the reader, so that they can be graded on another thread
/// while the reader goes on.
///
/// A batch goes through three stages: ``fill(from:layout:)`` (sequential: it reads the CSV), ``prepare(grader:layout:kept:)``
/// (pure: it grades every response and builds its `responses.csv` line, and may run on any thread, several
/// batches at once), and ``GradingRun/commit(_:)`` (sequential, in input order: students, duplicates, totals
/// and output). Only the commit stage touches the run's state, so the result does not depend on how many
/// threads prepare.
struct RecordBatch {
  /// What the prepare stage found for a record.
  enum Outcome {
    /// The line is final whatever the student's history: an unknown item, or a row naming no student.
    case final(ResponseGrade)
    /// A graded response; the line holds unless the student already answered the part.
    case graded(part: Int, grade: ResponseGrade)
    /// Wide formats: the grades of the record's answer cells, one per answer column, from this index in
    /// ``columnGrades``; the commit stage writes the lines.
    case columns(gradeStart: Int)
  }

  struct Record {
    var row: Int
    /// Where the record's field bytes start in ``bytes``.
    var byteStart: Int
    /// Where its field ends (relative to ``byteStart``) start in ``ends``.
    var endStart: Int
    var fieldCount: Int
    /// Set by the prepare stage, which every batch goes through before it is committed.
    var outcome: Outcome?
    /// The prepared `responses.csv` line in ``lines``.
    var lineStart = 0
    var lineEnd = 0
    /// The prepared `review.csv` line in ``reviewLines`` (empty unless the outcome's grade is flagged).
    var reviewStart = 0
    var reviewEnd = 0
  }

  var bytes: [UInt8] = []
  var ends: [Int] = []
  var records: [Record] = []
  /// Prepared lines, back to back.
  var lines: [UInt8] = []
  /// Prepared `review.csv` lines, back to back.
  var reviewLines: [UInt8] = []
  /// Wide formats: by record and answer column, the grade of each non-blank cell that names a part.
  var columnGrades: [ResponseGrade?] = []
  /// ``findAnswers(key:layout:)``: the answer column (0 in long files) and question slot of each non-blank
  /// answer, record after record; record `r`'s end in ``answers``.
  var answers: [(column: Int, slot: Int)] = []
  var answerEnds: [Int] = []
  /// Raw records to be read into the batch by the thread that prepares it (``fill(layout:)``).
  var piece: CSVReader.Piece?
  /// The error that ended the input after the last record of this batch.
  var error: CSVError?
  /// Whether the input ended with this batch.
  var isLast = false

  /// At most this many records, and about this many field bytes, per batch.
  static let recordLimit = 512
  static let byteLimit = 1 << 15

  /// Empties the batch, keeping its storage.
  mutating func reset() {
    bytes.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    records.removeAll(keepingCapacity: true)
    lines.removeAll(keepingCapacity: true)
    reviewLines.removeAll(keepingCapacity: true)
    columnGrades.removeAll(keepingCapacity: true)
    answers.removeAll(keepingCapacity: true)
    answerEnds.removeAll(keepingCapacity: true)
    piece = nil
    error = nil
    isLast = false
  }

  /// Copies the next records of `reader` into the batch, checking that none has values past the header's
  /// last column. Sets ``isLast`` at the end of the input, and ``error`` (and ``isLast``) when the input
  /// cannot be read further.
  mutating func fill(from reader: inout CSVReader, layout: Layout) {
    fill(from: &reader, layout: layout, whole: false)
  }

  /// Reads the records of ``piece``, all of them, like ``fill(from:layout:)``; sets ``error`` when one of them
  /// is malformed (the records before it stay).
  mutating func fill(layout: Layout) {
    guard let piece else { return }
    self.piece = nil
    var reader = CSVReader(piece: piece)
    fill(from: &reader, layout: layout, whole: true)
  }

  private mutating func fill(from reader: inout CSVReader, layout: Layout, whole: Bool) {
    reader.lendStorage(bytes: &bytes, ends: &ends)
    defer { reader.returnStorage(bytes: &bytes, ends: &ends) }
    do throws(CSVError) {
      while whole || (records.count < RecordBatch.recordLimit && reader.recordStart < RecordBatch.byteLimit) {
        guard try reader.next() else {
          isLast = true
          return
        }
        let row = reader.row
        try RecordBatch.checkColumns(of: reader, layout: layout)
        records.append(
          Record(row: row, byteStart: reader.recordStart, endStart: reader.endsStart, fieldCount: reader.fieldCount))
      }
    } catch {
      self.error = error
      isLast = true
    }
  }

  /// Throws when the reader's current record has a non-empty field past the header's last column.
  static func checkColumns(of reader: CSVReader, layout: Layout) throws(CSVError) {
    guard reader.fieldCount > layout.header.count else { return }
    for c in layout.header.count..<reader.fieldCount where !reader.string(at: c).trimmingSpaces.isEmpty {
      throw CSVError(
        .tooManyFields, file: reader.fileName, row: reader.row, column: c + 1,
        message:
          "\(quoted(reader.string(at: c))) is past the last column (the header has \(layout.header.count) columns)")
    }
  }

  /// Lends the fields of record `index`.
  func withFields<R>(of index: Int, _ body: (CSVFields) throws -> R) rethrows -> R {
    let record = records[index]
    return try body(
      CSVFields(
        storage: bytes, start: record.byteStart, ends: ends, endStart: record.endStart, count: record.fieldCount))
  }

  /// Grades every response. Long format: also builds its `responses.csv` line, and its `review.csv` line when
  /// flagged: superseded when `kept` names another answer of the student to the question, otherwise as if the
  /// student had not answered the part before. Wide formats: grades each answer cell (see `prepareColumns`).
  /// Pure: reads only the grader, the layout and `kept`, writes only this batch.
  mutating func prepare(grader: Grader, layout: Layout, kept: KeptAnswers? = nil) {
    // Moodle: which part a cell answers depends on the row (the variant drawn), so the commit stage grades it.
    if layout.format == .moodle { return }
    guard layout.format == .long else {
      prepareColumns(grader: grader, layout: layout)
      return
    }
    let key = grader.key
    var lines = self.lines
    self.lines = []
    var reviewLines = self.reviewLines
    self.reviewLines = []
    var lastStudent = LastStudent()
    for r in records.indices {
      let start = lines.count
      let reviewStart = reviewLines.count
      let outcome: Outcome = withFields(of: r) { fields in
        let row = records[r].row
        let studentID = trimmed(fields[layout.student])
        let item = trimmed(fields[layout.item])
        let raw = fields[layout.response]
        func line(_ part: PreparedPart?, _ grade: ResponseGrade) {
          lines.appendResponseLine(
            row: row, studentID: studentID, item: item, raw: raw, part: part, grade: grade,
            fields: fields, carried: layout.carried)
          if grade.verdict.isFlagged {
            reviewLines.appendReviewLine(row: row, studentID: studentID, item: item, raw: raw, grade: grade)
          }
        }
        switch key.lookup(item: item, student: studentID) {
        case .part(let p)?:
          let part = key.parts[p]
          if studentID.isEmpty {
            let grade = ResponseGrade(verdict: .unreadable, points: 0, feedback: "The row names no student.")
            line(part, grade)
            return .final(grade)
          }
          let grade = grader.grade(raw, part: part)
          if let kept,
            let superseded = kept.superseded(
              studentID: studentID, part: part, at: GradingRun.answerPosition(row: row, column: 0), grade: grade,
              last: &lastStudent)
          {
            line(part, superseded)
            return .final(superseded)
          }
          line(part, grade)
          return .graded(part: p, grade: grade)
        case .needsAnswerID(let v)?:
          let names = key.variants[v].parts.map { key.parts[$0].label }.joined(separator: ", ")
          let grade = ResponseGrade(
            verdict: .unknownItem, points: 0,
            feedback: "\(quoted(String(decoding: item, as: UTF8.self))) has several parts: name one of \(names).")
          line(nil, grade)
          return .final(grade)
        case nil:
          let grade = ResponseGrade(
            verdict: .unknownItem, points: 0,
            feedback: key.rosterMiss(student: studentID, label: item)
              ?? "No item \(quoted(String(decoding: item, as: UTF8.self))) in the key.")
          line(nil, grade)
          return .final(grade)
        }
      }
      records[r].outcome = outcome
      records[r].lineStart = start
      records[r].lineEnd = lines.count
      records[r].reviewStart = reviewStart
      records[r].reviewEnd = reviewLines.count
    }
    self.lines = lines
    self.reviewLines = reviewLines
  }
}

extension RecordBatch {
  /// Finds the questions each record answers, without grading: what the `last` rule's first read needs
  /// (``Grader/lastAnswers(_:layout:workers:)``). A cell answers when the grader would not call it blank. Pure,
  /// like ``prepare(grader:layout:kept:)``.
  mutating func findAnswers(key: KeyIndex, layout: Layout) {
    func isBlank(_ raw: ByteView, _ part: PreparedPart) -> Bool {
      part.choice == nil ? NumberScanner.isBlank(raw) : String(decoding: raw, as: UTF8.self).allSatisfy(\.isWhitespace)
    }
    var found = answers
    answers = []
    for r in records.indices {
      withFields(of: r) { fields in
        let id = trimmed(fields[layout.student])
        if layout.format == .long {
          guard case .part(let p)? = key.lookup(item: trimmed(fields[layout.item]), student: id) else { return }
          let part = key.parts[p]
          if !isBlank(fields[layout.response], part) { found.append((0, part.slot)) }
        } else {
          for (c, column) in layout.answers.enumerated() {
            guard let p = key.part(of: column, student: id) else { continue }
            let part = key.parts[p]
            if !isBlank(fields[column.column], part) { found.append((c, part.slot)) }
          }
        }
      }
      answerEnds.append(found.count)
    }
    answers = found
  }

  /// Wide formats: grades every non-blank cell of a column that names a part. Pure, like
  /// ``prepare(grader:layout:kept:)``; which cells count as answered, and the blanks, are decided when committed.
  private mutating func prepareColumns(grader: Grader, layout: Layout) {
    let key = grader.key
    var grades = columnGrades
    columnGrades = []
    for r in records.indices {
      let start = grades.count
      withFields(of: r) { fields in
        let student = trimmed(fields[layout.student])
        for column in layout.answers {
          let raw = fields[column.column]
          if let p = key.part(of: column, student: student), raw.contains(where: { !isASCIISpace($0) }) {
            grades.append(grader.grade(raw, part: key.parts[p]))
          } else {
            grades.append(nil)
          }
        }
      }
      records[r].outcome = .columns(gradeStart: start)
    }
    columnGrades = grades
  }
}

/// Each verdict's name as bytes, by ``Verdict/index``.
let verdictNameBytes: [[UInt8]] = Verdict.allCases.map { Array($0.rawValue.utf8) }

extension Array where Element == UInt8 {
  /// The columns both `responses.csv` and `review.csv` start with: row, student, item and the response as
  /// written, each followed by a comma.
  mutating func appendAnswerColumns(
    row: Int, studentID: ByteView, item: ByteView,
    raw: ByteView
  ) {
    appendDecimal(row)
    append(0x2C)
    appendCSVField(studentID)
    append(0x2C)
    appendCSVField(item)
    append(0x2C)
    appendCSVField(raw)
    append(0x2C)
  }

  /// A `review.csv` line: where the answer is, what it says, its verdict and why a person should look.
  mutating func appendReviewLine(
    row: Int, studentID: ByteView, item: ByteView,
    raw: ByteView, grade: ResponseGrade
  ) {
    appendAnswerColumns(row: row, studentID: studentID, item: item, raw: raw)
    append(contentsOf: verdictNameBytes[grade.verdict.index])
    append(0x2C)
    appendCSVField(grade.feedback)
    append(0x0A)
  }

  /// Appends one `responses.csv` line, line break included.
  mutating func appendResponseLine(
    row: Int, studentID: ByteView, item: ByteView,
    raw: ByteView, part: PreparedPart?, grade: ResponseGrade,
    fields: CSVFields, carried: [Int]
  ) {
    appendAnswerColumns(row: row, studentID: studentID, item: item, raw: raw)
    if let v = grade.value { appendCSVNumber(v) } else if let o = grade.option { appendCSVField(o) }
    append(0x2C)
    if let part {
      append(contentsOf: part.keyColumns)
    } else {
      append(contentsOf: [0x2C, 0x2C, 0x2C])
    }
    append(0x2C)
    append(contentsOf: verdictNameBytes[grade.verdict.index])
    append(0x2C)
    if let part, grade.points == part.points {
      append(contentsOf: part.pointsBytes)
    } else if grade.points == 0 {
      append(0x30)
    } else {
      appendText(grade.points.description)
    }
    append(0x2C)
    if let part { append(contentsOf: part.pointsBytes) }
    append(0x2C)
    if let m = grade.misconception { appendCSVField(m) }
    append(0x2C)
    appendCSVField(grade.feedback)
    for c in carried {
      append(0x2C)
      appendCSVField(fields[c])
    }
    append(0x0A)
  }
}
