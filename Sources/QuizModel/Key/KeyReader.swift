import Foundation

/// What `key.jsonl` is: its format versions and the tool that writes it.
public enum KeyFormat {
  /// The format this version writes.
  public static let current = 2
  /// The tool name and version written into keys.
  public static let tool = "nernstquiz 0.2"
}

/// An answer key read back from `key.jsonl`: the quiz as given out, with its grading policy, and how each
/// exported package delivers its parts. What went out is what is graded.
public struct AnswerKey: Sendable {
  /// The key's format (1 or 2).
  public var format: Int
  /// The tool that wrote it (nil for format 1).
  public var tool: String?
  /// The quiz: items, variants, answers with their recorded intervals and points, the grading policy.
  public var quiz: Quiz
  /// The delivery map, in file order (empty for format 1 and when no package was exported).
  public var deliveries: [Delivery]
  /// A personalised quiz's roster, in its order (empty unless the key was written by `assign`).
  public var students: [RosterStudent] = []
  /// Whether the quiz's title and seed are known (format 1 keys record neither).
  public var recordsQuizIdentity: Bool { format >= 2 }

  public init(format: Int, tool: String?, quiz: Quiz, deliveries: [Delivery]) {
    self.format = format
    self.tool = tool
    self.quiz = quiz
    self.deliveries = deliveries
  }
}

/// A key file that cannot be read, with the line and what is wrong.
public struct KeyFileError: Error, CustomStringConvertible, Hashable, Sendable {
  /// The file's name as given, and the line (0 for the file as a whole).
  public var position: FilePosition
  /// What is wrong.
  public var message: String

  public init(file: String, line: Int, message: String) {
    position = FilePosition(file: file, line: line)
    self.message = message
  }

  /// The line, from 1 (0 for the file as a whole).
  public var line: Int { position.line }

  public var description: String { "\(position): \(message)" }
}

extension AnswerKey {
  /// Reads a key file's text: format 2 (a `quiz` record first) or format 1 (variant records only, read with
  /// the defaults they imply: no partial credit, each run of variants of one template an item, the item's
  /// points split over the parts, the interval worked out from the key and tolerance).
  ///
  /// - Parameters:
  ///   - text: The file's contents (UTF-8; `\n` or `\r\n` line breaks; blank lines ignored).
  ///   - file: Its name, for messages.
  /// - Throws: ``KeyFileError`` naming the line and the field.
  public static func read(_ text: String, file: String = "key.jsonl") throws(KeyFileError) -> AnswerKey {
    var records: [(line: Int, object: KeyObject)] = []
    var number = 0
    // Split on the byte: "\r\n" is one Character, and would not split on "\n".
    for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      number += 1
      var line = rawLine
      if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
      records.append((number, try KeyObject(parsing: Data(line), file: file, line: number)))
    }
    guard let first = records.first else {
      throw KeyFileError(
        file: file, line: 0, message: "the key file is empty: expected the key.jsonl written by `nernstquiz generate`")
    }
    if try first.object.optionalString("record") == "quiz" {
      return try readFormat2(records, file: file)
    }
    if first.object.has("answers"), first.object.has("id") {
      return try readFormat1(records, file: file)
    }
    throw KeyFileError(
      file: file, line: first.line,
      message: "not an answer key: the first line is neither a quiz record (key format 2) nor a variant (key format 1)")
  }

  private static func readFormat2(_ records: [(line: Int, object: KeyObject)], file: String) throws(KeyFileError)
    -> AnswerKey
  {
    let header = records[0].object
    let format = try header.integer("key_format")
    guard format == 2 else {
      throw header.error(
        "key format \(format) is newer than this version reads (up to \(KeyFormat.current)): update nernstquiz",
        field: "key_format")
    }
    let seedText = try header.string("seed")
    guard let seed = UInt64(seedText) else {
      throw header.error("the seed '\(seedText)' is not a whole number from 0 to 2⁶⁴ − 1", field: "seed")
    }
    var items: [(template: String, title: String, points: Points, count: Int, variants: [Variant])] = []
    for entry in try header.objects("items") {
      items.append(
        (
          try entry.string("template"), try entry.string("title"), try entry.points("points"),
          try entry.integer("variants"), []
        ))
    }
    var digests: [TemplateDigest] = []
    for entry in try header.objects("templates") {
      digests.append(TemplateDigest(id: try entry.string("id"), digest: try entry.string("digest")))
    }
    let grading = try gradingOptions(try header.object("grading"))
    var deliveries: [Delivery] = []
    var students: [RosterStudent] = []
    var studentIDs = Set<String>()
    var printed = Set<String>()
    var seen = Set<String>()
    for (_, record) in records.dropFirst() {
      switch try record.string("record") {
      case "variant":
        let variant = try readVariant(record, numbers: .format2)
        let number = try record.integer("item")
        guard (1...max(items.count, 1)).contains(number), !items.isEmpty else {
          throw record.error("item \(number) is not one of the \(items.count) items of the quiz record", field: "item")
        }
        guard variant.template == items[number - 1].template else {
          throw record.error(
            "variant '\(variant.id)' is of template '\(variant.template)', but item \(number) is '\(items[number - 1].template)'",
            field: "template")
        }
        guard seen.insert(variant.id).inserted else {
          throw record.error("variant '\(variant.id)' appears twice", field: "id")
        }
        items[number - 1].variants.append(variant)
      case "delivery":
        deliveries.append(
          Delivery(
            format: try record.string("format"), variant: try record.string("variant"), part: try record.string("part"),
            points: try record.points("points"), group: try record.optionalString("group"),
            item: try record.optionalString("item"), response: try record.optionalString("response"),
            questionText: try record.optionalString("question_text"), name: try record.optionalString("name"),
            gap: try record.optionalInteger("gap"), student: try record.optionalString("student"),
            label: try record.optionalString("label")))
        if let student = deliveries.last?.student {
          guard studentIDs.contains(student) else {
            throw record.error(
              "the delivery names student '\(student)', who has no student record before it", field: "student")
          }
          guard let label = deliveries.last?.label else {
            throw record.error("a student's delivery has no label", field: "label")
          }
          guard printed.insert(student + "\u{1F}" + label).inserted else {
            throw record.error("student '\(student)' has label '\(label)' twice", field: "label")
          }
        }
      case "student":
        let student = RosterStudent(
          id: try record.string("id"), name: try record.optionalString("name") ?? "",
          section: try record.optionalString("section") ?? "")
        guard studentIDs.insert(student.id).inserted else {
          throw record.error("student '\(student.id)' appears twice", field: "id")
        }
        students.append(student)
      case let other:
        throw record.error("unknown record '\(other)': expected variant, student or delivery", field: "record")
      }
    }
    for (i, item) in items.enumerated() where item.variants.count != item.count {
      throw KeyFileError(
        file: file, line: 0,
        message:
          "item \(i + 1) ('\(item.template)') should have \(item.count) variants, the file has \(item.variants.count): is the file complete?"
      )
    }
    for d in deliveries where !seen.contains(d.variant) {
      throw KeyFileError(
        file: file, line: 0, message: "the delivery map names variant '\(d.variant)', which the key does not have")
    }
    let quiz = Quiz(
      title: try header.string("title"), seed: seed,
      items: items.map {
        QuizItem(template: $0.template, title: $0.title, points: $0.points, variants: $0.variants, partPoints: .asGiven)
      },
      grading: grading, templateDigests: digests)
    var key = AnswerKey(format: 2, tool: try header.optionalString("tool"), quiz: quiz, deliveries: deliveries)
    key.students = students
    return key
  }

  private static func readFormat1(_ records: [(line: Int, object: KeyObject)], file: String) throws(KeyFileError)
    -> AnswerKey
  {
    var items: [QuizItem] = []
    var seen = Set<String>()
    for (_, record) in records {
      let variant = try readVariant(record, numbers: .format1)
      guard seen.insert(variant.id).inserted else {
        throw record.error("variant '\(variant.id)' appears twice", field: "id")
      }
      let points = try record.points("points")
      if let last = items.last, last.template == variant.template, last.points == points {
        items[items.count - 1] = QuizItem(
          template: last.template, title: last.title, points: points,
          variants: last.variants + [variant])
      } else {
        items.append(QuizItem(template: variant.template, title: variant.template, points: points, variants: [variant]))
      }
    }
    let title = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    return AnswerKey(format: 1, tool: nil, quiz: Quiz(title: title, seed: 0, items: items), deliveries: [])
  }

  private enum Numbers { case format1, format2 }

  private static func readVariant(_ record: KeyObject, numbers: Numbers) throws(KeyFileError) -> Variant {
    let id = try record.string("id")
    let seedText = try record.string("seed")
    guard let seed = UInt64(seedText) else {
      throw record.error("the seed '\(seedText)' is not a whole number", field: "seed")
    }
    var parameters: [(name: String, value: ParameterValue)] = []
    switch numbers {
    case .format1:
      for (name, value) in try record.members("params") {
        switch value {
        case .number(let x):
          parameters.append((name, .number(x, display: NumberFormat.significantFigures(15).string(x))))
        case .string(let s): parameters.append((name, .text(s, display: s)))
        default: throw record.error("the parameter '\(name)' is neither a number nor text", field: "params")
        }
      }
    case .format2:
      for o in try record.objects("params") {
        let name = try o.string("name")
        let display = try o.string("display")
        switch o.value("value") {
        case .number(let x)?: parameters.append((name, .number(x, display: display)))
        case .string(let s)?: parameters.append((name, .text(s, display: display)))
        default: throw o.error("the parameter '\(name)' has no number or text value", field: "value")
        }
      }
    }
    var answers: [Answer] = []
    for entry in try record.objects("answers") {
      answers.append(try readAnswer(entry, numbers: numbers))
    }
    guard !answers.isEmpty else { throw record.error("variant '\(id)' has no answers", field: "answers") }
    guard Set(answers.map(\.id)).count == answers.count else {
      throw record.error("variant '\(id)' has two answers with the same id", field: "answers")
    }
    return Variant(
      id: id, template: try record.string("template"), seed: seed, parameters: parameters,
      stem: try record.string("stem"), answers: answers)
  }

  private static func readAnswer(_ entry: KeyObject, numbers: Numbers) throws(KeyFileError) -> Answer {
    let id = try entry.string("id")
    let kind: Answer.Kind
    switch try entry.string("type") {
    case "numeric":
      let value = try entry.number("value")
      let toleranceObject = try entry.object("tolerance")
      let relative = try toleranceObject.number("relative")
      let absolute = try toleranceObject.number("absolute")
      guard relative >= 0, absolute >= 0 else {
        throw toleranceObject.error("a tolerance cannot be negative", field: "relative")
      }
      let tolerance = Tolerance(relative: relative, absolute: absolute)
      var misconceptions: [MisconceptionOutcome] = []
      for m in try entry.objects("misconceptions") {
        misconceptions.append(
          MisconceptionOutcome(
            id: try m.string("id"), label: try m.string("label"),
            value: try m.number("value"), feedback: try m.string("feedback")))
      }
      let figures = numbers == .format2 ? try entry.integer("significant_figures") : 3
      let interval: AcceptedInterval
      switch numbers {
      case .format1:
        interval = AcceptedInterval(key: value, tolerance: tolerance)
      case .format2:
        let recorded = try entry.object("interval")
        let keyText = try recorded.string("key")
        let halfWidthText = try recorded.string("half_width")
        guard let i = AcceptedInterval(keyText: keyText, halfWidthText: halfWidthText) else {
          throw recorded.error(
            "the interval's key '\(keyText)' or half-width '\(halfWidthText)' is not a plain decimal (t ≥ 0)",
            field: "interval")
        }
        guard i.lowerText == (try recorded.string("low")), i.upperText == (try recorded.string("high")) else {
          throw recorded.error("the interval's bounds are not key ± half_width", field: "low")
        }
        interval = i
      }
      kind = .numeric(
        NumericAnswer(
          value: value, unit: try entry.string("unit"), tolerance: tolerance, interval: interval,
          significantFigures: figures, misconceptions: misconceptions))
    case "choice":
      var options: [ChoiceOption] = []
      for o in try entry.objects("options") {
        options.append(
          ChoiceOption(
            id: try o.string("id"), text: try o.string("text"),
            feedback: try o.optionalString("feedback"), misconception: try o.optionalString("misconception")))
      }
      let correct = try entry.string("correct")
      guard options.contains(where: { $0.id == correct }) else {
        throw entry.error("the correct option '\(correct)' is not one of the options", field: "correct")
      }
      var misconceptions: [MisconceptionOutcome] = []
      for m in try entry.objects("misconceptions") {
        misconceptions.append(
          MisconceptionOutcome(
            id: try m.string("id"), label: try m.string("label"),
            option: try m.optionalString("option"), feedback: try m.string("feedback")))
      }
      kind = .choice(ChoiceAnswer(options: options, correct: correct, misconceptions: misconceptions))
    case let other:
      throw entry.error("unknown answer type '\(other)': expected numeric or choice", field: "type")
    }
    let points: Points = numbers == .format2 ? try entry.points("points") : .zero
    return Answer(
      id: id, prompt: try entry.string("prompt"), kind: kind,
      explanation: try entry.optionalString("explanation"), points: points)
  }

  private static func gradingOptions(_ o: KeyObject) throws(KeyFileError) -> GradingOptions {
    var options = GradingOptions()
    let slip = try o.number("unit_slip_credit")
    options.unitSlipCredit = slip == 0 ? nil : slip
    for (id, value) in try o.members("misconception_credit") {
      guard case .number(let x) = value, (0...1).contains(x) else {
        throw o.error("the credit for '\(id)' is not a fraction from 0 to 1", field: "misconception_credit")
      }
      options.misconceptionCredit[id] = x
    }
    let figures = try o.object("significant_figures")
    options.checkSignificantFigures = try figures.bool("check")
    options.significantFiguresCredit = try figures.number("credit")
    for (name, x) in [("unit_slip_credit", slip), ("significant_figures.credit", options.significantFiguresCredit)]
    where !(0...1).contains(x) {
      throw o.error("\(name) is not a fraction from 0 to 1", field: name)
    }
    return options
  }
}
