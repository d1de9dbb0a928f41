import QuizModel

/// A template that could not produce a variant.
package struct GenerationError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What kind of failure.
  package enum Reason: Hashable, Sendable {
    /// No draw satisfied the constraints within the attempt limit; the constraint that rejected most draws.
    case unsatisfiable(constraint: String, location: String, attempts: Int)
    /// An expression failed (a domain error, a non-finite value, a wrong type).
    case evaluation(what: String, location: String, message: String)
    /// A choice answer's correct expression or a misconception gave an option the answer does not have.
    case unknownOption(answer: String, option: String, options: [String])
    /// The template cannot produce as many distinct variants as asked.
    case tooFewDistinctVariants(requested: Int, found: Int)
  }

  package var template: String
  package var reason: Reason

  package var description: String {
    switch reason {
    case .unsatisfiable(let constraint, let location, let attempts):
      "\(location): error: template '\(template)' found no variant satisfying its constraints in \(attempts) draws; "
        + "the constraint '\(constraint)' rejected the most. Widen the parameter ranges or relax the constraint."
    case .evaluation(let what, let location, let message):
      "\(location): error: template '\(template)': \(what) failed: \(message)"
    case .unknownOption(let answer, let option, let options):
      "template '\(template)': answer '\(answer)' evaluated to option '\(option)', which is not one of "
        + "\(options.joined(separator: ", "))"
    case .tooFewDistinctVariants(let requested, let found):
      "template '\(template)' produced only \(found) distinct variants of the \(requested) requested; widen its "
        + "parameter ranges or ask for fewer variants"
    }
  }
}
