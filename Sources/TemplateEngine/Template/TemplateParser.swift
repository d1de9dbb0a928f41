import PhysicsCore
import QuizModel
import Yams

/// Reads a template file (YAML, `format: 1`) into a ``Template``, checking everything that can be checked
/// before drawing: the shape of every entry, that expressions parse, that every name they use exists and is
/// defined before it is used, and that misconceptions point at answers of the right kind.
///
/// The format is documented in `Templates/README.md`.
public enum TemplateParser {
  static let topLevelKeys = [
    "format", "id", "title", "topic", "objective", "difficulty", "parameters", "derived", "constraints", "stem",
    "answers", "misconceptions", "max_attempts", "sources",
  ]
  static let parameterKeys = [
    "choice", "weights", "uniform", "log_uniform", "integer", "ion", "preset", "value", "jitter", "sigfigs", "decimals",
    "unit",
  ]
  static let answerKeys = ["id", "prompt", "numeric", "unit", "tolerance", "sigfigs", "choice", "explanation"]
  static let misconceptionKeys = ["id", "label", "answer", "value", "option", "feedback", "when"]

  /// Parses template text.
  ///
  /// - Parameters:
  ///   - text: The YAML text.
  ///   - file: The name to use in error messages (usually the path as the user gave it).
  /// - Throws: ``TemplateError`` with the file, line and column of the first problem.
  public static func parse(_ text: String, file: String) throws(TemplateError) -> Template {
    let doc = try YAMLDocument(text: text, file: file)
    var reader = Reader(doc: doc)
    var template = try reader.template()
    template.digest = TemplateDigest.digest(of: text.utf8)
    return template
  }
}

private struct Reader {
  let doc: YAMLDocument
  /// Names defined so far, in order (parameters, then derived values).
  var known: [String] = []

  init(doc: YAMLDocument) { self.doc = doc }

  mutating func template() throws(TemplateError) -> Template {
    let entries = try doc.mapping(doc.root, what: "a template", allowed: TemplateParser.topLevelKeys)
    func entry(_ key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }
    func required(_ key: String) throws(TemplateError) -> YAMLNode {
      guard let node = entry(key) else {
        throw doc.error("missing required key '\(key)' in the template", line: 1, column: 1)
      }
      return node
    }

    let format = try doc.int(try required("format"), what: "format")
    guard format == Template.formatVersion else {
      throw doc.error("unsupported template format \(format); this version of NernstQuiz reads format \(Template.formatVersion)",
                      at: entry("format"))
    }
    let idNode = try required("id")
    let id = try doc.string(idNode, what: "id")
    guard id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), !id.isEmpty else {
      throw doc.error("id must be lower-case words joined by '-', got '\(id)'", at: idNode, length: id.count)
    }
    let difficultyNode = try required("difficulty")
    let difficultyText = try doc.string(difficultyNode, what: "difficulty")
    guard let difficulty = Difficulty(rawValue: difficultyText) else {
      throw doc.error("difficulty must be one of \(Difficulty.allCases.map(\.rawValue).joined(separator: ", ")), got '\(difficultyText)'",
                      at: difficultyNode, length: difficultyText.count)
    }

    let parameters = try parameters(try required("parameters"))
    let derived = try entry("derived").map { node throws(TemplateError) in try self.derived(node) } ?? []
    let constraints = try entry("constraints").map { node throws(TemplateError) in try self.constraints(node) } ?? []
    let stemNode = try required("stem")
    let stem = try text(stemNode, what: "stem")
    let answers = try answers(try required("answers"))
    let misconceptions = try entry("misconceptions").map { node throws(TemplateError) in
      try self.misconceptions(node, answers: answers)
    } ?? []
    let attempts = try entry("max_attempts").map { node throws(TemplateError) in try doc.int(node, what: "max_attempts") } ?? 1000
    guard attempts >= 1 else { throw doc.error("max_attempts must be at least 1", at: entry("max_attempts")) }
    let sources = try entry("sources").map { node throws(TemplateError) in try self.sources(node) } ?? []

    var template = Template(
      id: id,
      title: try doc.string(try required("title"), what: "title"),
      topic: try doc.string(try required("topic"), what: "topic"),
      objective: try doc.string(try required("objective"), what: "objective"),
      difficulty: difficulty,
      sources: sources,
      parameters: parameters, derived: derived, constraints: constraints, stem: stem, answers: answers,
      misconceptions: misconceptions, maximumAttempts: attempts, file: doc.file
    )
    template.stemLocation = location(stemNode)
    return template
  }

  /// `sources:` — a list of citation strings, none empty.
  func sources(_ node: YAMLNode) throws(TemplateError) -> [String] {
    var result: [String] = []
    for item in try doc.sequence(node, what: "sources (a list of citations)") {
      let text = try doc.string(item, what: "a source (a citation)")
      let citation = String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
      guard !citation.isEmpty else { throw doc.error("a source cannot be empty; write the citation", at: item) }
      result.append(citation)
    }
    return result
  }

  // MARK: - Parameters

  mutating func parameters(_ node: YAMLNode) throws(TemplateError) -> [ParameterSpec] {
    var result: [ParameterSpec] = []
    for (name, keyNode, value) in try doc.mapping(node, what: "parameters") {
      try checkNewName(name, at: keyNode)
      let spec = try parameter(name, keyNode: keyNode, value)
      result.append(spec)
      known.append(name)
      for companion in spec.companionNames {
        guard !known.contains(companion) else {
          throw doc.error("'\(companion)', a value that '\(name)' brings along, is already declared", at: keyNode)
        }
        known.append(companion)
      }
    }
    guard !result.isEmpty else { throw doc.error("parameters must declare at least one parameter", at: node) }
    return result
  }

  func parameter(_ name: String, keyNode: YAMLNode, _ node: YAMLNode) throws(TemplateError) -> ParameterSpec {
    let location = self.location(keyNode)
    // A bare value is a fixed parameter: `temperature_C: 37`.
    if case .scalar = node {
      let value = try choiceValue(node)
      return ParameterSpec(name: name, kind: .choice([value], weights: nil), format: nil, unit: nil, location: location)
    }
    let entries = try doc.mapping(node, what: "parameter '\(name)'", allowed: TemplateParser.parameterKeys)
    func entry(_ key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }
    let kindKeys = ["choice", "uniform", "log_uniform", "integer", "ion", "value"]
    var kinds = entries.filter { kindKeys.contains($0.key) }
    if kinds.isEmpty, let preset = entries.first(where: { $0.key == "preset" }) { kinds = [preset] }
    guard kinds.count == 1, let kindEntry = kinds.first else {
      throw doc.error("parameter '\(name)' needs exactly one of choice, uniform, log_uniform, integer, ion, preset or value",
                      at: keyNode, length: name.count)
    }
    if let presetNode = entry("preset"), !["ion", "preset"].contains(kindEntry.key) {
      throw doc.error("preset goes with ion (for its typical concentrations), not \(kindEntry.key)", at: presetNode)
    }
    var weights: [Double]?
    if let weightsNode = entry("weights") {
      guard ["choice", "ion", "preset"].contains(kindEntry.key) else {
        throw doc.error("weights go with choice, ion or preset, not \(kindEntry.key)", at: weightsNode)
      }
      var list: [Double] = []
      for item in try doc.sequence(weightsNode, what: "weights") {
        let w = try doc.double(item, what: "a weight")
        guard w >= 0 else { throw doc.error("weights cannot be negative", at: item) }
        list.append(w)
      }
      guard list.contains(where: { $0 > 0 }) else { throw doc.error("at least one weight must be positive", at: weightsNode) }
      weights = list
    }
    if let jitter = entry("jitter"), kindEntry.key != "value" {
      throw doc.error("jitter goes with value, not \(kindEntry.key)", at: jitter)
    }

    let kind: ParameterSpec.Kind
    switch kindEntry.key {
    case "choice":
      let items = try doc.sequence(kindEntry.value, what: "choice")
      guard !items.isEmpty else { throw doc.error("choice needs at least one value", at: kindEntry.value) }
      if let weights, weights.count != items.count {
        throw doc.error("weights has \(weights.count) entries but choice has \(items.count)", at: entry("weights"))
      }
      var values: [ParameterSpec.ChoiceValue] = []
      for item in items { values.append(try choiceValue(item)) }
      kind = .choice(values, weights: weights)
    case "uniform":
      kind = .uniform(try doc.range(kindEntry.value, what: "uniform"))
    case "log_uniform":
      let range = try doc.range(kindEntry.value, what: "log_uniform")
      guard range.lowerBound > 0 else { throw doc.error("log_uniform needs a positive low end", at: kindEntry.value) }
      kind = .logUniform(range)
    case "integer":
      let items = try doc.sequence(kindEntry.value, what: "integer")
      guard items.count == 2 else { throw doc.error("integer must be a list of two whole numbers [low, high]", at: kindEntry.value) }
      let low = try doc.int(items[0], what: "the low end of integer")
      let high = try doc.int(items[1], what: "the high end of integer")
      guard low <= high else { throw doc.error("integer must have low ≤ high, got [\(low), \(high)]", at: kindEntry.value) }
      kind = .integer(low...high)
    case "ion":
      var ions: [Ion] = []
      let items: [YAMLNode]
      if case .scalar = kindEntry.value { items = [kindEntry.value] } else { items = try doc.sequence(kindEntry.value, what: "ion") }
      for item in items {
        let symbol = try doc.string(item, what: "an ion")
        if symbol == "any" { ions += Ion.all; continue }
        guard let ion = Ion(symbol: symbol) else {
          throw doc.error("unknown ion '\(symbol)'; the table has \(Ion.all.map(\.symbol).joined(separator: ", "))",
                          at: item, length: symbol.count)
        }
        ions.append(ion)
      }
      if let weights, weights.count != ions.count {
        throw doc.error("weights has \(weights.count) entries but ion lists \(ions.count) ions", at: entry("weights"))
      }
      let preset = try entry("preset").map { node throws(TemplateError) in try self.presets(node).first! } ?? .mammalianNeuron
      if let missing = ions.first(where: { preset.concentrations[$0] == nil }) {
        throw doc.error("the preset '\(preset.id)' has no concentrations for \(missing.symbol)", at: kindEntry.value)
      }
      kind = .ion(ions, weights: weights, preset: preset)
    case "preset":
      let presets = try self.presets(kindEntry.value)
      if let weights, weights.count != presets.count {
        throw doc.error("weights has \(weights.count) entries but preset lists \(presets.count) presets", at: entry("weights"))
      }
      kind = .preset(presets, weights: weights)
    default:
      let expression = try self.expression(kindEntry.value, what: "value of '\(name)'")
      var jitter: Double?
      if let jitterNode = entry("jitter") {
        let j = try doc.double(jitterNode, what: "jitter")
        guard (0..<1).contains(j) else { throw doc.error("jitter must be a fraction in [0, 1), got \(j)", at: jitterNode) }
        jitter = j
      }
      kind = .computed(expression, jitter: jitter)
    }

    var format: NumberFormat?
    if let node = entry("sigfigs") {
      let n = try doc.int(node, what: "sigfigs")
      guard (1...15).contains(n) else { throw doc.error("sigfigs must be between 1 and 15", at: node) }
      format = .significantFigures(n)
    }
    if let node = entry("decimals") {
      guard format == nil else { throw doc.error("give sigfigs or decimals, not both", at: node) }
      let n = try doc.int(node, what: "decimals")
      guard (0...15).contains(n) else { throw doc.error("decimals must be between 0 and 15", at: node) }
      format = .decimals(n)
    }
    switch kind {
    case .ion, .preset:
      if format != nil { throw doc.error("an ion or preset parameter has no number format", at: entry("sigfigs") ?? entry("decimals")) }
    default: break
    }
    let unit = try entry("unit").map { node throws(TemplateError) in try doc.string(node, what: "unit") }
    return ParameterSpec(name: name, kind: kind, format: format, unit: unit, location: location)
  }

  /// One preset id or a list of them.
  func presets(_ node: YAMLNode) throws(TemplateError) -> [IonPreset] {
    let items: [YAMLNode]
    if case .scalar = node { items = [node] } else { items = try doc.sequence(node, what: "preset") }
    guard !items.isEmpty else { throw doc.error("preset needs at least one preset id", at: node) }
    var presets: [IonPreset] = []
    for item in items {
      let id = try doc.string(item, what: "a preset")
      guard let preset = IonPreset.named(id) else {
        throw doc.error("unknown preset '\(id)'; the presets are \(IonPreset.all.map(\.id).joined(separator: ", "))",
                        at: item, length: id.count)
      }
      presets.append(preset)
    }
    return presets
  }

  func choiceValue(_ node: YAMLNode) throws(TemplateError) -> ParameterSpec.ChoiceValue {
    guard case let .scalar(scalar) = node else {
      throw doc.error("a choice must be a number or a word, not \(doc.quoted(node)) (a nested list or mapping would be drawn as empty text)",
                      at: node)
    }
    if scalar.style == .plain || scalar.style == .any, let x = Double(scalar.string.replacingMinus()), x.isFinite {
      return .number(x)
    }
    return .text(scalar.string)
  }

  // MARK: - Derived values and constraints

  mutating func derived(_ node: YAMLNode) throws(TemplateError) -> [NamedExpression] {
    var result: [NamedExpression] = []
    for (name, keyNode, value) in try doc.mapping(node, what: "derived") {
      try checkNewName(name, at: keyNode)
      result.append(NamedExpression(name: name, expression: try expression(value, what: "derived value '\(name)'"),
                                    location: location(keyNode)))
      known.append(name)
    }
    return result
  }

  func constraints(_ node: YAMLNode) throws(TemplateError) -> [Constraint] {
    var result: [Constraint] = []
    for item in try doc.sequence(node, what: "constraints") {
      if case .mapping = item {
        let entries = try doc.mapping(item, what: "a constraint", allowed: ["check", "because"])
        guard let check = entries.first(where: { $0.key == "check" })?.value else {
          throw doc.error("a constraint written as a mapping needs 'check: <expression>'", at: item)
        }
        let because = try entries.first { $0.key == "because" }.map { e throws(TemplateError) in
          try doc.string(e.value, what: "because")
        }
        result.append(Constraint(expression: try expression(check, what: "constraint"), description: because,
                                 location: location(check)))
      } else {
        result.append(Constraint(expression: try expression(item, what: "constraint"), description: nil,
                                 location: location(item)))
      }
    }
    return result
  }

  // MARK: - Answers and misconceptions

  func answers(_ node: YAMLNode) throws(TemplateError) -> [AnswerSpec] {
    var result: [AnswerSpec] = []
    let items = try doc.sequence(node, what: "answers")
    guard !items.isEmpty else { throw doc.error("answers must list at least one answer", at: node) }
    if items.count > TemplateLimits.maximumAnswers {
      throw doc.error("a template may ask at most \(TemplateLimits.maximumAnswers) answers; this one lists \(items.count)",
                      at: items[TemplateLimits.maximumAnswers])
    }
    for item in items {
      let entries = try doc.mapping(item, what: "an answer", allowed: TemplateParser.answerKeys)
      func entry(_ key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }
      guard let idNode = entry("id") else { throw doc.error("an answer needs an 'id'", at: item) }
      let id = try doc.string(idNode, what: "answer id")
      guard isIdentifier(id) else { throw doc.error("answer id '\(id)' must be a word of letters, digits and '_'", at: idNode) }
      guard !result.contains(where: { $0.id == id }) else { throw doc.error("duplicate answer id '\(id)'", at: idNode) }
      let prompt = try entry("prompt").map { node throws(TemplateError) in try text(node, what: "prompt") }
        ?? textLiteral("")
      let explanation = try entry("explanation").map { node throws(TemplateError) in try text(node, what: "explanation") }

      let kind: AnswerSpec.Kind
      switch (entry("numeric"), entry("choice")) {
      case let (numeric?, nil):
        guard let unitNode = entry("unit") else { throw doc.error("numeric answer '\(id)' needs a 'unit'", at: idNode) }
        let sigfigs = try entry("sigfigs").map { node throws(TemplateError) in try doc.int(node, what: "sigfigs") } ?? 3
        guard (1...15).contains(sigfigs) else { throw doc.error("sigfigs must be between 1 and 15", at: entry("sigfigs")) }
        kind = .numeric(NumericSpec(
          value: try expression(numeric, what: "answer '\(id)'"),
          unit: try doc.string(unitNode, what: "unit"),
          tolerance: try entry("tolerance").map { node throws(TemplateError) in try tolerance(node) }
            ?? Tolerance(relative: 0.02),
          significantFigures: sigfigs))
      case let (nil, choice?):
        for key in ["unit", "tolerance", "sigfigs"] where entry(key) != nil {
          throw doc.error("'\(key)' belongs to numeric answers; answer '\(id)' is a choice", at: entry(key))
        }
        kind = .choice(try choiceSpec(choice, answer: id))
      case (nil, nil):
        throw doc.error("answer '\(id)' needs 'numeric: <expression>' or 'choice:'", at: idNode)
      case (_?, _?):
        throw doc.error("answer '\(id)' has both 'numeric' and 'choice'; give one", at: idNode)
      }
      result.append(AnswerSpec(id: id, prompt: prompt, kind: kind, explanation: explanation, location: location(idNode)))
    }
    return result
  }

  func tolerance(_ node: YAMLNode) throws(TemplateError) -> Tolerance {
    let entries = try doc.mapping(node, what: "tolerance", allowed: ["relative", "absolute"])
    var relative = 0.0
    var absolute = 0.0
    for (key, _, value) in entries {
      let x = try doc.double(value, what: "tolerance \(key)")
      guard x >= 0 else { throw doc.error("tolerance \(key) cannot be negative", at: value) }
      if key == "relative" { relative = x } else { absolute = x }
    }
    guard relative > 0 || absolute > 0 else {
      throw doc.error("tolerance needs a positive relative or absolute part (exact equality fails on rounding)", at: node)
    }
    return Tolerance(relative: relative, absolute: absolute)
  }

  func choiceSpec(_ node: YAMLNode, answer: String) throws(TemplateError) -> ChoiceSpec {
    let entries = try doc.mapping(node, what: "choice of answer '\(answer)'", allowed: ["options", "correct", "shuffle"])
    func entry(_ key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }
    guard let optionsNode = entry("options") else { throw doc.error("choice answer '\(answer)' needs 'options'", at: node) }
    guard let correctNode = entry("correct") else {
      throw doc.error("choice answer '\(answer)' needs 'correct: <expression giving an option id>'", at: node)
    }
    var options: [ChoiceSpec.Option] = []
    for (id, keyNode, value) in try doc.mapping(optionsNode, what: "options") {
      if case .mapping = value {
        let o = try doc.mapping(value, what: "option '\(id)'", allowed: ["text", "feedback"])
        guard let textNode = o.first(where: { $0.key == "text" })?.value else {
          throw doc.error("option '\(id)' needs 'text'", at: keyNode)
        }
        let feedback = try o.first { $0.key == "feedback" }.map { e throws(TemplateError) in try text(e.value, what: "feedback") }
        options.append(.init(id: id, text: try text(textNode, what: "option text"), feedback: feedback))
      } else {
        options.append(.init(id: id, text: try text(value, what: "option text"), feedback: nil))
      }
    }
    guard options.count >= 2 else { throw doc.error("a choice needs at least two options", at: optionsNode) }
    let correct = try expression(correctNode, what: "correct option of '\(answer)'")
    if let literal = correct.stringLiteral, !options.contains(where: { $0.id == literal }) {
      throw doc.error("correct option '\(literal)' is not one of the options (\(options.map(\.id).joined(separator: ", ")))",
                      at: correctNode)
    }
    let shuffle = try entry("shuffle").map { node throws(TemplateError) in try doc.bool(node, what: "shuffle") } ?? false
    return ChoiceSpec(options: options, correct: correct, shuffle: shuffle)
  }

  func misconceptions(_ node: YAMLNode, answers: [AnswerSpec]) throws(TemplateError) -> [MisconceptionSpec] {
    var result: [MisconceptionSpec] = []
    for item in try doc.sequence(node, what: "misconceptions") {
      let entries = try doc.mapping(item, what: "a misconception", allowed: TemplateParser.misconceptionKeys)
      func entry(_ key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }
      guard let idNode = entry("id") else { throw doc.error("a misconception needs an 'id'", at: item) }
      let id = try doc.string(idNode, what: "misconception id")
      let answerID: String
      if let answerNode = entry("answer") {
        answerID = try doc.string(answerNode, what: "answer")
        guard answers.contains(where: { $0.id == answerID }) else {
          let hint = Suggestion.nearest(to: answerID, among: answers.map(\.id)).map { " (did you mean '\($0)'?)" } ?? ""
          throw doc.error("misconception '\(id)' names answer '\(answerID)', which the template does not have\(hint)",
                          at: answerNode, length: answerID.count)
        }
      } else if answers.count == 1 {
        answerID = answers[0].id
      } else {
        throw doc.error("misconception '\(id)' must say which 'answer' it applies to (the template has several)", at: idNode)
      }
      // Compared with the answer it applies to, whether named or implied (a template with one answer).
      if let first = result.first(where: { $0.id == id && $0.answer == answerID }) {
        throw doc.error("duplicate misconception '\(id)' for answer '\(answerID)' (first at line \(first.location.line))", at: idNode)
      }
      let target = answers.first { $0.id == answerID }!
      let outcome: MisconceptionSpec.Outcome
      switch (entry("value"), entry("option"), target.kind) {
      case let (value?, nil, .numeric):
        outcome = .value(try expression(value, what: "misconception '\(id)'"))
      case let (nil, option?, .choice(choice)):
        let e = try expression(option, what: "misconception '\(id)'")
        if let literal = e.stringLiteral, !choice.options.contains(where: { $0.id == literal }) {
          throw doc.error("option '\(literal)' is not one of the options of '\(answerID)'", at: option)
        }
        outcome = .option(e)
      case (_?, nil, .choice):
        throw doc.error("answer '\(answerID)' is a choice: misconception '\(id)' needs 'option:', not 'value:'", at: idNode)
      case (nil, _?, .numeric):
        throw doc.error("answer '\(answerID)' is numeric: misconception '\(id)' needs 'value:', not 'option:'", at: idNode)
      default:
        throw doc.error("misconception '\(id)' needs one of 'value:' (numeric answer) or 'option:' (choice answer)", at: idNode)
      }
      guard let feedbackNode = entry("feedback") else { throw doc.error("misconception '\(id)' needs 'feedback'", at: idNode) }
      let label = try entry("label").map { node throws(TemplateError) in try doc.string(node, what: "label") } ?? id
      let condition = try entry("when").map { node throws(TemplateError) in try expression(node, what: "the 'when' of misconception '\(id)'") }
      result.append(MisconceptionSpec(id: id, label: label, answer: answerID, outcome: outcome,
                                      feedback: try text(feedbackNode, what: "feedback"), condition: condition,
                                      location: location(idNode)))
    }
    return result
  }

  // MARK: - Expressions and text

  func expression(_ node: YAMLNode, what: String) throws(TemplateError) -> Expression {
    guard case let .scalar(scalar) = node else { throw doc.error("\(what) must be an expression", at: node) }
    let expression: Expression
    do {
      expression = try Expression(parsing: scalar.string)
    } catch {
      let (line, column) = doc.position(of: error.offset, in: node)
      throw doc.error("in \(what): \(error.message)", line: line, column: column, length: error.length)
    }
    try checkNames(expression, in: node, what: what)
    return expression
  }

  func text(_ node: YAMLNode, what: String) throws(TemplateError) -> TextTemplate {
    let source = try doc.string(node, what: what)
    let text: TextTemplate
    do {
      text = try TextTemplate(parsing: source)
    } catch {
      let (line, column) = doc.position(of: error.offset, in: node)
      throw doc.error("in \(what): \(error.message)", line: line, column: column, length: error.length)
    }
    for (expression, offset) in text.placeholders {
      try checkNames(expression, in: node, what: what, offset: offset)
    }
    return text
  }

  /// Text without placeholders.
  func textLiteral(_ source: String) -> TextTemplate { TextTemplate(literal: source) }

  /// Every variable an expression uses must be a parameter or derived value defined before it.
  func checkNames(_ expression: Expression, in node: YAMLNode, what: String, offset: Int = 0) throws(TemplateError) {
    for name in expression.referencedVariables.sorted() where !known.contains(name) {
      let hint = Suggestion.nearest(to: name, among: known).map { " (did you mean '\($0)'?)" } ?? ""
      let at = expression.source.wordRange(of: name).map { expression.source.distance(from: expression.source.startIndex, to: $0.lowerBound) } ?? 0
      let (line, column) = doc.position(of: offset + at, in: node)
      throw doc.error("unknown variable '\(name)' in \(what)\(hint); a name must be a parameter or derived value declared above",
                      line: line, column: column, length: name.count)
    }
  }

  func checkNewName(_ name: String, at node: YAMLNode) throws(TemplateError) {
    guard isIdentifier(name) else {
      throw doc.error("'\(name)' is not a valid name: use letters, digits and '_', starting with a letter", at: node, length: name.count)
    }
    guard !known.contains(name) else { throw doc.error("'\(name)' is declared twice", at: node, length: name.count) }
    guard !Expression.reservedNames.contains(name) else {
      throw doc.error("'\(name)' is reserved by the expression language; choose another name", at: node, length: name.count)
    }
  }

  func isIdentifier(_ name: String) -> Bool {
    guard let first = name.first, first.isLetter || first == "_" else { return false }
    return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && name.allSatisfy(\.isASCII)
  }

  func location(_ node: YAMLNode) -> FilePosition {
    FilePosition(file: doc.file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
  }
}

extension String {
  fileprivate func wordRange(of needle: String) -> Range<String.Index>? {
    var index = startIndex
    while index < endIndex {
      if self[index...].hasPrefix(needle) {
        // Whole word only.
        let end = self.index(index, offsetBy: needle.count)
        let before = index == startIndex ? nil : self[self.index(before: index)]
        let after = end == endIndex ? nil : self[end]
        let isWordChar: (Character?) -> Bool = { c in c.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
        if !isWordChar(before), !isWordChar(after) { return index..<end }
      }
      index = self.index(after: index)
    }
    return nil
  }
}
