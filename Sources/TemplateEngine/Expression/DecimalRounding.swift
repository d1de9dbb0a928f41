import Foundation
import QuizModel

/// Rounding for `round` and `sigfig`: exactly ``NumberFormat/rounded(_:)``, so that what a reader sees is what
/// answers are computed from.
///
/// ``NumberFormat`` rounds the exact binary value as `printf` does: a value that is exactly a tie in binary
/// (2.5, 0.125) goes to the even digit, so `round(2.5)` is 2, like the number shown for it; a decimal tie
/// such as 0.145 is not exact in binary and rounds the way its binary value lies (0.14). Rounding to tens,
/// hundreds, … (negative `decimals`, or significant figures above the units) goes half away from zero.
enum DecimalRounding {
  /// `x` rounded to `decimals` digits after the point, or to tens, hundreds, … when `decimals` is negative.
  static func round(_ x: Double, decimals: Int) -> Double {
    guard x.isFinite, x != 0 else { return x }
    guard decimals < 0 else { return NumberFormat.decimals(decimals).rounded(x) }
    let scale = NumberFormat.powerOfTen(-decimals)
    return (x / scale).rounded(.toNearestOrAwayFromZero) * scale + 0
  }

  /// `x` rounded to `n` significant figures (n ≥ 1).
  static func round(_ x: Double, significantFigures n: Int) -> Double {
    guard x.isFinite, x != 0 else { return x }
    return NumberFormat.significantFigures(n).rounded(x)
  }
}
