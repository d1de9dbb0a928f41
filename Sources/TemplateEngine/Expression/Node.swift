import Foundation
import QuizModel

/// The syntax tree of a parsed expression. Functions and constants are resolved while parsing, so
/// evaluation does no string work beyond looking variables up.
indirect enum Node: Sendable {
  /// A literal, a constant (`PI`) or a folded constant subexpression.
  case literal(ExpressionValue, Span)
  /// A variable, looked up by name when evaluating.
  case variable(String, Span)
  /// A variable resolved to a position in an array of values (see ``BoundExpression``).
  case slot(Int, Span)
  /// Unary minus (`-x`) or plus (`+x`); the span is the operator's.
  case negate(Node, Span)
  case identity(Node, Span)
  /// `not x` or `!x`; the span is the operator's.
  case not(Node, Span)
  /// `+ - * / % ^`; the span is the operator's.
  case arithmetic(ArithmeticOperator, Node, Node, Span)
  /// `< <= > >= == !=`; the span is the operator's.
  case comparison(ComparisonOperator, Node, Node, Span)
  /// `and`/`&&` (`isAnd`) or `or`/`||`, short-circuit; the span is the operator's.
  case logical(isAnd: Bool, Node, Node, Span)
  /// `if(condition, then, else)`; the spans are the keyword's and the whole call's.
  case conditional(Node, Node, Node, keyword: Span, whole: Span)
  /// A built-in function; the spans are the name's and the whole call's.
  case call(Function, [Node], name: Span, whole: Span)

  /// The same tree with every variable replaced by its position in `layout`.
  ///
  /// - Throws: An unknown-variable error at the first variable that is not in the layout.
  func binding(_ layout: [String: Int], names: [String], source: String) throws(ExpressionError) -> Node {
    func bind(_ node: Node) throws(ExpressionError) -> Node { try node.binding(layout, names: names, source: source) }
    switch self {
    case .literal, .slot: return self
    case let .variable(name, span):
      guard let index = layout[name] else {
        throw ExpressionError(.unknownVariable, Suggestion.unknownVariableMessage(name, among: names),
                              offset: span.offset, length: span.length, source: source)
      }
      return .slot(index, span)
    case let .negate(operand, span): return .negate(try bind(operand), span)
    case let .identity(operand, span): return .identity(try bind(operand), span)
    case let .not(operand, span): return .not(try bind(operand), span)
    case let .arithmetic(op, l, r, span): return .arithmetic(op, try bind(l), try bind(r), span)
    case let .comparison(op, l, r, span): return .comparison(op, try bind(l), try bind(r), span)
    case let .logical(isAnd, l, r, span): return .logical(isAnd: isAnd, try bind(l), try bind(r), span)
    case let .conditional(c, a, b, keyword, whole):
      return .conditional(try bind(c), try bind(a), try bind(b), keyword: keyword, whole: whole)
    case let .call(function, arguments, name, whole):
      var bound: [Node] = []
      for argument in arguments { bound.append(try bind(argument)) }
      return .call(function, bound, name: name, whole: whole)
    }
  }

  /// The span of the whole subexpression (parentheses around it excluded).
  var extent: Span {
    switch self {
    case let .literal(_, span), let .variable(_, span), let .slot(_, span): span
    case let .negate(operand, span), let .identity(operand, span), let .not(operand, span): span.union(operand.extent)
    case let .arithmetic(_, l, r, _), let .comparison(_, l, r, _), let .logical(_, l, r, _): l.extent.union(r.extent)
    case let .conditional(_, _, _, _, whole), let .call(_, _, _, whole): whole
    }
  }
}

/// The arithmetic operators.
enum ArithmeticOperator: String, Sendable {
  case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", power = "^"

  /// Applies the operator; the caller checks for division by zero and non-finite results.
  @inline(__always)
  func apply(_ a: Double, _ b: Double) -> Double {
    switch self {
    case .add: a + b
    case .subtract: a - b
    case .multiply: a * b
    case .divide: a / b
    case .remainder: a.truncatingRemainder(dividingBy: b)
    case .power: Self.power(a, b)
    }
  }

  /// `a ^ b`, exact for small whole exponents (so `x ^ 2` is `x * x`), otherwise `pow`.
  @inline(__always)
  static func power(_ a: Double, _ b: Double) -> Double {
    if b == 2 { return a * a }
    if b == 3 { return a * a * a }
    if b == 1 { return a }
    if b == 0 { return 1 }
    return Foundation.pow(a, b)
  }
}

/// The comparison operators.
enum ComparisonOperator: String, Sendable {
  case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
}
