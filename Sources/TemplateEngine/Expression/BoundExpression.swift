import QuizModel

/// An expression whose variables are resolved to positions in an array of values, for evaluating it many
/// times without looking names up.
///
/// A variant generator keeps the values of a template's parameters and derived values in one array, in a
/// fixed order, and binds each expression to that order once:
///
/// ```swift
/// let layout = ["z", "inside_mM", "outside_mM", "temperature_C", "E"]
/// let e = try Expression(parsing: "nernst(z, inside_mM, outside_mM, temperature_C)").bound(to: layout)
/// var values: [ExpressionValue] = [1, 140, 4, 37, 0]
/// values[4] = try .number(e.evaluateNumber(with: values))   // E ≈ −95.02
/// ```
///
/// Binding reports a variable missing from the layout once, up front, instead of at every evaluation.
/// Otherwise it evaluates exactly as ``Expression/evaluate(with:)``, with the same errors.
package struct BoundExpression: Hashable, Sendable {
  /// The expression, as parsed.
  package let expression: Expression
  /// The variable names in the order of the values array.
  package let variables: [String]
  private let root: Node

  /// Binds `expression` to the variables in `variables` (the first of a repeated name wins).
  ///
  /// - Throws: An unknown-variable ``ExpressionError`` at the first use of a variable that is not in
  ///   `variables`.
  package init(_ expression: Expression, variables: [String]) throws(ExpressionError) {
    var layout: [String: Int] = [:]
    for (index, name) in variables.enumerated() where layout[name] == nil { layout[name] = index }
    root = try expression.root.binding(layout, names: variables, source: expression.source)
    self.expression = expression
    self.variables = variables
  }

  /// Evaluates the expression with the values of ``variables``, in that order.
  ///
  /// - Precondition: `values` has a value for each of ``variables``.
  /// - Throws: As ``Expression/evaluate(with:)``, except that no variable is unknown.
  /// - Complexity: O(*n*) in the size of the expression.
  package func evaluate(with values: [ExpressionValue]) throws(ExpressionError) -> ExpressionValue {
    precondition(
      values.count >= variables.count,
      "BoundExpression needs \(variables.count) values (\(variables)), got \(values.count)")
    return try Evaluator(source: expression.source, slots: values).value(of: root)
  }

  /// Evaluates an expression that must give a number.
  ///
  /// - Throws: As ``evaluate(with:)``, and a type mismatch when the result is a boolean or a string.
  package func evaluateNumber(with values: [ExpressionValue]) throws(ExpressionError) -> Double {
    try Expression.number(from: evaluate(with: values), of: root, source: expression.source)
  }

  /// Evaluates an expression that must give a boolean.
  ///
  /// - Throws: As ``evaluate(with:)``, and a type mismatch when the result is a number or a string.
  package func evaluateBool(with values: [ExpressionValue]) throws(ExpressionError) -> Bool {
    try Expression.bool(from: evaluate(with: values), of: root, source: expression.source)
  }

  /// Evaluates an expression that must give a string.
  ///
  /// - Throws: As ``evaluate(with:)``, and a type mismatch when the result is a number or a boolean.
  package func evaluateString(with values: [ExpressionValue]) throws(ExpressionError) -> String {
    try Expression.string(from: evaluate(with: values), of: root, source: expression.source)
  }

  /// Two bound expressions are equal when their sources and layouts are.
  package static func == (a: BoundExpression, b: BoundExpression) -> Bool {
    a.expression == b.expression && a.variables == b.variables
  }

  /// Hashes the source and the layout.
  package func hash(into hasher: inout Hasher) {
    hasher.combine(expression)
    hasher.combine(variables)
  }
}
