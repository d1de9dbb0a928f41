import QuizModel

/// Reading the header of Moodle's quiz Responses report (mod/quiz/report/responses/report.php), downloaded as
/// CSV: the student columns (`Last name`, `First name` and the identity fields the site shows, such as
/// `Email address`, `ID number`, `Username`), `Status`, the times, `Grade/<max>`, then for each quiz slot, by
/// its display number N, `Question N` (when "Question text" is ticked), `Response N` and `Right answer N`.
extension Layout {
  /// One quiz slot of the report.
  struct MoodleSlot: Sendable {
    /// The slot's display number as the header writes it: `1`, `1a`.
    var number: String
    /// The `Response N` column.
    var response: Int
    /// The `Question N` column, when the report has it.
    var question: Int?
    /// Without a `Question N` column: the bank item the slot is taken to draw from (the slot's place in the
    /// quiz, when the quiz has one slot per item), nil when that cannot be told.
    var item: Int?

    /// Whether the slot's variant can be told without a `Question N` column: only when its item has one variant.
    func isIdentified(in key: KeyIndex) -> Bool {
      question != nil || item.map { key.items[$0].variants.count == 1 } ?? false
    }
  }

  /// The attempt states whose responses are final: `Finished`, and `Submitted` (an attempt waiting for its
  /// grades, Moodle 5); `-` is a student listed with no attempt. Every other state (`In progress`, `Overdue`,
  /// `Never submitted`, `Not started`) is an attempt not finished.
  static let moodleFinalStates: Set<String> = ["finished", "submitted", "-", ""]

  /// `N` of a `<column> N` header (`response 1a` → `1a`), nil for any other header. `header` is normalised
  /// (lower case, trimmed).
  static func moodleSlotNumber(_ header: String, column: String) -> String? {
    guard header.hasPrefix(column + " ") else { return nil }
    let number = header.dropFirst(column.count + 1)
    guard let first = number.first, first.isASCII, first.isNumber, !number.contains(where: \.isWhitespace) else {
      return nil
    }
    return String(number)
  }

  /// Finds the student, state and slot columns of a Moodle Responses report. `h` is the normalised header.
  mutating func readMoodle(_ h: [String], key: KeyIndex, file: String) throws(CSVError) {
    moodleState = HeaderName.column(in: h, among: HeaderName.moodleState)
    moodleIdentity = [["id number", "idnumber"], ["email address", "email"], ["username"]].compactMap {
      HeaderName.column(in: h, among: $0)
    }
    moodleFirstName = h.firstIndex(of: "first name")
    moodleLastName = h.firstIndex(of: "last name") ?? h.firstIndex(of: "surname")
    guard let s = moodleIdentity.first ?? moodleFirstName ?? moodleLastName else {
      throw CSVError(
        .unknownHeader, file: file, row: 1,
        message:
          "the header \(quoted(header.joined(separator: ","), limit: 80)) has no ID number, Email address, Username or name column for the moodle format"
      )
    }
    student = s
    var questions: [String: Int] = [:]
    for c in h.indices { if let n = Layout.moodleSlotNumber(h[c], column: "question") { questions[n] = c } }
    for c in h.indices {
      guard let n = Layout.moodleSlotNumber(h[c], column: "response") else { continue }
      moodleSlots.append(MoodleSlot(number: n, response: c, question: questions[n]))
    }
    guard !moodleSlots.isEmpty else {
      throw CSVError(
        .unknownHeader, file: file, row: 1, message: "the header has no Response N columns for the moodle format")
    }
    guard moodleSlots.count < 4096 else {
      throw CSVError(
        .unknownHeader, file: file, row: 1,
        message: "the report has \(moodleSlots.count) Response columns; at most 4095 are read")
    }
    // A quiz made as the export report says has one slot per bank item, in the bank's order.
    if moodleSlots.count == key.items.count {
      for i in moodleSlots.indices { moodleSlots[i].item = i }
    }
    if moodleSlots.contains(where: { $0.question != nil }), !key.hasMoodle {
      throw CSVError(
        .unknownHeader, file: file, row: 1,
        message:
          "the key has no Moodle entries to match the report's Question N columns with: use the key.jsonl written "
          + "together with the Moodle XML file (nernstquiz generate --format moodle)")
    }
    if !moodleSlots.contains(where: { $0.isIdentified(in: key) }) {
      throw CSVError(
        .unknownHeader, file: file, row: 1,
        message:
          "the report has no Question N columns, so which variant each student drew cannot be told for "
          + moodleSlots.map { "Response \($0.number)" }.joined(separator: ", ")
          + (moodleSlots.count == key.items.count
            ? "" : " (and its \(moodleSlots.count) slots are not the key's \(key.items.count) items)")
          + ": in Moodle, open the quiz's Results → Responses, tick \"Question text\" under Display options, "
          + "show the report and download it again")
    }
  }

  /// The `Response N` headers of slots whose variant cannot be told (no `Question N` column, and a category of
  /// several variants or no known place in the quiz).
  func moodleUnidentified(_ key: KeyIndex) -> [String] {
    moodleSlots.filter { !$0.isIdentified(in: key) }.map { header[$0.response] }
  }
}

extension KeyIndex {
  /// The variant a Moodle `Question N` cell names (its text as the Responses report shows it), or why none is.
  /// Several variants with the same text and the same answers are one: any of them grades alike.
  func moodleVariant(questionText text: String) -> Result<Int, MoodleSlotError> {
    let candidates = byMoodleText[QuestionText.normalize(text, html: false)] ?? []
    guard let first = candidates.first else { return .failure(.noVariant) }
    let answers = variants[first].parts.map { parts[$0].answer.kind }
    if candidates.dropFirst().allSatisfy({ variants[$0].parts.map { parts[$0].answer.kind } == answers }) {
      return .success(first)
    }
    return .failure(.ambiguous(candidates.map { variants[$0].id }))
  }
}

/// Why the variant a student drew in a Moodle slot cannot be told.
enum MoodleSlotError: Error {
  /// No variant of the key has the question text.
  case noVariant
  /// Several variants with other answers have it.
  case ambiguous([String])
}

extension GradingRun {
  /// The student of a Moodle row: the first non-empty identity column (ID number, Email address, Username), else
  /// `First name Last name`. Calls `body` with the id's bytes.
  mutating func withMoodleStudent<R>(_ fields: CSVFields, _ body: (inout GradingRun, ByteView) -> R)
    -> R
  {
    for c in layout.moodleIdentity {
      let id = trimmed(fields[c])
      if !id.isEmpty { return body(&self, id) }
    }
    let name = layout.moodleNamesIdentify ? Array(moodleFullName(fields).utf8) : []
    return body(&self, ByteView(name))
  }

  /// `First name Last name`, as Moodle's `fullname()` writes it by default.
  func moodleFullName(_ fields: CSVFields) -> String {
    [layout.moodleFirstName, layout.moodleLastName].compactMap { $0.map(fields.trimmedString) }.filter { !$0.isEmpty }
      .joined(separator: " ")
  }
}
