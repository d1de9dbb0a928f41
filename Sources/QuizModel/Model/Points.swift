import Foundation

/// An amount of points held exactly, in hundredths: what a problem, a part and a response are worth.
///
/// Points travel as two-decimal values (`0.67`), so sums are exact (0.67 + 0.67 + 0.66 is 2, not
/// 2.0000000000000004) and every output writes the same text.
///
/// ```swift
/// Points.split(Points(hundredths: 200), into: 3)   // [0.67, 0.67, 0.66]
/// Points(hundredths: 67).scaled(by: 0.5)           // 0.34 (half-up)
/// ```
public struct Points: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The amount in hundredths of a point.
  public var hundredths: Int

  /// The largest amount a quiz may give one problem: a million points.
  public static let maximum = Points(hundredths: 100_000_000)

  public init(hundredths: Int) { self.hundredths = hundredths }

  /// `value` to the hundredth, when it is one: finite, not negative, at most ``maximum``, and a whole number
  /// of hundredths (to binary noise: 0.1 + 0.2 is 0.3). Nil otherwise.
  public init?(exactly value: Double) {
    guard value.isFinite, value >= 0, value <= Double(Points.maximum.hundredths) / 100 else { return nil }
    let scaled = (value * 100).rounded()
    guard abs(value * 100 - scaled) <= 1e-6 * max(1, scaled) else { return nil }
    hundredths = Int(scaled)
  }

  public static let zero = Points(hundredths: 0)

  /// The amount as a `Double` (for statistics).
  public var value: Double { Double(hundredths) / 100 }

  /// The shortest decimal text: `2`, `0.67`, `1.5`.
  public var description: String {
    let whole = hundredths / 100
    let fraction = hundredths % 100
    if fraction == 0 { return String(whole) }
    let digits = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" : "") + String(fraction)
    return "\(whole).\(digits)"
  }

  /// Always two decimals, as gradebooks show them: `2.00`, `0.67`.
  public var twoDecimals: String {
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  public static func < (a: Points, b: Points) -> Bool { a.hundredths < b.hundredths }
  public static func + (a: Points, b: Points) -> Points { Points(hundredths: a.hundredths + b.hundredths) }
  public static func += (a: inout Points, b: Points) { a.hundredths += b.hundredths }

  /// `fraction` (0…1) of these points, rounded half-up to the hundredth. The fraction is taken at its
  /// shortest decimal spelling, so 0.7 × 0.05 is 0.04 (0.035 rounded up), not 0.03.
  public func scaled(by fraction: Double) -> Points {
    guard fraction.isFinite, fraction > 0 else { return .zero }
    if fraction >= 1 { return self }
    let exact = DecimalText.decimal(fraction) * Decimal(hundredths)
    var result = Decimal()
    var source = exact
    NSDecimalRound(&result, &source, 0, .plain)
    return Points(hundredths: NSDecimalNumber(decimal: result).intValue)
  }

  /// `total` split over `parts` parts as two-decimal amounts adding up to `total` exactly: every part gets
  /// ⌊total/parts⌋ hundredths and the remaining hundredths go one each to the first parts (largest
  /// remainder, ties in order): 2 over 3 parts is 0.67 + 0.67 + 0.66.
  public static func split(_ total: Points, into parts: Int) -> [Points] {
    guard parts > 0 else { return [] }
    let base = total.hundredths / parts
    let extra = total.hundredths % parts
    return (0..<parts).map { Points(hundredths: base + ($0 < extra ? 1 : 0)) }
  }
}

extension Points: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
  /// Whole points written in code: `points: 2`.
  public init(integerLiteral value: Int) { self.init(hundredths: value * 100) }
  /// Points with hundredths written in code: `points: 2.5`. Not for user data (use ``init(exactly:)``).
  public init(floatLiteral value: Double) {
    guard let points = Points(exactly: value) else { preconditionFailure("\(value) is not a number of hundredths") }
    self = points
  }
}
