import Foundation
import QuizModel

/// What a grading run did: rows in, rows graded and rows flagged (the two always add up), responses by
/// verdict, the columns it could not match, and the files written.
public struct GradingSummary: Hashable, Sendable, CustomStringConvertible {
  /// The input format used.
  public var format: SubmissionFormat
  /// Data rows read (the header and empty lines not counted).
  public var rowsIn = 0
  /// Rows all of whose responses were graded (correct or incorrect).
  public var rowsGraded = 0
  /// Rows with at least one flagged response (unreadable, wrong unit, blank, unknown item, duplicate).
  public var rowsFlagged = 0
  /// Responses written to `responses.csv`, by verdict.
  public var verdicts: [Verdict: Int] = [:]
  /// Distinct students.
  public var students = 0
  /// Headers of question columns that match no part of the key (wide, Canvas and Google Forms input).
  public var unmatchedColumns: [String] = []
  /// Student ids that differ in the input only by bytes that are not UTF-8, so that every output (which
  /// replaces such bytes by U+FFFD) shows them alike: the id as written, for each such pair. They are graded as
  /// different students; the exit status is 1 so that someone looks.
  public var ambiguousStudents: [String] = []
  /// The files written, in the output folder.
  public var files: [URL] = []

  /// Creates an empty summary for a run in `format`.
  public init(format: SubmissionFormat) { self.format = format }

  /// Lines written to `responses.csv`.
  public var responses: Int { verdicts.values.reduce(0, +) }

  /// The exit status of `nernstquiz grade`: 0 when every row was graded, 1 when some were flagged (the
  /// outputs are complete either way). Status 2, for unusable input, is a thrown error instead.
  public var exitStatus: Int32 { rowsFlagged == 0 && ambiguousStudents.isEmpty ? 0 : 1 }

  /// One line: `120 rows in = 117 graded + 3 flagged; 360 responses: 301 correct, …`.
  public var description: String {
    var text = "\(rowsIn) rows in = \(rowsGraded) graded + \(rowsFlagged) flagged; \(responses) responses"
    let counts = Verdict.allCases.compactMap { v in verdicts[v].flatMap { $0 > 0 ? "\($0) \(v)" : nil } }
    if !counts.isEmpty { text += ": " + counts.joined(separator: ", ") }
    text += "; \(students) students"
    if !unmatchedColumns.isEmpty {
      text += "; \(unmatchedColumns.count) unmatched column\(unmatchedColumns.count == 1 ? "" : "s")"
    }
    if !ambiguousStudents.isEmpty {
      text += "; \(ambiguousStudents.count) student id\(ambiguousStudents.count == 1 ? "" : "s") read the same once invalid "
        + "UTF-8 is replaced: " + ambiguousStudents.map { "\"\($0)\"" }.joined(separator: ", ")
    }
    return text
  }
}
