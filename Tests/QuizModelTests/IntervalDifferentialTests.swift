import Foundation
import PropertyBased
import TestSupport
import Testing

@testable import QuizModel

/// The interval and the exact decimal of a double, worked out in integers, against the text-based algorithm
/// they replaced (``LegacyInterval``): the same texts, doubles and rounding flag, to the bit.
struct IntervalDifferentialTests {
  /// A double of every kind: any bit pattern, a mantissa of up to 17 digits times a power of ten, a short
  /// decimal, an integer, or a binary tie at the 16th digit (`1234567890123.125`), either sign.
  static func double(_ seed: UInt64, kind: Int, exponent: Int) -> Double {
    var generator = SplitMix(seed)
    let bits = generator.next()
    let sign: Double = bits & 1 == 0 ? 1 : -1
    switch kind {
    case 0:
      let x = Double(bitPattern: bits)
      return x.isFinite ? x : 1.5
    case 1: return sign * Double(bits % 100_000_000_000_000_000) * pow(10, Double(exponent))
    case 2: return sign * Double(bits % 100_000) / 1e4 * pow(10, Double(exponent % 8))
    case 3: return sign * Double(bits % 1_000_000_000_000_000)
    default: return sign * (Double(bits % 10_000_000_000_000) + Double(bits % 8) / 8)
    }
  }

  @Test func exactWritesWhatShortestDigitsAndPrintfWrote() async {
    await propertyCheck(count: 20_000, input: Gen.uint64(), Gen.int(in: 0...4), Gen.int(in: -70...60)) {
      seed, kind, exponent in
      let x = IntervalDifferentialTests.double(seed, kind: kind, exponent: exponent)
      #expect(DecimalText.exact(x) == LegacyInterval.exact(x), "\(x)")
    }
  }

  @Test func exactAgreesOnEdgeDoubles() {
    let edges: [Double] = [
      0, -0.0, 1, -1, 10, 1e15, 1e16, 1e22, 1e23, 9_007_199_254_740_992, 9_007_199_254_740_994, 1e38, 3.4e38, 1e60,
      1e-60, .leastNormalMagnitude, .leastNormalMagnitude.nextDown, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
      .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1234567890123.125, 1234567890123.375, 999999999999999.5,
      0.1 + 0.2, 1.05e-13, 9.999999999999995, 9.9999999999999995, 0.30000000000000004, 1e-5, 1e-7, 123_456_789_012_345,
    ]
    for x in edges {
      #expect(DecimalText.exact(x) == LegacyInterval.exact(x), "\(x)")
      #expect(ExactDecimal(x) == ExactDecimal(text: LegacyInterval.exact(x)), "\(x)")
    }
  }

  @Test func nearestDoubleIsWhatReadingTheTextGives() async {
    await propertyCheck(count: 5000, input: Gen.uint64(), Gen.int(in: -30...30), Gen.bool) { m, exponent, negative in
      let value = ExactDecimal(negative: negative, mantissa: UInt128(m >> (m & 63)), exponent: exponent)
      if let fast = value.nearestDouble {
        #expect(fast.bitPattern == Double(value.text)!.bitPattern, "\(value.text)")
      }
    }
  }

  /// A tolerance of the kinds banks write and beyond: zero, tiny, huge, many digits, negative.
  static func tolerance(_ seed: UInt64) -> Tolerance {
    var generator = SplitMix(seed)
    func part() -> Double {
      let bits = generator.next()
      switch bits % 6 {
      case 0: return 0
      case 1: return [0.02, 0.05, 0.5, 0.01, 1e-9, 0.1234567, 2.5e-3, 3][Int(bits / 6 % 8)]
      case 2: return Double(bits % 1_000_000_000_000_000_000) / 1e18
      case 3: return Double(bits % 1000) * pow(10, Double(Int(bits / 1000 % 121) - 60))
      case 4: return Double(bits % 100) / 1000
      default: return Double(bits % 100_000) * pow(10, Double(Int(bits / 100_000 % 31) - 15))
      }
    }
    return Tolerance(relative: part(), absolute: part())
  }

  @Test func intervalsAreWhatTheTextAlgorithmGave() async {
    await propertyCheck(
      count: 20_000, input: Gen.uint64(), Gen.int(in: 0...4), Gen.int(in: -70...60), Gen.uint64(), Gen.uint64()
    ) { seed, kind, exponent, toleranceSeed, centerSeed in
      let key = IntervalDifferentialTests.double(seed, kind: kind, exponent: exponent)
      let tolerance = IntervalDifferentialTests.tolerance(toleranceSeed)
      let interval = AcceptedInterval(key: key, tolerance: tolerance)
      #expect(LegacyInterval(interval) == LegacyInterval(key: key, tolerance: tolerance), "\(key) \(tolerance)")
      // A misconception's value near the key, with the key's half-width.
      let center = key * (1 + Double(centerSeed % 2001) / 1000 - 1)
      #expect(
        LegacyInterval(AcceptedInterval(center: center, halfWidthOf: interval))
          == LegacyInterval(center: center, halfWidthOf: interval), "\(center) \(interval.halfWidthText)")
    }
  }
}
