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
    case .variable(let name, let span):
      guard let index = layout[name] else {
        throw ExpressionError(
          .unknownVariable, Suggestion.unknownVariableMessage(name, among: names),
          offset: span.offset, length: span.length, source: source)
      }
      return .slot(index, span)
    case .negate(let operand, let span): return .negate(try bind(operand), span)
    case .identity(let operand, let span): return .identity(try bind(operand), span)
    case .not(let operand, let span): return .not(try bind(operand), span)
    case .arithmetic(let op, let l, let r, let span): return .arithmetic(op, try bind(l), try bind(r), span)
    case .comparison(let op, let l, let r, let span): return .comparison(op, try bind(l), try bind(r), span)
    case .logical(let isAnd, let l, let r, let span): return .logical(isAnd: isAnd, try bind(l), try bind(r), span)
    case .conditional(let c, let a, let b, let keyword, let whole):
      return .conditional(try bind(c), try bind(a), try bind(b), keyword: keyword, whole: whole)
    case .call(let function, let arguments, let name, let whole):
      var bound: [Node] = []
      for argument in arguments { bound.append(try bind(argument)) }
      return .call(function, bound, name: name, whole: whole)
    }
  }

  /// Appends the string literals of the tree to `strings`, in source order.
  func collectStrings(into strings: inout [String]) {
    switch self {
    case .literal(.string(let s), _): strings.append(s)
    case .literal, .variable, .slot: break
    case .negate(let operand, _), .identity(let operand, _), .not(let operand, _):
      operand.collectStrings(into: &strings)
    case .arithmetic(_, let l, let r, _), .comparison(_, let l, let r, _), .logical(_, let l, let r, _):
      l.collectStrings(into: &strings)
      r.collectStrings(into: &strings)
    case .conditional(let c, let a, let b, _, _):
      for node in [c, a, b] { node.collectStrings(into: &strings) }
    case .call(_, let arguments, _, _):
      for node in arguments { node.collectStrings(into: &strings) }
    }
  }

  /// The span of the whole subexpression (parentheses around it excluded).
  var extent: Span {
    switch self {
    case .literal(_, let span), .variable(_, let span), .slot(_, let span): span
    case .negate(let operand, let span), .identity(let operand, let span), .not(let operand, let span):
      span.union(operand.extent)
    case .arithmetic(_, let l, let r, _), .comparison(_, let l, let r, _), .logical(_, let l, let r, _):
      l.extent.union(r.extent)
    case .conditional(_, _, _, _, let whole), .call(_, _, _, let whole): whole
    }
  }
}

/// The arithmetic operators.
enum ArithmeticOperator: String, Sendable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case remainder = "%"
  case power = "^"

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
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="
  case equal = "=="
  case notEqual = "!="
}
