import QuizModel
import TemplateEngine
import Testing

/// Evaluates `source` with `variables`, failing the test at the caller's location on any error.
func evaluate(
  _ source: String, _ variables: [String: ExpressionValue] = [:], sourceLocation: SourceLocation = #_sourceLocation
) -> ExpressionValue? {
  do {
    return try Expression(parsing: source).evaluate(with: variables)
  } catch {
    Issue.record("\(source): \(error)", sourceLocation: sourceLocation)
    return nil
  }
}

/// The error that parsing or evaluating `source` throws, or `nil` (recorded as a failure) if none.
func expressionError(
  _ source: String, _ variables: [String: ExpressionValue] = [:], sourceLocation: SourceLocation = #_sourceLocation
) -> ExpressionError? {
  do {
    let value = try Expression(parsing: source).evaluate(with: variables)
    Issue.record("\(source) gave \(value) instead of an error", sourceLocation: sourceLocation)
    return nil
  } catch {
    return error
  }
}

/// Whether `a` and `b` agree to a relative tolerance (absolute near zero).
func isClose(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
  abs(a - b) <= relative * max(abs(a), abs(b), 1e-300)
}
