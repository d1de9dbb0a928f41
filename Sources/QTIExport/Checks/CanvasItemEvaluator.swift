/// A Canvas QTI 1.2 item read back from its file, compiled once into what its checks need, with an evaluator of
/// the `resprocessing` Canvas reads: `respcondition` in order (stopping after a match unless `continue="Yes"`),
/// `conditionvar` with `varequal`, `vargte`, `varlte`, `vargt`, `varlt`, `and`, `or`, `not`, `other`, and
/// `setvar` (`Set`, `Add`) on SCORE. Constructs it does not evaluate fail when an evaluation reaches them.
struct CanvasItemModel {
  /// The item's `ident`, and the line it starts on.
  var ident: String?
  var line: Int
  var questionType: String
  /// The identifiers of the response labels (choice answers).
  var labels: [String]
  /// The item's feedback identifiers.
  var feedbackIdents: Set<String>
  /// The conditions in order.
  var conditions: [Condition]

  /// The text of an element as the checks quote it.
  struct Text {
    var content: String
    var line: Int
    var trimmed: String { XMLNode.trimmed(content) }
  }

  /// One `respcondition`.
  struct Condition {
    var line: Int
    /// Its tests, or nil when it has no `conditionvar`.
    var tests: [Test]?
    var actions: [Action]
    var continues: Bool
    /// Whether it sets SCORE to 100.
    var setsFullMarks: Bool
    /// The first `varequal`, `vargte` and `varlte` inside it.
    var firstEqual: Text?
    var firstLower: Text?
    var firstUpper: Text?
  }

  /// A test of a `conditionvar`, its bounds and values parsed once.
  enum Test {
    case other
    case and([Test])
    case or([Test])
    indirect case not(Test?)
    /// A `varequal`: its trimmed text, that text as a number (if it is one), and its line.
    case equal(String, value: Double?, line: Int)
    /// A `vargte`, `varlte`, `vargt` or `varlt`: its bound as written and as a number (if it is one).
    case compare(CanvasName, bound: String, value: Double?, line: Int)
    case unknown(String, line: Int)
  }

  enum Action {
    /// A `setvar` on SCORE: its action, its text as written and as a number (if it is one), and its line.
    case setScore(action: String?, text: String, amount: Double?, line: Int)
    case feedback(String)
  }

  init<E: XMLElementView>(item: E) {
    ident = item.canvasAttribute(.ident)
    line = item.line
    var type: String?
    item.forEachDescendant { field in
      guard type == nil, field.canvasName == .qtimetadatafield else { return }
      var label: E?
      var entry: E?
      for child in field.elements {
        let name = child.canvasName
        if label == nil, name == .fieldlabel { label = child }
        if entry == nil, name == .fieldentry { entry = child }
      }
      if label?.textContent == "question_type" { type = entry?.textContent ?? "" }
    }
    questionType = type ?? ""
    labels = []
    feedbackIdents = []
    conditions = []
    var presentationSeen = false
    var processingSeen = false
    for child in item.elements {
      switch child.canvasName {
      case .presentation where !presentationSeen:
        presentationSeen = true
        var found: [String] = []
        child.forEachDescendant { label in
          if label.canvasName == .responseLabel, let ident = label.canvasAttribute(.ident) { found.append(ident) }
        }
        labels = found
      case .resprocessing where !processingSeen:
        processingSeen = true
        for condition in child.elements where condition.canvasName == .respcondition {
          conditions.append(Self.condition(condition))
        }
      case .itemfeedback:
        if let ident = child.canvasAttribute(.ident) { feedbackIdents.insert(ident) }
      default:
        continue
      }
    }
  }

  private static func condition<E: XMLElementView>(_ node: E) -> Condition {
    var tests: [Test]?
    var actions: [Action] = []
    var setsFullMarks = false
    for child in node.elements {
      switch child.canvasName {
      case .conditionvar where tests == nil: tests = child.elements.map { test($0) }
      case .setvar:
        if child.canvasAttribute(.varname) == "SCORE" {
          let text = child.textContent
          let amount = Double(XMLNode.trimmed(text))
          if amount == 100 { setsFullMarks = true }
          actions.append(
            .setScore(action: child.canvasAttribute(.action), text: text, amount: amount, line: child.line))
        }
      case .displayfeedback:
        if let link = child.canvasAttribute(.linkrefid) { actions.append(.feedback(link)) }
      default:
        continue
      }
    }
    // The first `varequal`, `vargte` and `varlte` inside, in one walk.
    var firstEqual: Text?
    var firstLower: Text?
    var firstUpper: Text?
    node.forEachDescendant { e in
      switch e.canvasName {
      case .varequal where firstEqual == nil: firstEqual = Text(content: e.textContent, line: e.line)
      case .vargte where firstLower == nil: firstLower = Text(content: e.textContent, line: e.line)
      case .varlte where firstUpper == nil: firstUpper = Text(content: e.textContent, line: e.line)
      default: break
      }
    }
    return Condition(
      line: node.line, tests: tests, actions: actions, continues: node.canvasAttribute(.continue) == "Yes",
      setsFullMarks: setsFullMarks, firstEqual: firstEqual, firstLower: firstLower, firstUpper: firstUpper)
  }

  private static func test<E: XMLElementView>(_ node: E) -> Test {
    switch node.canvasName {
    case .other: return .other
    case .and: return .and(node.elements.map { test($0) })
    case .or: return .or(node.elements.map { test($0) })
    case .not: return .not(node.elements.first { _ in true }.map { test($0) })
    case .varequal:
      let text = node.trimmedText
      return .equal(text, value: Double(text), line: node.line)
    case .vargte, .varlte, .vargt, .varlt:
      let text = node.trimmedText
      return .compare(node.canvasName, bound: text, value: Double(text), line: node.line)
    default: return .unknown(node.name, line: node.line)
    }
  }

  var isNumeric: Bool { questionType == "numerical_question" }

  /// The condition that gives full marks (sets SCORE to 100).
  var fullMarksCondition: Condition? { conditions.first { $0.setsFullMarks } }

  /// Score and displayed feedback for one response (nil: no answer).
  func run(_ response: String?) throws(EvaluationFailure) -> (score: Double, feedback: [String]) {
    let number = response.flatMap { Double($0) }
    var score = 0.0
    var feedback: [String] = []
    for condition in conditions {
      guard let tests = condition.tests else {
        throw EvaluationFailure(line: condition.line, message: "'respcondition' has no 'conditionvar'")
      }
      var matched = true
      for test in tests where try !evaluate(test, response, number) { matched = false }
      guard matched else { continue }
      for action in condition.actions {
        switch action {
        case .setScore(let kind, let text, let amount, let line):
          guard let amount else {
            throw EvaluationFailure(line: line, message: "'setvar' has the non-numeric value '\(text)'")
          }
          switch kind ?? "Set" {
          case "Set": score = amount
          case "Add": score += amount
          case "Subtract": score -= amount
          default:
            throw EvaluationFailure(line: line, message: "'setvar' action '\(kind ?? "")' is not evaluated")
          }
        case .feedback(let link):
          feedback.append(link)
        }
      }
      if !condition.continues { break }
    }
    return (score, feedback)
  }

  /// Whether `test` holds for `response`, which as a number is `number`.
  private func evaluate(_ test: Test, _ response: String?, _ number: Double?) throws(EvaluationFailure) -> Bool {
    switch test {
    case .other: return true
    case .and(let tests):
      for t in tests where try !evaluate(t, response, number) { return false }
      return true
    case .or(let tests):
      for t in tests where try evaluate(t, response, number) { return true }
      return false
    case .not(let inner):
      guard let inner else { return true }
      return try !evaluate(inner, response, number)
    case .equal(let text, let value, _):
      guard let response else { return false }
      if isNumeric, let a = number, let b = value { return a == b }
      return response == text
    case .compare(let name, let text, let value, let line):
      guard response != nil, let a = number else { return false }
      guard let b = value else {
        throw EvaluationFailure(line: line, message: "'\(name.spelling)' has the non-numeric bound '\(text)'")
      }
      switch name {
      case .vargte: return a >= b
      case .varlte: return a <= b
      case .vargt: return a > b
      default: return a < b
      }
    case .unknown(let name, let line):
      throw EvaluationFailure(line: line, message: "the condition '\(name)' is not evaluated by the self-check")
    }
  }
}
