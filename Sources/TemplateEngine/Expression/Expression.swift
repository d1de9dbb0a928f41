import QuizModel

/// A parsed expression of the template language, ready to be evaluated many times.
///
/// Templates write parameters, derived values, answers, misconceptions and constraints as expressions:
///
/// ```swift
/// let e = try Expression(parsing: "nernst(z, inside_mM, outside_mM, temperature_C)")
/// e.referencedVariables  // ["z", "inside_mM", "outside_mM", "temperature_C"]
/// try e.evaluateNumber(with: ["z": 1, "inside_mM": 140, "outside_mM": 4, "temperature_C": 37]) // ≈ −95.02
/// ```
///
/// The language has numbers, booleans and strings; arithmetic, comparison and short-circuit logical
/// operators; `if(condition, then, else)`; math functions; the physical constants; and physics functions
/// that call PhysicsCore. Templates/EXPRESSIONS.md documents it.
///
/// Parsing resolves functions and constants and folds constant arithmetic, so evaluating does no string
/// work beyond looking variables up. Every evaluation that would produce NaN or an infinity throws.
///
/// Two expressions are equal when their sources are.
package struct Expression: Hashable, Sendable, CustomStringConvertible {
  /// The text the expression was parsed from.
  package let source: String
  /// The free identifiers the expression reads: its variables, not its functions, constants or keywords.
  /// A variable is listed even if it sits in an `if` branch that a given evaluation does not take.
  package let referencedVariables: Set<String>
  let root: Node

  /// Parses an expression.
  ///
  /// - Parameter source: The expression, such as `abs(Vm_mV - E) > 5`.
  /// - Throws: An ``ExpressionError`` whose ``ExpressionError/offset`` points at the offending token: an
  ///   unexpected character or token, an unterminated string, a malformed number, a missing `)`, an
  ///   unexpected end of input, an unknown function or a wrong number of arguments.
  package init(parsing source: String) throws(ExpressionError) {
    var parser = try Parser(source: source)
    root = try parser.parse()
    referencedVariables = parser.variables
    self.source = source
  }

  /// The names an expression cannot use for a variable: the functions, the constants and the keywords.
  /// A template can check its parameter names against them.
  package static let reservedNames: Set<String> =
    Set(Parser.functions.keys).union(Parser.constants.keys).union(["true", "false", "and", "or", "not", "if"])

  /// The names of the built-in functions, sorted.
  package static var functionNames: [String] { Parser.functions.keys.sorted() }

  /// The names of the constants (`FARADAY`, `PI`, …), sorted.
  package static var constantNames: [String] { Parser.constants.keys.sorted() }

  /// The source.
  package var description: String { source }

  /// Two expressions are equal when their sources are.
  package static func == (a: Expression, b: Expression) -> Bool { a.source == b.source }
  /// Hashes the source.
  package func hash(into hasher: inout Hasher) { hasher.combine(source) }

  // MARK: Evaluation

  /// Evaluates the expression.
  ///
  /// ```swift
  /// try Expression(parsing: "if(z > 0, 'cation', 'anion')").evaluate(with: ["z": -1]) // .string("anion")
  /// ```
  ///
  /// - Parameter variables: The values of the variables, by name.
  /// - Returns: The value, never a NaN or an infinity.
  /// - Throws: An ``ExpressionError`` for an unknown variable, a type mismatch, a division by zero, a result
  ///   that is not a finite number, or an argument outside a function's domain. ``ExpressionError/isDomainError``
  ///   tells the last three apart.
  /// - Complexity: O(*n*) in the size of the expression, plus a dictionary lookup per variable use.
  package func evaluate(with variables: [String: ExpressionValue]) throws(ExpressionError) -> ExpressionValue {
    try Evaluator(source: source, variables: variables).value(of: root)
  }

  /// Evaluates an expression that must give a number.
  ///
  /// - Throws: As ``evaluate(with:)``, and a type mismatch when the result is a boolean or a string.
  package func evaluateNumber(with variables: [String: ExpressionValue]) throws(ExpressionError) -> Double {
    try Self.number(from: evaluate(with: variables), of: root, source: source)
  }

  /// Evaluates an expression that must give a boolean, such as a constraint.
  ///
  /// - Throws: As ``evaluate(with:)``, and a type mismatch when the result is a number or a string.
  package func evaluateBool(with variables: [String: ExpressionValue]) throws(ExpressionError) -> Bool {
    try Self.bool(from: evaluate(with: variables), of: root, source: source)
  }

  /// Evaluates an expression that must give a string, such as the correct option of a choice.
  ///
  /// - Throws: As ``evaluate(with:)``, and a type mismatch when the result is a number or a boolean.
  package func evaluateString(with variables: [String: ExpressionValue]) throws(ExpressionError) -> String {
    try Self.string(from: evaluate(with: variables), of: root, source: source)
  }

  /// Resolves the variables to positions in `variables`, for evaluating with an array of values instead of a
  /// dictionary; see ``BoundExpression``.
  ///
  /// - Throws: An unknown-variable error at the first variable that is not in `variables`.
  package func bound(to variables: [String]) throws(ExpressionError) -> BoundExpression {
    try BoundExpression(self, variables: variables)
  }

  /// The string literals the expression contains, in source order: the strings it can give, besides those of
  /// its variables and functions.
  var stringLiterals: [String] {
    var strings: [String] = []
    root.collectStrings(into: &strings)
    return strings
  }

  static func number(from value: ExpressionValue, of root: Node, source: String) throws(ExpressionError) -> Double {
    guard case .number(let x) = value else { throw resultMismatch(expected: "a number", got: value, root, source) }
    return x
  }

  static func bool(from value: ExpressionValue, of root: Node, source: String) throws(ExpressionError) -> Bool {
    guard case .bool(let b) = value else { throw resultMismatch(expected: "a boolean", got: value, root, source) }
    return b
  }

  static func string(from value: ExpressionValue, of root: Node, source: String) throws(ExpressionError) -> String {
    guard case .string(let s) = value else { throw resultMismatch(expected: "a string", got: value, root, source) }
    return s
  }

  private static func resultMismatch(
    expected: String, got value: ExpressionValue, _ root: Node, _ source: String
  ) -> ExpressionError {
    let extent = root.extent
    return ExpressionError(
      .typeMismatch, "expected \(expected), but the expression gives \(value.typeDescription) (\(value))",
      offset: extent.offset, length: extent.length, source: source)
  }
}
