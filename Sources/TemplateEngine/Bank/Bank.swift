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
    /// `balance:` — choice, ion or preset parameters (or choice answers) whose values the pool's variants cycle
    /// through evenly, in listed order.
    public var balance: [String] = []
    /// `only:` — the values a choice, ion or preset parameter is restricted to, by parameter name.
    public var only: [(parameter: String, values: [String])] = []

    /// Whether ``template`` names a file (a path ending in `.yaml` or `.yml`) rather than an id.
    public var namesFile: Bool { template.hasSuffix(".yaml") || template.hasSuffix(".yml") }
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
  /// `templates:` — further folders of templates, relative to the bank's folder, searched after the bank's own
  /// folder and before the shipped library.
  public var templateFolders: [String] = []

  /// The folder the bank file is in.
  public var folder: URL { URL(fileURLWithPath: file).deletingLastPathComponent() }
}
