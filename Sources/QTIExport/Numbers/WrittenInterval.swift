import Foundation
import TemplateEngine

/// The numbers one numeric answer is written with: the key, the accepted interval and its half-width, all as
/// short decimal strings, the bounds rounded outward so the file never rejects what the key accepts.
struct WrittenInterval: Hashable, Sendable {
  /// The key, exactly.
  var key: String
  /// The lower bound (≤ the key, also for negative keys).
  var lower: String
  /// The upper bound.
  var upper: String
  /// The half-width (the absolute tolerance written into QTI 2.1 / 3.0), rounded up.
  var halfWidth: String
  /// Whether rounding to a short decimal moved a bound or the half-width outward.
  var widened: Bool

  /// How much a bound may move outward to get a short decimal: a millionth of the half-width.
  static let slackFraction = Decimal(string: "0.000001")!

  /// The interval for `key` with `tolerance`, computed in decimal arithmetic from the shortest decimal forms of
  /// the key and the tolerance (so 2 % of 7.854 is 0.15708, not 0.15708000000000001).
  init(key value: Double, tolerance: Tolerance) {
    if let exact = WrittenInterval(exactKey: value, tolerance: tolerance) {
      self = exact
    } else {
      self.init(decimalKey: value, tolerance: tolerance)
    }
  }

  /// Only ``halfWidth`` of `WrittenInterval(key:tolerance:)`, without working out the bounds (QTI 2.1 and 3.0
  /// write the key and the half-width only).
  static func halfWidth(key value: Double, tolerance: Tolerance) -> String {
    let c = ExactDecimal(value)
    if let product = ExactDecimal(tolerance.relative) * c.magnitude, let h = product + ExactDecimal(tolerance.absolute) {
      let slack = ExactDecimal(negative: h.negative, mantissa: h.mantissa, exponent: h.exponent - 6)
      if var t = DecimalText.outward(h, up: true, slack: slack) {
        let noise = WrittenInterval.noise(value, tolerance.halfWidth(around: value))
        if let written = Double(t.text), written < tolerance.halfWidth(around: value) - noise {
          guard let moved = DecimalText.outward(ExactDecimal(tolerance.halfWidth(around: value)), up: true, slack: slack)
          else { return WrittenInterval(decimalKey: value, tolerance: tolerance).halfWidth }
          t = moved
        }
        return t.text
      }
    }
    return WrittenInterval(decimalKey: value, tolerance: tolerance).halfWidth
  }

  /// The same in 128-bit decimal arithmetic (``ExactDecimal``); nil where that cannot be sure to match
  /// Foundation's `Decimal`.
  private init?(exactKey value: Double, tolerance: Tolerance) {
    let c = ExactDecimal(value)
    guard let product = ExactDecimal(tolerance.relative) * c.magnitude, let h = product + ExactDecimal(tolerance.absolute)
    else { return nil }
    let slack = ExactDecimal(negative: h.negative, mantissa: h.mantissa, exponent: h.exponent - 6)
    guard let low = c - h, let high = c + h,
          var lo = DecimalText.outward(low, up: false, slack: slack),
          var hi = DecimalText.outward(high, up: true, slack: slack),
          var t = DecimalText.outward(h, up: true, slack: slack)
    else { return nil }
    let model = tolerance.interval(around: value)
    let noise = WrittenInterval.noise(value, tolerance.halfWidth(around: value))
    if let written = Double(lo.text), written > model.lowerBound + noise {
      guard let moved = DecimalText.outward(ExactDecimal(model.lowerBound), up: false, slack: slack) else { return nil }
      lo = moved
    }
    if let written = Double(hi.text), written < model.upperBound - noise {
      guard let moved = DecimalText.outward(ExactDecimal(model.upperBound), up: true, slack: slack) else { return nil }
      hi = moved
    }
    if let written = Double(t.text), written < tolerance.halfWidth(around: value) - noise {
      guard let moved = DecimalText.outward(ExactDecimal(tolerance.halfWidth(around: value)), up: true, slack: slack)
      else { return nil }
      t = moved
    }
    key = DecimalText.exact(value)
    lower = lo.text
    upper = hi.text
    halfWidth = t.text
    widened = lo.widened || hi.widened || t.widened
  }

  /// The interval in Foundation's `Decimal` arithmetic.
  init(decimalKey value: Double, tolerance: Tolerance) {
    let c = DecimalText.decimal(value)
    let magnitude = c < 0 ? -c : c
    let h = DecimalText.decimal(tolerance.relative) * magnitude + DecimalText.decimal(tolerance.absolute)
    let slack = h * WrittenInterval.slackFraction
    key = DecimalText.exact(value)
    var lo = DecimalText.outward(c - h, up: false, slack: slack)
    var hi = DecimalText.outward(c + h, up: true, slack: slack)
    var t = DecimalText.outward(h, up: true, slack: slack)
    // The model compares in binary floating point. Where its bound lies outside the decimal one by more than
    // rounding noise, follow the model's bound, so the file never rejects what the key accepts.
    let model = tolerance.interval(around: value)
    let noise = WrittenInterval.noise(value, tolerance.halfWidth(around: value))
    if let written = Double(lo.text), written > model.lowerBound + noise {
      lo = DecimalText.outward(DecimalText.decimal(model.lowerBound), up: false, slack: slack)
    }
    if let written = Double(hi.text), written < model.upperBound - noise {
      hi = DecimalText.outward(DecimalText.decimal(model.upperBound), up: true, slack: slack)
    }
    if let written = Double(t.text), written < tolerance.halfWidth(around: value) - noise {
      t = DecimalText.outward(DecimalText.decimal(tolerance.halfWidth(around: value)), up: true, slack: slack)
    }
    lower = lo.text
    upper = hi.text
    halfWidth = t.text
    widened = lo.widened || hi.widened || t.widened
  }

  /// Floating-point rounding noise around a key and half-width: 10⁻¹² of the larger magnitude. Bounds that
  /// differ from the model's by less are the same bound.
  static func noise(_ key: Double, _ halfWidth: Double) -> Double { max(abs(key), abs(halfWidth)) * 1e-12 }

  /// The interval as numbers.
  var range: ClosedRange<Double> { Double(lower)!...Double(upper)! }
}
