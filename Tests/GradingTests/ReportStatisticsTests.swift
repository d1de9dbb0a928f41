import Foundation
import Grading
import QuizModel
import TestSupport
import Testing

/// The statistics of report.html from a class whose answers are known, worked out by hand:
///
/// | student | A (1 pt) | B (1 pt) | C (2 pt) | total |
/// |---------|----------|----------|----------|-------|
/// | s1      | 1        | 1        | 2        | 4     |
/// | s2      | 1        | 0        | 2        | 3     |
/// | s3      | 0        | 1        | 0        | 1     |
/// | s4      | 0        | 0        | 0        | 0     |
///
/// Sample variances: A and B 1/3, C 4/3, totals 10/3, so Cronbach's α = 3/2 · (1 − 2 / (10/3)) = 0.60. The mean
/// is 2 of 4 points (50 %), the standard deviation √(10/3) = 1.83. Each item's facility is 50 %. Discrimination
/// (the item against the rest of the total): A with (3, 2, 1, 0) is 2/√5 = 0.89, B with (3, 3, 0, 0) is 0.00,
/// C with (2, 1, 1, 0) is 2/√8 = 0.71. Percent totals 100, 75, 25 and 0 fall in the bins 90–100, 70–80, 20–30
/// and 0–10.
@Suite struct ReportStatisticsTests {
  static func item(_ id: String, points: Points) -> QuizItem {
    let answer = Answer(
      id: "x", prompt: "", kind: .numeric(NumericAnswer(value: 1, unit: "mV", tolerance: Tolerance(absolute: 0.1))))
    return QuizItem(
      template: id, title: "Item \(id)", points: points,
      variants: [
        Variant(id: id + "-01", template: id, seed: 1, parameters: [], stem: "Item \(id)?", answers: [answer])
      ])
  }

  static let report: String = {
    let quiz = Quiz(title: "Known", seed: 1, items: [item("a", points: 1), item("b", points: 1), item("c", points: 2)])
    let answers = "student,a-01,b-01,c-01\ns1,1,1,1\ns2,1,9,1\ns3,9,1,9\ns4,9,9,9\n"
    let dir = try! TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("answers.csv")
    try! Data(answers.utf8).write(to: input)
    _ = try! Grader(quiz: quiz).grade(submissionsAt: input, into: dir.url.appendingPathComponent("out"), workers: 1)
    return try! String(contentsOf: dir.url.appendingPathComponent("out/report.html"), encoding: .utf8)
  }()

  /// The cells of the items table's row for `title`.
  static func row(_ title: String) -> [String] {
    guard let start = report.range(of: "<tr><td>\(title) ") else { return [] }
    let line = report[start.lowerBound...].prefix { $0 != "\n" }
    return line.components(separatedBy: "<td class=\"n\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
  }

  @Test func cronbachsAlphaMeanAndSpreadAreTheHandWorkedValues() {
    #expect(
      ReportStatisticsTests.report.contains(
        "4 students; maximum 4 points; mean 2 (50 %); standard deviation 1.83. Cronbach’s α: 0.60."))
  }

  @Test func facilityAndDiscriminationPerItemAreTheHandWorkedValues() {
    // Points, answered, facility, discrimination.
    #expect(ReportStatisticsTests.row("Item a") == ["1", "4", "50 %", "0.89"])
    #expect(ReportStatisticsTests.row("Item b") == ["1", "4", "50 %", "0.00"])
    #expect(ReportStatisticsTests.row("Item c") == ["2", "4", "50 %", "0.71"])
  }

  @Test func totalsFallInTheirTenPercentBins() {
    let counts = (0..<10).map { bin -> Int? in
      let marker = "<title>\(bin * 10)–\(bin * 10 + 10) %: "
      guard let range = ReportStatisticsTests.report.range(of: marker) else { return nil }
      return Int(ReportStatisticsTests.report[range.upperBound...].prefix { $0.isNumber })
    }
    #expect(counts == [1, 0, 1, 0, 0, 0, 0, 1, 0, 1])
  }
}
