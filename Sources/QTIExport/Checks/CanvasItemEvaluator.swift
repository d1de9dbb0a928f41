/// What the checks read of an element, from any source: the ``XMLNode`` tree `validate` builds, or the
/// ``ReadElement``s of a document read from SAX events during export.
protocol XMLElementView {
  associatedtype Elements: Sequence where Elements.Element == Self
  /// The local name.
  var name: String { get }
  /// The value of an attribute, by its name as written.
  subscript(attribute name: String) -> String? { get }
  /// The child elements, in document order.
  var elements: Elements { get }
  /// All the text inside, in document order.
  var textContent: String { get }
  /// The text inside, without leading and trailing XML whitespace.
  var trimmedText: String { get }
  /// The line it starts on.
  var line: Int { get }
}

extension XMLElementView {
  /// Every descendant element whose name is one of `names`, in document order.
  func descendants(named names: Set<String>) -> [Self] {
    var found: [Self] = []
    func collect(_ element: Self) {
      for child in element.elements {
        if names.contains(child.name) { found.append(child) }
        collect(child)
      }
    }
    collect(self)
    return found
  }

  /// The first descendant element named `name`, in document order.
  func firstDescendant(named name: String) -> Self? {
    for child in elements {
      if child.name == name { return child }
      if let found = child.firstDescendant(named: name) { return found }
    }
    return nil
  }

  /// Appends every descendant element named `name` to `found`, in document order.
  func collectDescendants(named name: String, into found: inout [Self]) {
    for child in elements {
      if child.name == name { found.append(child) }
      child.collectDescendants(named: name, into: &found)
    }
  }
}

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

  indirect enum Test {
    case other
    case and([Test])
    case or([Test])
    case not(Test?)
    case equal(String, line: Int)
    case compare(String, bound: String, line: Int)
    case unknown(String, line: Int)
  }

  enum Action {
    /// A `setvar` on SCORE: its action, its text as written, and its line.
    case setScore(action: String?, text: String, line: Int)
    case feedback(String)
  }

  init<E: XMLElementView>(item: E) {
    ident = item[attribute: "ident"]
    line = item.line
    var fields: [E] = []
    item.collectDescendants(named: "qtimetadatafield", into: &fields)
    questionType = ""
    for field in fields {
      var label: E?
      var entry: E?
      for child in field.elements {
        if label == nil, child.name == "fieldlabel" { label = child }
        if entry == nil, child.name == "fieldentry" { entry = child }
      }
      if label?.textContent == "question_type" {
        questionType = entry?.textContent ?? ""
        break
      }
    }
    labels = []
    feedbackIdents = []
    conditions = []
    var presentationSeen = false
    var processingSeen = false
    for child in item.elements {
      switch child.name {
      case "presentation" where !presentationSeen:
        presentationSeen = true
        var found: [E] = []
        child.collectDescendants(named: "response_label", into: &found)
        labels = found.compactMap { $0[attribute: "ident"] }
      case "resprocessing" where !processingSeen:
        processingSeen = true
        for condition in child.elements where condition.name == "respcondition" {
          conditions.append(Self.condition(condition))
        }
      case "itemfeedback":
        if let ident = child[attribute: "ident"] { feedbackIdents.insert(ident) }
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
      switch child.name {
      case "conditionvar" where tests == nil: tests = child.elements.map { test($0) }
      case "setvar":
        if child[attribute: "varname"] == "SCORE" {
          let text = child.textContent
          if Double(XMLNode.trimmed(text)) == 100 { setsFullMarks = true }
          actions.append(.setScore(action: child[attribute: "action"], text: text, line: child.line))
        }
      case "displayfeedback":
        if let link = child[attribute: "linkrefid"] { actions.append(.feedback(link)) }
      default:
        continue
      }
    }
    func text(_ name: String) -> Text? {
      node.firstDescendant(named: name).map { Text(content: $0.textContent, line: $0.line) }
    }
    return Condition(
      line: node.line, tests: tests, actions: actions, continues: node[attribute: "continue"] == "Yes",
      setsFullMarks: setsFullMarks, firstEqual: text("varequal"), firstLower: text("vargte"),
      firstUpper: text("varlte"))
  }

  private static func test<E: XMLElementView>(_ node: E) -> Test {
    switch node.name {
    case "other": .other
    case "and": .and(node.elements.map { test($0) })
    case "or": .or(node.elements.map { test($0) })
    case "not": .not(node.elements.first { _ in true }.map { test($0) })
    case "varequal": .equal(node.trimmedText, line: node.line)
    case "vargte", "varlte", "vargt", "varlt": .compare(node.name, bound: node.trimmedText, line: node.line)
    default: .unknown(node.name, line: node.line)
    }
  }

  var isNumeric: Bool { questionType == "numerical_question" }

  /// The condition that gives full marks (sets SCORE to 100).
  var fullMarksCondition: Condition? { conditions.first { $0.setsFullMarks } }

  /// Score and displayed feedback for one response (nil: no answer).
  func run(_ response: String?) throws(EvaluationFailure) -> (score: Double, feedback: [String]) {
    var score = 0.0
    var feedback: [String] = []
    for condition in conditions {
      guard let tests = condition.tests else {
        throw EvaluationFailure(line: condition.line, message: "'respcondition' has no 'conditionvar'")
      }
      var matched = true
      for test in tests where try !evaluate(test, response) { matched = false }
      guard matched else { continue }
      for action in condition.actions {
        switch action {
        case .setScore(let kind, let text, let line):
          guard let amount = Double(XMLNode.trimmed(text)) else {
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

  private func evaluate(_ test: Test, _ response: String?) throws(EvaluationFailure) -> Bool {
    switch test {
    case .other: return true
    case .and(let tests):
      for t in tests where try !evaluate(t, response) { return false }
      return true
    case .or(let tests):
      for t in tests where try evaluate(t, response) { return true }
      return false
    case .not(let inner):
      guard let inner else { return true }
      return try !evaluate(inner, response)
    case .equal(let text, _):
      guard let response else { return false }
      if isNumeric, let a = Double(response), let b = Double(text) { return a == b }
      return response == text
    case .compare(let name, let text, let line):
      guard let response, let a = Double(response) else { return false }
      guard let b = Double(text) else {
        throw EvaluationFailure(line: line, message: "'\(name)' has the non-numeric bound '\(text)'")
      }
      switch name {
      case "vargte": return a >= b
      case "varlte": return a <= b
      case "vargt": return a > b
      default: return a < b
      }
    case .unknown(let name, let line):
      throw EvaluationFailure(line: line, message: "the condition '\(name)' is not evaluated by the self-check")
    }
  }
}
