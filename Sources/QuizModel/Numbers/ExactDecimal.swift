import Foundation

/// A decimal number ±mantissa × 10^exponent held exactly in 128 bits: the arithmetic of ``AcceptedInterval``
/// without Foundation's `Decimal` (whose parsing and printing go through a locale and cost microseconds).
/// Every operation returns nil rather than round, and the caller then falls back to `Decimal`, so results are
/// those `Decimal` gives wherever both are exact.
package struct ExactDecimal: Hashable, Sendable {
  package var negative: Bool
  /// Without trailing zeros (zero for zero).
  package var mantissa: UInt128
  package var exponent: Int

  /// 10⁰ … 10³⁸, all that fit.
  package static let powers: [UInt128] = {
    var result: [UInt128] = [1]
    for _ in 1...38 { result.append(result.last! * 10) }
    return result
  }()

  package init(negative: Bool, mantissa: UInt128, exponent: Int) {
    var m = mantissa
    var e = exponent
    if m == 0 {
      e = 0
    } else if m <= UInt128(UInt64.max) {
      var small = UInt64(m)  // 64-bit division is many times faster than 128-bit
      while small % 10 == 0 {
        small /= 10
        e += 1
      }
      m = UInt128(small)
    } else {
      while m % 10 == 0 {
        m /= 10
        e += 1
      }
    }
    self.negative = negative && m != 0
    self.mantissa = m
    self.exponent = e
  }

  /// The value of parsed digits (nil beyond 38 digits).
  package init?(_ d: DecimalDigits) {
    guard d.digits.count <= 38 else { return nil }
    var m: UInt128 = 0
    for digit in d.digits { m = m * 10 + UInt128(digit) }
    self.init(negative: d.negative, mantissa: m, exponent: d.exponent - d.digits.count + 1)
  }

  /// The shortest decimal of a double as ``DecimalText/exact(_:)`` writes it.
  package init(_ x: Double) {
    if let value = ExactDecimal(fifteenDigitsOf: x) {
      self = value
    } else {
      self.init(text: DecimalText.exact(x))!
    }
  }

  package var isZero: Bool { mantissa == 0 }

  package var magnitude: ExactDecimal { ExactDecimal(negative: false, mantissa: mantissa, exponent: exponent) }

  package static prefix func - (x: ExactDecimal) -> ExactDecimal {
    ExactDecimal(negative: !x.negative, mantissa: x.mantissa, exponent: x.exponent)
  }

  /// The number of digits of the mantissa.
  package var digitCount: Int {
    var n = 1
    while n < ExactDecimal.powers.count, ExactDecimal.powers[n] <= mantissa { n += 1 }
    return n  // comparisons only: no division
  }

  /// The power of ten of the first significant digit (⌊log₁₀ |x|⌋); 0 for zero.
  package var leadingExponent: Int { isZero ? 0 : exponent + digitCount - 1 }

  /// As sign, digits and leading exponent.
  package var digits: DecimalDigits {
    if isZero { return DecimalDigits(parsing: "0")! }
    var list: [Int] = []
    list.reserveCapacity(39)
    // Up to two 128-bit divisions leave parts that 64-bit arithmetic can take apart.
    let chunk: UInt128 = 1_000_000_000_000_000_000
    var parts: [UInt64] = []
    var m = mantissa
    while m >= chunk {
      parts.append(UInt64(m % chunk))
      m /= chunk
    }
    var lead = UInt64(m)
    while lead > 0 {
      list.append(Int(lead % 10))
      lead /= 10
    }
    list.reverse()
    for part in parts.reversed() {
      var p = part
      var eighteen = [Int](repeating: 0, count: 18)
      for i in stride(from: 17, through: 0, by: -1) {
        eighteen[i] = Int(p % 10)
        p /= 10
      }
      list += eighteen
    }
    return DecimalDigits(negative: negative, digits: list, exponent: exponent + list.count - 1)
  }

  /// Both mantissas at the smaller exponent; nil when one would not fit.
  private static func aligned(_ a: ExactDecimal, _ b: ExactDecimal) -> (UInt128, UInt128)? {
    if a.isZero { return (0, b.mantissa) }
    if b.isZero { return (a.mantissa, 0) }
    let e = min(a.exponent, b.exponent)
    func scale(_ x: ExactDecimal) -> UInt128? {
      let shift = x.exponent - e
      guard shift < powers.count else { return nil }
      let (r, overflow) = x.mantissa.multipliedReportingOverflow(by: powers[shift])
      return overflow ? nil : r
    }
    guard let x = scale(a), let y = scale(b) else { return nil }
    return (x, y)
  }

  private static let limit = powers[38]

  package static func + (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal? {
    guard let (x, y) = aligned(a, b) else { return nil }
    let e = a.isZero ? b.exponent : b.isZero ? a.exponent : min(a.exponent, b.exponent)
    if a.negative == b.negative {
      let (sum, overflow) = x.addingReportingOverflow(y)
      guard !overflow, sum < limit else { return nil }
      return ExactDecimal(negative: a.negative, mantissa: sum, exponent: e)
    }
    return x >= y
      ? ExactDecimal(negative: a.negative, mantissa: x - y, exponent: e)
      : ExactDecimal(negative: b.negative, mantissa: y - x, exponent: e)
  }

  package static func - (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal? { a + (-b) }

  package static func * (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal? {
    let (product, overflow) = a.mantissa.multipliedReportingOverflow(by: b.mantissa)
    guard !overflow, product < limit else { return nil }
    return ExactDecimal(negative: a.negative != b.negative, mantissa: product, exponent: a.exponent + b.exponent)
  }

  /// Whether |a| ≤ |b|; nil when they cannot be compared exactly.
  package static func magnitude(_ a: ExactDecimal, atMost b: ExactDecimal) -> Bool? {
    guard let (x, y) = aligned(a, b) else { return nil }
    return x <= y
  }
}

extension ExactDecimal {
  /// Whether a ≤ b; nil when they cannot be compared exactly.
  package static func isAtMost(_ a: ExactDecimal, _ b: ExactDecimal) -> Bool? {
    guard let d = b - a else { return nil }
    return !d.negative || d.isZero
  }
}
