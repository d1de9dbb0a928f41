import Foundation

/// The number formatting of NumberFormat as it was before it wrote into byte buffers (Foundation's
/// `String(format:)` and `replacingOccurrences` per value), kept here only as the oracle of the differential
/// tests: the new formatting must give exactly these strings and values.
enum LegacyNumberFormat {
  /// Round to this many significant figures (≥ 1).
  case significantFigures(Int)
  /// Round to this many digits after the decimal point (≥ 0).
  case decimals(Int)

  /// The rounded value, as a `Double`: what the reader sees, and so what answers must be computed from.
  func rounded(_ x: Double) -> Double {
    guard x.isFinite else { return x }
    if let whole = roundedToTensOrMore(x) { return whole }
    let digits = fractionDigits(forMagnitudeOf: x)
    if let (scaled, scale) = LegacyNumberFormat.roundedScaled(x, digits: digits) { return scaled / scale + 0 }
    return Double(plain(x, scientificAllowed: false)) ?? x
  }

  /// The number for people: U+2212 minus, and, to significant figures, `a × 10ⁿ` when |x| ≥ 10⁶ or
  /// 0 < |x| < 10⁻³ (a fixed number of decimals is always written out).
  func string(_ x: Double) -> String {
    let text = plain(x, scientificAllowed: true)
    return LegacyNumberFormat.prettify(text)
  }

  /// The number for machines: ASCII `-`, and `e` notation when |x| ≥ 10⁶ or 0 < |x| < 10⁻³.
  func plain(_ x: Double) -> String { plain(x, scientificAllowed: true) }

  func plain(_ x: Double, scientificAllowed: Bool) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
    if x == 0 { return decimalsString(0, digits: fractionDigits(forMagnitudeOf: 0)) }
    let magnitude = abs(x)
    if scientificAllowed, case .significantFigures(let n) = self, magnitude >= 1e6 || magnitude < 1e-3 {
      let digits = max(n, 1) - 1
      var text = String(format: "%.\(digits)e", x)
      // "4.909e+07" → "4.909e7", "1.20e-05" → "1.20e-5"
      if let e = text.firstIndex(of: "e") {
        let mantissa = text[..<e]
        var exponent = String(text[text.index(after: e)...])
        let negative = exponent.hasPrefix("-")
        exponent = String(exponent.drop { $0 == "+" || $0 == "-" }.drop { $0 == "0" })
        text = mantissa + "e" + (negative ? "-" : "") + (exponent.isEmpty ? "0" : exponent)
      }
      return text
    }
    if let whole = roundedToTensOrMore(x) { return decimalsString(whole, digits: 0) }
    return decimalsString(x, digits: fractionDigits(forMagnitudeOf: x))
  }

  /// For significant figures coarser than units (111.7 to 2 s.f.), `x` rounded to tens, hundreds, …
  /// (112 → 110, 119 → 120); `nil` when the precision reaches the units or below.
  private func roundedToTensOrMore(_ x: Double) -> Double? {
    guard case .significantFigures(let n) = self, x != 0, x.isFinite else { return nil }
    var exponent = Int(floor(log10(abs(x))))
    if LegacyNumberFormat.powerOfTen(exponent) > abs(x) { exponent -= 1 }
    if LegacyNumberFormat.powerOfTen(exponent + 1) <= abs(x) { exponent += 1 }
    let dropped = exponent - (max(n, 1) - 1)
    guard dropped > 0 else { return nil }
    let scale = LegacyNumberFormat.powerOfTen(dropped)
    return (x / scale).rounded(.toNearestOrAwayFromZero) * scale
  }

  private func fractionDigits(forMagnitudeOf x: Double) -> Int {
    switch self {
    case .decimals(let d): return max(d, 0)
    case .significantFigures(let n):
      guard x != 0 else { return max(n - 1, 0) }
      var exponent = Int(floor(log10(abs(x))))
      // log10 may be off by one ulp near powers of ten.
      if LegacyNumberFormat.powerOfTen(exponent) > abs(x) { exponent -= 1 }
      if LegacyNumberFormat.powerOfTen(exponent + 1) <= abs(x) { exponent += 1 }
      // Rounding may carry into the next power of ten (9.9996 → 10.00): measure after rounding.
      let digits = max(n - 1 - exponent, 0)
      let r: Double
      if let (scaled, scale) = LegacyNumberFormat.roundedScaled(x, digits: digits) {
        r = scaled / scale
      } else {
        r = Double(String(format: "%.\(digits)f", x)) ?? x
      }
      if r != 0, abs(r) >= LegacyNumberFormat.powerOfTen(exponent + 1) { exponent += 1 }
      return max(n - 1 - exponent, 0)
    }
  }

  private func decimalsString(_ x: Double, digits: Int) -> String {
    var text = LegacyNumberFormat.fastFixed(x, digits: digits) ?? String(format: "%.\(digits)f", x)
    if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
    return text
  }

  // MARK: - Fast fixed-point formatting

  private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

  static func powerOfTen(_ exponent: Int) -> Double {
    (0...22).contains(exponent) ? powersOfTen[exponent] : pow(10, Double(exponent))
  }

  /// `x·10^digits` rounded to a whole number, when that equals rounding the exact binary value (as `printf`
  /// does): that is, unless the scaled value lies within rounding error of a tie. `nil` then, or when the
  /// scaled value is too large to hold a fraction.
  static func roundedScaled(_ x: Double, digits: Int) -> (Double, Double)? {
    guard digits >= 0, digits <= 22 else { return nil }
    let scale = powersOfTen[digits]
    let scaled = x * scale
    guard abs(scaled) < 0x1p52 else { return nil }
    let fraction = abs(scaled - scaled.rounded(.towardZero))
    guard abs(fraction - 0.5) > max(1e-9, abs(scaled) * 1e-15) else { return nil }
    return (scaled.rounded(.toNearestOrAwayFromZero), scale)
  }

  /// `String(format: "%.{digits}f", x)` without Foundation's formatter, when ``roundedScaled(_:digits:)`` applies.
  static func fastFixed(_ x: Double, digits: Int) -> String? {
    guard let (scaled, _) = roundedScaled(x, digits: digits), abs(scaled) < 1e15 else { return nil }
    let magnitude = String(Int64(abs(scaled)))
    let padded =
      magnitude.count <= digits ? String(repeating: "0", count: digits + 1 - magnitude.count) + magnitude : magnitude
    let sign = x < 0 || (x == 0 && x.sign == .minus) ? "-" : ""
    if digits == 0 { return sign + padded }
    let point = padded.index(padded.endIndex, offsetBy: -digits)
    return sign + padded[..<point] + "." + padded[point...]
  }

  /// `-1.20e-5` → `−1.20 × 10⁻⁵`, `-95.02` → `−95.02`.
  static func prettify(_ text: String) -> String {
    var result = text
    if let e = result.firstIndex(of: "e") {
      let mantissa = result[..<e]
      let exponent = result[result.index(after: e)...]
      result = mantissa + " × 10" + superscript(String(exponent))
    }
    return result.replacingOccurrences(of: "-", with: "\u{2212}")
  }

  /// The shortest decimal that reads back as exactly `x`, for people (U+2212 minus, no exponent between
  /// 10⁻⁶ and 10¹⁵): `140`, `0.0001`, `−70`, `0.05`.
  static func exact(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "\u{2212}∞") }
    var text: String
    if x == x.rounded(), abs(x) < 1e15 {
      text = String(Int64(x))
    } else if abs(x) >= 1e-6, abs(x) < 1e15 {
      text = "\(x)"
      if let e = text.firstIndex(of: "e") {
        // Swift writes 1e-05; spell it out in positional notation.
        let digits = Int(text[text.index(after: e)...]) ?? 0
        text = String(format: "%.\(max(0, -digits + 15))f", x)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
      }
    } else {
      return prettify("\(x)".replacingOccurrences(of: "e-0", with: "e-").replacingOccurrences(of: "e+", with: "e"))
    }
    return text.replacingOccurrences(of: "-", with: "\u{2212}")
  }

  /// Superscript digits and sign: `-5` → `⁻⁵`.
  static func superscript(_ text: String) -> String {
    let map: [Character: Character] = [
      "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
      "-": "⁻", "+": "⁺",
    ]
    return String(text.map { map[$0] ?? $0 })
  }
}
