package import Foundation
import QuizModel

/// What a grading run did: rows in, rows graded and rows flagged (the two always add up), responses by
/// verdict, the columns it could not match, the files written, and the statistics `report.html` shows.
package struct GradingSummary: Hashable, Sendable, CustomStringConvertible {
  /// The input format used.
  package var format: SubmissionFormat
  /// Data rows read (the header and empty lines not counted).
  package var rowsIn = 0
  /// Rows all of whose responses were graded (correct or incorrect).
  package var rowsGraded = 0
  /// Rows with at least one response a person should look at (unreadable, wrong unit, unknown item,
  /// superseded): the rows of `review.csv`.
  package var rowsFlagged = 0
  /// Responses written to `responses.csv`, by verdict.
  package var verdicts: [Verdict: Int] = [:]
  /// Distinct students.
  package var students = 0
  /// Headers of question columns that match no part of the key (wide, Canvas and Google Forms input).
  package var unmatchedColumns: [String] = []
  /// Whether the input was an anonymous survey (a Canvas report with no identity columns): each row was graded
  /// as a respondent of its own (`row N`), and no gradebook file could be made.
  package var anonymous = false
  /// For each of ``unmatchedColumns``, the text of the question of the key closest to it (empty when none is).
  package var closestQuestions: [String] = []
  /// Moodle: the `Response N` headers of slots whose variant cannot be told (the report has no `Question N`
  /// columns and the slot's category holds several variants); their responses are `unknown-item`.
  package var unidentifiedSlots: [String] = []
  /// Headers of Canvas question columns whose points differ from the key's (the key's are used).
  package var pointsMismatches: [String] = []
  /// Student ids that differ in the input only by bytes that are not UTF-8, so that every output (which
  /// replaces such bytes by U+FFFD) shows them alike: the id as written, for each such pair. They are graded as
  /// different students; the exit status is 1 so that someone looks.
  package var ambiguousStudents: [String] = []
  /// The files written, in the output folder.
  package var files: [URL] = []
  /// The class's statistics (score distribution, α, facility, discrimination, misconceptions), from which the
  /// Reports module renders `report.html`.
  package var statistics = ReportStatistics()

  /// Creates an empty summary for a run in `format`.
  package init(format: SubmissionFormat) { self.format = format }

  /// Lines written to `responses.csv`.
  package var responses: Int { verdicts.values.reduce(0, +) }

  /// Lines of `review.csv`: the answers a person should look at, and the question columns whose points differ
  /// from the key's.
  package var toReview: Int {
    Verdict.allCases.filter(\.isFlagged).reduce(0) { $0 + (verdicts[$1] ?? 0) } + pointsMismatches.count
      + unmatchedColumns.count
      + unidentifiedSlots.count
  }

  /// The exit status of `nernstquiz grade`: 0 when nothing needs review, 1 exactly when `review.csv` has rows
  /// (or two student ids differ only by bytes that are not UTF-8); the outputs are complete either way. Status
  /// 2, for unusable input, is a thrown error instead.
  package var exitStatus: Int32 { toReview == 0 && ambiguousStudents.isEmpty ? 0 : 1 }

  /// One line: `120 rows read; 360 answers: 301 correct, 50 incorrect, 6 blank, 3 unreadable; 40 students;
  /// 3 to review (review.csv)`.
  package var description: String {
    var text = "\(rowsIn) rows read; \(responses) answers"
    let counts = Verdict.allCases.compactMap { v in verdicts[v].flatMap { $0 > 0 ? "\($0) \(v)" : nil } }
    if !counts.isEmpty { text += ": " + counts.joined(separator: ", ") }
    text += "; \(students) students"
    text += toReview == 0 ? "; nothing to review" : "; \(toReview) to review (review.csv)"
    if anonymous { text += "; an anonymous survey: each row graded on its own, and no gradebook file (no student ids)" }
    if !pointsMismatches.isEmpty {
      text +=
        "; \(pointsMismatches.count) question\(pointsMismatches.count == 1 ? "" : "s") with other points than the key's (the key's used)"
    }
    if !unmatchedColumns.isEmpty {
      text += "; \(unmatchedColumns.count) unmatched column\(unmatchedColumns.count == 1 ? "" : "s")"
    }
    if !unidentifiedSlots.isEmpty {
      text +=
        "; \(unidentifiedSlots.joined(separator: ", ")): no Question column, so the variant drawn cannot be told "
        + "(tick \"Question text\" in the Responses report's Display options)"
    }
    if !ambiguousStudents.isEmpty {
      text +=
        "; \(ambiguousStudents.count) student id\(ambiguousStudents.count == 1 ? "" : "s") read the same once invalid "
        + "UTF-8 is replaced: " + ambiguousStudents.map { "\"\($0)\"" }.joined(separator: ", ")
    }
    return text
  }
}
