import Foundation
import Testing

@testable import QuizModel

struct DecimalTextTests {
  // MARK: Exact

  @Test(arguments: [
    (-95.02, "-95.02"), (1.05e-13, "0.000000000000105"), (7.854e-12, "0.000000000007854"), (7.854, "7.854"),
    (0, "0"), (-0.0, "0"), (1e20, "100000000000000000000"), (120_000, "120000"), (0.1, "0.1"), (-25.02, "-25.02"),
  ])
  func exactIsShortPositionalAndRoundTrips(value: Double, expected: String) {
    #expect(DecimalText.exact(value) == expected)
    #expect(Double(DecimalText.exact(value)) == value)
  }

  @Test func exactNeverUsesExponentOrBinaryArtefacts() {
    let text = DecimalText.exact(1.05 * 1e-13)  // the double 1.0500000000000001e-13
    #expect(text == "0.000000000000105")
    #expect(!text.contains("e"))
  }

  @Test func exactByDigitsAgreesWithTheShortcut() {
    for key in [
      100, -0.0, 1e15, 123_456_789_012_345, 1_234_567_890_123_456, 0.0001, 0.1 + 0.2, -41.2661856131261,
      7.853981633974483,
    ] {
      #expect(DecimalText.exact(key) == DecimalText.exactByDigits(key), "\(key)")
    }
  }
}
