import Foundation
import Grading
import QuizModel
import TestSupport
import Testing

/// The statistics of report.html from a class whose answers are known (``SampleQuiz/KnownClass``, where the
/// values are worked out by hand).
@Suite struct ReportStatisticsTests {
  /// The statistics of grading `answers` (a CSV file's text) against `quiz`.
  static func statistics(_ quiz: Quiz, _ answers: String) throws -> ReportStatistics {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("answers.csv")
    try Data(answers.utf8).write(to: input)
    return try Grader(quiz: quiz).grade(submissionsAt: input, into: dir.url.appendingPathComponent("out")).statistics
  }

  static let statistics = try! statistics(SampleQuiz.KnownClass.quiz, SampleQuiz.KnownClass.answers)

  /// Whether `x` is `expected` to rounding error.
  static func close(_ x: Double?, _ expected: Double) -> Bool { x.map { abs($0 - expected) < 1e-12 } ?? false }

  @Test func cronbachsAlphaMeanAndSpreadAreTheHandWorkedValues() {
    let s = Self.statistics
    #expect(s.students == 4)
    #expect(s.maximum == 4)
    #expect(Self.close(s.mean, 2))
    #expect(Self.close(s.standardDeviation, (10.0 / 3).squareRoot()))
    #expect(Self.close(s.alpha, 0.6))
  }

  @Test func facilityAndDiscriminationPerItemAreTheHandWorkedValues() {
    let items = Self.statistics.items
    #expect(items.map(\.title) == ["Item a", "Item b", "Item c"])
    #expect(items.map(\.analysis.points) == [1, 1, 2])
    #expect(items.map(\.analysis.answered) == [4, 4, 4])
    #expect(items.map(\.analysis.facility) == [0.5, 0.5, 0.5])
    #expect(Self.close(items[0].analysis.discrimination, 2 / 5.0.squareRoot()))
    #expect(Self.close(items[1].analysis.discrimination, 0))
    #expect(Self.close(items[2].analysis.discrimination, 2 / 8.0.squareRoot()))
  }

  @Test func totalsFallInTheirTenPercentBins() {
    #expect(Self.statistics.histogram == [1, 0, 1, 0, 0, 0, 0, 1, 0, 1])
  }

  @Test func eachVariantCountsItsStudentsPointsAndVerdicts() throws {
    let a = try #require(Self.statistics.items.first).variants
    #expect(a.map(\.id) == ["a-01"])
    #expect(a[0].students == 4)
    #expect(a[0].meanFraction == 0.5)
    #expect(a[0].parts.map(\.label) == ["a-01"])
    #expect(a[0].parts[0].verdicts == [.correct: 2, .incorrect: 2])
  }

  @Test func alphaAndDiscriminationAreLeftOutWhereTheyMeanNothing() throws {
    // One item: no α, and the rest of the total is always 0, so no discrimination either.
    let one = try Self.statistics(
      Quiz(title: "One", seed: 1, items: [SampleQuiz.KnownClass.item("a", points: 1)]), "student,a-01\ns1,1\ns2,9\n")
    #expect(one.alpha == nil)
    #expect(one.items[0].analysis.discrimination == nil)
    #expect(one.items[0].analysis.facility == 0.5)
    // Both students 1 point of 4: the totals do not vary.
    let same = try Self.statistics(SampleQuiz.KnownClass.quiz, "student,a-01,b-01,c-01\ns1,1,9,9\ns2,9,1,9\n")
    #expect(same.alpha == nil)
    #expect(same.histogram == [0, 0, 2, 0, 0, 0, 0, 0, 0, 0])
  }
}
