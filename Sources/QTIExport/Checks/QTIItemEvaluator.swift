import QuizModel
import Foundation

/// A value during response processing.
enum QTIValue: Equatable, CustomStringConvertible {
  case null
  case float(Double)
  case identifier(String)
  case bool(Bool)
  case multiple([QTIValue])

  var description: String {
    switch self {
    case .null: "NULL"
    case let .float(x): DecimalText.exact(x)
    case let .identifier(s): s
    case let .bool(b): String(b)
    case let .multiple(values): "[" + values.map(\.description).joined(separator: ", ") + "]"
    }
  }

  var number: Double? { if case let .float(x) = self { x } else { nil } }

  /// Whether this (a multiple or single identifier) holds `identifier`.
  func contains(_ identifier: String) -> Bool {
    switch self {
    case let .identifier(s): s == identifier
    case let .multiple(values): values.contains(.identifier(identifier))
    default: false
    }
  }
}

/// Why an item could not be evaluated: a construct outside the subset the exporter writes, or a malformed one.
struct EvaluationFailure: Error, CustomStringConvertible {
  var line: Int
  var message: String
  var description: String { message }
}

/// A QTI 2.1 or 3.0 item read back from its file, with a small evaluator for the response processing the
/// exporter writes: `responseCondition` with `responseIf`/`responseElseIf`/`responseElse`, `setOutcomeValue`,
/// and the expressions `baseValue`, `variable`, `correct`, `isNull`, `equal` (exact and absolute tolerance),
/// `match`, `sum`, `multiple`, `and`, `or`, `not`, `gte`, `lte`, `gt`, `lt`. QTI 3.0 names are read as their
/// QTI 2.1 equivalents.
struct QTIItemModel {
  struct Response {
    var identifier: String
    var baseType: String
    var correct: String?
    var line: Int
  }

  struct Feedback {
    var outcome: String
    var identifier: String
    var showHide: String
    var line: Int
  }

  var root: XMLNode
  var responses: [Response] = []
  var defaults: [String: QTIValue] = [:]
  var processing: XMLNode?
  var feedbacks: [Feedback] = []
  /// The choice identifiers offered for each choice response.
  var choices: [String: [String]] = [:]

  /// Reads the declarations of an item (either version); `root` must be `assessmentItem`/`qti-assessment-item`.
  init(root original: XMLNode) {
    let root = QTIItemModel.normalized(original)
    self.root = root
    for node in root.elements {
      switch node.name {
      case "responseDeclaration":
        let correct = node.child("correctResponse")?.child("value")?.trimmedText
        responses.append(Response(identifier: node[attribute: "identifier"] ?? "", baseType: node[attribute: "baseType"] ?? "",
                                  correct: correct, line: node.line))
      case "outcomeDeclaration":
        let identifier = node[attribute: "identifier"] ?? ""
        let baseType = node[attribute: "baseType"] ?? "float"
        let cardinality = node[attribute: "cardinality"] ?? "single"
        let values = node.child("defaultValue")?.children("value").map {
          QTIItemModel.value($0.trimmedText, baseType: baseType)
        } ?? []
        if cardinality == "single" {
          defaults[identifier] = values.first ?? .null
        } else {
          defaults[identifier] = values.isEmpty ? .null : .multiple(values)
        }
      case "responseProcessing":
        processing = node
      case "modalFeedback":
        feedbacks.append(Feedback(outcome: node[attribute: "outcomeIdentifier"] ?? "", identifier: node[attribute: "identifier"] ?? "",
                                  showHide: node[attribute: "showHide"] ?? "show", line: node.line))
      default:
        break
      }
    }
    for interaction in root.descendants("choiceInteraction") {
      choices[interaction[attribute: "responseIdentifier"] ?? ""] =
        interaction.descendants("simpleChoice").compactMap { $0[attribute: "identifier"] }
    }
  }

  /// A QTI 3.0 tree with QTI 2.1 names; a QTI 2.1 tree unchanged.
  static func normalized(_ node: XMLNode) -> XMLNode {
    guard !node.isText else { return node }
    var copy = node
    copy.name = QTIDialect.camel(node.name)
    copy.attributes = node.attributes.map { ($0.name.contains(":") ? $0.name : QTIDialect.camel($0.name), $0.value) }
    copy.children = node.children.map(normalized)
    return copy
  }

  static func value(_ text: String, baseType: String) -> QTIValue {
    switch baseType {
    case "float", "integer": Double(text).map(QTIValue.float) ?? .null
    case "boolean": .bool(text == "true")
    default: .identifier(text)
    }
  }

  func response(_ identifier: String) -> Response? { responses.first { $0.identifier == identifier } }

  /// The correct value of a response, typed.
  func correctValue(_ identifier: String) -> QTIValue {
    guard let r = response(identifier), let text = r.correct else { return .null }
    return QTIItemModel.value(text, baseType: r.baseType)
  }

  /// Runs the response processing for these responses and returns the outcomes.
  func run(_ responses: [String: QTIValue]) throws(EvaluationFailure) -> [String: QTIValue] {
    var state = State(model: self, responses: responses, outcomes: defaults)
    if let processing {
      if processing[attribute: "template"] != nil || processing[attribute: "templateLocation"] != nil {
        throw EvaluationFailure(line: processing.line, message: "response processing templates are not evaluated")
      }
      for rule in processing.elements { try state.execute(rule) }
    }
    return state.outcomes
  }

  private struct State {
    let model: QTIItemModel
    let responses: [String: QTIValue]
    var outcomes: [String: QTIValue]

    mutating func execute(_ rule: XMLNode) throws(EvaluationFailure) {
      switch rule.name {
      case "responseCondition":
        for branch in rule.elements {
          switch branch.name {
          case "responseIf", "responseElseIf":
            guard let condition = branch.elements.first else {
              throw EvaluationFailure(line: branch.line, message: "'\(branch.name)' has no condition")
            }
            if try evaluate(condition) == .bool(true) {
              for r in branch.elements.dropFirst() { try execute(r) }
              return
            }
          case "responseElse":
            for r in branch.elements { try execute(r) }
            return
          default:
            throw EvaluationFailure(line: branch.line, message: "unexpected '\(branch.name)' in a response condition")
          }
        }
      case "setOutcomeValue":
        guard let identifier = rule[attribute: "identifier"], let expression = rule.elements.first else {
          throw EvaluationFailure(line: rule.line, message: "'setOutcomeValue' needs an identifier and an expression")
        }
        guard outcomes.keys.contains(identifier) else {
          throw EvaluationFailure(line: rule.line, message: "'setOutcomeValue' sets the undeclared outcome '\(identifier)'")
        }
        outcomes[identifier] = try evaluate(expression)
      default:
        throw EvaluationFailure(line: rule.line, message: "the response rule '\(rule.name)' is not evaluated by the self-check")
      }
    }

    func evaluate(_ e: XMLNode) throws(EvaluationFailure) -> QTIValue {
      let operands = e.elements
      func values() throws(EvaluationFailure) -> [QTIValue] {
        var result: [QTIValue] = []
        for o in operands { result.append(try evaluate(o)) }
        return result
      }
      func two() throws(EvaluationFailure) -> (QTIValue, QTIValue) {
        let v = try values()
        guard v.count == 2 else { throw EvaluationFailure(line: e.line, message: "'\(e.name)' needs two operands") }
        return (v[0], v[1])
      }
      switch e.name {
      case "baseValue":
        return QTIItemModel.value(e.trimmedText, baseType: e[attribute: "baseType"] ?? "")
      case "variable":
        let identifier = e[attribute: "identifier"] ?? ""
        if let r = responses[identifier] { return r }
        if model.response(identifier) != nil { return .null }
        guard let o = outcomes[identifier] else {
          throw EvaluationFailure(line: e.line, message: "'variable' refers to the undeclared '\(identifier)'")
        }
        return o
      case "correct":
        let identifier = e[attribute: "identifier"] ?? ""
        guard model.response(identifier) != nil else {
          throw EvaluationFailure(line: e.line, message: "'correct' refers to the undeclared response '\(identifier)'")
        }
        return model.correctValue(identifier)
      case "isNull":
        let v = try values()
        return .bool(v.first == .null || v.first == .multiple([]))
      case "equal":
        let (x, y) = try two()
        guard let a = x.number, let b = y.number else { return .null }
        let mode = e[attribute: "toleranceMode"] ?? "exact"
        switch mode {
        case "exact":
          return .bool(a == b)
        case "absolute", "relative":
          let parts = (e[attribute: "tolerance"] ?? "").split(separator: " ").compactMap { Double($0) }
          guard let t0 = parts.first else {
            throw EvaluationFailure(line: e.line, message: "'equal' with toleranceMode '\(mode)' has no valid tolerance")
          }
          let t1 = parts.count > 1 ? parts[1] : t0
          let band = CompiledItem.Band(absolute: mode == "absolute", t0: t0, t1: t1,
                                       includeLower: e[attribute: "includeLowerBound"] != "false",
                                       includeUpper: e[attribute: "includeUpperBound"] != "false")
          return .bool(band.contains(b, around: a))
        default:
          throw EvaluationFailure(line: e.line, message: "'equal' has the unknown toleranceMode '\(mode)'")
        }
      case "match":
        let (x, y) = try two()
        if x == .null || y == .null { return .null }
        return .bool(x == y)
      case "sum":
        var total = 0.0
        for v in try values() {
          guard let n = v.number else { return .null }
          total += n
        }
        return .float(total)
      case "multiple":
        var items: [QTIValue] = []
        for v in try values() {
          switch v {
          case .null: continue
          case let .multiple(inner): items += inner
          default: items.append(v)
          }
        }
        return items.isEmpty ? .null : .multiple(items)
      case "and", "or":
        let v = try values()
        if v.contains(.null) { return .null }
        return .bool(e.name == "and" ? v.allSatisfy { $0 == .bool(true) } : v.contains(.bool(true)))
      case "not":
        let v = try values()
        guard case let .bool(b)? = v.first else { return .null }
        return .bool(!b)
      case "gte", "lte", "gt", "lt":
        let (x, y) = try two()
        guard let a = x.number, let b = y.number else { return .null }
        switch e.name {
        case "gte": return .bool(a >= b)
        case "lte": return .bool(a <= b)
        case "gt": return .bool(a > b)
        default: return .bool(a < b)
        }
      default:
        throw EvaluationFailure(line: e.line, message: "the expression '\(e.name)' is not evaluated by the self-check")
      }
    }
  }
}
