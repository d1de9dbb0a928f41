import QuizModel
import TemplateEngine
import Testing

@Suite struct ExpressionFuzzTests {
  static let pieces: [String] = [
    "1", "0", "2.5", ".5", "1e3", "1e", "x", "y", "s", "flag", "nernst", "ln", "sigfig", "if", "PI", "true", "false",
    "and", "or", "not", "!", "+", "-", "−", "*", "/", "%", "^", "<", "<=", "==", "!=", "=", "&", "|", "&&", "(",
    ")", ",", "'a", "'a'", "\"b\"", " ", "#", "é", "\\",
  ]

  @Test func randomInputNeverCrashesAndErrorsPointInsideTheSource() {
    var g = SeededGenerator(seed: 4242)
    let variables: [String: ExpressionValue] = ["x": 3, "y": -1, "s": "efflux", "flag": true]
    for _ in 0..<20_000 {
      let count = g.integer(in: 0...14)
      let source = (0..<count).map { _ in g.choice(Self.pieces)! }.joined(
        separator: g.bernoulli(probability: 0.5) ? " " : "")
      do {
        let expression = try Expression(parsing: source)
        _ = try expression.evaluate(with: variables)
      } catch {
        #expect(error.offset >= 0 && error.offset <= source.count, "\(source)")
        #expect(error.length >= 1 && error.offset + error.length <= source.count + 1, "\(source)")
        #expect(!error.message.isEmpty)
        #expect(error.description.contains("^"))
      }
    }
  }
}
