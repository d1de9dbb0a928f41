import Foundation

@testable import QuizModel

/// ``AcceptedInterval`` and ``DecimalText/exact(_:)`` as they were worked out through text (Swift's shortest
/// digits, `%.14e`, every decimal re-read from the text just written), kept only as the oracle of the
/// differential tests: the integer arithmetic that replaced them must give exactly these texts and doubles.
struct LegacyInterval: Equatable {
  var keyText: String
  var halfWidthText: String
  var lowerText: String
  var upperText: String
  var doubles: [UInt64]
  var roundedUp: Bool

  init(_ interval: AcceptedInterval) {
    keyText = interval.keyText
    halfWidthText = interval.halfWidthText
    lowerText = interval.lowerText
    upperText = interval.upperText
    doubles = [interval.key, interval.halfWidth, interval.lower, interval.upper].map(\.bitPattern)
    roundedUp = interval.roundedUp
  }

  /// The interval of `key` with `tolerance`, as it was computed.
  init(key: Double, tolerance: Tolerance) {
    guard AcceptedInterval.canHold(key), AcceptedInterval.canHold(tolerance.relative),
      AcceptedInterval.canHold(tolerance.absolute)
    else {
      self.init(keyText: "nan", halfWidthText: "nan", roundedUp: false)
      return
    }
    let keyText = LegacyInterval.exact(key)
    let (t, roundedUp) =
      LegacyInterval.halfWidthIn128Bits(keyText: keyText, tolerance: tolerance)
      ?? AcceptedInterval.halfWidthInDecimal(keyText: keyText, tolerance: tolerance)
    self.init(keyText: keyText, halfWidthText: t, roundedUp: roundedUp)
  }

  /// The interval around `center` with the half-width of `other`, as it was computed.
  init(center: Double, halfWidthOf other: AcceptedInterval) {
    guard AcceptedInterval.canHold(center), other.halfWidth.isFinite else {
      self.init(keyText: "nan", halfWidthText: "nan", roundedUp: false)
      return
    }
    self.init(keyText: LegacyInterval.exact(center), halfWidthText: other.halfWidthText, roundedUp: false)
  }

  private init(keyText: String, halfWidthText: String, roundedUp: Bool) {
    self.keyText = keyText
    self.halfWidthText = halfWidthText
    self.roundedUp = roundedUp
    if keyText == "nan" {
      (lowerText, upperText) = ("nan", "nan")
      doubles = Array(repeating: Double.nan.bitPattern, count: 4)
      return
    }
    if let c = ExactDecimal(text: keyText), let t = ExactDecimal(text: halfWidthText), let lo = c - t, let hi = c + t {
      (lowerText, upperText) = (lo.text, hi.text)
    } else {
      let c = AcceptedInterval.decimal(keyText)
      let t = AcceptedInterval.decimal(halfWidthText)
      (lowerText, upperText) = (DecimalAsText.text(c - t), DecimalAsText.text(c + t))
    }
    doubles = [keyText, halfWidthText, lowerText, upperText].map { Double($0)!.bitPattern }
  }

  /// The former ``DecimalText/exact(_:)``: Swift's shortest digits, or `%.14e` when they are more than 15.
  static func exact(_ x: Double) -> String {
    let shortest = DecimalDigits(parsing: x.description)!
    guard shortest.digits.count > 15 else { return shortest.text }
    return DecimalDigits(parsing: String(format: "%.14e", x))!.text
  }

  /// The original 128-bit half-width, fed from the texts of the key and of the tolerance's parts: t's digits
  /// rounded up through `DecimalDigits`, as before any of the interval's speed-ups (an oracle independent of
  /// the mantissa arithmetic the type uses now).
  static func halfWidthIn128Bits(keyText: String, tolerance: Tolerance) -> (String, Bool)? {
    guard let r = ExactDecimal(text: exact(tolerance.relative)), let a = ExactDecimal(text: exact(tolerance.absolute)),
      let c = ExactDecimal(text: keyText), let product = r * c.magnitude, let t = product + a
    else { return nil }
    if t.isZero { return ("0", false) }
    let digits = t.digits
    for keep in 1...AcceptedInterval.halfWidthDigits {
      let candidate = digits.rounded(keepingSignificant: keep, up: true)
      guard let value = ExactDecimal(candidate), let moved = value - t else { break }
      let scaled = ExactDecimal(negative: moved.negative, mantissa: moved.mantissa, exponent: moved.exponent + 6)
      guard let within = ExactDecimal.magnitude(scaled, atMost: t) else { break }
      if within { return (candidate.text, candidate.digits != digits.digits) }
    }
    return nil
  }
}
