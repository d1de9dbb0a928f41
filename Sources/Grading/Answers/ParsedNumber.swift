import Foundation
import QuizModel

/// A number read from a response, kept as the decimal the student wrote (sign, digits, power of ten) so that
/// unit conversion and tolerance checks never suffer binary rounding.
///
/// ```swift
/// let n = AnswerParser().number(from: "−9.50 × 10⁻² V")!
/// n.value                 // -0.095
/// n.unit?.symbol          // "V"
/// n.significantFigures    // 3...3
/// ```
package struct ParsedNumber: Hashable, Sendable {
  /// Whether the number is negative.
  package var isNegative: Bool
  /// The digits, as an integer: 950 for −9.50 × 10⁻².
  package var significand: UInt64
  /// The power of ten: the number is ±significand × 10^exponent (−4 for −9.50 × 10⁻²).
  package var exponent: Int
  /// The unit written after the number, or nil for a bare number.
  package var unit: MeasurementUnit?
  /// How many significant figures the student wrote: a range when trailing zeros of an integer make it
  /// ambiguous (`1200` is 2...4).
  package var significantFigures: ClosedRange<Int>

  /// The value as the nearest `Double`.
  package var value: Double {
    let magnitude: Double
    if significand < (1 << 53), (-22...22).contains(exponent) {
      // Both operands are exact, so one multiplication or division rounds correctly.
      magnitude =
        exponent >= 0 ? Double(significand) * powersOfTen[exponent] : Double(significand) / powersOfTen[-exponent]
    } else if significand == 0 {
      magnitude = 0
    } else {
      magnitude = Double("\(significand)e\(exponent)") ?? .nan
    }
    return isNegative ? -magnitude : magnitude
  }

  /// The exact value as a `Decimal`.
  var decimal: Decimal {
    Decimal(sign: isNegative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
  }

  /// The same quantity expressed in a unit `shift` powers of ten smaller (mV → V is shift −3).
  func shifted(by shift: Int, unit newUnit: MeasurementUnit?) -> ParsedNumber {
    var copy = self
    copy.exponent += shift
    copy.unit = newUnit
    return copy
  }
}

private let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { acc, _ in acc * 10 } }
