import Foundation
import QuizModel
import Testing

@testable import QTIExport

/// The model of Moodle follows each fact measured in ../shared/notes/moodle-xml.md: one test per fact.
struct MoodleModelTests {
  typealias A = MoodleModel.NumericAnswer

  static func question(_ body: String) throws -> XMLNode {
    try XMLReader.parse(Data("<question type=\"numerical\">\(body)</question>".utf8), file: "q").get()
  }

  // MARK: numerical

  @Test func toleranceIsAnAbsolutePlusOrMinusInTheAnswersUnitBoundsIncluded() {
    let key = [A(answer: -95.02, tolerance: 0.5, percent: 100, feedback: "")]
    #expect(MoodleModel.match("-95.52", answers: key, units: []) == 0)
    #expect(MoodleModel.match("-94.52", answers: key, units: []) == 0)
    #expect(MoodleModel.match("-94.51", answers: key, units: []) == nil)
    #expect(MoodleModel.match("-95.53", answers: key, units: []) == nil)
  }

  @Test func toleranceTypeIsNotReadForNumericalAndNoToleranceMeansExact() throws {
    let q = try Self.question(
      """
      <answer fraction="100"><text>10</text><tolerance>1</tolerance><tolerancetype>1</tolerancetype></answer>
      <answer fraction="0"><text>50</text></answer>
      """)
    let answers = try #require(MoodleModel.numericAnswers(of: q))
    #expect(MoodleModel.match("10.9", answers: answers, units: []) == 0)  // 1 absolute, not 100 % relative
    #expect(MoodleModel.match("19", answers: answers, units: []) == nil)
    #expect(MoodleModel.match("50", answers: answers, units: []) == 1)
    #expect(MoodleModel.match("50.001", answers: answers, units: []) == nil)
  }

  @Test func numbersNeedAnASCIIMinusAndADecimalPoint() {
    #expect(MoodleModel.number("-95.02") == -95.02)
    #expect(MoodleModel.number("\u{2212}95.02") == nil)
    #expect(MoodleModel.number("-95,02") == nil)
    #expect(MoodleModel.number("1.5e-3") == 0.0015)
  }

  @Test func aStudentTypingAUnicodeMinusOrADecimalCommaMatchesNothing() {
    let key = [A(answer: -95.02, tolerance: 0.5, percent: 100, feedback: "")]
    #expect(MoodleModel.match("\u{2212}95.02", answers: key, units: []) == nil)
    #expect(MoodleModel.match("-95,02", answers: key, units: []) == nil)
    #expect(MoodleModel.match("-95.02", answers: key, units: []) == 0)
  }

  @Test func theFirstAnswerWhoseIntervalHoldsTheResponseWins() {
    let misconceptionFirst = [
      A(answer: -95, tolerance: 3, percent: 0, feedback: "m"),
      A(answer: -95.02, tolerance: 0.5, percent: 100, feedback: ""),
    ]
    #expect(MoodleModel.match("-95.02", answers: misconceptionFirst, units: []) == 0)  // the key scores 0
    let keyFirst = Array(misconceptionFirst.reversed())
    #expect(MoodleModel.match("-95.02", answers: keyFirst, units: []) == 0)
    #expect(MoodleModel.match("-97", answers: keyFirst, units: []) == 1)
  }

  @Test func aStarAnswerCatchesEveryOtherReadableResponse() throws {
    let q = try Self.question(
      """
      <answer fraction="100"><text>-95.02</text><tolerance>0.5</tolerance></answer>
      <answer fraction="0"><text>*</text><feedback><text>Not quite.</text></feedback></answer>
      """)
    let answers = try #require(MoodleModel.numericAnswers(of: q))
    #expect(MoodleModel.match("-95.02", answers: answers, units: []) == 0)
    #expect(MoodleModel.match("1234", answers: answers, units: []) == 1)
    #expect(MoodleModel.match("\u{2212}95", answers: answers, units: []) == nil, "not a number: not even * matches")
  }

  @Test func intervalsAreWidenedByATenToTheMinusFourteenthOfTheKeyAsPHPsPrecisionDoes() {
    let key = [A(answer: 1e20, tolerance: 0.001, percent: 100, feedback: "")]
    #expect(MoodleModel.match("100000000000000000000.002", answers: key, units: []) == 0)
    #expect(key[0].holds(1e20 + 1e6))
    #expect(!key[0].holds(1e20 + 1e7))
  }

  @Test func gradesMustBeMoodlesOwnAndOthersAreRoundedDownToOne() {
    // match_grade_options: within 0.00001 of a grade, as a fraction.
    for allowed in ["100", "83.33333", "33.33333", "33.3333", "14.28571", "12.5", "0", "-50"] {
      #expect(MoodleGrades.isAllowed(allowed))
    }
    for refused in ["33", "33.33", "99", "0.5", "-3", "x"] { #expect(!MoodleGrades.isAllowed(refused)) }
    #expect(MoodleGrades.atMost(0.25).percent == "25")
    #expect(MoodleGrades.atMost(0.35).percent == "33.33333")
    #expect(MoodleGrades.atMost(1.0 / 3).percent == "33.33333")
    #expect(MoodleGrades.atMost(0.333).percent == "30")
    #expect(MoodleGrades.atMost(0.99).percent == "90")
    #expect(MoodleGrades.atMost(0.01).percent == "0")
  }

  @Test func theFirstUnitIsTheBaseAndAMultiplierIsTheValueInThatUnitPerBaseUnit() throws {
    let q = try Self.question(
      """
      <answer fraction="100"><text>-95.02</text><tolerance>0.5</tolerance></answer>
      <units><unit><multiplier>1</multiplier><unit_name>mV</unit_name></unit>
      <unit><multiplier>0.001</multiplier><unit_name>V</unit_name></unit></units>
      """)
    let answers = try #require(MoodleModel.numericAnswers(of: q))
    let units = MoodleModel.units(of: q)
    #expect(MoodleModel.match("-0.09502 V", answers: answers, units: units) == 0)
    #expect(MoodleModel.match("-95.02 mV", answers: answers, units: units) == 0)
    #expect(MoodleModel.match("-95.02", answers: answers, units: units) == 0)
    // Moodle also tries the number as typed: -95.02 V still reaches the key (with units optional, full marks).
    #expect(MoodleModel.match("-95.02 V", answers: answers, units: units) == 0)
    #expect(MoodleModel.match("-0.5 V", answers: answers, units: units) == nil)
  }

  @Test func unitFamiliesOfferTheSIPrefixedUnitsStudentsTypeWithExactMultipliers() {
    #expect(MoodleUnits.units(for: "mV").map(\.multiplier) == ["1", "0.001", "1000", "1000", "1000"])
    #expect(MoodleUnits.units(for: "pA").map(\.name) == ["pA", "nA", "µA", "μA", "uA", "A"])
    #expect(MoodleUnits.units(for: "pA")[1].multiplier == "0.001")
    #expect(MoodleUnits.units(for: "mM").map(\.name) == ["mM", "M", "µM", "μM", "uM", "nM"])
    #expect(MoodleUnits.units(for: "nS").first { $0.name == "µS" }?.multiplier == "0.001")
    #expect(MoodleUnits.units(for: "kJ/mol").map(\.name) == ["kJ/mol", "J/mol"])
    #expect(MoodleUnits.units(for: "kJ/mol")[1].multiplier == "1000")
    #expect(MoodleUnits.units(for: "ions").map(\.name) == ["ions"])
    #expect(MoodleUnits.units(for: "").isEmpty)
  }

  // MARK: multichoice, Cloze, file level

  @Test func aMultichoiceWithoutAFullMarkChoiceIsRefused() throws {
    let quiz = Quiz(title: "C", seed: 1, items: [MoodleSamples.choiceItem])
    let written = String(decoding: MoodleWriter(quiz: quiz).document(), as: UTF8.self)
      .replacingOccurrences(of: "fraction=\"100\" format=\"html\"", with: "fraction=\"0\" format=\"html\"")
    let issues = MoodleCheck.check(
      PackageFile(path: "c.xml", data: Data(written.utf8)), writer: MoodleWriter(quiz: quiz)
    ).issues
    #expect(issues.contains { $0.message.contains("no choice is worth 100 %: Moodle would have no right answer") })
  }

  @Test func clozeGapsAreReadWithTheirWeightsNegativeKeysTolerancesAndFeedback() {
    let (gaps, text) = MoodleModel.cloze(
      "A {2:NUMERICAL:=-95.02:0.5#Correct~%0%95.02:0.5#Sign reversed} B {1:MULTICHOICE:=influx#yes~efflux#no}.")
    #expect(text == "A {#1} B {#2}.")
    #expect(gaps.map(\.weight) == [2, 1])
    #expect(gaps[0].alternatives.map(\.answer) == ["-95.02", "95.02"])
    #expect(gaps[0].alternatives.map(\.tolerance) == ["0.5", "0.5"])
    #expect(gaps[0].alternatives.map(\.feedback) == ["Correct", "Sign reversed"])
    #expect(gaps[1].alternatives.map(\.percent) == [100, 0])
    let answers = gaps[0].alternatives.map {
      A(answer: Double($0.answer)!, tolerance: Double($0.tolerance!)!, percent: $0.percent, feedback: $0.feedback)
    }
    #expect(MoodleModel.match("-95.3", answers: answers, units: []) == 0)
    #expect(MoodleModel.match("95", answers: answers, units: []) == 1)
  }

  @Test func clozeMetacharactersAsEntitiesReadBackAndRawOnesBreakTheGap() {
    let hostile = "a}b#c~d=e%f:g/h\\i&j{k"
    let gap =
      "{1:MULTICHOICE:=" + MoodleText.clozeGap(MoodleText.htmlEscaped(hostile)) + "#"
      + MoodleText.clozeGap(MoodleText.htmlEscaped(hostile)) + "~no}"
    let (gaps, _) = MoodleModel.cloze(gap)
    #expect(gaps.count == 1)
    #expect(gaps[0].alternatives.map(\.answer) == [MoodleText.htmlEscaped(hostile), "no"])
    #expect(gaps[0].alternatives[0].feedback == MoodleText.htmlEscaped(hostile))
    let (raw, _) = MoodleModel.cloze("{1:MULTICHOICE:=a}b~no}")
    #expect(raw.first?.alternatives.map(\.answer) == ["a"])
  }

  @Test func aRandomQuestionRejectsTheWholeFile() throws {
    let quiz = Quiz(title: "C", seed: 1, items: [MoodleSamples.choiceItem])
    let written = String(decoding: MoodleWriter(quiz: quiz).document(), as: UTF8.self)
      .replacingOccurrences(
        of: "</quiz>", with: "<question type=\"random\"><name><text>r</text></name></question></quiz>")
    let issues = MoodleCheck.check(
      PackageFile(path: "c.xml", data: Data(written.utf8)), writer: MoodleWriter(quiz: quiz)
    ).issues
    #expect(issues.map(\.message).contains { $0.contains("'random' question is not importable") })
  }

  @Test func anUnescapedAmpersandOutsideCDATARejectsTheFile() {
    let data = Data(
      "<quiz><question type=\"category\"><category><text>$course$/A & B</text></category></question></quiz>".utf8)
    #expect(throws: XMLIssueList.self) { try XMLReader.parse(data, file: "x.xml").get() }
  }
}
