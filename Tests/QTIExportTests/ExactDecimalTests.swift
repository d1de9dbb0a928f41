import Foundation
import TemplateEngine
import Testing
@testable import QTIExport

struct ExactDecimalTests {
  /// Keys of every magnitude and length: short template answers, long computed values, negatives.
  static let keys: [Double] = {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    var keys: [Double] = [0, 1, -1, 7.854, -95.0189, 0.0000105, 1.05e-13, 123_456_789, -41.2661856131261, 0.1 + 0.2]
    for _ in 0..<3000 {
      let mantissa = Double(next() % 1_000_000_000_000_000) / 1e15  // up to 15-16 digits
      let exponent = Int(next() % 25) - 12
      var key = mantissa * pow(10, Double(exponent))
      if next() % 3 == 0 { key = (key * 1e4).rounded() / 1e4 }   // a short key
      keys.append(next() % 2 == 0 ? -key : key)
    }
    return keys
  }()

  static let tolerances: [Tolerance] = [
    Tolerance(relative: 0.02, absolute: 0), Tolerance(relative: 0.05, absolute: 0.5), Tolerance(relative: 0, absolute: 0.01),
    Tolerance(relative: 0.001, absolute: 1e-9), Tolerance(relative: 0.1234567, absolute: 0), Tolerance(relative: 0, absolute: 0),
    Tolerance(relative: 0.03, absolute: 2.5e-3),
  ]

  @Test func exactArithmeticWritesWhatDecimalArithmeticWrites() {
    for tolerance in Self.tolerances {
      for key in Self.keys {
        let written = WrittenInterval(key: key, tolerance: tolerance)
        let reference = WrittenInterval(decimalKey: key, tolerance: tolerance)
        #expect(written == reference, "key \(key), tolerance \(tolerance)")
        #expect(WrittenInterval.halfWidth(key: key, tolerance: tolerance) == reference.halfWidth)
      }
    }
  }

  @Test func exactTakesTheShortcutOnlyWhereItWritesTheSame() {
    for key in Self.keys + Self.keys.map({ $0 * 1e3 }) + [100, -0.0, 1e15, 123_456_789_012_345, 1_234_567_890_123_456, 0.0001] {
      #expect(DecimalText.exact(key) == DecimalText.exactByDigits(key), "\(key)")
    }
  }

  @Test func sumsProductsAndComparisonsAreExact() {
    let a = ExactDecimal(DecimalDigits(parsing: "7.854")!)!
    let b = ExactDecimal(DecimalDigits(parsing: "0.02")!)!
    let product = a * b, zero = a - a, difference = b - a
    #expect(product?.digits.text == "0.15708")
    #expect(zero?.isZero == true)
    #expect(difference?.digits.text == "-7.834")
    #expect(ExactDecimal.magnitude(b, atMost: a) == true)
    let huge = ExactDecimal(negative: false, mantissa: ExactDecimal.powers[37] - 1, exponent: 0)
    let tooBig = huge * huge
    #expect(tooBig == nil)
  }
}
