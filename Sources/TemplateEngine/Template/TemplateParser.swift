import PhysicsCore
import QuizModel
import Yams

/// Reads a template file (YAML, `format: 1`) into a ``Template``, checking everything that can be checked
/// before drawing: the shape of every entry, that expressions parse, that every name they use exists and is
/// defined before it is used, and that misconceptions point at answers of the right kind.
///
/// The format is documented in `Templates/README.md`.
package enum TemplateParser {
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
  package static func parse(_ text: String, file: String) throws(TemplateError) -> Template {
    let doc = try YAMLDocument(text: text, file: file)
    var reader = TemplateReader(doc: doc)
    var template = try reader.template()
    template.digest = TemplateDigest.digest(of: text.utf8)
    return template
  }
}

/// The reading of one template file, section by section (the sections are in the files beside this one).
struct TemplateReader {
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
      throw doc.error(
        "unsupported template format \(format); this version of NernstQuiz reads format \(Template.formatVersion)",
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
      throw doc.error(
        "difficulty must be one of \(Difficulty.allCases.map(\.rawValue).joined(separator: ", ")), got '\(difficultyText)'",
        at: difficultyNode, length: difficultyText.count)
    }

    let parameters = try parameters(try required("parameters"))
    let derived = try entry("derived").map { node throws(TemplateError) in try self.derived(node) } ?? []
    let constraints = try entry("constraints").map { node throws(TemplateError) in try self.constraints(node) } ?? []
    let stemNode = try required("stem")
    let stem = try text(stemNode, what: "stem")
    let answers = try answers(try required("answers"))
    let misconceptions =
      try entry("misconceptions").map { node throws(TemplateError) in
        try self.misconceptions(node, answers: answers)
      } ?? []
    let attempts =
      try entry("max_attempts").map { node throws(TemplateError) in try doc.int(node, what: "max_attempts") } ?? 1000
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

  // MARK: - Derived values and constraints

  mutating func derived(_ node: YAMLNode) throws(TemplateError) -> [NamedExpression] {
    var result: [NamedExpression] = []
    for (name, keyNode, value) in try doc.mapping(node, what: "derived") {
      try checkNewName(name, at: keyNode)
      result.append(
        NamedExpression(
          name: name, expression: try expression(value, what: "derived value '\(name)'"),
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
        result.append(
          Constraint(
            expression: try expression(check, what: "constraint"), description: because,
            location: location(check)))
      } else {
        result.append(
          Constraint(
            expression: try expression(item, what: "constraint"), description: nil,
            location: location(item)))
      }
    }
    return result
  }

  // MARK: - Expressions and text

  func expression(_ node: YAMLNode, what: String) throws(TemplateError) -> Expression {
    guard case .scalar(let scalar) = node else { throw doc.error("\(what) must be an expression", at: node) }
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
      let at =
        expression.source.wordRange(of: name).map {
          expression.source.distance(from: expression.source.startIndex, to: $0.lowerBound)
        } ?? 0
      let (line, column) = doc.position(of: offset + at, in: node)
      throw doc.error(
        "unknown variable '\(name)' in \(what)\(hint); a name must be a parameter or derived value declared above",
        line: line, column: column, length: name.count)
    }
  }

  func checkNewName(_ name: String, at node: YAMLNode) throws(TemplateError) {
    guard isIdentifier(name) else {
      throw doc.error(
        "'\(name)' is not a valid name: use letters, digits and '_', starting with a letter", at: node,
        length: name.count)
    }
    guard !known.contains(name) else { throw doc.error("'\(name)' is declared twice", at: node, length: name.count) }
    guard !Expression.reservedNames.contains(name) else {
      throw doc.error(
        "'\(name)' is reserved by the expression language; choose another name", at: node, length: name.count)
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
