import Foundation
import QuizModel
import TemplateEngine
import Testing

/// Random arithmetic trees, printed with only the parentheses the documented precedence needs, must parse
/// back to the tree: the value the parser computes equals the value of the tree.
@Suite struct ExpressionPrecedencePropertyTests {
  indirect enum Tree {
    case number(Double)
    case negate(Tree)
    case binary(Character, Tree, Tree)

    /// Binding strength as documented: + − 1, * / % 2, unary minus 3, ^ 4, atoms 5.
    var precedence: Int {
      switch self {
      case .number: 5
      case .negate: 3
      case .binary(let op, _, _): op == "^" ? 4 : (op == "+" || op == "-") ? 1 : 2
      }
    }

    /// The source with the fewest parentheses.
    var source: String {
      func wrap(_ t: Tree, _ needed: Bool) -> String { needed ? "(\(t.source))" : t.source }
      switch self {
      case .number(let x): return ExpressionPrecedencePropertyTests.literal(x)
      case .negate(let t): return "-" + wrap(t, t.precedence < 3)
      case .binary("^", let l, let r): return wrap(l, l.precedence <= 4) + " ^ " + wrap(r, r.precedence < 3)
      case .binary(let op, let l, let r):
        return wrap(l, l.precedence < precedence) + " \(op) " + wrap(r, r.precedence <= precedence)
      }
    }

    /// The value, or `nil` where any step divides by zero or leaves the finite numbers.
    var value: Double? {
      let result: Double?
      switch self {
      case .number(let x): result = x
      case .negate(let t): result = t.value.map { -$0 }
      case .binary(let op, let l, let r):
        guard let a = l.value, let b = r.value else { return nil }
        switch op {
        case "+": result = a + b
        case "-": result = a - b
        case "*": result = a * b
        case "/": result = b == 0 ? nil : a / b
        case "%": result = b == 0 ? nil : a.truncatingRemainder(dividingBy: b)
        default: result = pow(a, b)
        }
      }
      return result.flatMap { $0.isFinite ? $0 : nil }
    }

    static func random(depth: Int, using g: inout SeededGenerator) -> Tree {
      if depth == 0 || g.bernoulli(probability: 0.25) {
        return .number(g.choice([1, 2, 3, 0.5, 1.5, 7, 10, 0.25])!)
      }
      if g.bernoulli(probability: 0.2) { return .negate(random(depth: depth - 1, using: &g)) }
      let op = g.choice(Array("+-*/%^"))!
      return .binary(op, random(depth: depth - 1, using: &g), random(depth: depth - 1, using: &g))
    }
  }

  static func literal(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

  @Test func minimallyParenthesizedTreesEvaluateToTheTreeValue() throws {
    var g = SeededGenerator(seed: 77)
    for _ in 0..<5000 {
      let tree = Tree.random(depth: 4, using: &g)
      let source = tree.source
      let expression = try Expression(parsing: source)
      if let expected = tree.value {
        let value = try expression.evaluateNumber(with: [:])
        #expect(abs(value - expected) <= 1e-12 * max(1, abs(expected)), "\(source)")
      } else {
        #expect(throws: ExpressionError.self, "\(source)") { try expression.evaluate(with: [:]) }
      }
    }
  }
}
