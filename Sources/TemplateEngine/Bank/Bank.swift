package import Foundation
package import QuizModel

/// The definition of one quiz: which templates, how many variants of each, their points, and the seed that
/// makes the whole quiz reproducible. Read from `Banks/*.yaml` by ``Bank/parse(_:file:)``.
package struct Bank: Sendable {
  /// One entry: a template and how it is used.
  package struct Item: Sendable {
    /// The template's identifier.
    package var template: String
    /// How many distinct variants to draw (each student gets one).
    package var variants: Int
    /// Points per variant.
    package var points: Points
    /// Tolerance overrides: for every numeric answer (key `*`) or for one answer by id.
    package var tolerances: [String: Tolerance]
    /// Feedback overrides, by misconception id.
    package var feedback: [String: String]
    /// Where the entry was written.
    package var location: FilePosition
    /// `balance:` — choice, ion or preset parameters (or choice answers) whose values the pool's variants cycle
    /// through evenly, in listed order.
    package var balance: [String] = []
    /// `only:` — the values a choice, ion or preset parameter is restricted to, by parameter name.
    package var only: [(parameter: String, values: [String])] = []

    /// Whether ``template`` names a file (a path ending in `.yaml` or `.yml`) rather than an id.
    package var namesFile: Bool { template.hasSuffix(".yaml") || template.hasSuffix(".yml") }
  }

  /// The quiz title.
  package var title: String
  /// The seed of the whole quiz.
  package var seed: UInt64
  /// The items, in order.
  package var items: [Item]
  /// Grading options (partial credit, significant figures), read by the grader; empty when absent.
  package var grading: GradingOptions
  /// The file it was read from.
  package var file: String
  /// `templates:` — further folders of templates, relative to the bank's folder, searched after the bank's own
  /// folder and before the shipped library.
  package var templateFolders: [String] = []

  /// The folder the bank file is in.
  package var folder: URL { URL(fileURLWithPath: file).deletingLastPathComponent() }
}
