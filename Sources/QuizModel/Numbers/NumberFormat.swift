#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#else
  import Darwin
#endif

/// How a number is shown to a person: to a number of significant figures or of decimals, with a real
/// minus sign (U+2212) and a readable power of ten for very large or small magnitudes.
///
/// ```swift
/// NumberFormat.significantFigures(4).string(-95.0189)     // "−95.02"
/// NumberFormat.significantFigures(3).string(4.9087e7)     // "4.91 × 10⁷"
/// NumberFormat.decimals(1).string(-70)                    // "−70.0"
/// NumberFormat.significantFigures(3).plain(-0.000123)     // "-0.000123"  (ASCII, for machines)
/// ```
///
/// Every form is written byte by byte into a buffer (``append(_:to:)``), without Foundation's formatter:
/// texts that render many numbers append them to one buffer.
public enum NumberFormat: Hashable, Sendable {
  /// Round to this many significant figures (≥ 1).
  case significantFigures(Int)
  /// Round to this many digits after the decimal point (≥ 0).
  case decimals(Int)

  /// The rounded value, as a `Double`: what the reader sees, and so what answers must be computed from.
  public func rounded(_ x: Double) -> Double {
    guard x.isFinite else { return x }
    if let whole = roundedToTensOrMore(x) { return whole }
    let digits = fractionDigits(forMagnitudeOf: x)
    if let (scaled, scale) = NumberFormat.roundedScaled(x, digits: digits) { return scaled / scale + 0 }
    var bytes: [UInt8] = []
    appendPlain(x, scientificAllowed: false, to: &bytes)
    return Double(String(decoding: bytes, as: UTF8.self)) ?? x
  }

  /// The number for people: U+2212 minus, and, to significant figures, `a × 10ⁿ` when |x| ≥ 10⁶ or
  /// 0 < |x| < 10⁻³ (a fixed number of decimals is always written out).
  public func string(_ x: Double) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(24)
    append(x, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends ``string(_:)`` of `x`, as UTF-8, to `bytes`.
  public func append(_ x: Double, to bytes: inout [UInt8]) {
    let start = bytes.count
    appendPlain(x, scientificAllowed: true, to: &bytes)
    NumberFormat.prettify(&bytes, from: start)
  }

  /// The number for machines: ASCII `-`, and `e` notation when |x| ≥ 10⁶ or 0 < |x| < 10⁻³.
  public func plain(_ x: Double) -> String { plain(x, scientificAllowed: true) }

  package func plain(_ x: Double, scientificAllowed: Bool) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(24)
    appendPlain(x, scientificAllowed: scientificAllowed, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends ``plain(_:)`` of `x` (or, without `scientificAllowed`, always positional) to `bytes`.
  package func appendPlain(_ x: Double, scientificAllowed: Bool, to bytes: inout [UInt8]) {
    guard x.isFinite else {
      bytes.append(contentsOf: x.isNaN ? Array("NaN".utf8) : (x > 0 ? Array("inf".utf8) : Array("-inf".utf8)))
      return
    }
    if x == 0 { return NumberFormat.appendFixed(0, digits: fractionDigits(forMagnitudeOf: 0), to: &bytes) }
    let magnitude = abs(x)
    if scientificAllowed, case .significantFigures(let n) = self, magnitude >= 1e6 || magnitude < 1e-3 {
      return NumberFormat.appendScientific(x, digits: max(n, 1) - 1, to: &bytes)
    }
    if let whole = roundedToTensOrMore(x) { return NumberFormat.appendFixed(whole, digits: 0, to: &bytes) }
    NumberFormat.appendFixed(x, digits: fractionDigits(forMagnitudeOf: x), to: &bytes)
  }

  /// For significant figures coarser than units (111.7 to 2 s.f.), `x` rounded to tens, hundreds, …
  /// (112 → 110, 119 → 120); `nil` when the precision reaches the units or below.
  private func roundedToTensOrMore(_ x: Double) -> Double? {
    guard case .significantFigures(let n) = self, x != 0, x.isFinite else { return nil }
    let exponent = NumberFormat.decimalExponent(of: x)
    let dropped = exponent - (max(n, 1) - 1)
    guard dropped > 0 else { return nil }
    let scale = NumberFormat.powerOfTen(dropped)
    return (x / scale).rounded(.toNearestOrAwayFromZero) * scale
  }

  private func fractionDigits(forMagnitudeOf x: Double) -> Int {
    switch self {
    case .decimals(let d): return max(d, 0)
    case .significantFigures(let n):
      guard x != 0 else { return max(n - 1, 0) }
      var exponent = NumberFormat.decimalExponent(of: x)
      // Rounding may carry into the next power of ten (9.9996 → 10.00): measure after rounding.
      let digits = max(n - 1 - exponent, 0)
      let r: Double
      if let (scaled, scale) = NumberFormat.roundedScaled(x, digits: digits) {
        r = scaled / scale
      } else {
        var bytes: [UInt8] = []
        NumberFormat.appendPrintf(x, digits: digits, conversion: UInt8(ascii: "f"), to: &bytes)
        r = Double(String(decoding: bytes, as: UTF8.self)) ?? x
      }
      if r != 0, abs(r) >= NumberFormat.powerOfTen(exponent + 1) { exponent += 1 }
      return max(n - 1 - exponent, 0)
    }
  }

  /// ⌊log₁₀ |x|⌋ for finite nonzero `x`, exact at powers of ten (where `log10` may be off by one ulp).
  private static func decimalExponent(of x: Double) -> Int {
    var exponent = Int(floor(log10(abs(x))))
    if powerOfTen(exponent) > abs(x) { exponent -= 1 }
    if powerOfTen(exponent + 1) <= abs(x) { exponent += 1 }
    return exponent
  }

  // MARK: - Powers of ten

  private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

  package static func powerOfTen(_ exponent: Int) -> Double {
    (0...22).contains(exponent) ? powersOfTen[exponent] : pow(10, Double(exponent))
  }

  /// `x·10^digits` rounded to a whole number, when that equals rounding the exact binary value (as `printf`
  /// does): that is, unless the scaled value lies within rounding error of a tie. `nil` then, or when the
  /// scaled value is too large to hold a fraction.
  package static func roundedScaled(_ x: Double, digits: Int) -> (Double, Double)? {
    guard digits >= 0, digits <= 22 else { return nil }
    let scale = powersOfTen[digits]
    let scaled = x * scale
    guard abs(scaled) < 0x1p52 else { return nil }
    let fraction = abs(scaled - scaled.rounded(.towardZero))
    guard abs(fraction - 0.5) > max(1e-9, abs(scaled) * 1e-15) else { return nil }
    return (scaled.rounded(.toNearestOrAwayFromZero), scale)
  }

  /// The shortest decimal that reads back as exactly `x`, for people (U+2212 minus, no exponent between
  /// 10⁻⁶ and 10¹⁵): `140`, `0.0001`, `−70`, `0.05`.
  public static func exact(_ x: Double) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(24)
    appendExact(x, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Superscript digits and sign: `-5` → `⁻⁵`.
  public static func superscript(_ text: String) -> String {
    var bytes: [UInt8] = []
    for character in text {
      let scalars = character.unicodeScalars
      if scalars.count == 1, let scalar = scalars.first, scalar.isASCII,
        let replacement = superscriptBytes(UInt8(scalar.value))
      {
        bytes.append(contentsOf: replacement)
      } else {
        bytes.append(contentsOf: character.utf8)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
