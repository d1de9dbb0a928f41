import PropertyBased
import QuizModel
import Testing

/// The byte-buffer number formatting gives exactly what the Foundation-based formatting it replaced gave
/// (``LegacyNumberFormat``, the oracle): every string, plain string, rounded value and exact decimal.
@Suite struct NumberFormatDifferentialTests {
  /// A double of any magnitude a template can produce, with some values near ties and powers of ten.
  static func value(bits: UInt64, exponent: Int, shape: Int) -> Double {
    let mantissa = Double(bits >> 11) / Double(1 << 53)  // [0, 1)
    let sign: Double = bits & 1 == 0 ? 1 : -1
    let scale = NumberFormat.powerOfTen(exponent)
    switch shape {
    case 0: return sign * (1 + 9 * mantissa) * scale  // any mantissa
    case 1: return sign * (Double(bits % 100_000) + 0.5) / 1000 * scale  // ties at some digit
    case 2: return sign * (Double(bits % 1000) / 100).nextUp * scale  // short decimals, one ulp off
    case 3: return sign * (1 - mantissa * 1e-6) * scale  // just below a power of ten
    case 4: return sign * Double(bits % 1_000_000)  // whole numbers
    default: return sign * Double(bits % 100_000) / 1000  // three decimals
    }
  }

  static func formats(_ n: Int) -> (NumberFormat, LegacyNumberFormat) {
    n < 16 ? (.significantFigures(n), .significantFigures(n)) : (.decimals(n - 16), .decimals(n - 16))
  }

  @Test func stringsPlainStringsAndRoundedValuesAreThoseOfTheOldFormatting() async {
    await propertyCheck(
      count: 20_000, input: Gen.uint64(), Gen.int(in: -30...30), Gen.int(in: 0...5), Gen.int(in: 1...31)
    ) {
      bits, exponent, shape, formatNumber in
      let x = Self.value(bits: bits, exponent: exponent, shape: shape)
      let (format, oracle) = Self.formats(formatNumber)
      #expect(format.string(x) == oracle.string(x), "string of \(x) with \(format)")
      #expect(format.plain(x) == oracle.plain(x), "plain of \(x) with \(format)")
      #expect(
        format.plain(x, scientificAllowed: false) == oracle.plain(x, scientificAllowed: false),
        "positional \(x), \(format)")
      #expect(format.rounded(x).bitPattern == oracle.rounded(x).bitPattern, "rounded \(x) with \(format)")
    }
  }

  @Test func exactDecimalsAreThoseOfTheOldFormatting() async {
    await propertyCheck(count: 20_000, input: Gen.uint64(), Gen.int(in: -30...30), Gen.int(in: 0...5)) {
      bits, exponent, shape in
      let x = Self.value(bits: bits, exponent: exponent, shape: shape)
      #expect(NumberFormat.exact(x) == LegacyNumberFormat.exact(x), "exact of \(x)")
    }
  }

  @Test(arguments: [
    0.0, -0.0, .infinity, -.infinity, .nan, 1e-300, -Double.leastNonzeroMagnitude, .greatestFiniteMagnitude, -1e15,
    1e15, 999_999.5,
    9.9996, 0.99996, 0.0009995, -0.0004, 1e-6, 1.5e-7, 0.125, 2.5, 1e21, 123_456_789_012_345.6,
  ])
  func edgeValuesAgreeInEveryFormat(x: Double) {
    #expect(NumberFormat.exact(x) == LegacyNumberFormat.exact(x))
    for n in 1...31 {
      let (format, oracle) = Self.formats(n)
      #expect(format.string(x) == oracle.string(x), "string of \(x) with \(format)")
      #expect(format.plain(x, scientificAllowed: false) == oracle.plain(x, scientificAllowed: false), "\(x), \(format)")
      #expect(format.rounded(x).bitPattern == oracle.rounded(x).bitPattern || (x.isNaN && format.rounded(x).isNaN))
    }
  }

  @Test func superscriptsAreThoseOfTheOldFormatting() {
    for text in ["-5", "+12", "0123456789", "e-7", "x²", "10⁻³"] {
      #expect(NumberFormat.superscript(text) == LegacyNumberFormat.superscript(text))
    }
  }
}
