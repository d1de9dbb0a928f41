public import Foundation

/// The accepted interval of a numeric answer: the key ± t, exactly, in decimal.
///
/// This is the one place the interval is worked out. Drawing (which misconceptions stay apart from the key),
/// every exporter (Canvas bounds and margin, the QTI 2.1 / 3.0 absolute tolerance), their self-checks, the
/// answer key file and the grader all use the numbers this type gives, so a package, `key.jsonl`,
/// `responses.csv` and the grader agree to the last digit.
///
/// - The key is the decimal a `Double` key stands for, to the 15 significant digits a double carries
///   faithfully (``DecimalText/exact(_:)``): `-95.0189345534543`.
/// - The half-width t = relative·|key| + absolute is computed in decimal from the shortest decimal spellings
///   of the key and of both tolerance parts (2 % of 7.854 is 0.15708, never 0.15708000000000001), then
///   rounded **up** to the shortest decimal that moves it by at most 10⁻⁶ of itself (never more than seven
///   significant digits): 2.400378691… becomes 2.40038.
/// - The bounds are key − t and key + t, exactly. The interval is symmetric by construction, which Canvas's
///   Classic import needs (it keeps the upper bound and the key and mirrors the margin).
///
/// ```swift
/// let i = AcceptedInterval(key: -95.0189345534543, tolerance: Tolerance(relative: 0.02, absolute: 0.5))
/// i.keyText        // "-95.0189345534543"
/// i.halfWidthText  // "2.40038"
/// i.lowerText      // "-97.4193145534543"
/// i.upperText      // "-92.6185545534543"
/// i.contains(-92.6185545534543)   // true
/// i.contains(-92.6185445534543)   // false: t plus one unit of its last digit
/// ```
public struct AcceptedInterval: Hashable, Sendable {
  /// The key as written in every output: positional decimal, ASCII minus.
  public let keyText: String
  /// The half-width t, as written (rounded up, at most seven significant digits).
  public let halfWidthText: String
  /// key − t, exactly.
  public let lowerText: String
  /// key + t, exactly.
  public let upperText: String

  /// The key as the nearest `Double`.
  public let key: Double
  /// t as the nearest `Double`.
  public let halfWidth: Double
  /// key − t as the nearest `Double`.
  public let lower: Double
  /// key + t as the nearest `Double`.
  public let upper: Double

  /// Whether t was rounded up from relative·|key| + absolute to be written short (by at most 10⁻⁶ of t).
  public let roundedUp: Bool

  /// t and the exact bounds in 128-bit decimal, for comparisons near them; nil beyond 38 digits (then `Decimal`).
  private let fastHalfWidth: ExactDecimal?
  private let fastLower: ExactDecimal?
  private let fastUpper: ExactDecimal?

  /// How far rounding t up may move it: a millionth of t.
  public static let halfWidthSlack = Decimal(string: "0.000001")!
  /// The most significant digits t is written with.
  public static let halfWidthDigits = 7

  /// The interval of `key` with `tolerance`.
  ///
  /// A key or tolerance outside ``canHold(_:)`` (drawing refuses such keys) gives an interval that holds
  /// nothing, written `nan`.
  public init(key: Double, tolerance: Tolerance) {
    guard AcceptedInterval.canHold(key), AcceptedInterval.canHold(tolerance.relative),
      AcceptedInterval.canHold(tolerance.absolute)
    else {
      self.init(nothing: ())
      return
    }
    let c = ExactDecimal(key)
    let keyText = c.text
    if let (t, roundedUp) = AcceptedInterval.halfWidthIn128Bits(key: c, tolerance: tolerance) {
      self.init(key: c, keyText: keyText, halfWidth: t, halfWidthText: t.text, roundedUp: roundedUp)
    } else {
      let (t, roundedUp) = AcceptedInterval.halfWidthInDecimal(keyText: keyText, tolerance: tolerance)
      self.init(keyText: keyText, halfWidthText: t, roundedUp: roundedUp)
    }
  }

  /// The interval around `center` with the half-width of another interval: how a misconception's value is
  /// matched (with the tolerance of the key it is a mistake for).
  public init(center: Double, halfWidthOf other: AcceptedInterval) {
    guard AcceptedInterval.canHold(center), other.halfWidth.isFinite else {
      self.init(nothing: ())
      return
    }
    let c = ExactDecimal(center)
    self.init(
      key: c, keyText: c.text, halfWidth: other.fastHalfWidth, halfWidthText: other.halfWidthText, roundedUp: false)
  }

  /// The interval as a key file records it: the key's and t's decimal texts. Nil when either is not a plain
  /// decimal number or t is negative.
  public init?(keyText: String, halfWidthText: String) {
    guard let k = AcceptedInterval.plainDigits(keyText), let t = AcceptedInterval.plainDigits(halfWidthText),
      !t.negative
    else { return nil }
    self.init(keyText: k.text, halfWidthText: t.text, roundedUp: false)
  }

  /// An interval that holds nothing, for a key that is not a number.
  private init(nothing: ()) {
    keyText = "nan"
    halfWidthText = "nan"
    lowerText = "nan"
    upperText = "nan"
    key = .nan
    halfWidth = .nan
    lower = .nan
    upper = .nan
    roundedUp = false
    fastHalfWidth = nil
    fastLower = nil
    fastUpper = nil
  }

  /// Both bounds from the texts of the key and t: in 128-bit decimal when it holds them, else in `Decimal`.
  private init(keyText: String, halfWidthText: String, roundedUp: Bool) {
    self.init(
      key: ExactDecimal(text: keyText), keyText: keyText, halfWidth: ExactDecimal(text: halfWidthText),
      halfWidthText: halfWidthText, roundedUp: roundedUp)
  }

  /// Both bounds from the key and t, given as text and (where 128 bits hold them) as the decimals those texts
  /// are: in 128-bit decimal when it holds the bounds, else in `Decimal`.
  private init(
    key c: ExactDecimal?, keyText: String, halfWidth t: ExactDecimal?, halfWidthText: String, roundedUp: Bool
  ) {
    self.keyText = keyText
    self.halfWidthText = halfWidthText
    self.roundedUp = roundedUp
    fastHalfWidth = t
    if let c, let t, let lo = c - t, let hi = c + t {
      fastLower = lo
      fastUpper = hi
      lowerText = lo.text
      upperText = hi.text
      key = c.nearestDouble ?? Double(keyText)!
      halfWidth = t.nearestDouble ?? Double(halfWidthText)!
      lower = lo.nearestDouble ?? Double(lowerText)!
      upper = hi.nearestDouble ?? Double(upperText)!
    } else {
      let c = AcceptedInterval.decimal(keyText)
      let t = AcceptedInterval.decimal(halfWidthText)
      fastLower = nil
      fastUpper = nil
      lowerText = DecimalAsText.text(c - t)
      upperText = DecimalAsText.text(c + t)
      key = Double(keyText)!
      halfWidth = Double(halfWidthText)!
      lower = Double(lowerText)!
      upper = Double(upperText)!
    }
  }

  /// t = relative·|key| + absolute from the shortest decimal spellings, rounded up to the shortest decimal within
  /// ``halfWidthSlack`` of it, as text, and whether the rounding moved it, in 128-bit decimal arithmetic; nil
  /// where that does not hold the numbers (then ``halfWidthInDecimal(keyText:tolerance:)``).
  static func halfWidthIn128Bits(keyText: String, tolerance: Tolerance) -> (String, Bool)? {
    guard let c = ExactDecimal(text: keyText), let (t, roundedUp) = halfWidthIn128Bits(key: c, tolerance: tolerance)
    else { return nil }
    return (t.text, roundedUp)
  }

  /// ``halfWidthIn128Bits(keyText:tolerance:)`` of the key as a decimal, t as a decimal.
  private static func halfWidthIn128Bits(key c: ExactDecimal, tolerance: Tolerance) -> (ExactDecimal, Bool)? {
    let r = ExactDecimal(tolerance.relative)
    let a = ExactDecimal(tolerance.absolute)
    guard let product = r * c.magnitude, let t = product + a else { return nil }
    if t.isZero { return (t, false) }
    // t's significant digits beyond `keep` dropped, rounded toward +∞.
    let count = t.digitCount
    func rounded(keeping keep: Int) -> ExactDecimal? {
      guard keep < count else { return t }
      guard !t.negative else {  // a negative tolerance: through the digits, as written
        return ExactDecimal(t.digits.rounded(keepingSignificant: keep, up: true))
      }
      let drop = count - keep
      let (q, r) = t.mantissa.quotientAndRemainder(dividingBy: ExactDecimal.powers[drop])
      return ExactDecimal(negative: false, mantissa: r == 0 ? q : q + 1, exponent: t.exponent + drop)
    }
    // Rounding moves t by at most 10⁻⁶·t: compare 10⁶·(candidate − t) with t.
    for keep in 1...halfWidthDigits {
      guard let candidate = rounded(keeping: keep), let moved = candidate - t else { break }
      let scaled = ExactDecimal(negative: moved.negative, mantissa: moved.mantissa, exponent: moved.exponent + 6)
      guard let within = ExactDecimal.magnitude(scaled, atMost: t) else { break }
      if within { return (candidate, candidate != t) }
    }
    return nil
  }

  /// ``halfWidthIn128Bits(keyText:tolerance:)`` in Foundation's `Decimal` (38 digits, slower).
  static func halfWidthInDecimal(keyText: String, tolerance: Tolerance) -> (String, Bool) {
    let c = decimal(keyText)
    let t = DecimalText.decimal(tolerance.relative) * (c < 0 ? -c : c) + DecimalText.decimal(tolerance.absolute)
    guard t > 0 else { return ("0", false) }
    let digits = DecimalDigits(parsing: DecimalAsText.text(t))!
    let limit = t * halfWidthSlack
    for keep in 1...halfWidthDigits {
      let candidate = digits.rounded(keepingSignificant: keep, up: true)
      if decimal(candidate.text) - t <= limit { return (candidate.text, candidate.digits != digits.digits) }
    }
    let last = digits.rounded(keepingSignificant: halfWidthDigits, up: true)
    return (last.text, last.digits != digits.digits)
  }

  /// Two intervals are the same when they are written the same: key and half-width (the bounds follow). How
  /// t came about (``roundedUp``) is not part of the interval.
  public static func == (a: AcceptedInterval, b: AcceptedInterval) -> Bool {
    a.keyText == b.keyText && a.halfWidthText == b.halfWidthText
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(keyText)
    hasher.combine(halfWidthText)
  }

  /// The magnitudes a key may have: 0, or from 10⁻⁶⁰ to 10⁶⁰ (far beyond any quantity the templates ask,
  /// and well inside what decimal arithmetic holds exactly).
  public static func canHold(_ x: Double) -> Bool { x == 0 || (x.isFinite && abs(x) >= 1e-60 && abs(x) < 1e60) }

  /// Whether `x` lies in the interval, bounds included. Clear cases are decided in binary; a value within
  /// rounding noise of a bound is decided on its shortest decimal spelling, exactly.
  public func contains(_ x: Double) -> Bool {
    guard x.isFinite else { return false }
    let noise = 1e-12 * max(abs(lower), abs(upper), abs(x), .leastNormalMagnitude)
    if x > lower + noise, x < upper - noise { return true }
    if x < lower - noise || x > upper + noise { return false }
    if let exact = contains(exactly: ExactDecimal(x)) { return exact }
    return contains(exactly: DecimalText.decimal(x))
  }

  /// Whether the decimal `x` lies in the interval, bounds included, exactly.
  public func contains(exactly x: Decimal) -> Bool {
    guard keyText != "nan" else { return false }
    let bounds = exactBounds
    return bounds.lowerBound <= x && x <= bounds.upperBound
  }

  /// The same in 128-bit decimal arithmetic; nil when that cannot decide it exactly.
  package func contains(exactly x: ExactDecimal) -> Bool? {
    guard let fastLower, let fastUpper, let above = ExactDecimal.isAtMost(fastLower, x),
      let below = ExactDecimal.isAtMost(x, fastUpper)
    else { return nil }
    return above && below
  }

  /// The exact bounds.
  public var exactBounds: ClosedRange<Decimal> {
    AcceptedInterval.decimal(lowerText)...AcceptedInterval.decimal(upperText)
  }

  /// The interval as doubles (nearest to the exact bounds), lower bound first.
  public var range: ClosedRange<Double> { lower...upper }

  /// One unit in the last written digit of t: the smallest step by which a value is "just outside".
  public var lastDigitUnit: Decimal {
    guard let digits = DecimalDigits(parsing: halfWidthText), !digits.digits.isEmpty else { return 0 }
    let place = digits.exponent - digits.digits.count + 1
    return Decimal(sign: .plus, exponent: place, significand: 1)
  }

  static func decimal(_ text: String) -> Decimal { Decimal(string: text, locale: DecimalText.posix) ?? .nan }

  /// A plain decimal number (`-95.02`, `2.4e-3`; no spaces, no hex, no `inf`), as digits.
  static func plainDigits(_ text: String) -> DecimalDigits? {
    guard !text.isEmpty,
      text.utf8.allSatisfy({ b in
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
          || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
      })
    else { return nil }
    return DecimalDigits(parsing: text)
  }
}

/// Decimal values as output text: positional, ASCII minus, no trailing zeros.
enum DecimalAsText {
  static func text(_ x: Decimal) -> String { DecimalDigits(parsing: x.plainString)!.text }
}
