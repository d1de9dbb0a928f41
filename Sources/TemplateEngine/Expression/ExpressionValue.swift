import QuizModel

/// A value of the template expression language: a number, a boolean or a string.
///
/// Numbers are `Double`s in the units the functions document (mV, mM, °C, …); the language has no unit
/// checking. Booleans come from comparisons and from `true`/`false`; strings from literals and from the
/// functions that name a direction (`flux_direction` → `"influx"`).
///
/// ```swift
/// let e = try Expression(parsing: "flux_direction(1, -70, E)")
/// try e.evaluate(with: ["E": .number(-95)]) // .string("efflux")
/// ```
package enum ExpressionValue: Hashable, Sendable {
  /// A finite number.
  case number(Double)
  /// A truth value.
  case bool(Bool)
  /// A piece of text.
  case string(String)

  /// The number, or `nil` for a boolean or a string.
  package var number: Double? {
    if case .number(let x) = self { return x }
    return nil
  }

  /// The truth value, or `nil` for a number or a string.
  package var bool: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  /// The text, or `nil` for a number or a boolean.
  package var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The kind of value with its article, as error messages say it: "a number", "a boolean", "a string".
  package var typeDescription: String {
    switch self {
    case .number: "a number"
    case .bool: "a boolean"
    case .string: "a string"
    }
  }
}

extension ExpressionValue: CustomStringConvertible {
  /// The value as the language would write it: `-95.02`, `true`, `"influx"`.
  package var description: String {
    switch self {
    case .number(let x): NumberText.string(x)
    case .bool(let b): b ? "true" : "false"
    case .string(let s): "\"\(s)\""
    }
  }
}

extension ExpressionValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByStringLiteral
{
  /// A number from a literal: `let t: ExpressionValue = 37.5`.
  package init(floatLiteral value: Double) { self = .number(value) }
  /// A number from an integer literal: `let z: ExpressionValue = 1`.
  package init(integerLiteral value: Int) { self = .number(Double(value)) }
  /// A boolean from a literal: `let flag: ExpressionValue = true`.
  package init(booleanLiteral value: Bool) { self = .bool(value) }
  /// A string from a literal: `let ion: ExpressionValue = "K+"`.
  package init(stringLiteral value: String) { self = .string(value) }
}

/// Numbers as error messages quote them: whole numbers without a fraction (`4`, not `4.0`), others in the
/// shortest form that reads back to the same `Double` (`0.1`, `1e-05`), `NaN`, `inf`, `-inf`.
enum NumberText {
  static func string(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
  }
}
