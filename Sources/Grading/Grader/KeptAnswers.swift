import QuizModel

/// The answer that counts for each student and question, known before a grading pass: from the `last` rule's
/// quick first read (``Grader/lastAnswers(_:layout:workers:)``), or from a first grading pass whose students
/// answered some question twice. Read-only and shared by the threads that prepare batches, so that a
/// superseded answer's line is built there, not on the thread that commits.
struct KeptAnswers: Sendable {
  /// Students by their trimmed id, numbered in order of first appearance as a grading run numbers them.
  let students: ByteTable<Int>
  /// Per student and slot, the answer that counts (``GradingRun/answerPosition(row:column:)``), −1 for none.
  let positions: [Int64]
  let slotCount: Int
  let rule: AttemptsRule
  /// Whether some student answered some question more than once: otherwise no answer is superseded.
  let repeats: Bool

  /// The answer that counts for `student` (a run's number) in `slot`, or nil when none is known.
  func winner(student: Int, slot: Int) -> Int64? {
    let index = student * slotCount + slot
    guard index < positions.count, positions[index] >= 0 else { return nil }
    return positions[index]
  }

  /// The `superseded` grade of `grade`, the answer of the student with trimmed id `studentID` to `part` at
  /// `position`, when another answer to the question counts; nil when this one counts, is blank, or the
  /// student is unknown.
  func superseded(
    studentID: ByteView, part: PreparedPart, at position: Int64, grade: ResponseGrade, last: inout LastStudent
  ) -> ResponseGrade? {
    guard repeats, grade.verdict != .blank else { return nil }
    let student: Int
    if let same = last.number(of: studentID) {
      student = same
    } else {
      guard let found = students.value(for: studentID) else { return nil }
      last.remember(studentID, as: found)
      student = found
    }
    guard let winner = winner(student: student, slot: part.slot), winner != position else { return nil }
    return KeptAnswers.superseded(grade, by: winner, rule: rule)
  }

  /// `grade` superseded by the answer at `winner` under `rule`: no points, the value or option kept.
  static func superseded(_ grade: ResponseGrade, by winner: Int64, rule: AttemptsRule) -> ResponseGrade {
    // Concatenated rather than interpolated: one of these is made for every superseded row.
    var feedback = ""
    feedback.reserveCapacity(96)
    feedback += "Superseded by the answer in row "
    feedback += String(GradingRun.row(of: winner))
    feedback += ": the "
    feedback += rule.rawValue
    feedback += " answer to this question counts."
    return ResponseGrade(
      verdict: .superseded, points: 0, value: grade.value, option: grade.option, feedback: feedback)
  }
}

/// The student of the previous row, by id: rows of one student follow each other in most files, so the id is
/// compared with the last one before it is looked up in a table.
struct LastStudent {
  private var id: [UInt8] = []
  private var student = -1

  /// The number remembered for `id`, when it is the last id remembered.
  func number(of id: ByteView) -> Int? {
    guard student >= 0, self.id.count == id.count,
      bytesEqual(self.id.span, from: 0, id.storage.span.extracting(id.range))
    else { return nil }
    return student
  }

  /// Remembers `id` as student `number`.
  mutating func remember(_ id: ByteView, as number: Int) {
    self.id.removeAll(keepingCapacity: true)
    self.id.append(contentsOf: id.slice)
    student = number
  }
}
