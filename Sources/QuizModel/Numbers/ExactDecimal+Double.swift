#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#else
  import Darwin
#endif

/// Doubles into and out of ``ExactDecimal`` in integer arithmetic, without text: every interval turns its key
/// into a decimal, and its key, half-width and bounds back into doubles.
extension ExactDecimal {
  /// A normal `x` correctly rounded to 15 significant digits (ties to even, as C's `%.14e` rounds), worked out
  /// exactly from its binary significand and exponent in 128-bit integers (zero as 0); nil for subnormals and
  /// magnitudes beyond what 128 bits hold here (then text does it).
  ///
  /// For a normal double this is ``DecimalText/exact(_:)``: its shortest round-trip digits lie within half an
  /// ulp of `x`, below a ninth of the spacing of 15-digit decimals, so when they have at most 15 digits they are
  /// the nearest 15-digit decimal too.
  package init?(fifteenDigitsOf x: Double) {
    if x == 0 {
      self.init(negative: false, mantissa: 0, exponent: 0)
      return
    }
    guard x.isNormal else { return nil }
    let significand = UInt128(x.significandBitPattern | (1 << 52))
    let binaryExponent = Int(x.exponentBitPattern) - 1075
    // A first guess of ⌊log₁₀ |x|⌋, corrected below by the exact quotient's number of digits.
    var leading = Int(log10(x.magnitude).rounded(.down))
    for _ in 0..<3 {
      guard
        let (q, above) = ExactDecimal.scaled(significand, binaryExponent, byPowerOfTen: 14 - leading)
      else { return nil }
      if q < ExactDecimal.powers[14] {
        leading -= 1
      } else if q >= ExactDecimal.powers[15] {
        leading += 1
      } else {
        // `above`: the dropped part compared with one half (−1 below, 0 a tie, 1 above).
        let up = above > 0 || (above == 0 && q & 1 == 1)
        self.init(negative: x < 0, mantissa: up ? q + 1 : q, exponent: leading - 14)
        return
      }
    }
    return nil
  }

  /// ⌊m·2^e·10^k⌋ and how the dropped fraction compares with one half; nil when 128 bits do not hold it.
  private static func scaled(_ m: UInt128, _ e: Int, byPowerOfTen k: Int) -> (UInt128, Int)? {
    if k >= 0 {
      // m·5^k·2^(e+k).
      guard k < powersOfFive.count else { return nil }
      let (n, overflow) = m.multipliedReportingOverflow(by: powersOfFive[k])
      guard !overflow else { return nil }
      let shift = e + k
      if shift >= 0 {
        guard shift < n.leadingZeroBitCount else { return nil }
        return (n << shift, -1)
      }
      let s = -shift
      guard s < 128 else { return nil }
      let remainder = n & ((1 << s) - 1)
      let half: UInt128 = 1 << (s - 1)
      return (n >> s, remainder < half ? -1 : remainder == half ? 0 : 1)
    }
    // m·2^max(e, 0) divided by 10^−k·2^max(−e, 0).
    guard -k < powers.count else { return nil }
    var numerator = m
    var denominator = powers[-k]
    if e >= 0 {
      guard e < numerator.leadingZeroBitCount else { return nil }
      numerator <<= e
    } else {
      guard -e < denominator.leadingZeroBitCount else { return nil }
      denominator <<= -e
    }
    let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
    let rest = denominator - r
    return (q, r < rest ? -1 : r == rest ? 0 : 1)
  }

  /// 5⁰ … 5⁵⁵, all that fit.
  private static let powersOfFive: [UInt128] = {
    var result: [UInt128] = [1]
    for _ in 1...55 { result.append(result.last! * 5) }
    return result
  }()

  /// The nearest double, as `Double(text)` reads ``text``, when one correctly rounded operation gives it (a
  /// mantissa below 2⁵³ and a power of ten up to 10²², both exact as doubles); nil otherwise.
  package var nearestDouble: Double? {
    guard mantissa < (1 << 53), exponent >= -22, exponent <= 22 else { return nil }
    let m = Double(UInt64(mantissa))
    let magnitude = exponent >= 0 ? m * ExactDecimal.doublePowers[exponent] : m / ExactDecimal.doublePowers[-exponent]
    return negative ? -magnitude : magnitude
  }

  /// 10⁰ … 10²², each exact as a double.
  private static let doublePowers: [Double] = {
    var result: [Double] = [1]
    for _ in 1...22 { result.append(result.last! * 10) }
    return result
  }()
}
