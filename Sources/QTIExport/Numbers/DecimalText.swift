import Foundation

/// Numbers as QTI files carry them: plain decimal strings, ASCII minus, no exponent, as short as the value
/// allows (`-95.02`, `0.000000000000105`, `7.854`), never a binary artefact such as `1.0500000000000001e-13`.
enum DecimalText {
  /// The decimal a double stands for, in positional notation: its shortest round-trip digits, cut to 15
  /// significant digits (the precision a double carries faithfully), so binary noise never shows:
  /// `1.05 * 1e-13` (the double 1.0500000000000001e-13) is written `0.000000000000105`.
  static func exact(_ x: Double) -> String {
    precondition(x.isFinite, "Cannot write \(x) as a decimal")
    var digits = DecimalDigits(parsing: "\(x)")!
    if digits.digits.count > faithfulDigits {
      digits = DecimalDigits(parsing: String(format: "%.\(faithfulDigits - 1)e", x))!
    }
    return digits.text
  }

  /// The locale numbers are read and written in: ASCII digits, `.` as the decimal point.
  static let posix = Locale(identifier: "en_US_POSIX")

  /// Significant digits a double always carries faithfully (DBL_DIG).
  static let faithfulDigits = 15

  /// The exact decimal value of the shortest representation of `x`.
  static func decimal(_ x: Double) -> Decimal { Decimal(string: exact(x), locale: posix)! }

  /// Up to this many significant digits, a bound is written exactly rather than rounded outward.
  static let shortDigits = 10

  /// `value` as a short decimal string, rounded toward +∞ (`up`) or −∞ by at most `slack`.
  ///
  /// - Returns: The string and whether it differs from `value` (the bound moved outward).
  static func outward(_ value: Decimal, up: Bool, slack: Decimal) -> (text: String, widened: Bool) {
    let exactDigits = DecimalDigits(parsing: value.plainString)!
    // A value that is already short is written exactly; only long expansions are shortened.
    guard slack > 0, exactDigits.digits.count > DecimalText.shortDigits else { return (exactDigits.text, false) }
    // Rounding at the place 10^p moves the value by less than 10^p, so start at the coarsest place within slack.
    let finestPlace = Int(floor(log10(NSDecimalNumber(decimal: slack).doubleValue)))
    let firstKeep = max(1, exactDigits.exponent - finestPlace)
    for keep in firstKeep..<max(exactDigits.digits.count, firstKeep) {
      let candidate = exactDigits.rounded(keepingSignificant: keep, up: up)
      guard let candidateValue = Decimal(string: candidate.text, locale: DecimalText.posix)
      else { continue }
      var difference = candidateValue - value
      if difference < 0 { difference = -difference }
      if difference <= slack { return (candidate.text, true) }
    }
    return (exactDigits.text, false)
  }
}

extension Decimal {
  /// Positional notation with ASCII digits, whatever the locale.
  var plainString: String {
    var copy = self
    return NSDecimalString(&copy, DecimalText.posix)
  }
}

/// A decimal number as sign, significant digits and the power of ten of its first digit.
struct DecimalDigits {
  var negative: Bool
  /// Significant digits without leading or trailing zeros; empty for zero.
  var digits: [Int]
  /// The power of ten of the first digit.
  var exponent: Int

  /// Parses `-95.02`, `1.05e-13`, `7.854e-12`, `1e+20`, `0`.
  init?(parsing text: String) {
    var body = Substring(text)
    negative = body.hasPrefix("-")
    if negative || body.hasPrefix("+") { body = body.dropFirst() }
    var power = 0
    if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      guard let p = Int(body[body.index(after: e)...]) else { return nil }
      power = p
      body = body[..<e]
    }
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, !body.isEmpty else { return nil }
    let integer = parts[0]
    let fraction = parts.count > 1 ? parts[1] : ""
    var all: [Int] = []
    for c in integer + fraction {
      guard let d = c.wholeNumberValue, c.isASCII else { return nil }
      all.append(d)
    }
    var first = power + integer.count - 1
    while all.first == 0 { all.removeFirst(); first -= 1 }
    while all.last == 0 { all.removeLast() }
    digits = all
    exponent = all.isEmpty ? 0 : first
    if all.isEmpty { negative = false }
  }

  private init(negative: Bool, digits: [Int], exponent: Int) {
    self.negative = negative
    self.digits = digits
    self.exponent = exponent
  }

  /// The first `keep` significant digits, rounded toward +∞ (`up`) or −∞.
  func rounded(keepingSignificant keep: Int, up: Bool) -> DecimalDigits {
    guard keep < digits.count else { return self }
    var kept = Array(digits.prefix(keep))
    var first = exponent
    let droppedNonZero = digits.dropFirst(keep).contains { $0 != 0 }
    if droppedNonZero, up != negative {  // the rounding direction points away from zero
      var i = kept.count - 1
      while i >= 0, kept[i] == 9 { kept[i] = 0; i -= 1 }
      if i >= 0 { kept[i] += 1 } else { kept.insert(1, at: 0); first += 1 }
    }
    while kept.last == 0 { kept.removeLast() }
    return DecimalDigits(negative: negative && !kept.isEmpty, digits: kept, exponent: first)
  }

  /// Positional notation: `-97.4204`, `0.000000000000105`, `120000`.
  var text: String {
    if digits.isEmpty { return "0" }
    let body = digits.map(String.init).joined()
    let pointAfter = exponent + 1
    var result: String
    if pointAfter <= 0 {
      result = "0." + String(repeating: "0", count: -pointAfter) + body
    } else if pointAfter >= digits.count {
      result = body + String(repeating: "0", count: pointAfter - digits.count)
    } else {
      let i = body.index(body.startIndex, offsetBy: pointAfter)
      result = body[..<i] + "." + body[i...]
    }
    return (negative ? "-" : "") + result
  }
}
