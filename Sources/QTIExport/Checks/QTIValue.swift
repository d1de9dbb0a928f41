import QuizModel

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
    case .float(let x): DecimalText.exact(x)
    case .identifier(let s): s
    case .bool(let b): String(b)
    case .multiple(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
    }
  }

  /// A value written as `text` in a declaration or `baseValue` of this base type.
  init(text: String, baseType: String) {
    switch baseType {
    case "float", "integer": self = Double(text).map(QTIValue.float) ?? .null
    case "boolean": self = .bool(text == "true")
    default: self = .identifier(text)
    }
  }

  var number: Double? { if case .float(let x) = self { x } else { nil } }

  /// Whether this (a multiple or single identifier) holds `identifier`.
  func contains(_ identifier: String) -> Bool {
    switch self {
    case .identifier(let s): s == identifier
    case .multiple(let values): values.contains(.identifier(identifier))
    default: false
    }
  }
}

/// Why an item could not be evaluated: a construct outside the subset the exporter writes, or a malformed one.
struct EvaluationFailure: Error {
  var line: Int
  var message: String
}
