import Foundation
import QuizModel
import Testing

@testable import TemplateEngine

// Expected physics values were computed by hand in Python from the SI constants (R = N_A·k_B, F = N_A·e) and
// the textbook formulas, not by calling PhysicsCore.

@Suite struct ExpressionFunctionTests {
  // MARK: Math

  @Test(arguments: [
    ("ln(1)", 0.0), ("ln(exp(2))", 2), ("log10(1000)", 3), ("log10(0.01)", -2), ("log2(8)", 3), ("exp(0)", 1),
    ("sqrt(16)", 4), ("sqrt(2) ^ 2", 2.0000000000000004), ("abs(-3.5)", 3.5), ("abs(2)", 2),
    ("min(3, 1, 2)", 1), ("max(3, 1, 2)", 3), ("min(-1, 2)", -1), ("max(-1, -2)", -1),
    ("floor(-1.5)", -2), ("ceil(-1.5)", -1), ("floor(2.7)", 2), ("ceil(2.1)", 3),
    ("sign(-4)", -1), ("sign(0)", 0), ("sign(0.001)", 1),
    ("round(2.4)", 2), ("round(2.6)", 3), ("round(-2.6)", -3), ("round(3.14159, 2)", 3.14),
    ("round(-95.02257566586907, 1)", -95.0), ("round(1234.5, -2)", 1200), ("round(1250, -2)", 1300),
    ("round(2.5)", 2), ("round(3.5)", 4), ("round(0.125, 2)", 0.12), ("round(0.145, 2)", 0.14),
    ("sigfig(-95.02257566586907, 4)", -95.02), ("sigfig(0.000123456, 2)", 0.00012), ("sigfig(123456, 3)", 123_000),
    ("sigfig(123999, 3)", 124_000), ("sigfig(123500, 3)", 124_000), ("sigfig(9.9996, 4)", 10), ("sigfig(0, 3)", 0),
    ("sigfig(1000, 1)", 1000),
    ("sigfig(4.9087e7, 3)", 4.91e7), ("sigfig(-0.0098765, 2)", -0.0099), ("sigfig(1e-20 * 1.234, 3)", 1.23e-20),
  ])
  func mathFunctions(source: String, expected: Double) {
    #expect(evaluate(source) == .number(expected))
  }

  @Test func roundingAgreesWithTheDisplayedNumber() {
    // Whatever the fast path does, round and sigfig must give the value NumberFormat shows.
    var g = SeededGenerator(seed: 31)
    for _ in 0..<20_000 {
      let exponent = g.integer(in: -6...5)
      let x = g.uniform(in: -1...1) * pow(10, Double(exponent))
      let decimals = g.integer(in: 0...8)
      #expect(
        DecimalRounding.round(x, decimals: decimals) == NumberFormat.decimals(decimals).rounded(x), "\(x) \(decimals)")
      let figures = g.integer(in: 1...6)
      #expect(
        DecimalRounding.round(x, significantFigures: figures) == NumberFormat.significantFigures(figures).rounded(x),
        "\(x) \(figures)")
    }
  }

  @Test(arguments: [0.5, 1.5, 2.5, 0.125, 0.375, 1.005, 2.675, 0.285, 4.35, 1.45, 8.345, 0.045, 1234.5675])
  func roundingNearTiesAgreesWithTheDisplayedNumber(x: Double) {
    for decimals in 0...4 {
      #expect(
        DecimalRounding.round(x, decimals: decimals) == NumberFormat.decimals(decimals).rounded(x), "\(x) \(decimals)")
      #expect(
        DecimalRounding.round(-x, decimals: decimals) == NumberFormat.decimals(decimals).rounded(-x),
        "\(-x) \(decimals)")
    }
  }

  // MARK: Physics

  @Test(arguments: [
    ("RT_F(37)", 26.726659112543267), ("RT_F(20)", 25.26171245797859),
    ("nernst(1, 140, 4, 37)", -95.02257566586907), ("nernst(2, 0.0001, 2, 37)", 132.34356792097424),
    ("nernst(-1, 10, 110, 37)", -64.087729543661), ("nernst_kelvin(1, 140, 4, 37)", -11.335919070247158),
    ("ghk(1, 0.05, 0.45, 140, 4, 15, 145, 10, 110, 37)", -66.58943460267085),
    ("ghk_pump(1.5, 1, 0.05, 0.45, 140, 4, 15, 145, 10, 110, 37)", -71.76795358869433),
    ("ghk_pump(1, 1, 0.05, 0.45, 140, 4, 15, 145, 10, 110, 37)", -66.58943460267085),
    ("driving_force(-70, -95)", 25), ("current(10, -70, 61)", -1310),
    ("charge(50, 1, 100)", 7.853981633974484), ("charge(50, 1, -100)", -7.853981633974484),
    ("charge_cyl(1, 1000, 1, 100)", 3.141592653589793),
    ("ions(7.5, 1)", 46811318.05845572), ("ions(7.5, 2)", 23405659.02922786), ("ions(-7.5, -1)", 46811318.05845572),
    ("moles(7.5, 1)", 7.773202242196631e-17),
    ("fraction(50, 1, 100, 1, 140)", 8.883659705367578e-06), ("fraction(50, 1, 100, 2, 140)", 4.441829852683789e-06),
    ("fraction_cyl(1, 1000, 1, 100, 1, 140)", 0.00029612199017891927),
    ("delta_g(1, 12, 145, -70, 37)", -13.179723975018042), ("delta_g(2, 0.0001, 2, -70, 37)", -39.046372707741476),
    ("pmf(-150, 8, 7.25, 37)", -196.1553051435567), ("pmf_dg(-150, 8, 7.25, 37)", -18.92610976452529),
    ("surface_conc(150, 1, -30, 37)", 460.8672515254608), ("surface_conc(110, -1, -30, 37)", 35.80206652867035),
  ])
  func physicsFunctions(source: String, expected: Double) throws {
    let value = try #require(evaluate(source)?.number)
    #expect(isClose(value, expected, relative: 1e-12), "\(value)")
  }

  @Test(arguments: [
    ("flux_direction(1, -70, -95)", "efflux"), ("flux_direction(1, -70, 60)", "influx"),
    ("flux_direction(-1, -70, -65)", "efflux"), ("flux_direction(-1, -70, -80)", "influx"),
    ("flux_direction(2, -70, 120)", "influx"), ("flux_direction(1, -70, -70)", "none"),
    ("current_direction(-70, -95)", "outward"), ("current_direction(-70, 60)", "inward"),
    ("current_direction(-65, -65)", "none"),
  ])
  func directionFunctions(source: String, expected: String) {
    #expect(evaluate(source) == .string(expected))
  }

  @Test func theTemplateExamplesEvaluate() throws {
    let variables: [String: ExpressionValue] = [
      "z": 1, "inside_mM": 140, "outside_mM": 4, "temperature_C": 37, "Vm_mV": -70,
    ]
    let e = try #require(evaluate("nernst(z, inside_mM, outside_mM, temperature_C)", variables)?.number)
    var all = variables
    all["E"] = .number(e)
    #expect(evaluate("flux_direction(z, Vm_mV, E)", all) == .string("efflux"))
    let mistake = try #require(evaluate("RT_F(temperature_C) * log10(outside_mM / inside_mM) / z", all)?.number)
    #expect(isClose(mistake, 26.726659112543267 * log10(4.0 / 140), relative: 1e-12))
    #expect(evaluate("abs(Vm_mV - E) > 5", all) == .bool(true))
    #expect(evaluate("if(z > 0, inside_mM > outside_mM, true)", all) == .bool(true))
  }

  @Test func kelvinNernstAcceptsSmallTemperatures() throws {
    // The "°C used as kelvin" mistake feeds 37 K or even 0.5 K; it must give a (huge) number, not throw.
    #expect(evaluate("nernst_kelvin(1, 140, 4, 0.5)")?.number != nil)
  }

  @Test func wholeNumberValencesMayBeWrittenAsDecimals() {
    #expect(evaluate("nernst(z, 140, 4, 37)", ["z": 1.0]) == evaluate("nernst(1, 140, 4, 37)"))
  }
}
