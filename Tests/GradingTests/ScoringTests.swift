import Grading
import QuizModel
import TemplateEngine
import TestSupport
import Testing

@Suite struct ScoringTests {
  let grader = Grader(quiz: SampleQuiz.Grading.quiz)

  func verdict(_ response: String, _ item: String, using grader: Grader? = nil) -> Verdict? {
    (grader ?? self.grader).grade(response, for: item)?.verdict
  }

  // MARK: Tolerance edges

  /// −95.02 mV ± (2 % + 0.5 mV) is [−97.4204, −92.6196].
  @Test(arguments: [
    ("-97.4204", Verdict.correct), ("-92.6196", .correct), ("-97.4205", .incorrect), ("-92.6195", .incorrect),
    ("−95.02", .correct), ("-0.09502 V", .correct), ("-95020 µV", .correct),
  ])
  func negativeKeyBoundsAreInclusive(response: String, expected: Verdict) {
    #expect(verdict(response, "nernst-potential-01") == expected)
  }

  /// 25.02 ± 0.5 mV: 25.02 − 24.52 is 0.5000000000000036 in binary, and must still be accepted.
  @Test(arguments: [
    ("24.52", Verdict.correct), ("25.52", .correct), ("24.5199", .incorrect), ("25.5201", .incorrect),
    ("0.02452 V", .correct), ("2.552e1", .correct), ("2.552 × 10¹", .correct), ("2,552 × 10¹", .unreadable),
  ])
  func boundsHaveNoBinaryRoundingSurprises(response: String, expected: Verdict) {
    #expect(verdict(response, "driving-force-01#driving_force") == expected)
  }

  /// −0.02 ± 0.05 pA is [−0.07, 0.03]: a key near zero, interval across zero.
  @Test(arguments: [
    ("0.03", Verdict.correct), ("-0.07", .correct), ("0", .correct), ("0.0301", .incorrect), ("-0.0701", .incorrect),
    ("3e-14 A", .correct), ("-7e-5 nA", .correct),
  ])
  func keyNearZero(response: String, expected: Verdict) {
    #expect(verdict(response, "ohmic-current-02") == expected)
  }

  /// 0.3 pA ± (5 % + 0.01) is [0.275, 0.325].
  @Test(arguments: [("0.275", Verdict.correct), ("0.325", .correct), ("0.0003 nA", .correct), ("0.2749", .incorrect)])
  func smallPositiveKey(response: String, expected: Verdict) {
    #expect(verdict(response, "ohmic-current-01") == expected)
  }

  // MARK: Misconceptions and unit slips

  @Test(arguments: [
    ("nernst-potential-01", "-41.3", "log10-for-ln"),
    ("nernst-potential-01", "95", "inside-outside-swapped"),
    ("nernst-potential-02", "264.6", "valence-ignored"),
    ("nernst-potential-02", "15.8 mV", "celsius-as-kelvin"),
    ("nernst-potential-02", "57.5", "log10-for-ln"),
    ("nernst-potential-02", "-132.3", "sign-reversed"),
    ("nernst-potential-01", "-0.095", "unit-slip"),
    ("nernst-potential-01", "-95020", "unit-slip"),
    ("ohmic-current-01", "0.3 nA", "unit-slip"),
    ("driving-force-01#driving_force", "-25.02", "sign-reversed"),
    ("driving-force-01#direction", "influx", "sign-reversed"),
    ("driving-force-01#direction", "into the cell", "sign-reversed"),
  ])
  func wrongAnswersAreMatchedToMisconceptions(item: String, response: String, misconception: String) throws {
    let grade = try #require(grader.grade(response, for: item))
    #expect(grade.verdict == .incorrect)
    #expect(grade.misconception == misconception)
    #expect(!grade.feedback.isEmpty)
    #expect(grade.points == 0)
  }

  @Test func misconceptionFeedbackComesFromTheKey() throws {
    let grade = try #require(grader.grade("-41.27 mV", for: "nernst-potential-01"))
    #expect(grade.feedback == "The Nernst equation uses the natural logarithm (ln), not log10.")
    #expect(grade.value == -41.27)
  }

  @Test func unitSlipFeedbackNamesTheUnit() throws {
    let grade = try #require(grader.grade("-0.095", for: "nernst-potential-01"))
    #expect(grade.feedback == "The number is 1000 times too small: check the unit prefix (the answer is in mV).")
  }

  @Test func noSignReversalWhenTheIntervalContainsZero() throws {
    let grade = try #require(grader.grade("0.5", for: "ohmic-current-02"))
    #expect(grade.verdict == .incorrect)
    #expect(grade.misconception == nil)
  }

  @Test func plainWrongAnswer() throws {
    let grade = try #require(grader.grade("-60", for: "nernst-potential-01"))
    #expect(
      grade == ResponseGrade(verdict: .incorrect, points: 0, value: -60, feedback: "Not within the accepted range."))
  }

  // MARK: Verdicts

  @Test func everyVerdictOfASingleResponse() {
    #expect(verdict("-95", "nernst-potential-01") == .correct)
    #expect(verdict("-60", "nernst-potential-01") == .incorrect)
    #expect(verdict("about -95", "nernst-potential-01") == .unreadable)
    #expect(verdict("-95 mM", "nernst-potential-01") == .wrongUnit)
    #expect(verdict("  ", "nernst-potential-01") == .blank)
    #expect(verdict("efflux", "driving-force-01#direction") == .correct)
    #expect(verdict("-95", "no-such-variant") == nil)
    #expect(verdict("-95", "driving-force-01") == nil)  // two parts: needs #answer-id
  }

  @Test func correctPointsAreSharedBetweenParts() throws {
    #expect(grader.grade("25", for: "driving-force-01#driving_force")?.points == 1)
    #expect(grader.grade("Efflux", for: "driving-force-01#direction")?.points == 1)
    #expect(grader.grade("-95", for: "nernst-potential-01")?.points == 2)
  }

  // MARK: Policy

  @Test func partialCreditForUnitSlipsAndNamedMisconceptions() {
    let policy = GradingPolicy(unitSlipCredit: 0.5, misconceptionCredit: ["log10-for-ln": 0.25, "sign-reversed": 0.5])
    let lenient = Grader(quiz: SampleQuiz.Grading.quiz, policy: policy)
    #expect(lenient.grade("-0.095 mV", for: "nernst-potential-01")?.points == 1)
    #expect(lenient.grade("-41.3", for: "nernst-potential-01")?.points == 0.5)
    #expect(lenient.grade("95", for: "nernst-potential-01")?.points == 0)
    #expect(lenient.grade("influx", for: "driving-force-01#direction")?.points == 0.5)
    #expect(lenient.grade("-132.3", for: "nernst-potential-02")?.points == 1)
  }

  @Test func creditsAreClamped() {
    let policy = GradingPolicy(unitSlipCredit: 3, misconceptionCredit: ["x": -1])
    #expect(policy.unitSlipCredit == 1)
    #expect(policy.misconceptionCredit["x"] == 0)
  }

  @Test(arguments: [
    ("-95.0", 2.0, ""),  // 3 s.f. as the key
    ("-95", 2.0, ""),  // 2: within the slack of 1
    ("-95.02", 2.0, ""),  // 4: within the slack
    ("-95.0200", 1.0, "Correct, but give 3 significant figures (you gave 6)."),
    ("-1e2", 0.0, "Not within the accepted range."),
  ])
  func significantFigureCheck(response: String, points: Double, feedback: String) throws {
    let policy = GradingPolicy(significantFigures: .init(slack: 1, credit: 0.5))
    let strict = Grader(quiz: SampleQuiz.Grading.quiz, policy: policy)
    let grade = try #require(strict.grade(response, for: "nernst-potential-01"))
    #expect(grade.points == Points(exactly: points))
    #expect(grade.feedback == feedback)
  }

  @Test func tooFewSignificantFigures() throws {
    let policy = GradingPolicy(significantFigures: .init(slack: 0, credit: 1))
    let grade = try #require(
      Grader(quiz: SampleQuiz.Grading.quiz, policy: policy).grade("130", for: "nernst-potential-02"))
    #expect(grade.verdict == .correct)
    #expect(grade.points == 2)
    #expect(grade.feedback == "Correct, but give 4 significant figures (you gave 2 to 3).")
  }
}

@Suite struct ExactBoundTests {
  /// Keys and tolerances printed in e-notation (2e-05) are read exactly too.
  @Test(arguments: [("0.00003", Verdict.correct), ("0.00001", .correct), ("3e-5", .correct), ("0.0000301", .incorrect)])
  func tinyKeyOnTheBound(response: String, expected: Verdict) {
    let variant = Variant(
      id: "tiny-01", template: "tiny", seed: 1, parameters: [], stem: "Tiny.",
      answers: [
        Answer(
          id: "x", prompt: "x (mM)",
          kind: .numeric(NumericAnswer(value: 0.00002, unit: "mM", tolerance: Tolerance(absolute: 0.00001))))
      ])
    let quiz = Quiz(
      title: "t", seed: 1, items: [QuizItem(template: "tiny", title: "Tiny", points: 1, variants: [variant])])
    #expect(Grader(quiz: quiz).grade(response, for: "tiny-01")?.verdict == expected)
  }
}

@Suite struct GradingPolicyTests {
  @Test func fromTheBankGradingOptions() {
    let options = GradingOptions(
      unitSlipCredit: 0.5, misconceptionCredit: ["*": 0.25, "log10-for-ln": 0.5],
      checkSignificantFigures: true, significantFiguresCredit: 0.9)
    let policy = GradingPolicy(options: options)
    #expect(policy.unitSlipCredit == 0.5)
    #expect(policy.credit(forMisconception: "log10-for-ln") == 0.5)
    #expect(policy.credit(forMisconception: "valence-ignored") == 0.25)
    #expect(policy.significantFigures == .init(slack: 0, credit: 0.9, checksTooMany: false))
    #expect(GradingPolicy(options: GradingOptions()) == GradingPolicy())
  }

  @Test func wildcardCreditAppliesToEveryMisconception() {
    let grader = Grader(quiz: SampleQuiz.Grading.quiz, policy: GradingPolicy(misconceptionCredit: ["*": 0.5]))
    #expect(grader.grade("264.6", for: "nernst-potential-02")?.points == 1)
    #expect(grader.grade("influx", for: "driving-force-01#direction")?.points == 0.5)
  }

  @Test func bankSignificantFigureCheckOnlyFlagsTooFew() {
    let options = GradingOptions(checkSignificantFigures: true, significantFiguresCredit: 0.5)
    let grader = Grader(quiz: SampleQuiz.Grading.quiz, policy: GradingPolicy(options: options))
    #expect(grader.grade("-95.02", for: "nernst-potential-01")?.points == 2)  // 4 s.f. for a key to 3
    #expect(grader.grade("-95.0", for: "nernst-potential-01")?.points == 2)
    #expect(grader.grade("-95", for: "nernst-potential-01")?.points == 1)  // 2 s.f.
  }
}
