import Foundation

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

  /// The exact bounds, for comparisons near them.
  private let exactLower: Decimal
  private let exactUpper: Decimal

  /// How far rounding t up may move it: a millionth of t.
  public static let halfWidthSlack = Decimal(string: "0.000001")!
  /// The most significant digits t is written with.
  public static let halfWidthDigits = 7

  /// The interval of `key` with `tolerance`.
  ///
  /// A key or tolerance outside ``canHold(_:)`` (drawing refuses such keys) gives an interval that holds nothing,
  /// written `nan`.
  public init(key: Double, tolerance: Tolerance) {
    guard AcceptedInterval.canHold(key), AcceptedInterval.canHold(tolerance.relative), AcceptedInterval.canHold(tolerance.absolute) else {
      self.init(nothing: ())
      return
    }
    let keyText = DecimalText.exact(key)
    let c = Decimal(string: keyText, locale: DecimalText.posix)!
    let relative = DecimalText.decimal(tolerance.relative)
    let absolute = DecimalText.decimal(tolerance.absolute)
    let t = relative * (c < 0 ? -c : c) + absolute
    let written = AcceptedInterval.roundedUp(t)
    self.init(keyText: keyText, key: c, halfWidth: written, roundedUp: written != t)
  }

  /// The interval around `center` with the half-width of another interval: how a misconception's value is
  /// matched (with the tolerance of the key it is a mistake for).
  public init(center: Double, halfWidthOf other: AcceptedInterval) {
    guard AcceptedInterval.canHold(center), other.halfWidth.isFinite else {
      self.init(nothing: ())
      return
    }
    let text = DecimalText.exact(center)
    self.init(keyText: text, key: Decimal(string: text, locale: DecimalText.posix)!,
              halfWidth: Decimal(string: other.halfWidthText, locale: DecimalText.posix)!, roundedUp: false)
  }

  /// The interval as a key file records it: the key's and t's decimal texts. Nil when either is not a plain
  /// decimal number or t is negative.
  public init?(keyText: String, halfWidthText: String) {
    guard let k = AcceptedInterval.plainDecimal(keyText), let t = AcceptedInterval.plainDecimal(halfWidthText), t >= 0
    else { return nil }
    self.init(keyText: DecimalDigits(parsing: keyText)!.text, key: k, halfWidth: t, roundedUp: false)
  }

  /// An interval that holds nothing, for a key that is not a number.
  private init(nothing: ()) {
    keyText = "nan"; halfWidthText = "nan"; lowerText = "nan"; upperText = "nan"
    key = .nan; halfWidth = .nan; lower = .nan; upper = .nan
    roundedUp = false
    exactLower = 1; exactUpper = 0
  }

  private init(keyText: String, key c: Decimal, halfWidth t: Decimal, roundedUp: Bool) {
    self.keyText = keyText
    self.roundedUp = roundedUp
    halfWidthText = DecimalAsText.text(t)
    exactLower = c - t
    exactUpper = c + t
    lowerText = DecimalAsText.text(exactLower)
    upperText = DecimalAsText.text(exactUpper)
    key = Double(keyText)!
    halfWidth = Double(halfWidthText)!
    lower = Double(lowerText)!
    upper = Double(upperText)!
  }

  /// The magnitudes a key may have: 0, or from 10⁻⁶⁰ to 10⁶⁰ (far beyond any quantity the templates ask,
  /// and well inside what decimal arithmetic holds exactly).
  public static func canHold(_ x: Double) -> Bool { x == 0 || (x.isFinite && abs(x) >= 1e-60 && abs(x) < 1e60) }

  /// Two intervals are the same when they are written the same: key and half-width (the bounds follow). How
  /// t came about (``roundedUp``) is not part of the interval.
  public static func == (a: AcceptedInterval, b: AcceptedInterval) -> Bool {
    a.keyText == b.keyText && a.halfWidthText == b.halfWidthText
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(keyText)
    hasher.combine(halfWidthText)
  }

  /// Whether `x` lies in the interval, bounds included. Clear cases are decided in binary; a value within
  /// rounding noise of a bound is decided on its shortest decimal spelling, exactly.
  public func contains(_ x: Double) -> Bool {
    guard x.isFinite else { return false }
    let noise = 1e-12 * max(abs(lower), abs(upper), abs(x), .leastNormalMagnitude)
    if x > lower + noise, x < upper - noise { return true }
    if x < lower - noise || x > upper + noise { return false }
    return contains(exactly: DecimalText.decimal(x))
  }

  /// Whether the decimal `x` lies in the interval, bounds included, exactly.
  public func contains(exactly x: Decimal) -> Bool { exactLower <= x && x <= exactUpper }

  /// The exact bounds.
  public var exactBounds: ClosedRange<Decimal> { exactLower...exactUpper }

  /// The interval as doubles (nearest to the exact bounds), lower bound first.
  public var range: ClosedRange<Double> { lower...upper }

  /// One unit in the last written digit of t: the smallest step by which a value is "just outside".
  public var lastDigitUnit: Decimal {
    let digits = DecimalDigits(parsing: halfWidthText)!
    guard !digits.digits.isEmpty else { return 0 }
    let place = digits.exponent - digits.digits.count + 1
    return Decimal(sign: .plus, exponent: place, significand: 1)
  }

  /// t rounded up to the shortest decimal within ``halfWidthSlack`` of it (at most ``halfWidthDigits``
  /// significant digits).
  static func roundedUp(_ t: Decimal) -> Decimal {
    guard t > 0 else { return 0 }
    let digits = DecimalDigits(parsing: DecimalAsText.text(t))!
    let limit = t * halfWidthSlack
    for keep in 1...halfWidthDigits {
      let candidate = digits.rounded(keepingSignificant: keep, up: true)
      let value = Decimal(string: candidate.text, locale: DecimalText.posix)!
      if value - t <= limit { return value }
    }
    return Decimal(string: digits.rounded(keepingSignificant: halfWidthDigits, up: true).text, locale: DecimalText.posix)!
  }

  /// A plain decimal number (`-95.02`, `2.4e-3`, no spaces, no hex, no `inf`).
  static func plainDecimal(_ text: String) -> Decimal? {
    guard !text.isEmpty, text.utf8.allSatisfy({ b in
      (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
        || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
    }), DecimalDigits(parsing: text) != nil else { return nil }
    return Decimal(string: text, locale: DecimalText.posix)
  }
}

/// Decimal values as output text: positional, ASCII minus, no trailing zeros.
enum DecimalAsText {
  static func text(_ x: Decimal) -> String { DecimalDigits(parsing: x.plainString)!.text }
}
