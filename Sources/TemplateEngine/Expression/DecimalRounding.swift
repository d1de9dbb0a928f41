import Foundation

/// Rounding to decimals and to significant figures that agrees with ``NumberFormat/rounded(_:)`` — what a
/// reader sees is what answers are computed from — without string work in the common case.
///
/// Scaling by a power of ten and rounding gives the same result as formatting the exact binary value,
/// except when the scaled value lies within rounding error of a tie (…5). Those rare cases are rounded
/// by ``NumberFormat``, which rounds the exact binary value as `printf` does: a value that is exactly a tie
/// in binary (2.5, 0.125) goes to the even digit, so `round(2.5)` is 2, like the number shown for it; a
/// decimal tie such as 0.145 is not exact in binary and rounds the way its binary value lies (0.14).
enum DecimalRounding {
  /// 10⁰ … 10²², every power of ten a double holds exactly.
  private static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22,
  ]

  /// 10^k, exact for |k| ≤ 22 when k ≥ 0.
  @inline(__always)
  private static func power(_ k: Int) -> Double {
    k >= 0 && k <= 22 ? powersOfTen[k] : Foundation.pow(10, Double(k))
  }

  /// `x` rounded to `decimals` digits after the point (to tens, hundreds, … when negative, ties away from
  /// zero there).
  static func round(_ x: Double, decimals: Int) -> Double {
    guard x.isFinite, x != 0 else { return x }
    if decimals < 0 {
      let scale = power(-decimals)
      return (x / scale).rounded(.toNearestOrAwayFromZero) * scale + 0
    }
    // 10^22 is the largest power of ten a double holds exactly.
    guard decimals <= 22 else { return NumberFormat.decimals(decimals).rounded(x) + 0 }
    let scale = power(decimals)
    let scaled = x * scale
    // Past 2^52 a double has no fraction left to round.
    guard Swift.abs(scaled) < 0x1p52 else { return x }
    let fraction = Swift.abs(scaled - scaled.rounded(.towardZero))
    if Swift.abs(fraction - 0.5) <= Swift.max(1e-9, Swift.abs(scaled) * 1e-15) {
      return NumberFormat.decimals(decimals).rounded(x) + 0
    }
    // Both operands are exact integers below 2^53 and division is correctly rounded, so this is the double
    // nearest the decimal result, as parsing the formatted text would give.
    return scaled.rounded(.toNearestOrAwayFromZero) / scale + 0
  }

  /// `x` rounded to `n` significant figures (n ≥ 1).
  static func round(_ x: Double, significantFigures n: Int) -> Double {
    guard x.isFinite, x != 0 else { return x }
    let magnitude = Swift.abs(x)
    var exponent = Int(Foundation.log10(magnitude).rounded(.down))
    // log10 may be off by one ulp near powers of ten.
    if power(exponent) > magnitude { exponent -= 1 }
    if power(exponent + 1) <= magnitude { exponent += 1 }
    return round(x, decimals: n - 1 - exponent)
  }
}
