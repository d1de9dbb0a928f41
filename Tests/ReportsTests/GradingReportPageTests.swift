import Foundation
import Grading
import QuizModel
import Reports
import TestSupport
import Testing

/// report.html as rendered from a grading run: its sections, its tables, and the numbers of
/// ``SampleQuiz/KnownClass`` (worked out by hand there) in their places.
@Suite struct GradingReportPageTests {
  /// The page for `answers` (a CSV file's text) graded against `quiz`.
  static func page(_ quiz: Quiz, _ answers: String) throws -> String {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("answers.csv")
    try Data(answers.utf8).write(to: input)
    let summary = try Grader(quiz: quiz).grade(submissionsAt: input, into: dir.url.appendingPathComponent("out"))
    return try GradingReportPage.html(for: summary, of: quiz)
  }

  static let known = try! page(SampleQuiz.KnownClass.quiz, SampleQuiz.KnownClass.answers)

  /// The texts of the elements `<tag …>…</tag>` (no nesting of the same tag), tags inside removed, no-break
  /// spaces as spaces.
  static func texts(of tag: String, in html: some StringProtocol) -> [String] {
    let element = try! Regex("<\(tag)(?:\\s[^>]*)?>(.*?)</\(tag)>").dotMatchesNewlines()
    return String(html).matches(of: element).map { match in
      String(match.output[1].substring ?? "").replacing(/<[^>]*>/, with: "").replacing("\u{A0}", with: " ")
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }
  }

  /// The cells of the table rows of `html` that start with `first`.
  static func rows(startingWith first: String, in html: String) -> [[String]] {
    html.components(separatedBy: "<tr").dropFirst().map { texts(of: "td", in: $0) }.filter {
      $0.first?.hasPrefix(first) == true
    }
  }

  @Test func thePageIsSelfContainedWithItsSectionsInOrder() {
    let html = Self.known
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(Self.texts(of: "title", in: html) == ["Known — grading report"])
    #expect(Self.texts(of: "h1", in: html) == ["Known"])
    #expect(Self.texts(of: "h2", in: html) == ["Scores", "Items", "Misconceptions matched", "Variants"])
    #expect(Self.texts(of: "th", in: html).prefix(5) == ["Item and its parts", "Pts", "N", "Facility", "Discr."])
    #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
    #expect(!html.contains("{{"))
  }

  @Test func theScoresShowTheHandWorkedMeanSpreadAndAlpha() {
    let facts = Self.texts(of: "li", in: Self.known).prefix(5)
    #expect(
      Array(facts) == [
        "Students4 students", "Maximum4 points", "Mean2.00 (50 %)", "Standard deviation1.83", "Cronbach’s α0.60",
      ])
    #expect(Self.texts(of: "p", in: Self.known)[1].hasPrefix("4 rows read; 12 answers: 6 correct, 6 incorrect"))
  }

  @Test func theItemsTableShowsTheHandWorkedFacilityAndDiscrimination() {
    // Item, points, answered, facility, discrimination.
    #expect(Self.rows(startingWith: "Item a", in: Self.known) == [["Item a a", "1", "4", "50 %", "0.89"]])
    #expect(Self.rows(startingWith: "Item b", in: Self.known) == [["Item b b", "1", "4", "50 %", "0.00"]])
    #expect(Self.rows(startingWith: "Item c", in: Self.known) == [["Item c c", "2", "4", "50 %", "0.71"]])
    // Below 0.2 is marked for a look, and the facility bar is half full.
    #expect(Self.known.contains("<td class=\"n low\">0.00</td>"))
    #expect(Self.known.contains("<td class=\"n\">0.89</td>"))
    #expect(Self.known.contains("style=\"width:50.0%\""))
  }

  @Test func theHistogramHasTenBinsWithTheHandWorkedCounts() {
    let titles = Self.known.matches(of: /<div class="bin" title="([^"]*)"/).map { String($0.output.1) }
    #expect(titles.count == 10)
    #expect(titles.first == "0–10 %: 1")
    #expect(titles.map { Int($0.split(separator: " ").last!)! } == [1, 0, 1, 0, 0, 0, 0, 1, 0, 1])
    // The tallest bin takes 85 % of the chart, an empty one nothing.
    let heights = Self.known.matches(of: /style="height:([0-9.]+)%"/).map { String($0.output.1) }
    #expect(heights == ["85.0", "0.0", "85.0", "0.0", "0.0", "0.0", "0.0", "85.0", "0.0", "85.0"])
  }

  @Test func theVariantsTableCountsEachVariantsAnswersByVerdict() {
    #expect(Self.rows(startingWith: "a-01", in: Self.known) == [["a-01", "4", "50 %", "2 correct · 2 incorrect"]])
    #expect(Self.known.contains("No wrong answer matched a named misconception."))
  }

  @Test func partsAndMisconceptionsAppearUnderTheirItems() throws {
    let html = try Self.page(
      SampleQuiz.Grading.quiz,
      """
      student,item,response
      ann,nernst-potential-02,264.6 mV
      ann,driving-force-01#direction,influx
      bob,driving-force-01#direction,efflux

      """)
    #expect(Self.texts(of: "h3", in: html) == ["Nernst potential", "Driving force"])
    // The last list items are the two bars: label, then count.
    #expect(Array(Self.texts(of: "li", in: html).suffix(2)) == ["valence ignored1", "E − Vm instead of Vm − E1"])
    let direction = try #require(Self.rows(startingWith: "direction", in: html).first)
    #expect(direction.first?.hasSuffix("most matched: E − Vm instead of Vm − E (1)") == true)
    // Points, answered (both students), facility (one of the two right).
    #expect(direction.dropFirst().prefix(3) == ["1", "2", "50 %"])
  }

  @Test func everyTextIsEscaped() throws {
    let quiz = SampleQuiz.KnownClass.quiz
    let hostile = Quiz(title: "<b>Known</b> & \"quoted\"", seed: quiz.seed, items: quiz.items)
    let html = try Self.page(hostile, SampleQuiz.KnownClass.answers)
    #expect(html.contains("<h1>&lt;b&gt;Known&lt;/b&gt; &amp; &quot;quoted&quot;</h1>"))
    #expect(!html.contains("<b>Known"))
  }
}
