import QuizModel

/// The layouts of submission files `nernstquiz grade` reads. See <doc:SubmissionFormats>.
package enum SubmissionFormat: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  /// `student,item,response` (one response per row); other columns are carried through.
  case long
  /// `student,<item>,<item>,…` (one student per row).
  case wide
  /// Canvas Classic Quizzes "Student Analysis" report.
  case canvas
  /// Google Forms responses: `Timestamp,Email Address,Score,<question title>,…`.
  case googleForms = "google-forms"
  /// Moodle's quiz Responses report (Quiz → Results → Responses, downloaded as CSV):
  /// `Last name,First name,Email address,Status,…,Question 1,Response 1,…`.
  case moodle

  /// The name used by `--input-format`.
  package var description: String { rawValue }

  /// The format a header row shows, or nil when it is none of them.
  ///
  /// Canvas is recognised by `name,id` at the start and `submitted` among the columns (`sis_id`, `root_account`,
  /// `section_sis_id` and `attempt` come and go with the report's options), or by its closing `n correct,
  /// n incorrect, score` (an anonymous survey has no name or id); Google Forms by `Timestamp` first; long by columns
  /// named student, item and response (or close synonyms); wide by a first column that names the student;
  /// Moodle by `Response N` columns beside the attempt's `Status` (`State` before Moodle 4.1).
  package static func detect(header: [String]) -> SubmissionFormat? {
    let h = header.map(HeaderName.normalize)
    if h.count >= 3, h[0] == "name", h[1] == "id", h.contains("submitted") { return .canvas }
    if h.count >= 3, Array(h.suffix(3)) == ["n correct", "n incorrect", "score"] { return .canvas }
    if h.contains(where: { Layout.moodleSlotNumber($0, column: "response") != nil }),
      HeaderName.column(in: h, among: HeaderName.moodleState) != nil
    {
      return .moodle
    }
    if let first = h.first, HeaderName.timestamp.contains(first) { return .googleForms }
    if HeaderName.column(in: h, among: HeaderName.item) != nil,
      HeaderName.column(in: h, among: HeaderName.response) != nil,
      HeaderName.column(in: h, among: HeaderName.student) != nil
    {
      return .long
    }
    if let first = h.first, HeaderName.student.contains(first), h.count > 1 { return .wide }
    return nil
  }
}

/// Recognising column names.
enum HeaderName {
  static let student = [
    "student", "student id", "student_id", "studentid", "id", "email", "email address", "name",
    "username", "login", "user", "sis id", "sis_id",
  ]
  static let item = ["item", "question", "variant", "item id", "item_id", "question id", "question_id"]
  static let response = ["response", "answer", "value", "student response"]
  /// Google Forms' first column, in the languages its export is most often seen in.
  static let timestamp = [
    "timestamp", "marca temporal", "horodateur", "zeitstempel", "carimbo de data/hora",
    "informazioni cronologiche", "tijdstempel",
  ]
  static let email = [
    "email address", "email", "e-mail", "dirección de correo electrónico", "adresse e-mail",
    "e-mail-adresse", "endereço de e-mail", "indirizzo email", "e-mailadres",
  ]
  /// Moodle's attempt state column: `Status` (Moodle 4.1 and later), `State` before.
  static let moodleState = ["status", "state"]
  static let googleIdentity = [
    "student id", "your name", "name", "full name", "student", "student number", "id",
    "username", "first name", "last name", "section",
  ]

  /// Lower case, trimmed: "  Email Address " → "email address".
  static func normalize(_ name: String) -> String { name.trimmingSpaces.lowercased() }

  /// The first column whose normalised name is one of `names`, trying the names in order.
  static func column(in header: [String], among names: [String]) -> Int? {
    for name in names { if let i = header.firstIndex(of: name) { return i } }
    return nil
  }
}

/// Where things are in one submission file, worked out from its header and the key.
struct Layout: Sendable {
  struct AnswerColumn: Sendable {
    var column: Int
    /// The part it answers, or nil for a column no part matches.
    var part: Int?
    var header: String
    /// Canvas: the question's points as the report gives them (the header of the column after it).
    var points: Points? = nil
    /// A personalised quiz: the printed label the column answers; its part depends on the student.
    var label: String? = nil
  }

  var format: SubmissionFormat
  var header: [String]
  var student: Int
  var name: Int?
  // Long format.
  var item = 0
  var response = 0
  var carried: [Int] = []
  // Wide formats.
  var answers: [AnswerColumn] = []
  /// Canvas: the id, SIS id and section columns, for the gradebook import.
  var canvasID: Int?
  var canvasSISID: Int?
  var canvasSection: Int?
  /// Canvas: an anonymous survey's report, with no identity columns; each row is a respondent (`row N`).
  var anonymous = false
  /// Headers of question columns that match no part of the key.
  var unmatched: [String] { answers.filter { $0.part == nil && $0.label == nil }.map(\.header) }
  // Moodle (see Layout+Moodle.swift).
  var moodleSlots: [MoodleSlot] = []
  var moodleState: Int?
  /// The identity columns, tried in order for each row: ID number, Email address, Username (or `--id-column`).
  var moodleIdentity: [Int] = []
  var moodleFirstName: Int?
  var moodleLastName: Int?
  /// Whether a row with no identity is named by its first and last name.
  var moodleNamesIdentify = true

  /// - Parameter identity: The header of the column that identifies students, instead of the one the format
  ///   implies (`--id-column`).
  init(header: [String], format: SubmissionFormat, key: KeyIndex, file: String, identity: String? = nil)
    throws(CSVError)
  {
    self.format = format
    self.header = header
    let h = header.map(HeaderName.normalize)
    func missing(_ what: String) -> CSVError {
      CSVError(
        .unknownHeader, file: file, row: 1,
        message:
          "the header \(quoted(header.joined(separator: ","), limit: 80)) has no \(what) column for the \(format) format"
      )
    }
    switch format {
    case .long:
      guard let s = HeaderName.column(in: h, among: HeaderName.student) else { throw missing("student") }
      guard let i = HeaderName.column(in: h, among: HeaderName.item) else { throw missing("item") }
      guard let r = HeaderName.column(in: h, among: HeaderName.response) else { throw missing("response") }
      student = s
      item = i
      response = r
      carried = h.indices.filter { $0 != s && $0 != i && $0 != r }
    case .wide:
      student = 0
      answers = (1..<header.count).map { Layout.column($0, header: header[$0], key: key) }
    case .canvas:
      // An anonymous survey has no name, id or sis_id: each row is graded as a respondent of its own.
      let id = h.firstIndex(of: "id")
      anonymous = id == nil
      student = id ?? 0
      name = h.firstIndex(of: "name")
      canvasID = id
      canvasSISID = h.firstIndex(of: "sis_id")
      canvasSection = h.firstIndex(of: "section")
      // Questions: "<id>: <text>", each followed by its points column; the summary columns end the row.
      let metadata: Set<String> = [
        "name", "id", "sis_id", "root_account", "section", "section_id", "section_sis_id",
        "submitted", "attempt", "n correct", "n incorrect", "score",
      ]
      var c = 0
      while c < header.count {
        defer { c += 1 }
        if metadata.contains(h[c]) { continue }
        guard let text = Layout.canvasQuestionText(header[c]) else { continue }
        var column = AnswerColumn(column: c, part: key.part(forCanvasQuestion: text), header: header[c])
        if c + 1 < header.count, let points = Double(header[c + 1].trimmingSpaces) {
          column.points = Points(exactly: (points * 100).rounded() / 100)
          c += 1
        }
        answers.append(column)
      }
    case .googleForms:
      // Student ID first, then the email address, then a name: the steadiest identity the form collected.
      let id = HeaderName.column(in: h, among: ["student id", "student number", "id", "username"])
      let email = HeaderName.column(in: h, among: HeaderName.email)
      let names = HeaderName.column(in: h, among: ["your name", "name", "full name", "student"])
      guard let s = id ?? email ?? names else { throw missing("Student ID, Email Address, Username or name") }
      student = s
      name = names.flatMap { $0 == s ? nil : $0 }
      let skip: Set<Int> = Set([0, s] + (name.map { [$0] } ?? []))
      for c in header.indices where !skip.contains(c) {
        if ["score", "punteggio", "puntuación", "note", "punkte", "pontuação", "punten"].contains(h[c])
          || HeaderName.googleIdentity.contains(h[c]) || HeaderName.email.contains(h[c])
        {
          continue
        }
        if key.isRoster, key.rosterLabels.contains(header[c].trimmingSpaces) {
          answers.append(Layout.column(c, header: header[c], key: key))
          continue
        }
        var part = key.part(forColumn: header[c])
        if part == nil {
          // A form whose questions show the stem in the description and the prompt as the title.
          let byPrompt = key.parts(forPrompt: header[c])
          if byPrompt.count == 1 {
            part = byPrompt[0]
          } else if byPrompt.count > 1 {
            throw CSVError(
              .unknownHeader, file: file, row: 1, column: c + 1,
              message:
                "the question \(quoted(header[c], limit: 60)) is the prompt of \(byPrompt.count) variants, and the form's CSV holds "
                + "question titles only, so it cannot tell which variant a student saw; a Google Form shows every student "
                + "the same questions: give each variant its own question with its stem in the title, or give each "
                + "student their own numbers (personalised quizzes)")
          }
        }
        answers.append(AnswerColumn(column: c, part: part, header: header[c]))
      }
    case .moodle:
      student = 0
      try readMoodle(h, key: key, file: file)
    }
    if let identity {
      guard let c = h.firstIndex(of: HeaderName.normalize(identity)) else {
        throw CSVError(
          .unknownHeader, file: file, row: 1,
          message: "no column \(quoted(identity, limit: 60)) (--id-column) in the header")
      }
      student = c
      answers.removeAll { $0.column == c }
      if name == c { name = nil }
      moodleIdentity = [c]
      moodleNamesIdentify = false
    }
    if format == .moodle { return }
    if format != .long, !answers.isEmpty, answers.allSatisfy({ $0.part == nil && $0.label == nil }) {
      throw CSVError(
        .unknownHeader, file: file, row: 1,
        message:
          "no question column matches the quiz (first: \(quoted(answers[0].header, limit: 60))); check the bank and the seed"
      )
    }
    if format != .long, answers.isEmpty {
      throw CSVError(
        .unknownHeader, file: file, row: 1, message: "the header has no question columns for the \(format) format")
    }
  }

  /// The answer column `c` headed `header`: a printed label of a personalised quiz, or the part it names.
  static func column(_ c: Int, header: String, key: KeyIndex) -> AnswerColumn {
    let trimmed = header.trimmingSpaces
    if key.isRoster, key.rosterLabels.contains(trimmed) {
      return AnswerColumn(column: c, part: nil, header: header, label: trimmed)
    }
    return AnswerColumn(column: c, part: key.part(forColumn: header), header: header)
  }

  /// `"12345: text"` → `"text"`; nil when the header does not start with a question id and a colon.
  static func canvasQuestionText(_ header: String) -> String? {
    let trimmed = header.trimmingSpaces
    guard let colon = trimmed.firstIndex(of: ":") else { return nil }
    let id = trimmed[..<colon]
    guard !id.isEmpty, id.allSatisfy(\.isNumber) else { return nil }
    return String(trimmed[trimmed.index(after: colon)...])
  }
}
