import QuizModel

/// Walks a ``Node`` tree with the values of the variables: by name for ``Node/variable(_:_:)``, by position
/// for ``Node/slot(_:_:)``.
struct Evaluator {
  let source: String
  var variables: [String: ExpressionValue] = [:]
  var slots: [ExpressionValue] = []

  /// What a number is needed for, so a type error can say so.
  private enum Need {
    case operand(ArithmeticOperator, Span)
    case comparison(ComparisonOperator, Span)
    case negation(Span)
    case argument(Function, Int)
  }

  private func error(_ code: ExpressionError.Code, _ message: String, at span: Span) -> ExpressionError {
    ExpressionError(code, message, offset: span.offset, length: span.length, source: source)
  }

  /// The source text of a span, for messages.
  private func text(of span: Span) -> String {
    String(source.dropFirst(span.offset).prefix(span.length))
  }

  func value(of node: Node) throws(ExpressionError) -> ExpressionValue {
    switch node {
    case .literal(let value, _):
      return value
    case .variable(let name, let span):
      return try lookUp(name, span)
    case .slot(let index, let span):
      let value = slots[index]
      if case .number(let x) = value, !x.isFinite {
        throw error(
          .nonFinite, "variable '\(text(of: span))' is not a finite number (\(NumberText.string(x)))", at: span)
      }
      return value
    case .negate, .identity, .arithmetic:
      return .number(try number(of: node))
    case .not(let operand, let span):
      return .bool(!(try bool(of: operand, for: span)))
    case .comparison(let op, let left, let right, let span):
      return .bool(try compare(op, left, right, span))
    case .logical(let isAnd, let left, let right, let span):
      let l = try bool(of: left, for: span)
      if isAnd ? !l : l { return .bool(l) }
      return .bool(try bool(of: right, for: span))
    case .conditional(let condition, let then, let otherwise, _, _):
      let c = try value(of: condition)
      guard case .bool(let chosen) = c else {
        throw error(.typeMismatch, "if needs a boolean condition, got \(c.typeDescription)", at: condition.extent)
      }
      return try value(of: chosen ? then : otherwise)
    case .call(let function, let arguments, _, let whole):
      return try call(function, arguments, whole)
    }
  }

  private func lookUp(_ name: String, _ span: Span) throws(ExpressionError) -> ExpressionValue {
    guard let value = variables[name] else {
      throw error(.unknownVariable, Suggestion.unknownVariableMessage(name, among: variables.keys), at: span)
    }
    if case .number(let x) = value, !x.isFinite {
      throw error(.nonFinite, "variable '\(name)' is not a finite number (\(NumberText.string(x)))", at: span)
    }
    return value
  }

  /// A subexpression that must give a number; the fast path for arithmetic.
  private func number(of node: Node) throws(ExpressionError) -> Double {
    switch node {
    case .literal(.number(let x), _):
      return x
    case .arithmetic(let op, let left, let right, let span):
      let a = try number(of: left, for: .operand(op, span))
      let b = try number(of: right, for: .operand(op, span))
      if (op == .divide || op == .remainder) && b == 0 {
        let what = op == .divide ? "division" : "remainder"
        throw error(.divisionByZero, "\(what) by zero: '\(text(of: right.extent))' is 0", at: span)
      }
      let result = op.apply(a, b)
      guard result.isFinite else {
        throw error(
          .nonFinite,
          "result is not a finite number: \(NumberText.string(a)) \(op.rawValue) \(NumberText.string(b)) = \(NumberText.string(result))",
          at: span)
      }
      return result
    case .negate(let operand, let span):
      return -(try number(of: operand, for: .negation(span)))
    case .identity(let operand, let span):
      return try number(of: operand, for: .negation(span))
    default:
      // Only reached through `number(of:for:)`, which has already ruled out a non-number here.
      guard case .number(let x) = try value(of: node) else { preconditionFailure("not a number node") }
      return x
    }
  }

  private func number(of node: Node, for need: Need) throws(ExpressionError) -> Double {
    switch node {
    case .literal(.number(let x), _): return x
    case .arithmetic, .negate, .identity: return try number(of: node)
    case .slot(let index, _):
      if case .number(let x) = slots[index], x.isFinite { return x }
      fallthrough
    default:
      let v = try value(of: node)
      if case .number(let x) = v { return x }
      throw typeMismatch(need, got: v, at: node)
    }
  }

  private func typeMismatch(_ need: Need, got v: ExpressionValue, at node: Node) -> ExpressionError {
    switch need {
    case .operand(let op, let span):
      return error(.typeMismatch, "'\(op.rawValue)' needs numbers, got \(v.typeDescription)", at: span)
    case .comparison(let op, let span):
      return error(.typeMismatch, "'\(op.rawValue)' needs numbers, got \(v.typeDescription)", at: span)
    case .negation(let span):
      return error(.typeMismatch, "'\(text(of: span))' needs a number, got \(v.typeDescription)", at: span)
    case .argument(let function, let index):
      return error(
        .typeMismatch,
        "\(function.name) needs a number for \(function.parameterName(at: index)), got \(v.typeDescription)",
        at: node.extent)
    }
  }

  private func bool(of node: Node, for span: Span) throws(ExpressionError) -> Bool {
    let v = try value(of: node)
    if case .bool(let b) = v { return b }
    let word = text(of: span)
    let noun = word == "not" || word == "!" ? "a boolean" : "booleans"
    throw error(.typeMismatch, "'\(word)' needs \(noun), got \(v.typeDescription)", at: span)
  }

  private func compare(_ op: ComparisonOperator, _ left: Node, _ right: Node, _ span: Span) throws(ExpressionError)
    -> Bool
  {
    switch op {
    case .less, .lessEqual, .greater, .greaterEqual:
      let a = try number(of: left, for: .comparison(op, span))
      let b = try number(of: right, for: .comparison(op, span))
      switch op {
      case .less: return a < b
      case .lessEqual: return a <= b
      case .greater: return a > b
      default: return a >= b
      }
    case .equal, .notEqual:
      let a = try value(of: left)
      let b = try value(of: right)
      let same: Bool
      switch (a, b) {
      case (.number(let x), .number(let y)): same = x == y
      case (.bool(let x), .bool(let y)): same = x == y
      case (.string(let x), .string(let y)): same = x == y
      default:
        throw error(
          .typeMismatch,
          "'\(op.rawValue)' needs two values of the same type, got \(a.typeDescription) and \(b.typeDescription)",
          at: span)
      }
      return op == .equal ? same : !same
    }
  }

  private func call(_ function: Function, _ nodes: [Node], _ whole: Span) throws(ExpressionError) -> ExpressionValue {
    let arguments: Arguments
    switch nodes.count {
    case 1: arguments = Arguments(try number(of: nodes[0], for: .argument(function, 0)))
    case 2:
      arguments = Arguments(
        try number(of: nodes[0], for: .argument(function, 0)),
        try number(of: nodes[1], for: .argument(function, 1)))
    default:
      var values: [Double] = []
      values.reserveCapacity(nodes.count)
      for (i, node) in nodes.enumerated() { values.append(try number(of: node, for: .argument(function, i))) }
      arguments = Arguments(values)
    }
    let result: ExpressionValue
    do {
      result = try function.apply(arguments)
    } catch {
      switch error {
      case .physics(let physics):
        throw self.error(.domain, "\(function.name): \(physics)", at: whole)
      case .badArgument(let index, let message):
        throw self.error(.domain, message, at: nodes[index].extent)
      }
    }
    if case .number(let x) = result, !x.isFinite {
      let list = arguments.values.map(NumberText.string).joined(separator: ", ")
      throw self.error(
        .nonFinite,
        "result is not a finite number: \(function.name)(\(list)) = \(NumberText.string(x))", at: whole)
    }
    return result
  }
}
