import QuizModel
import Yams

/// A YAML node (Yams), distinct from the expression language's syntax tree.
typealias YAMLNode = Yams.Node

/// A YAML file read into position-marked nodes, with helpers that turn every shape mismatch into a
/// ``TemplateError`` naming the file, line and column and what was expected.
struct YAMLDocument {
  let file: String
  let text: String
  let root: YAMLNode

  /// The file's lines, for quoting in errors (split only when an error needs them).
  var lines: [Substring] { YAMLDocument.lines(of: text) }

  private static func lines(of text: String) -> [Substring] {
    text.split(separator: "\n", omittingEmptySubsequences: false)
  }

  init(text: String, file: String) throws(TemplateError) {
    self.file = file
    self.text = text
    try YAMLDocument.checkLimits(text, file: file)
    let node: YAMLNode?
    do {
      node = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw YAMLDocument.translate(error, file: file, lines: YAMLDocument.lines(of: text))
    } catch {
      throw TemplateError(file: file, line: 0, column: 0, message: "cannot read YAML: \(error)")
    }
    guard let node else { throw TemplateError(file: file, line: 0, column: 0, message: "the file is empty") }
    root = node
  }

  // MARK: - Errors

  func error(_ message: String, at node: YAMLNode?, offset: Int = 0, length: Int = 1) -> TemplateError {
    guard let mark = node?.mark else { return TemplateError(file: file, line: 0, column: 0, message: message) }
    return error(message, line: mark.line, column: mark.column + offset, length: length)
  }

  func error(_ message: String, line: Int, column: Int, length: Int = 1) -> TemplateError {
    let lines = self.lines
    let source = line >= 1 && line <= lines.count ? String(lines[line - 1]) : nil
    return TemplateError(file: file, line: line, column: column, message: message, sourceLine: source, length: length)
  }

  private static func translate(_ error: YamlError, file: String, lines: [Substring]) -> TemplateError {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let source = mark.line >= 1 && mark.line <= lines.count ? String(lines[mark.line - 1]) : nil
      let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
      return TemplateError(
        file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(what)",
        sourceLine: source)
    case .reader(let problem, let offset, _, let yaml):
      // The offset counts bytes of the UTF-8 text.
      var line = 1
      var column = 1
      if let offset {
        var seen = 0
        for scalar in yaml.unicodeScalars {
          if seen >= offset { break }
          seen += String(scalar).utf8.count
          if scalar == "\n" {
            line += 1
            column = 1
          } else {
            column += 1
          }
        }
      }
      let source = line <= lines.count ? String(lines[line - 1]) : nil
      return TemplateError(
        file: file, line: line, column: column, message: "invalid YAML: \(problem)", sourceLine: source)
    case .duplicatedKeysInMapping(let duplicates, let context):
      return TemplateError(
        file: file, line: max(context.mark.line, 1), column: max(context.mark.column, 1),
        message: "duplicate key '\(duplicates.first ?? "")'")
    default:
      return TemplateError(file: file, line: 0, column: 0, message: "invalid YAML: \(error)")
    }
  }

  // MARK: - Shapes

  /// The entries of a mapping, in file order, rejecting keys outside `allowed` (with a suggestion) and
  /// duplicate keys.
  func mapping(_ node: YAMLNode, what: String, allowed: [String]? = nil) throws(TemplateError) -> [(
    key: String, keyNode: YAMLNode, value: YAMLNode
  )] {
    guard case .mapping(let mapping) = node else {
      throw error("\(what) must be a mapping of 'key: value' lines", at: node)
    }
    var seen: Set<String> = []
    var entries: [(String, YAMLNode, YAMLNode)] = []
    for (keyNode, value) in mapping {
      guard case .scalar(let scalar) = keyNode else { throw error("keys in \(what) must be plain words", at: keyNode) }
      let key = scalar.string
      if let allowed, !allowed.contains(key) {
        let hint = Suggestion.nearest(to: key, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
        throw error(
          "unknown key '\(key)' in \(what)\(hint); expected one of: \(allowed.joined(separator: ", "))",
          at: keyNode, length: key.count)
      }
      guard seen.insert(key).inserted else {
        throw error("duplicate key '\(key)' in \(what)", at: keyNode, length: key.count)
      }
      entries.append((key, keyNode, value))
    }
    return entries
  }

  func sequence(_ node: YAMLNode, what: String) throws(TemplateError) -> [YAMLNode] {
    guard case .sequence(let sequence) = node else { throw error("\(what) must be a list ('- item' lines)", at: node) }
    return Array(sequence)
  }

  func string(_ node: YAMLNode, what: String) throws(TemplateError) -> String {
    guard case .scalar(let scalar) = node else { throw error("\(what) must be text", at: node) }
    return scalar.string
  }

  func double(_ node: YAMLNode, what: String) throws(TemplateError) -> Double {
    guard case .scalar(let scalar) = node, let value = Double(scalar.string.replacingMinus()), value.isFinite else {
      throw error("\(what) must be a number, got \(quoted(node))", at: node, length: length(of: node))
    }
    return value
  }

  func int(_ node: YAMLNode, what: String) throws(TemplateError) -> Int {
    guard case .scalar(let scalar) = node, let value = Int(scalar.string.replacingMinus()) else {
      throw error("\(what) must be a whole number, got \(quoted(node))", at: node, length: length(of: node))
    }
    return value
  }

  func bool(_ node: YAMLNode, what: String) throws(TemplateError) -> Bool {
    guard case .scalar(let scalar) = node else { throw error("\(what) must be true or false", at: node) }
    switch scalar.string.lowercased() {
    case "true", "yes": return true
    case "false", "no": return false
    default: throw error("\(what) must be true or false, got '\(scalar.string)'", at: node, length: scalar.string.count)
    }
  }

  /// A `[low, high]` pair with low < high.
  func range(_ node: YAMLNode, what: String) throws(TemplateError) -> ClosedRange<Double> {
    let items = try sequence(node, what: what)
    guard items.count == 2 else { throw error("\(what) must be a list of two numbers [low, high]", at: node) }
    let low = try double(items[0], what: "the low end of \(what)")
    let high = try double(items[1], what: "the high end of \(what)")
    guard low < high else { throw error("\(what) must have low < high, got [\(low), \(high)]", at: node) }
    return low...high
  }

  func quoted(_ node: YAMLNode) -> String {
    if case .scalar(let scalar) = node { return "'\(scalar.string)'" }
    if case .mapping = node { return "a mapping" }
    return "a list"
  }

  func length(of node: YAMLNode) -> Int {
    if case .scalar(let scalar) = node { return max(scalar.string.count, 1) }
    return 1
  }

  /// Where a character offset inside a scalar's text lies in the file. Exact for single-line plain and
  /// quoted scalars; for block scalars, the first line of the text.
  func position(of offset: Int, in node: YAMLNode) -> (line: Int, column: Int) {
    guard case .scalar(let scalar) = node, let mark = scalar.mark else {
      return (node.mark?.line ?? 0, node.mark?.column ?? 0)
    }
    switch scalar.style {
    case .plain, .any: return (mark.line, mark.column + offset)
    case .singleQuoted, .doubleQuoted: return (mark.line, mark.column + 1 + offset)
    case .literal, .folded:
      // The text starts on the line after the indicator; find the line holding the offset.
      let lines = self.lines
      var remaining = offset
      for (index, line) in scalar.string.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if remaining <= line.count {
          let fileLine = mark.line + 1 + index
          let indent = fileLine <= lines.count ? lines[fileLine - 1].prefix { $0 == " " }.count : 0
          return (fileLine, indent + 1 + remaining)
        }
        remaining -= line.count + 1
      }
      return (mark.line, mark.column)
    }
  }
}

extension String {
  /// Reads U+2212 as an ASCII minus, so authors may paste typeset numbers.
  func replacingMinus() -> String { replacingOccurrences(of: "\u{2212}", with: "-") }

  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: Substring(target), omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
