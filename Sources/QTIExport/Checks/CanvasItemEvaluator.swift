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
  /// The tests of every condition, flat: a condition's tests and an `and`'s, `or`'s or `not`'s operands are
  /// ranges of it.
  var tests: [Test] = []

  /// The text of an element as the checks quote it.
  struct Text {
    var content: String
    var line: Int
    var trimmed: String { XMLNode.trimmed(content) }
  }

  /// One `respcondition`.
  struct Condition {
    var line: Int
    /// Its tests (a range of the model's `tests`), or nil when it has no `conditionvar`.
    var tests: Range<Int>?
    var actions: [Action]
    var continues: Bool
    /// Whether it sets SCORE to 100.
    var setsFullMarks: Bool
    /// The first `varequal`, `vargte` and `varlte` inside it (found only when it sets full marks).
    var firstEqual: Text?
    var firstLower: Text?
    var firstUpper: Text?
  }

  /// A test of a `conditionvar`, its bound or value parsed once.
  struct Test {
    enum Kind { case other, and, or, not, equal, vargte, varlte, vargt, varlt, unknown }
    var kind: Kind
    /// The operands of `and`, `or` and `not` (at most one), as a range of the model's `tests`.
    var operands: Range<Int> = 0..<0
    /// A `varequal`'s or a comparison's trimmed text, or an unknown test's name.
    var text = ""
    /// The text as a number, if it is one.
    var value: Double?
    var line: Int
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
        for node in child.elements where node.canvasName == .respcondition {
          let compiled = condition(node)
          conditions.append(compiled)
        }
      case .itemfeedback:
        if let ident = child.canvasAttribute(.ident) { feedbackIdents.insert(ident) }
      default:
        continue
      }
    }
  }

  private mutating func condition<E: XMLElementView>(_ node: E) -> Condition {
    var tests: Range<Int>?
    var actions: [Action] = []
    var setsFullMarks = false
    for child in node.elements {
      switch child.canvasName {
      case .conditionvar where tests == nil: tests = addTests(child.elements)
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
    // The first `varequal`, `vargte` and `varlte` inside, in one walk: read only of the full-marks condition.
    var firstEqual: Text?
    var firstLower: Text?
    var firstUpper: Text?
    if setsFullMarks {
      node.forEachDescendant { e in
        switch e.canvasName {
        case .varequal where firstEqual == nil: firstEqual = Text(content: e.textContent, line: e.line)
        case .vargte where firstLower == nil: firstLower = Text(content: e.textContent, line: e.line)
        case .varlte where firstUpper == nil: firstUpper = Text(content: e.textContent, line: e.line)
        default: break
        }
      }
    }
    return Condition(
      line: node.line, tests: tests, actions: actions, continues: node.canvasAttribute(.continue) == "Yes",
      setsFullMarks: setsFullMarks, firstEqual: firstEqual, firstLower: firstLower, firstUpper: firstUpper)
  }

  /// Adds the tests of `nodes` to `tests`, side by side, then their operands after them; returns their range.
  private mutating func addTests<E: XMLElementView>(_ nodes: some Sequence<E>) -> Range<Int> {
    let nodes = Array(nodes)
    let start = tests.count
    for node in nodes { tests.append(Test(kind: .other, line: node.line)) }
    for (k, node) in nodes.enumerated() {
      let compiled = test(node)
      tests[start + k] = compiled
    }
    return start..<start + nodes.count
  }

  private mutating func test<E: XMLElementView>(_ node: E) -> Test {
    let line = node.line
    switch node.canvasName {
    case .other: return Test(kind: .other, line: line)
    case .and: return Test(kind: .and, operands: addTests(node.elements), line: line)
    case .or: return Test(kind: .or, operands: addTests(node.elements), line: line)
    case .not:
      return Test(kind: .not, operands: addTests(node.elements.first { _ in true }.map { [$0] } ?? []), line: line)
    case .varequal: return Test(kind: .equal, number: node.trimmedText, line: line)
    case .vargte: return Test(kind: .vargte, number: node.trimmedText, line: line)
    case .varlte: return Test(kind: .varlte, number: node.trimmedText, line: line)
    case .vargt: return Test(kind: .vargt, number: node.trimmedText, line: line)
    case .varlt: return Test(kind: .varlt, number: node.trimmedText, line: line)
    default: return Test(kind: .unknown, text: node.name, line: line)
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
    for c in conditions.indices {
      guard let tests = conditions[c].tests else {
        throw EvaluationFailure(line: conditions[c].line, message: "'respcondition' has no 'conditionvar'")
      }
      var matched = true
      for test in tests where try !evaluate(test, response, number) { matched = false }
      guard matched else { continue }
      for action in conditions[c].actions {
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
      if !conditions[c].continues { break }
    }
    return (score, feedback)
  }

  /// Whether the test at `index` of `tests` holds for `response`, which as a number is `number`.
  private func evaluate(_ index: Int, _ response: String?, _ number: Double?) throws(EvaluationFailure) -> Bool {
    let kind = tests[index].kind
    switch kind {
    case .other: return true
    case .and:
      for t in tests[index].operands where try !evaluate(t, response, number) { return false }
      return true
    case .or:
      for t in tests[index].operands where try evaluate(t, response, number) { return true }
      return false
    case .not:
      guard let inner = tests[index].operands.first else { return true }
      return try !evaluate(inner, response, number)
    case .equal:
      guard let response else { return false }
      if isNumeric, let a = number, let b = tests[index].value { return a == b }
      return response == tests[index].text
    case .vargte, .varlte, .vargt, .varlt:
      guard response != nil, let a = number else { return false }
      guard let b = tests[index].value else {
        throw EvaluationFailure(
          line: tests[index].line, message: "'\(kind)' has the non-numeric bound '\(tests[index].text)'")
      }
      switch kind {
      case .vargte: return a >= b
      case .varlte: return a <= b
      case .vargt: return a > b
      default: return a < b
      }
    case .unknown:
      throw EvaluationFailure(
        line: tests[index].line, message: "the condition '\(tests[index].text)' is not evaluated by the self-check")
    }
  }
}

extension CanvasItemModel.Test {
  /// A test whose text is a number or a bound: the text and its value.
  init(kind: Kind, number text: String, line: Int) {
    self.init(kind: kind, text: text, value: Double(text), line: line)
  }
}
