/// One student on a roster: the identifier the answers are matched by, and what is printed beside it.
public struct RosterStudent: Hashable, Sendable {
  /// The identifier (student ID, email or username) as the roster gives it: unique on the roster.
  public var id: String
  /// The name, when the roster has one (else empty).
  public var name: String
  /// The section, when the roster has one (else empty).
  public var section: String

  public init(id: String, name: String = "", section: String = "") {
    self.id = id
    self.name = name
    self.section = section
  }
}

/// A personalised quiz: the quiz drawn for a roster, and which variant of each item every student's handout
/// carries. Its delivery map (``deliveries``) gives each student's printed labels (`1`, `2a`, `2b`) → variant
/// and part, which is all grading needs.
public struct Assignment: Sendable {
  /// The quiz: every variant given to some student.
  public var quiz: Quiz
  /// The roster, in its order.
  public var students: [RosterStudent]
  /// By student, then item: the index of the student's variant in that item's variants.
  public var choices: [[Int]]

  public init(quiz: Quiz, students: [RosterStudent], choices: [[Int]]) {
    precondition(
      choices.count == students.count && choices.allSatisfy { $0.count == quiz.items.count },
      "One variant per item for every student")
    self.quiz = quiz
    self.students = students
    self.choices = choices
  }

  /// One question printed on a handout: an item's variant, and the labels of its parts.
  public struct Question: Sendable {
    /// The item's number, from 1, as printed.
    public var number: Int
    /// The item.
    public var item: QuizItem
    /// The variant printed.
    public var variant: Variant
    /// The printed label of each of the variant's parts, in order: `3` for a one-part problem, `2a`, `2b`, …
    public var labels: [String]
  }

  /// The questions on the handout of student `student` (an index into ``students``), in item order.
  public func handout(_ student: Int) -> [Question] {
    quiz.items.enumerated().map { index, item in
      let variant = item.variants[choices[student][index]]
      return Question(
        number: index + 1, item: item, variant: variant,
        labels: Assignment.labels(item: index + 1, parts: variant.answers.count))
    }
  }

  /// The labels of an item's parts: the item's number alone for one part, else the number and a letter for
  /// each (`2a`, `2b`, … `2z`, `2aa`, …).
  public static func labels(item number: Int, parts: Int) -> [String] {
    guard parts > 1 else { return [String(number)] }
    return (0..<parts).map { index in
      var letters = ""
      var n = index
      repeat {
        letters = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(n % 26))) + letters
        n = n / 26 - 1
      } while n >= 0
      return String(number) + letters
    }
  }

  /// Every label printed on some handout, in item and part order: the columns of a shared answer file.
  public var labels: [String] {
    var seen = Set<String>()
    var out: [String] = []
    for (index, item) in quiz.items.enumerated() {
      let parts = item.variants.map(\.answers.count).max() ?? 1
      for label in Assignment.labels(item: index + 1, parts: parts) where seen.insert(label).inserted {
        out.append(label)
      }
    }
    return out
  }

  /// The delivery map: for each student in roster order, each printed label with the variant and part it
  /// carries (format `paper`).
  public var deliveries: [Delivery] {
    var out: [Delivery] = []
    for s in students.indices {
      for question in handout(s) {
        for (answer, label) in zip(question.variant.answers, question.labels) {
          out.append(
            Delivery(
              format: Delivery.paper, variant: question.variant.id, part: answer.id,
              points: answer.points, student: students[s].id, label: label))
        }
      }
    }
    return out
  }

  /// The key: the quiz, the roster and the delivery map (see <doc:KeyFormat>).
  public func keyJSONLines(tool: String = KeyFormat.tool) -> String {
    quiz.keyJSONLines(deliveries: deliveries, students: students, tool: tool)
  }

  /// How many students have each variant, by item and variant index.
  public var uses: [[Int]] {
    var counts = quiz.items.map { Array(repeating: 0, count: $0.variants.count) }
    for row in choices { for (item, v) in row.enumerated() { counts[item][v] += 1 } }
    return counts
  }
}

extension Assignment {
  /// The assignment a key records: its roster and, from its `paper` delivery map, each student's variant of
  /// each item.
  ///
  /// - Throws: ``KeyFileError`` when the key has no roster, or a student lacks a variant of some item.
  public init(key: AnswerKey, file: String = "key.jsonl") throws(KeyFileError) {
    guard !key.students.isEmpty else {
      throw KeyFileError(
        file: file, line: 0, message: "the key has no roster: it was written by generate, not by assign")
    }
    var variantPlace: [String: (item: Int, index: Int)] = [:]
    for (i, item) in key.quiz.items.enumerated() {
      for (v, variant) in item.variants.enumerated() { variantPlace[variant.id] = (i, v) }
    }
    var row: [String: Int] = [:]
    for (s, student) in key.students.enumerated() { row[student.id] = s }
    var choices = Array(repeating: Array(repeating: -1, count: key.quiz.items.count), count: key.students.count)
    for d in key.deliveries where d.format == Delivery.paper {
      guard let id = d.student, let s = row[id], let place = variantPlace[d.variant] else { continue }
      choices[s][place.item] = place.index
    }
    for (s, student) in key.students.enumerated() {
      if let missing = choices[s].firstIndex(of: -1) {
        throw KeyFileError(
          file: file, line: 0,
          message: "student '\(student.id)' has no variant of item \(missing + 1) in the delivery map")
      }
    }
    self.init(quiz: key.quiz, students: key.students, choices: choices)
  }
}
