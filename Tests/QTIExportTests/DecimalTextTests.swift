import Foundation
import TemplateEngine
import Testing
@testable import QTIExport

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

  // MARK: Intervals

  @Test func negativeKeyHasSortedBounds() {
    let interval = WrittenInterval(key: -95.02, tolerance: Tolerance(relative: 0.02, absolute: 0.5))
    #expect(interval.lower == "-97.4204")
    #expect(interval.upper == "-92.6196")
    #expect(interval.halfWidth == "2.4004")
    #expect(interval.widened == false)
    #expect(interval.range.lowerBound <= interval.range.upperBound)
  }

  @Test func relativeToleranceIsComputedInDecimal() {
    let interval = WrittenInterval(key: 7.854, tolerance: Tolerance(relative: 0.02))
    #expect(interval.halfWidth == "0.15708")
    #expect(interval.lower == "7.69692")
    #expect(interval.upper == "8.01108")
  }

  @Test func longBoundsAreRoundedOutwardAndReported() {
    let key = 7.853981633974483
    let tolerance = Tolerance(relative: 0.02)
    let interval = WrittenInterval(key: key, tolerance: tolerance)
    #expect(interval.widened)
    #expect(interval.lower.count < 12)
    #expect(interval.range.lowerBound <= tolerance.interval(around: key).lowerBound)
    #expect(interval.range.upperBound >= tolerance.interval(around: key).upperBound)
    #expect(Double(interval.halfWidth)! >= tolerance.halfWidth(around: key))
  }

  @Test func writtenIntervalNeverRejectsWhatTheKeyAccepts() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    for _ in 0..<2000 {
      let magnitude = pow(10, next() * 16 - 8)
      let key = (next() < 0.5 ? -1 : 1) * magnitude
      let tolerance = Tolerance(relative: [0, 0.01, 0.02, 0.05][Int(next() * 4)], absolute: next() < 0.5 ? 0 : magnitude * next())
      let model = tolerance.interval(around: key)
      let written = WrittenInterval(key: key, tolerance: tolerance)
      let noise = WrittenInterval.noise(key, tolerance.halfWidth(around: key))
      #expect(written.range.lowerBound <= model.lowerBound + noise, "key \(key), \(tolerance)")
      #expect(written.range.upperBound >= model.upperBound - noise, "key \(key), \(tolerance)")
      #expect(abs(Double(written.key)! - key) <= abs(key) * 1e-14)
      #expect(!written.lower.contains("e") && !written.upper.contains("e") && !written.halfWidth.contains("e"))
      let slack = tolerance.halfWidth(around: key) * 1.000002
      #expect(written.range.lowerBound >= key - slack - abs(key) * 1e-13, "key \(key), \(tolerance)")
    }
  }
}
