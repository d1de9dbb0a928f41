package import QuizModel

/// What became of one response.
///
/// `correct`, `partial`, `incorrect` and `blank` are graded; the others flag the response for a person to look at: it is
/// listed in `review.csv`, and `nernstquiz grade` exits with status 1.
package enum Verdict: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  /// Within the tolerance of the key, or the correct option.
  case correct
  /// Worth part of the points: a named misconception or a unit slip with partial credit, or a correct value
  /// with too few significant figures, by the grading policy.
  case partial
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
  /// Another answer of the same student to the same question (this part of the item, from this or another
  /// variant) counts instead, by the run's ``AttemptsRule``: a later attempt, a resubmitted form, a repeated
  /// row.
  case superseded
  /// A response of a Moodle attempt that is not finished (`In progress`, `Overdue`, `Never submitted`): it may
  /// still change, or was never submitted, so it is not graded and does not count as the student's answer.
  case unfinished

  /// Whether a person should look at the response (it is listed in `review.csv`): text that could not be read,
  /// a unit of the wrong kind, an item the key does not have, or an answer another one of the student's
  /// supersedes, or a response of an attempt not finished. A blank is no answer, and needs no review.
  package var isFlagged: Bool {
    self == .unreadable || self == .wrongUnit || self == .unknownItem || self == .superseded || self == .unfinished
  }

  /// The name written in `responses.csv`.
  package var description: String { rawValue }
}

/// Which of a student's answers to the same question counts: a later Canvas attempt, a resubmitted Google Form,
/// a repeated row of a long or wide file. A blank is never an answer, so it supersedes nothing.
package enum AttemptsRule: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  /// The first answer in file order.
  case first
  /// The last answer in file order (what an LMS keeps by default).
  case last
  /// The answer with the most points; among equals, the later one.
  case best

  package var description: String { rawValue }
}

/// The grade of one response to one part of a variant.
package struct ResponseGrade: Hashable, Sendable {
  /// What became of it.
  package var verdict: Verdict
  /// Points awarded.
  package var points: Points
  /// The value read, in the answer's unit (numeric answers).
  package var value: Double?
  /// The option read (choice answers).
  package var option: String?
  /// The misconception matched (`log10-for-ln`, `unit-slip`, `sign-reversed`, …), if any.
  package var misconception: String?
  /// What the student should read; empty for a plain correct answer.
  package var feedback: String

  /// Creates a grade.
  package init(
    verdict: Verdict, points: Points, value: Double? = nil, option: String? = nil,
    misconception: String? = nil, feedback: String = ""
  ) {
    self.verdict = verdict
    self.points = points
    self.value = value
    self.option = option
    self.misconception = misconception
    self.feedback = feedback
  }
}
