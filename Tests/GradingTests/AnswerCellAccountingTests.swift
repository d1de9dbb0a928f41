import Foundation
import PropertyBased
import QTIExport
import QuizModel
import TestSupport
import Testing

@testable import Grading

/// Every answer cell of a wide, Canvas or Google Forms file appears in responses.csv, with students who come back
/// in later rows (attempts, resubmissions): graded, superseded or flagged, never lost.
struct AnswerCellAccountingTests {
  /// The question columns of each format for the sample quiz: header text and the part it names.
  static func columns(_ format: SubmissionFormat) -> [(header: String, label: String, points: String)] {
    SampleQuiz.Grading.quiz.variants.flatMap { variant in
      variant.answers.map { answer -> (String, String, String) in
        let label = variant.answers.count == 1 ? variant.id : variant.id + "#" + answer.id
        // Canvas writes points_possible as a Ruby float: 2.0, 1.5.
        let points = answer.points.hundredths % 100 == 0 ? "\(answer.points).0" : answer.points.description
        switch format {
        // The header canvas-lms writes: the question's id and strip_tags of its HTML in our Canvas package.
        case .canvas:
          let html = canvasHTML["\(variant.id)#\(answer.id)"]!
          return ("\(9000 + label.count): " + CanvasStudentAnalysis.stripTags(html), label, points)
        case .googleForms: return (variant.questionText(for: answer), label, points)
        default: return (label, label, points)
        }
      }
    }
  }

  /// The question HTML of the sample quiz's Canvas package, by `variant#part`.
  static let canvasHTML: [String: String] = {
    let package = try! makePackage(SampleQuiz.Grading.quiz, format: .canvas, baseName: "sample", workers: 1)
    return Dictionary(
      uniqueKeysWithValues: package.report.deliveries.map { ("\($0.variant)#\($0.part)", $0.questionText!) })
  }()

  static let cells = ["-95", "−95.02 mV", "efflux", "into the cell", "25", "0.3", "???", "12 mM", "", "", ""]

  static func csvField(_ s: String) -> String {
    s.contains(where: { ",\"\n".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
  }

  @Test(arguments: [SubmissionFormat.wide, .canvas, .googleForms])
  func everyAnswerCellAppearsInResponsesAndReviewFollowsTheFlags(format: SubmissionFormat) async throws {
    let columns = Self.columns(format)
    let row = zip(Gen.int(in: 0...4), Gen.int(in: 0...(Self.cells.count - 1)).array(of: columns.count...columns.count))
    await propertyCheck(count: 25, input: row.array(of: 1...12)) { rows in
      var lines: [[String]] = []
      switch format {
      case .canvas:
        lines.append(
          ["name", "id", "sis_id", "section", "section_id", "section_sis_id", "submitted", "attempt"]
            + columns.flatMap { [$0.header, $0.points] } + ["n correct", "n incorrect", "score"])
      case .googleForms: lines.append(["Timestamp", "Email Address"] + columns.map(\.header))
      default: lines.append(["student"] + columns.map(\.header))
      }
      for (n, (student, picks)) in rows.enumerated() {
        let answers = picks.map { Self.cells[$0] }
        switch format {
        case .canvas:
          lines.append(
            ["S \(student)", "\(100 + student)", "", "A", "1", "", "2026-11-30", "\(n + 1)"]
              + answers.flatMap { [$0, ""] } + ["0", "0", "0"])
        case .googleForms: lines.append(["2026/11/30 10:0\(n % 10)", "s\(student)@x.edu"] + answers)
        default: lines.append(["s\(student)"] + answers)
        }
      }
      let dir = try TemporaryDirectory()
      defer { dir.remove() }
      let input = dir.url.appendingPathComponent("in.csv")
      try Data((lines.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n").utf8).write(
        to: input)
      let summary = try Grader(quiz: SampleQuiz.Grading.quiz).grade(
        submissionsAt: input, format: format, into: dir.url.appendingPathComponent("out"))
      #expect(summary.rowsIn == rows.count)
      let responses = try readCSV(dir.url.appendingPathComponent("out/responses.csv")).dropFirst()
      // Every row of the input has a line.
      #expect(Set(responses.map { Int($0[0])! }) == Set((0..<rows.count).map { $0 + 2 }))
      // Every non-blank answer cell has its own line: its row, its part, its text.
      for (n, (_, picks)) in rows.enumerated() {
        for (c, pick) in picks.enumerated() where !Self.cells[pick].isEmpty {
          let found = responses.contains {
            $0[0] == "\(n + 2)" && $0[2] == columns[c].label
              && $0[3].replacingOccurrences(of: "'", with: "") == Self.cells[pick]
          }
          #expect(found, "row \(n + 2), \(columns[c].label): \(Self.cells[pick])")
        }
      }
      // The quick read that finds the answers that count gives the outputs the two grading passes give.
      var twoPasses = Grader(quiz: SampleQuiz.Grading.quiz)
      twoPasses.prescans = false
      _ = try twoPasses.grade(submissionsAt: input, format: format, into: dir.url.appendingPathComponent("slow"))
      for name in ["responses.csv", "review.csv", "grades.csv"] {
        #expect(
          try Data(contentsOf: dir.url.appendingPathComponent("out/\(name)"))
            == Data(contentsOf: dir.url.appendingPathComponent("slow/\(name)")), "\(name)")
      }
      // review.csv holds exactly the lines a person should look at, and the exit status follows it.
      let flagged = responses.filter { ["unreadable", "wrong-unit", "unknown-item", "superseded"].contains($0[9]) }
      let review = try readCSV(dir.url.appendingPathComponent("out/review.csv")).dropFirst()
      #expect(review.map { $0[0] } == flagged.map { $0[0] })
      #expect(summary.pointsMismatches.isEmpty && summary.unmatchedColumns.isEmpty)
      #expect(summary.exitStatus == (review.isEmpty ? 0 : 1))
    }
  }

  @Test func aCanvasQuestionWorthOtherPointsThanTheKeysIsReviewedAndTheKeyWins() throws {
    let columns = Self.columns(.canvas)
    let header =
      ["name", "id", "sis_id", "section", "section_id", "section_sis_id", "submitted"]
      + columns.enumerated().flatMap { i, c in [c.header, i == 0 ? "5.0" : c.points] } + [
        "n correct", "n incorrect", "score",
      ]
    let row =
      ["Ann", "7", "", "A", "1", "", "2026-11-30"] + columns.enumerated().flatMap { i, _ in [i == 0 ? "-95" : "", ""] }
      + ["1", "0", "5"]
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("in.csv")
    try Data(
      (header.map(Self.csvField).joined(separator: ",") + "\n" + row.map(Self.csvField).joined(separator: ",") + "\n")
        .utf8
    ).write(to: input)
    let summary = try Grader(quiz: SampleQuiz.Grading.quiz).grade(
      submissionsAt: input, into: dir.url.appendingPathComponent("out"))
    #expect(summary.pointsMismatches == [columns[0].header])
    #expect(summary.exitStatus == 1)
    #expect(summary.description.contains("1 question with other points than the key's (the key's used)"))
    let review = try readCSV(dir.url.appendingPathComponent("out/review.csv"))
    #expect(review[1][0] == "1" && review[1][4] == "points")
    #expect(review[1][5] == "the report gives this question 5 points, the key 2: the key's are used")
    #expect(try readCSV(dir.url.appendingPathComponent("out/grades.csv"))[1][2] == "2.00")
  }

  @Test func anAnonymousCanvasSurveyIsGradedRowByRowWithNoGradebook() throws {
    let columns = Self.columns(.canvas)
    let header =
      ["section", "section_id", "submitted"] + columns.flatMap { [$0.header, $0.points] } + [
        "n correct", "n incorrect", "score",
      ]
    let rows = (0..<2).map { n in
      ["A", "1", "2026-11-30"] + columns.enumerated().flatMap { i, _ in [i == 0 ? "-95" : "", ""] } + ["1", "0", "2"]
    }
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("survey.csv")
    try Data(([header] + rows).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n").utf8).write(
      to: input)
    let summary = try Grader(quiz: SampleQuiz.Grading.quiz).grade(
      submissionsAt: input, into: dir.url.appendingPathComponent("out"))
    #expect(summary.format == .canvas && summary.anonymous)
    #expect(summary.students == 2)
    #expect(summary.description.contains("an anonymous survey"))
    let grades = try readCSV(dir.url.appendingPathComponent("out/grades.csv"))
    #expect(grades.dropFirst().map { $0[0] } == ["row 2", "row 3"])
    #expect(grades.dropFirst().map { $0[2] } == ["2.00", "2.00"])
    #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("out/canvas-gradebook.csv").path))
  }
}
