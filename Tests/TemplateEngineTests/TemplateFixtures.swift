import Foundation
import QuizModel
import TemplateEngine
import Testing

/// Small templates written inline, so each test shows the exact text it reads.
enum TemplateFixtures {
  /// A minimal valid template; `extra` is appended at the end (top level).
  static func template(
    parameters: String = "  x: { uniform: [1, 2] }", derived: String = "", constraints: String = "",
    answers: String = defaultAnswers, extra: String = ""
  ) -> String {
    var text = """
      format: 1
      id: sample
      title: Sample
      topic: testing
      objective: Exercise the parser.
      difficulty: introductory
      parameters:
      \(parameters)

      """
    if !derived.isEmpty { text += "derived:\n\(derived)\n" }
    if !constraints.isEmpty { text += "constraints:\n\(constraints)\n" }
    text += "stem: \"x is {x}.\"\nanswers:\n\(answers)\n"
    if !extra.isEmpty { text += extra + "\n" }
    return text
  }

  static let defaultAnswers = """
      - id: double
        numeric: 2 * x
        unit: mV
        tolerance: { relative: 0.01 }
    """

  /// Parses `text`, failing the test on error.
  static func parse(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Template {
    do { return try TemplateParser.parse(text, file: "sample.yaml") } catch {
      Issue.record("unexpected error: \(error)", sourceLocation: sourceLocation)
      throw error
    }
  }

  /// The error `text` produces.
  static func error(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> TemplateError? {
    do {
      _ = try TemplateParser.parse(text, file: "sample.yaml")
      Issue.record("expected a TemplateError", sourceLocation: sourceLocation)
      return nil
    } catch {
      return error
    }
  }
}
