import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

@Suite struct BankTests {
  static let library: TemplateLibrary = {
    // Force-unwrapped: the shipped library must load, and other tests say why when it does not.
    try! TemplateLibrary.load(from: packageRoot.appendingPathComponent("Templates"))
  }()

  @Test func readsItemsOverridesAndGradingOptions() throws {
    let bank = try Bank.parse(
      """
      title: Test bank
      seed: 99
      items:
        - template: nernst-potential
          variants: 3
          points: 2.5
          tolerance: { relative: 0.05 }
          feedback: { log10-for-ln: "Use ln." }
        - template: driving-force
          tolerance:
            driving_force: { absolute: 2 }
      grading:
        unit_slip_credit: 0.5
        misconception_credit: { valence-ignored: 0.25 }
        significant_figures: { check: true, credit: 0.9 }
      """, file: "bank.yaml")
    #expect(bank.seed == 99)
    #expect(bank.items.map(\.variants) == [3, 1])
    #expect(bank.items[0].points == 2.5)
    #expect(bank.items[0].tolerances["*"] == Tolerance(relative: 0.05))
    #expect(bank.items[1].tolerances["driving_force"] == Tolerance(absolute: 2))
    #expect(bank.grading.unitSlipCredit == 0.5)
    #expect(bank.grading.misconceptionCredit == ["valence-ignored": 0.25])
    #expect(bank.grading.checkSignificantFigures)
    #expect(bank.grading.significantFiguresCredit == 0.9)

    let quiz = try bank.drawQuiz(library: Self.library)
    let first = try #require(quiz.items[0].variants[0].answer("E")?.numeric)
    #expect(first.tolerance == Tolerance(relative: 0.05))
    let feedback = quiz.items[0].variants.flatMap { $0.answer("E")!.numeric!.misconceptions }.filter {
      $0.id == "log10-for-ln"
    }
    #expect(!feedback.isEmpty && feedback.allSatisfy { $0.feedback == "Use ln." })
  }

  @Test func unknownTemplateIsReportedWithASuggestion() throws {
    let bank = try Bank.parse("title: t\nseed: 1\nitems:\n  - template: nernst-potental\n", file: "bank.yaml")
    #expect(throws: QuizError.self) { try bank.drawQuiz(library: Self.library) }
    do { _ = try bank.drawQuiz(library: Self.library) } catch {
      #expect(
        error.description
          == "bank.yaml:4:15: error: unknown template 'nernst-potental' (did you mean 'nernst-potential'?)")
    }
  }

  @Test(arguments: [
    ("title: t\nitems:\n  - template: x\n", "missing required key 'seed' in the bank"),
    ("title: t\nseed: -3\nitems:\n  - template: x\n", "seed must be a whole number"),
    ("title: t\nseed: 1\nitems: []\n", "items must list at least one template"),
    ("title: t\nseed: 1\nitems:\n  - template: x\n    variants: 0\n", "variants must be between 1 and 100000"),
    (
      "title: t\nseed: 1\nitems:\n  - template: x\n    pionts: 2\n",
      "unknown key 'pionts' in a bank item (did you mean 'points'?)"
    ),
    (
      "title: t\nseed: 1\nitems:\n  - template: x\ngrading:\n  unit_slip_credit: 2\n",
      "unit_slip_credit must be a fraction from 0 to 1"
    ),
  ])
  func bankMistakesAreExplained(text: String, message: String) {
    #expect(throws: TemplateError.self) { try Bank.parse(text, file: "bank.yaml") }
    do { _ = try Bank.parse(text, file: "bank.yaml") } catch {
      #expect(error.message.contains(message), "got: \(error.message)")
    }
  }

  @Test func overridesThatNameNothingAreErrors() throws {
    let tolerance = try Bank.parse(
      "title: t\nseed: 1\nitems:\n  - template: nernst-potential\n    tolerance: { F: { relative: 0.1 } }\n",
      file: "b.yaml")
    #expect(throws: QuizError.self) { try tolerance.drawQuiz(library: Self.library) }
    let feedback = try Bank.parse(
      "title: t\nseed: 1\nitems:\n  - template: nernst-potential\n    feedback: { nope: x }\n", file: "b.yaml")
    #expect(throws: QuizError.self) { try feedback.drawQuiz(library: Self.library) }
  }

  @Test func sameBankAndSeedGiveTheSameKeyAndAnotherSeedAnotherKey() throws {
    let bank = try defaultBank()
    let a = try bank.drawQuiz(library: Self.library).keyJSONLines()
    let b = try bank.drawQuiz(library: Self.library).keyJSONLines()
    let c = try bank.drawQuiz(library: Self.library, seed: bank.seed + 1).keyJSONLines()
    #expect(a == b)
    #expect(a != c)
  }

  @Test func variantsOfABankAreDistinctAndNumberedDensely() throws {
    let bank = try Bank.parse(
      "title: t\nseed: 5\nitems:\n  - template: nernst-potential\n    variants: 150\n", file: "b.yaml")
    let quiz = try bank.drawQuiz(library: Self.library)
    let variants = quiz.items[0].variants
    #expect(variants.count == 150)
    #expect(Set(variants.map(\.stem)).count == 150)
    #expect(variants.first?.id == "nernst-potential-001")
    #expect(variants.last?.id == "nernst-potential-150")
  }

  @Test(arguments: [2, 3, 8])
  func drawingOnSeveralThreadsGivesTheSameQuizAsOne(workers: Int) throws {
    let bank = try Bank.parse(
      """
      title: t
      seed: 17
      items:
        - { template: nernst-potential, variants: 300 }
        - { template: driving-force, variants: 100 }
        - { template: nernst-potential, variants: 50 }
      """, file: "b.yaml")
    let one = try bank.drawQuiz(library: Self.library, workers: 1).keyJSONLines()
    let many = try bank.drawQuiz(library: Self.library, workers: workers).keyJSONLines()
    #expect(one == many)
  }

  @Test func everyVariantCanBeRedrawnFromItsTemplateAndSeed() throws {
    let quiz = try defaultBank().drawQuiz(library: Self.library)
    for variant in quiz.variants {
      let template = try #require(Self.library[variant.template])
      var redrawn = try template.drawVariant(seed: variant.seed, id: variant.id)
      // Points are the item's, split over the parts; the template does not know them.
      for i in redrawn.answers.indices { redrawn.answers[i].points = variant.answers[i].points }
      #expect(redrawn == variant)
    }
  }

  @Test func askingForMoreVariantsThanATemplateHasIsAnError() throws {
    let template = try TemplateFixtures.parse(TemplateFixtures.template(parameters: "  x: { choice: [1, 2, 3] }"))
    let bank = try Bank.parse("title: t\nseed: 1\nitems:\n  - template: sample\n    variants: 5\n", file: "b.yaml")
    do {
      _ = try bank.drawQuiz(library: TemplateLibrary([template]))
      Issue.record("expected an error")
    } catch {
      #expect(
        error.description
          == "template 'sample' produced only 3 distinct variants of the 5 requested; widen its parameter ranges or ask for fewer variants"
      )
    }
  }

  private func defaultBank() throws -> Bank {
    let url = packageRoot.appendingPathComponent("Banks/default.yaml")
    return try Bank.parse(try String(contentsOf: url, encoding: .utf8), file: "Banks/default.yaml")
  }
}
