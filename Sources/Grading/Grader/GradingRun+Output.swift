import Foundation
import QuizModel

/// Writing: a record's lines in responses.csv and review.csv, and at the end grades.csv, the Canvas gradebook
/// and the statistics report.html is rendered from.
extension GradingRun {
  mutating func writeReview(
    row: Int, studentID: ByteView, item: ByteView,
    raw: ByteView, grade: ResponseGrade
  ) {
    reviewLine.removeAll(keepingCapacity: true)
    reviewLine.appendReviewLine(row: row, studentID: studentID, item: item, raw: raw, grade: grade)
    review.write(reviewLine)
  }

  @discardableResult
  mutating func emit(
    row: Int, studentID: ByteView, item: ByteView,
    raw: ByteView,
    part: PreparedPart?, grade: ResponseGrade, fields: CSVFields
  ) -> Bool {
    verdictCounts[grade.verdict.index] += 1
    if grade.verdict.isFlagged { writeReview(row: row, studentID: studentID, item: item, raw: raw, grade: grade) }
    line.removeAll(keepingCapacity: true)
    line.appendResponseLine(
      row: row, studentID: studentID, item: item, raw: raw, part: part, grade: grade,
      fields: fields, carried: layout.carried)
    responses.write(line)
    return grade.verdict.isFlagged
  }

  // MARK: Finishing

  mutating func finish() throws -> GradingSummary {
    counts.students = studentIDs.count
    for verdict in Verdict.allCases where verdictCounts[verdict.index] > 0 {
      counts.verdicts[verdict] = verdictCounts[verdict.index]
    }
    let grades = try OutputFile(folder.appendingPathComponent("grades.csv"), spreadsheet: true)
    grades.row(["student", "name", "total", "maximum", "percent"] + key.items.map(\.template))
    var totals: [Points] = []
    totals.reserveCapacity(studentIDs.count)
    // Each line built as bytes: a grades.csv row per student.
    let maximumText = Array(key.maximum.twoDecimals.utf8)
    for s in studentIDs.indices {
      let points = itemPoints(student: s)
      let total = points.reduce(Points.zero) { $0 + ($1 ?? .zero) }
      totals.append(total)
      line.removeAll(keepingCapacity: true)
      line.appendCSVField(studentIDs[s])
      line.append(0x2C)
      line.appendCSVField(studentNames[s])
      line.append(0x2C)
      line.appendText(total.twoDecimals)
      line.append(0x2C)
      line.append(contentsOf: maximumText)
      line.append(0x2C)
      if key.maximum > .zero { line.appendText(percentText(total.value / key.maximum.value)) }
      for item in points {
        line.append(0x2C)
        if let item { line.appendText(item.twoDecimals) }
      }
      line.append(0x0A)
      grades.write(line)
    }
    var files = [responses, review, grades]
    counts.anonymous = layout.anonymous
    if layout.format == .canvas, !layout.anonymous {
      let gradebook = try OutputFile(folder.appendingPathComponent("canvas-gradebook.csv"), spreadsheet: true)
      let column = grader.quiz.title.isEmpty ? "NernstQuiz" : grader.quiz.title
      gradebook.row(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", column])
      gradebook.row(["Points Possible", "", "", "", "", key.maximum.twoDecimals])
      for s in studentIDs.indices {
        let info = studentInfo[s]
        gradebook.row([studentNames[s], info[0], info[1], "", info[2], totals[s].twoDecimals])
      }
      files.append(gradebook)
    }
    counts.statistics = ReportStatistics(run: self, totals: totals.map(\.value))
    for file in files { try file.close() }
    counts.files = files.map(\.destination)
    return counts
  }
}

/// A fraction as a percentage with one decimal: 0.8333 → "83.3".
func percentText(_ fraction: Double) -> String {
  guard fraction.isFinite, abs(fraction) < 1e12 else { return "" }
  let tenths = Int((fraction * 1000).rounded())
  return (tenths < 0 ? "-" : "") + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
}

/// No bytes.
var empty: ByteView { ByteView() }

/// `bytes` without leading and trailing ASCII spaces, tabs and line breaks.
func trimmed(_ bytes: ByteView) -> ByteView {
  var start = 0
  var end = bytes.count
  while start < end, isASCIISpace(bytes[start]) { start += 1 }
  while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
  return start == 0 && end == bytes.count ? bytes : bytes[start..<end]
}

/// Lends the UTF-8 bytes of `text`.
func withBytes<R>(of text: String, _ body: (ByteView) -> R) -> R {
  body(ByteView(Array(text.utf8)))
}

extension Verdict {
  /// The position in ``allCases``, for counting arrays.
  var index: Int {
    switch self {
    case .correct: 0
    case .partial: 1
    case .incorrect: 2
    case .unreadable: 3
    case .wrongUnit: 4
    case .blank: 5
    case .unknownItem: 6
    case .superseded: 7
    case .unfinished: 8
    }
  }
}
