package import Foundation

/// Numbers as QTI files carry them: plain decimal strings, ASCII minus, no exponent, as short as the value
/// allows (`-95.02`, `0.000000000000105`, `7.854`), never a binary artefact such as `1.0500000000000001e-13`.
package enum DecimalText {
  /// The decimal a double stands for, in positional notation: its shortest round-trip digits, cut to 15
  /// significant digits (the precision a double carries faithfully), so binary noise never shows:
  /// `1.05 * 1e-13` (the double 1.0500000000000001e-13) is written `0.000000000000105`.
  package static func exact(_ x: Double) -> String {
    precondition(x.isFinite, "Cannot write \(x) as a decimal")
    if let value = ExactDecimal(fifteenDigitsOf: x) { return value.text }
    return plainShortest(x.description) ?? exactByDigits(x)
  }

  /// ``exact(_:)`` through ``DecimalDigits``, for every double.
  package static func exactByDigits(_ x: Double) -> String {
    var digits = DecimalDigits(parsing: x.description)!
    if digits.digits.count > faithfulDigits {
      digits = DecimalDigits(parsing: rounded15(x))!
    }
    return digits.text
  }

  /// Swift's shortest digits of a double when already positional (`-95.0189`, `100.0`) with at most 15
  /// significant digits, as ``exact(_:)`` writes them (`-95.0189`, `100`); nil otherwise.
  private static func plainShortest(_ text: String) -> String? {
    var utf8 = Array(text.utf8)
    var significant = 0
    var leading = true
    for b in utf8 {
      switch b {
      case UInt8(ascii: "0"): if !leading { significant += 1 }
      case UInt8(ascii: "1")...UInt8(ascii: "9"):
        leading = false
        significant += 1
      case UInt8(ascii: "-"), UInt8(ascii: "."): continue
      default: return nil  // an exponent
      }
    }
    guard let point = utf8.firstIndex(of: UInt8(ascii: ".")) else { return nil }
    // Trailing zeros of the fraction (counted above as significant) and then the point go.
    while utf8.count > point + 1, utf8.last == UInt8(ascii: "0") {
      utf8.removeLast()
      significant -= 1
    }
    if utf8.count == point + 1 { utf8.removeLast() }
    guard significant <= faithfulDigits, !leading else { return leading ? "0" : nil }
    return String(decoding: utf8, as: UTF8.self)
  }

  /// `x` in C's `%.14e` (15 significant digits, correctly rounded), as `String(format:)` gives it.
  private static func rounded15(_ x: Double) -> String {
    let text = NumberFormat.printf("%.14e", [x], capacity: 48)
    precondition(!text.isEmpty, "Cannot format \(x)")
    return String(decoding: text, as: UTF8.self)
  }

  /// The locale numbers are read and written in: ASCII digits, `.` as the decimal point.
  package static let posix = Locale(identifier: "en_US_POSIX")

  /// Significant digits a double always carries faithfully (DBL_DIG).
  package static let faithfulDigits = 15

  /// The exact decimal value of the shortest representation of `x`.
  package static func decimal(_ x: Double) -> Decimal { Decimal(string: exact(x), locale: posix)! }
}

extension Decimal {
  /// Positional notation with ASCII digits, whatever the locale.
  package var plainString: String {
    var copy = self
    return NSDecimalString(&copy, DecimalText.posix)
  }
}

/// A decimal number as sign, significant digits and the power of ten of its first digit.
package struct DecimalDigits: Sendable {
  package var negative: Bool
  /// Significant digits without leading or trailing zeros; empty for zero.
  package var digits: [Int]
  /// The power of ten of the first digit.
  package var exponent: Int

  /// Parses `-95.02`, `1.05e-13`, `7.854e-12`, `1e+20`, `0` (ASCII only).
  package init?(parsing text: String) {
    var bytes = Array(text.utf8)
    var negative = false
    if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      bytes.removeFirst()
    }
    var power = 0
    if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
      guard let p = Int(String(decoding: bytes[(e + 1)...], as: UTF8.self)) else { return nil }
      power = p
      bytes.removeSubrange(e...)
    }
    guard !bytes.isEmpty else { return nil }
    var all: [Int] = []
    all.reserveCapacity(bytes.count)
    var integerCount = 0
    var seenPoint = false
    for b in bytes {
      if b == UInt8(ascii: ".") {
        guard !seenPoint else { return nil }
        seenPoint = true
        continue
      }
      guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
      all.append(Int(b - UInt8(ascii: "0")))
      if !seenPoint { integerCount += 1 }
    }
    var first = power + integerCount - 1
    var start = 0
    while start < all.count, all[start] == 0 {
      start += 1
      first -= 1
    }
    var end = all.count
    while end > start, all[end - 1] == 0 { end -= 1 }
    digits = Array(all[start..<end])
    exponent = digits.isEmpty ? 0 : first
    self.negative = negative && !digits.isEmpty
  }

  package init(negative: Bool, digits: [Int], exponent: Int) {
    self.negative = negative
    self.digits = digits
    self.exponent = exponent
  }

  /// The first `keep` significant digits, rounded toward +∞ (`up`) or −∞.
  package func rounded(keepingSignificant keep: Int, up: Bool) -> DecimalDigits {
    guard keep < digits.count else { return self }
    var kept = Array(digits.prefix(keep))
    var first = exponent
    let droppedNonZero = digits.dropFirst(keep).contains { $0 != 0 }
    if droppedNonZero, up != negative {  // the rounding direction points away from zero
      var i = kept.count - 1
      while i >= 0, kept[i] == 9 {
        kept[i] = 0
        i -= 1
      }
      if i >= 0 {
        kept[i] += 1
      } else {
        kept.insert(1, at: 0)
        first += 1
      }
    }
    while kept.last == 0 { kept.removeLast() }
    return DecimalDigits(negative: negative && !kept.isEmpty, digits: kept, exponent: first)
  }

  /// Positional notation: `-97.4204`, `0.000000000000105`, `120000`.
  package var text: String {
    if digits.isEmpty { return "0" }
    let zero = UInt8(ascii: "0")
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count + max(0, -exponent) + max(0, exponent) + 3)
    if negative { bytes.append(UInt8(ascii: "-")) }
    let pointAfter = exponent + 1
    if pointAfter <= 0 {
      bytes.append(zero)
      bytes.append(UInt8(ascii: "."))
      for _ in 0..<(-pointAfter) { bytes.append(zero) }
      for d in digits { bytes.append(zero + UInt8(d)) }
    } else if pointAfter >= digits.count {
      for d in digits { bytes.append(zero + UInt8(d)) }
      for _ in 0..<(pointAfter - digits.count) { bytes.append(zero) }
    } else {
      for (i, d) in digits.enumerated() {
        if i == pointAfter { bytes.append(UInt8(ascii: ".")) }
        bytes.append(zero + UInt8(d))
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
