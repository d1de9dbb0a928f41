import QuizModel
/// What became of one response.
///
/// `correct` and `incorrect` are graded; every other verdict flags the response for a person to look at
/// (and makes `nernstquiz grade` exit with status 1).
public enum Verdict: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  /// Within the tolerance of the key, or the correct option.
  case correct
  /// Read, but not the key (possibly a named misconception or a unit slip, with partial credit).
  case incorrect
  /// Text that cannot be read as an answer.
  case unreadable
  /// A number in a unit of the wrong dimension (mM for a potential).
  case wrongUnit = "wrong-unit"
  /// No answer.
  case blank
  /// The item is not in the key (an unknown variant id, or a column no question matches).
  case unknownItem = "unknown-item"
  /// The student already answered this question (this part of the item, from this or another variant); the
  /// first answer counts.
  case duplicate

  /// Whether the response needs a person's attention.
  public var isFlagged: Bool { self != .correct && self != .incorrect }

  /// The name written in `responses.csv`.
  public var description: String { rawValue }
}

/// The grade of one response to one part of a variant.
public struct ResponseGrade: Hashable, Sendable {
  /// What became of it.
  public var verdict: Verdict
  /// Points awarded.
  public var points: Points
  /// The value read, in the answer's unit (numeric answers).
  public var value: Double?
  /// The option read (choice answers).
  public var option: String?
  /// The misconception matched (`log10-for-ln`, `unit-slip`, `sign-reversed`, …), if any.
  public var misconception: String?
  /// What the student should read; empty for a plain correct answer.
  public var feedback: String

  /// Creates a grade.
  public init(verdict: Verdict, points: Points, value: Double? = nil, option: String? = nil,
              misconception: String? = nil, feedback: String = "") {
    self.verdict = verdict
    self.points = points
    self.value = value
    self.option = option
    self.misconception = misconception
    self.feedback = feedback
  }
}
