import Foundation
import QuizModel

/// The definition of one quiz: which templates, how many variants of each, their points, and the seed that
/// makes the whole quiz reproducible. Read from `Banks/*.yaml` by ``Bank/parse(_:file:)``.
public struct Bank: Sendable {
  /// One entry: a template and how it is used.
  public struct Item: Sendable {
    /// The template's identifier.
    public var template: String
    /// How many distinct variants to draw (each student gets one).
    public var variants: Int
    /// Points per variant.
    public var points: Points
    /// Tolerance overrides: for every numeric answer (key `*`) or for one answer by id.
    public var tolerances: [String: Tolerance]
    /// Feedback overrides, by misconception id.
    public var feedback: [String: String]
    /// Where the entry was written.
    public var location: FilePosition
  }

  /// The quiz title.
  public var title: String
  /// The seed of the whole quiz.
  public var seed: UInt64
  /// The items, in order.
  public var items: [Item]
  /// Grading options (partial credit, significant figures), read by the grader; empty when absent.
  public var grading: GradingOptions
  /// The file it was read from.
  public var file: String
}
