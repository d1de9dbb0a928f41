import Foundation
import QuizModel
import TestSupport
import Testing

@testable import TemplateEngine

/// Candidates that repeat the parameters of a variant already drawn are skipped before their answers are
/// computed, and the quiz stays exactly what building every candidate in full gives.
@Suite struct DrawWithoutWasteTests {
  static let libraryFolder = packageRoot.appendingPathComponent("Templates")
  static let library = try! TemplateLibrary.load(from: libraryFolder)

  /// The key (and so every variant, stem and answer) of `bank`, or the error, drawn with and without skipping.
  private func both(_ bank: Bank, workers: Int) -> (skipping: String, full: String) {
    func draw(_ skipping: Bool) -> String {
      do {
        return try bank.drawQuiz(
          library: Self.library, seed: nil, workers: workers, skippingRepeatedParameters: skipping,
          progress: nil
        ).keyJSONLines()
      } catch {
        return "error: \(error)"
      }
    }
    return (draw(true), draw(false))
  }

  @Test(arguments: DrawWithoutWasteTests.library.templates.map(\.id))
  func everyShippedTemplateGivesTheSameVariantsWhetherRepeatsAreSkippedOrBuilt(template: String) throws {
    // 150 variants: more than a third of what the narrowest families hold, so repeats are frequent.
    for seed in [1, 20_261_130] {
      let bank = try Bank.parse(
        "title: t\nseed: \(seed)\nitems:\n  - template: \(template)\n    variants: 150\n", file: "bank.yaml")
      let (skipping, full) = both(bank, workers: 1)
      #expect(skipping == full)
      #expect(!skipping.hasPrefix("error"), "\(skipping.prefix(300))")
    }
  }

  @Test(arguments: ["default.yaml", "synapses-and-transport.yaml"], [1, 2])
  func theShippedBanksGiveTheSameQuizWhetherRepeatsAreSkippedOrBuilt(bank file: String, workers: Int) throws {
    let url = packageRoot.appendingPathComponent("Banks").appendingPathComponent(file)
    let bank = try Bank.parse(try String(contentsOf: url, encoding: .utf8), file: url.path)
    let (skipping, full) = both(bank, workers: workers)
    #expect(skipping == full)
    #expect(!skipping.hasPrefix("error"))
  }

  @Test func aCandidateWhoseParametersAreKnownIsSkippedAndAnyOtherIsBuilt() throws {
    let template = try #require(Self.library["nernst-potential"])
    var statistics = DrawStatistics()
    let first = try #require(try template.drawCandidate(seed: 7, id: "a", statistics: &statistics, skipping: []))
    #expect(try template.drawCandidate(seed: 7, id: "a", statistics: &statistics, skipping: [first.parameters]) == nil)
    let other = try #require(try template.drawCandidate(seed: 8, id: "b", statistics: &statistics, skipping: []))
    if other.parameters != first.parameters {
      let again = try template.drawCandidate(seed: 8, id: "b", statistics: &statistics, skipping: [first.parameters])
      #expect(again?.variant.keyRecord(item: 1) == other.variant.keyRecord(item: 1))
    }
  }

  @Test func aTemplateChangedAfterItWasDrawnDrawsWithTheChangeAndItsCopiesWithout() throws {
    let template = try TemplateFixtures.parse(
      TemplateFixtures.template(parameters: "  x: { choice: [1, 2, 3] }"))
    let before = try template.drawVariant(seed: 3, id: "v")  // compiles and caches the drawing program
    var changed = template
    changed.answers[0].kind = .numeric(
      NumericSpec(
        value: try Expression(parsing: "3 * x"), unit: "mV", tolerance: Tolerance(relative: 0.05),
        significantFigures: 3))
    try changed.restrict("x", to: ["2"])
    let after = try changed.drawVariant(seed: 3, id: "v")
    #expect(after.parameter("x")?.number == 2)
    #expect(after.answers[0].numeric?.value == 6)
    #expect(after.answers[0].numeric?.tolerance == Tolerance(relative: 0.05))
    // The original, which shares the cache it had before the change, still draws as before.
    #expect(try template.drawVariant(seed: 3, id: "v") == before)
    #expect(before.answers[0].numeric?.value == 2 * (before.parameter("x")?.number ?? 0))
  }
}
