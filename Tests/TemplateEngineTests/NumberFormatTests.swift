import Foundation
import PropertyBased
import QuizModel
import TemplateEngine
import Testing

@Suite struct NumberFormatTests {
  @Test(arguments: [
    (-95.0189, NumberFormat.significantFigures(4), "−95.02"),
    (-95.0189, .significantFigures(3), "−95.0"),
    (4.9087e7, .significantFigures(3), "4.91 × 10⁷"),
    (0.000123, .significantFigures(3), "1.23 × 10⁻⁴"),
    (0.001, .significantFigures(2), "0.0010"),
    (-70, .decimals(1), "−70.0"),
    (111.7, .significantFigures(2), "110"),
    (119, .significantFigures(2), "120"),
    (95_499, .significantFigures(2), "95000"),
    (9.9996, .significantFigures(4), "10.00"),
    (0.99996, .significantFigures(3), "1.00"),
    (-0.0004, .decimals(2), "0.00"),
    (0, .significantFigures(3), "0.00"),
    (0.125, .decimals(2), "0.12"),  // exactly a tie in binary: to even, as printf
    (2.5, .decimals(0), "2"),
    (3.5, .decimals(0), "4"),
    (0.145, .decimals(2), "0.14"),  // 0.145 is 0.14499999… in binary
    (1234.5678, .decimals(2), "1234.57"),
  ])
  func formatsForPeople(x: Double, format: NumberFormat, expected: String) {
    #expect(format.string(x) == expected)
  }

  @Test(arguments: [
    (111.7, NumberFormat.significantFigures(2), 110.0),
    (-0.0123456, .significantFigures(3), -0.0123),
    (9.9996, .significantFigures(4), 10.0),
    (-70.04, .decimals(1), -70.0),
    (4.9087e7, .significantFigures(3), 4.91e7),
  ])
  func roundedValueIsWhatIsShown(x: Double, format: NumberFormat, expected: Double) {
    #expect(format.rounded(x) == expected)
  }

  @Test func plainTextIsASCIIForMachines() {
    #expect(NumberFormat.significantFigures(3).plain(-0.000123) == "-1.23e-4")
    #expect(NumberFormat.significantFigures(4).plain(-95.0189) == "-95.02")
  }

  @Test(arguments: [
    (140.0, "140"), (0.0001, "0.0001"), (-70, "−70"), (0.05, "0.05"), (1e-7, "1 × 10⁻⁷"), (2.5e20, "2.5 × 10²⁰"),
  ])
  func exactShowsTheShortestDecimal(x: Double, expected: String) {
    #expect(NumberFormat.exact(x) == expected)
  }

  /// The fast fixed-point path must agree with printf for every value it handles.
  @Test func decimalsAgreeWithPrintf() async {
    await propertyCheck(count: 2000, input: Gen.double(in: -1e6...1e6), Gen.int(in: 0...6)) { x, digits in
      var expected = String(format: "%.\(digits)f", x)
      if expected.hasPrefix("-"), expected.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { expected.removeFirst() }
      #expect(NumberFormat.decimals(digits).plain(x) == expected)
      #expect(NumberFormat.decimals(digits).rounded(x) == Double(expected))
    }
  }

  @Test func significantFiguresKeepTheirCountAfterRounding() async {
    await propertyCheck(count: 2000, input: Gen.double(in: 1e-3...1e6), Gen.int(in: 1...6)) { x, n in
      let text = NumberFormat.significantFigures(n).plain(x)
      guard !text.contains("e") else { return }
      let digits = text.filter(\.isNumber).drop { $0 == "0" }
      // Trailing zeros of a whole number rounded to tens count as placeholders, not figures.
      #expect(digits.count == n || (!text.contains(".") && digits.count >= n), "\(x) to \(n) s.f. gave \(text)")
      #expect(
        abs(NumberFormat.significantFigures(n).rounded(x) - x) <= 0.5 * pow(10, floor(log10(x)) - Double(n) + 1)
          * (1 + 1e-12))
    }
  }
}
