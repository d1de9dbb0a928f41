import Foundation
import PropertyBased
import Testing

@testable import QuizModel

/// Random keys of every sign and magnitude with the tolerances templates and banks use.
enum RandomKeys {
  static let tolerances: [Tolerance] = [
    Tolerance(relative: 0.02, absolute: 0.5), Tolerance(relative: 0.02), Tolerance(relative: 0.05, absolute: 0.5),
    Tolerance(absolute: 0.01), Tolerance(relative: 0.001, absolute: 1e-9), Tolerance(relative: 0.1234567),
    Tolerance(relative: 0.03, absolute: 2.5e-3), Tolerance(relative: 0.01, absolute: 3),
  ]

  /// A key from a mantissa of up to 16 digits and a power of ten from 10⁻¹² to 10¹², either sign.
  static func key(_ mantissa: UInt64, _ exponent: Int, negative: Bool, short: Bool) -> Double {
    var key = Double(mantissa % 10_000_000_000_000_000) / 1e16 * pow(10, Double(exponent))
    if short { key = (key * 1e4).rounded() / 1e4 }
    return negative ? -key : key
  }
}

struct AcceptedIntervalTests {
  @Test func negativeKeyHasSortedSymmetricBounds() {
    let interval = AcceptedInterval(key: -95.02, tolerance: Tolerance(relative: 0.02, absolute: 0.5))
    #expect(interval.keyText == "-95.02")
    #expect(interval.halfWidthText == "2.4004")
    #expect(interval.lowerText == "-97.4204")
    #expect(interval.upperText == "-92.6196")
    #expect(interval.roundedUp == false)
    #expect(interval.lower <= interval.upper)
  }

  @Test func relativeToleranceIsComputedInDecimal() {
    let interval = AcceptedInterval(key: 7.854, tolerance: Tolerance(relative: 0.02))
    #expect(interval.halfWidthText == "0.15708")
    #expect(interval.lowerText == "7.69692")
    #expect(interval.upperText == "8.01108")
  }

  @Test func longHalfWidthIsRoundedUpByAtMostAMillionthAndTheBoundsStayExact() {
    let interval = AcceptedInterval(key: -95.0189345534543, tolerance: Tolerance(relative: 0.02, absolute: 0.5))
    // t = 2.400378691069086 exactly, rounded up to 2.40038 (moved by 1.3e-6 ≤ 2.4e-6).
    #expect(interval.halfWidthText == "2.40038")
    #expect(interval.roundedUp)
    #expect(interval.lowerText == "-97.4193145534543")
    #expect(interval.upperText == "-92.6185545534543")
  }

  @Test func zeroToleranceAcceptsTheKeyAlone() {
    let interval = AcceptedInterval(key: 3, tolerance: Tolerance())
    #expect(interval.halfWidthText == "0")
    #expect(interval.contains(3))
    #expect(!interval.contains(3.000000001))
  }

  @Test func keysOutsideTheRepresentableRangeHoldNothing() {
    for key in [Double.nan, .infinity, 1e80, -1e-80] {
      let interval = AcceptedInterval(key: key, tolerance: Tolerance(relative: 0.02))
      #expect(!interval.contains(key))
      #expect(interval.keyText == "nan")
    }
  }

  @Test func readingBackTheWrittenTextsGivesTheSameInterval() {
    let interval = AcceptedInterval(key: -61.634344323004925, tolerance: Tolerance(relative: 0.02, absolute: 0.5))
    let read = AcceptedInterval(keyText: interval.keyText, halfWidthText: interval.halfWidthText)
    #expect(read?.lowerText == interval.lowerText)
    #expect(read?.upperText == interval.upperText)
    #expect(AcceptedInterval(keyText: "1e", halfWidthText: "1") == nil)
    #expect(AcceptedInterval(keyText: "1", halfWidthText: "-1") == nil)
    #expect(AcceptedInterval(keyText: "0x10", halfWidthText: "1") == nil)
  }

  @Test func theIntervalAcceptsKeyPlusOrMinusTAndRefusesOneLastDigitMore() async {
    await propertyCheck(count: 400, input: Gen.uint64(), Gen.int(in: -12...12), Gen.bool, Gen.bool, Gen.int(in: 0...7))
    {
      mantissa, exponent, negative, short, t in
      let key = RandomKeys.key(mantissa, exponent, negative: negative, short: short)
      let interval = AcceptedInterval(key: key, tolerance: RandomKeys.tolerances[t])
      let lo = interval.exactBounds.lowerBound
      let hi = interval.exactBounds.upperBound
      let unit = interval.lastDigitUnit
      #expect(interval.contains(exactly: lo) && interval.contains(exactly: hi), "\(key)")
      #expect(interval.contains(Double(interval.keyText)!), "\(key)")
      if unit > 0 {
        #expect(
          !interval.contains(exactly: lo - unit) && !interval.contains(exactly: hi + unit),
          "\(key) ± \(interval.halfWidthText)")
      }
      // Symmetric by construction: hi − key = key − lo = t.
      let k = Decimal(string: interval.keyText)!
      let half = Decimal(string: interval.halfWidthText)!
      #expect(hi - k == half && k - lo == half)
      // t is never below relative·|key| + absolute, and at most a millionth above it.
      let tolerance = RandomKeys.tolerances[t]
      let exact = DecimalText.decimal(tolerance.relative) * (k < 0 ? -k : k) + DecimalText.decimal(tolerance.absolute)
      #expect(half >= exact && half - exact <= exact * AcceptedInterval.halfWidthSlack, "\(key)")
      #expect(DecimalDigits(parsing: interval.halfWidthText)!.digits.count <= AcceptedInterval.halfWidthDigits)
      #expect(!interval.lowerText.contains("e") && !interval.upperText.contains("e"))
    }
  }
}

extension AcceptedIntervalTests {
  @Test func the128BitPathWritesWhatDecimalArithmeticWrites() async {
    await propertyCheck(count: 500, input: Gen.uint64(), Gen.int(in: -12...12), Gen.bool, Gen.bool, Gen.int(in: 0...7))
    {
      mantissa, exponent, negative, short, t in
      let key = RandomKeys.key(mantissa, exponent, negative: negative, short: short)
      let keyText = DecimalText.exact(key)
      let fast = AcceptedInterval.halfWidthIn128Bits(keyText: keyText, tolerance: RandomKeys.tolerances[t])
      let reference = AcceptedInterval.halfWidthInDecimal(keyText: keyText, tolerance: RandomKeys.tolerances[t])
      #expect(fast != nil, "keys of 15 digits and tolerances of 7 fit 128 bits: \(key)")
      #expect(fast == nil || fast! == reference, "\(key)")
    }
  }
}

struct PointsTests {
  @Test func splitGivesTheExtraHundredthsToTheFirstParts() {
    #expect(Points.split(2, into: 3).map(\.description) == ["0.67", "0.67", "0.66"])
    #expect(Points.split(3, into: 2).map(\.description) == ["1.5", "1.5"])
    #expect(Points.split(1, into: 7).map(\.hundredths) == [15, 15, 14, 14, 14, 14, 14])
    #expect(Points.split(0.01, into: 3).map(\.hundredths) == [1, 0, 0])
  }

  @Test func splitsAddUpExactly() async {
    await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000), Gen.int(in: 1...70)) { hundredths, parts in
      let split = Points.split(Points(hundredths: hundredths), into: parts)
      #expect(split.reduce(Points.zero, +) == Points(hundredths: hundredths))
      #expect(split.max()!.hundredths - split.min()!.hundredths <= 1)
    }
  }

  @Test func partialCreditRoundsHalfUpToTheHundredth() {
    #expect(Points(hundredths: 67).scaled(by: 0.5).hundredths == 34)
    #expect(Points(hundredths: 5).scaled(by: 0.7).hundredths == 4)  // 3.5 hundredths, not 3.4999…
    #expect(Points(hundredths: 150).scaled(by: 0.25).hundredths == 38)
    #expect(Points(hundredths: 150).scaled(by: 0).hundredths == 0)
    #expect(Points(hundredths: 150).scaled(by: 1).hundredths == 150)
  }

  @Test func onlyWholeHundredthsInRangeArePoints() {
    #expect(Points(exactly: 2.5)?.hundredths == 250)
    #expect(Points(exactly: 0.1 + 0.2)?.hundredths == 30)
    #expect(Points(exactly: 0.125) == nil)
    #expect(Points(exactly: 1e308) == nil)
    #expect(Points(exactly: -1) == nil)
    #expect(Points(exactly: .nan) == nil)
  }

  @Test func textHasNoTrailingZerosAndGradebooksGetTwoDecimals() {
    #expect(Points(hundredths: 200).description == "2")
    #expect(Points(hundredths: 205).description == "2.05")
    #expect(Points(hundredths: 250).description == "2.5")
    #expect(Points(hundredths: 250).twoDecimals == "2.50")
    #expect(Points(hundredths: 7).twoDecimals == "0.07")
  }
}
