import Grading
import QuizModel
import TemplateEngine
import TestSupport
import Testing

/// The accepted-forms table of AcceptedAnswers.md, row by row.
@Suite struct AnswerParserTests {
  let parser = AnswerParser()

  // MARK: Numbers

  /// (typed, unit asked, value expected in that unit)
  static let acceptedNumbers: [(String, String, Double)] = [
    ("-95", "mV", -95),
    ("−95", "mV", -95),  // U+2212 minus
    ("–95", "mV", -95),  // en dash
    ("—95", "mV", -95),  // em dash
    ("‐95", "mV", -95),  // hyphen U+2010
    ("－95", "mV", -95),  // full-width hyphen-minus
    ("+25.02", "mV", 25.02),
    ("  -95.3  ", "mV", -95.3),
    ("\u{A0}-95.3\u{2009}", "mV", -95.3),
    ("- 95", "mV", -95),
    ("-95,3", "mV", -95.3),  // decimal comma
    ("0,125", "pA", 0.125),
    ("1 234,5", "ions", 1234.5),
    ("1 234", "ions", 1234),
    ("1\u{2009}234\u{2009}567", "ions", 1_234_567),
    ("1\u{202F}234", "ions", 1234),
    ("1,234,567", "ions", 1_234_567),
    ("1.234.567", "ions", 1_234_567),
    ("1,234.5", "ions", 1234.5),
    ("1.234,5", "ions", 1234.5),
    ("1'234", "ions", 1234),
    (".5", "pA", 0.5),
    ("5.", "pA", 5),
    ("9.5e-2", "mV", 0.095),
    ("9.5E-2", "mV", 0.095),
    ("9.5e+2", "mV", 950),
    ("-9.5e−2 V", "mV", -95),
    ("-9.5×10^-2 V", "mV", -95),
    ("-9.5 x10^-2 V", "mV", -95),
    ("-9.5 X 10^-2 V", "mV", -95),
    ("-9.5*10^-2 V", "mV", -95),
    ("-9.5*10**-2 V", "mV", -95),
    ("-9.5·10⁻² V", "mV", -95),
    ("-9.5 × 10⁻² V", "mV", -95),
    ("−9.5 × 10^(−2) V", "mV", -95),
    ("1.2 × 10⁶ ions", "ions", 1_200_000),
    ("-95mV", "mV", -95),
    ("-95 mV", "mV", -95),
    ("-95 mv", "mV", -95),
    ("-95 MV", "mV", -95),
    ("-95 millivolts", "mV", -95),
    ("-0.095 V", "mV", -95),
    ("-0.095 volts", "mV", -95),
    ("-95000 µV", "mV", -95),
    ("-95000 μV", "mV", -95),  // Greek mu
    ("-95000 uV", "mV", -95),
    ("-95 mV.", "mV", -95),
    ("3 pA", "pA", 3),
    ("0.003 nA", "pA", 3),
    ("3e-12 A", "pA", 3),
    ("3 pa", "pA", 3),
    ("2.5 pC", "pC", 2.5),
    ("2.5e-12 C", "pC", 2.5),
    ("0.0025 nC", "pC", 2.5),
    ("12 nS", "nS", 12),
    ("0.012 µS", "nS", 12),
    ("140 mM", "mM", 140),
    ("0.14 M", "mM", 140),
    ("140000 µM", "mM", 140),
    ("140 mmol/L", "mM", 140),
    ("140 mmol/l", "mM", 140),
    ("140 mm", "mM", 140),
    ("-5.2 kJ/mol", "kJ/mol", -5.2),
    ("-5200 J/mol", "kJ/mol", -5.2),
    ("-5.2 kJ mol-1", "kJ/mol", -5.2),
    ("-5.2 kJ·mol⁻¹", "kJ/mol", -5.2),
    ("-5.2 kj/mol", "kJ/mol", -5.2),
    ("250 ppm", "ppm", 250),
    ("0.025 %", "ppm", 250),
    ("0.025%", "ppm", 250),
    ("1.2e6 ions", "ions", 1_200_000),
    ("0", "mV", 0),
    ("-0", "mV", 0),
  ]

  @Test(arguments: acceptedNumbers)
  func acceptedNumberForms(typed: String, unit: String, expected: Double) throws {
    let parsed = parser.parse(typed, numericIn: unit)
    guard case .number(let n) = parsed else {
      Issue.record("\(typed.debugDescription) read as \(parsed)")
      return
    }
    #expect(abs(n.value - expected) <= 1e-12 * max(1, abs(expected)), "\(typed.debugDescription) → \(n.value)")
  }

  /// Conversions between units only move the decimal point, so they are exact.
  @Test func unitConversionIsExact() throws {
    guard case .number(let n) = parser.parse("-0.095 V", numericIn: "mV") else {
      Issue.record()
      return
    }
    #expect(n.value == -95)
    #expect(n.significand == 95 && n.exponent == 0 && n.isNegative)
  }

  static let unreadable: [String] = [
    "abc", "-", "−", "95 apples", "1,234",  // ambiguous comma
    "12 34", "1.2.3", "9.5e", "5 x", "5 × 10", "5 × 10^", "--5", "5 - 3", "NaN", "inf", "one", "?",
    "9.5 × 10^(-2", "1,23,4",
  ]

  @Test(arguments: unreadable)
  func unreadableFormsAreReportedNotGuessed(typed: String) {
    let parsed = parser.parse(typed, numericIn: "mV")
    guard case .unreadable(let reason) = parsed else {
      Issue.record("\(typed.debugDescription) read as \(parsed)")
      return
    }
    #expect(!reason.isEmpty)
  }

  @Test func ambiguousCommaSaysWhy() {
    #expect(
      parser.parse("1,234", numericIn: "ions")
        == .unreadable(
          reason: "\"1,234\" is not a number: ambiguous: the comma may be a decimal comma or separate thousands"))
  }

  @Test(arguments: ["", "   ", "\u{A0}\u{2009}", "\t"])
  func blankResponses(typed: String) {
    #expect(parser.parse(typed, numericIn: "mV") == .blank)
  }

  @Test(arguments: [("12 mM", "mV"), ("3 pA", "mV"), ("-95 mV", "pA"), ("5 kJ/mol", "mV"), ("0.3 %", "pC")])
  func wrongDimensionIsFlagged(typed: String, unit: String) {
    guard case .wrongUnit(_, let expected, let reason) = parser.parse(typed, numericIn: unit) else {
      Issue.record("\(typed) in \(unit) was not flagged")
      return
    }
    #expect(expected == unit)
    #expect(reason.contains("the answer is"))
  }

  @Test func wrongUnitMessageNamesBothDimensions() {
    #expect(
      parser.parse("12 mM", numericIn: "mV")
        == .wrongUnit(
          written: "mM", expected: "mV", reason: "mM is a concentration unit; the answer is a potential in mV"))
  }

  @Test func numberWithoutTargetKeepsTheWrittenUnit() throws {
    guard case .number(let n) = parser.number(from: "−9.50 × 10⁻² V") else {
      Issue.record()
      return
    }
    #expect(n.value == -0.095)
    #expect(n.unit?.symbol == "V")
    #expect(n.significantFigures == 3...3)
  }

  @Test(arguments: [
    ("1200", 2...4), ("1200.", 4...4), ("0.0950", 3...3), ("-95.02", 4...4), ("9.5e-2", 2...2), ("100", 1...3),
  ])
  func significantFigures(typed: String, expected: ClosedRange<Int>) throws {
    guard case .number(let n) = parser.number(from: typed) else {
      Issue.record()
      return
    }
    #expect(n.significantFigures == expected)
  }

  // MARK: Choices

  static let direction = SampleQuiz.Grading.drivingForce.answer("direction")!

  static let directionWords: [(String, String)] = [
    ("efflux", "efflux"), ("Efflux", "efflux"), (" EFFLUX. ", "efflux"), ("efflux (out of the cell)", "efflux"),
    ("outward", "efflux"), ("out of the cell", "efflux"), ("leaves", "efflux"), ("leaves the cell", "efflux"),
    ("exits", "efflux"), ("out", "efflux"), ("net efflux", "efflux"), ("outward current", "efflux"), ("b", "efflux"),
    ("influx", "influx"), ("inward", "influx"), ("into the cell", "influx"), ("enters", "influx"),
    ("enters the cell", "influx"), ("in", "influx"), ("Inward.", "influx"), ("A", "influx"), ("moves in", "influx"),
  ]

  @Test(arguments: directionWords)
  func directionWordsPickTheOption(typed: String, option: String) {
    #expect(parser.parse(typed, for: Self.direction) == .option(option))
  }

  @Test(arguments: ["sideways", "both", "-25", "c", "in and out"])
  func unknownWordsAreUnreadable(typed: String) {
    guard case .unreadable = parser.parse(typed, for: Self.direction) else {
      Issue.record("\(typed) was read")
      return
    }
  }

  /// The shipped driving-force template words its options the other way round from the sample quiz.
  static let shippedDirection = Answer(
    id: "direction", prompt: "",
    kind: .choice(
      ChoiceAnswer(
        options: [
          ChoiceOption(id: "influx", text: "Into the cell (influx)"),
          ChoiceOption(id: "efflux", text: "Out of the cell (efflux)"),
        ], correct: "efflux")))

  @Test(arguments: [
    ("Out of the cell (efflux)", "efflux"), ("efflux (out of the cell)", "efflux"),
    ("outward (leaves the cell)", "efflux"),
    ("Into the cell (influx)", "influx"), ("influx (enters)", "influx"), ("in (influx)", "influx"),
  ])
  func optionTextsAndParenthesisedSynonymsAgreeing(typed: String, option: String) {
    #expect(parser.parse(typed, for: Self.shippedDirection) == .option(option))
  }

  @Test(arguments: ["influx (out of the cell)", "out (into the cell)", "efflux (sideways)"])
  func contradictoryOrUnknownParenthesisedWordsAreUnreadable(typed: String) {
    guard case .unreadable = parser.parse(typed, for: Self.shippedDirection) else {
      Issue.record("\(typed) was read")
      return
    }
  }

  @Test func unitParsing() {
    let millivolt = MeasurementUnit("mV")
    #expect(millivolt?.symbol == "mV" && millivolt?.dimension == .potential && millivolt?.powerOfTen == -3)
    #expect(MeasurementUnit("µM")?.powerOfTen == -6)
    #expect(MeasurementUnit("kJ mol⁻¹")?.symbol == "kJ/mol")
    #expect(MeasurementUnit("furlongs") == nil)
  }
}
