#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#else
  import Darwin
#endif

/// The byte writers behind ``NumberFormat``: fixed and scientific notation, the shortest exact decimal, and the
/// typography for people (U+2212 minus, `× 10` with a superscript exponent), appended to a UTF-8 buffer.
extension NumberFormat {
  /// `x` with `digits` decimals, as C's `%.{digits}f`, except that a negative zero (`-0.00`) loses its sign.
  static func appendFixed(_ x: Double, digits: Int, to bytes: inout [UInt8]) {
    let start = bytes.count
    if !appendFastFixed(x, digits: digits, to: &bytes) {
      appendPrintf(x, digits: digits, conversion: UInt8(ascii: "f"), to: &bytes)
    }
    if bytes.count > start + 1, bytes[start] == UInt8(ascii: "-"),
      bytes[(start + 1)...].allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") })
    {
      bytes.remove(at: start)
    }
  }

  /// `%.{digits}f` of `x` from ``roundedScaled(_:digits:)``'s whole number, when that applies; false otherwise,
  /// with nothing appended.
  private static func appendFastFixed(_ x: Double, digits: Int, to bytes: inout [UInt8]) -> Bool {
    guard let (scaled, _) = roundedScaled(x, digits: digits), abs(scaled) < 1e15 else { return false }
    // At most 15 digits of the whole number, padded with zeros to digits + 1 (≤ 23): 24 places suffice.
    var buffer = InlineArray<24, UInt8>(repeating: UInt8(ascii: "0"))
    var places = buffer.mutableSpan
    var end = writeDigits(UInt64(abs(scaled)), endingIn: &places)
    // The places before the digits already hold zeros: padding is moving `end` left.
    end = min(end, places.count - (digits + 1))
    if x < 0 || (x == 0 && x.sign == .minus) { bytes.append(UInt8(ascii: "-")) }
    let point = places.count - digits
    bytes.append(span: places.span, end..<point)
    if digits > 0 {
      bytes.append(UInt8(ascii: "."))
      bytes.append(span: places.span, point..<places.count)
    }
    return true
  }

  /// `x` as C's `%.{digits}e` with the exponent shortened: `4.909e+07` → `4.909e7`, `1.20e-05` → `1.20e-5`.
  static func appendScientific(_ x: Double, digits: Int, to bytes: inout [UInt8]) {
    let start = bytes.count
    appendPrintf(x, digits: digits, conversion: UInt8(ascii: "e"), to: &bytes)
    guard let e = bytes[start...].firstIndex(of: UInt8(ascii: "e")) else { return }
    var i = e + 1
    let negative = i < bytes.count && bytes[i] == UInt8(ascii: "-")
    while i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
    while i < bytes.count, bytes[i] == UInt8(ascii: "0") { i += 1 }
    let exponentStart = i
    let exponentEnd = bytes.count
    var write = e + 1
    if negative {
      bytes[write] = UInt8(ascii: "-")
      write += 1
    }
    if exponentStart == exponentEnd {
      bytes[write] = UInt8(ascii: "0")
      write += 1
    } else {
      for k in exponentStart..<exponentEnd {
        bytes[write] = bytes[k]
        write += 1
      }
    }
    bytes.removeSubrange(write...)
  }

  /// C's `%.{digits}f` or `%.{digits}e` of `x` (correctly rounded, `.` as the point).
  static func appendPrintf(_ x: Double, digits: Int, conversion: UInt8, to bytes: inout [UInt8]) {
    // A double has at most 309 digits before the point; 340 covers them, the sign, point and exponent.
    let capacity = 340 + max(digits, 0)
    let text = printf(
      conversion == UInt8(ascii: "e") ? "%.*e" : "%.*f", [Int32(clamping: digits), x], capacity: capacity)
    precondition(!text.isEmpty, "Cannot format \(x) with \(digits) digits")
    bytes.append(contentsOf: text)
  }

  /// What C's `vsnprintf` writes for `format` and `arguments` (at most `capacity` − 1 bytes), or no bytes when
  /// it fails or would write more: the one place the number writers hand memory to C.
  static func printf(_ format: String, _ arguments: [any CVarArg], capacity: Int) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
      // vsnprintf writes at most `capacity` bytes into `buffer` (its capacity), the last a NUL, and returns the
      // length it wanted: only when that is below `capacity` are the first `count` bytes all written.
      let count = withVaList(arguments) { list in
        buffer.withMemoryRebound(to: CChar.self) { vsnprintf($0.baseAddress!, capacity, format, list) }
      }
      initialized = count > 0 && Int(count) < capacity ? Int(count) : 0
    }
  }

  /// Rewrites the ASCII number at `bytes[start...]` for people: `-1.20e-5` → `−1.20 × 10⁻⁵`, `-95.02` → `−95.02`.
  static func prettify(_ bytes: inout [UInt8], from start: Int) {
    guard bytes[start...].contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "e") }) else { return }
    let text = Array(bytes[start...])
    bytes.removeSubrange(start...)
    var inExponent = false
    for b in text {
      if inExponent {
        if let replacement = superscriptBytes(b) { bytes.append(contentsOf: replacement) } else { bytes.append(b) }
      } else if b == UInt8(ascii: "e") {
        bytes.append(contentsOf: timesTen)
        inExponent = true
      } else if b == UInt8(ascii: "-") {
        bytes.append(contentsOf: minusSign)
      } else {
        bytes.append(b)
      }
    }
  }

  /// ``exact(_:)`` of `x`, appended to `bytes`.
  public static func appendExact(_ x: Double, to bytes: inout [UInt8]) {
    guard x.isFinite else {
      if x.isNaN {
        bytes.append(contentsOf: "NaN".utf8)
      } else {
        if x < 0 { bytes.append(contentsOf: minusSign) }
        bytes.append(contentsOf: "∞".utf8)
      }
      return
    }
    let start = bytes.count
    if x == x.rounded(), abs(x) < 1e15 {
      appendInteger(Int64(x), to: &bytes)
    } else if abs(x) >= 1e-6, abs(x) < 1e15 {
      let description = Array("\(x)".utf8)
      if let e = description.firstIndex(of: UInt8(ascii: "e")) {
        // Swift writes 1e-05; spell it out in positional notation.
        let exponent = Int(String(decoding: description[(e + 1)...], as: UTF8.self)) ?? 0
        appendPrintf(x, digits: max(0, -exponent + 15), conversion: UInt8(ascii: "f"), to: &bytes)
        while bytes.count > start, bytes.last == UInt8(ascii: "0") { bytes.removeLast() }
        if bytes.count > start, bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
      } else {
        bytes.append(contentsOf: description)
      }
    } else {
      // Swift's `1e-07` and `1e+20` as `1e-7` and `1e20`.
      let description = Array("\(x)".utf8)
      var i = 0
      while i < description.count {
        let b = description[i]
        bytes.append(b)
        i += 1
        guard b == UInt8(ascii: "e"), i < description.count else { continue }
        if description[i] == UInt8(ascii: "+") {
          i += 1
        } else if description[i] == UInt8(ascii: "-") {
          bytes.append(UInt8(ascii: "-"))
          i += 1
          if i < description.count, description[i] == UInt8(ascii: "0") { i += 1 }
        }
      }
    }
    prettify(&bytes, from: start)
  }

  /// The decimal digits of `value`, with `-` when negative.
  static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var buffer = InlineArray<20, UInt8>(repeating: 0)
    var places = buffer.mutableSpan
    let end = writeDigits(value.magnitude, endingIn: &places)
    bytes.append(span: places.span, end..<places.count)
  }

  /// Writes the decimal digits of `magnitude` at the end of `places` and returns where they start; `places`
  /// holds at least 20 bytes, the digits of `UInt64.max`.
  private static func writeDigits(_ magnitude: UInt64, endingIn places: inout MutableSpan<UInt8>) -> Int {
    var magnitude = magnitude
    var end = places.count
    repeat {
      end -= 1
      places[end] = UInt8(ascii: "0") + UInt8(magnitude % 10)
      magnitude /= 10
    } while magnitude > 0
    return end
  }

  /// U+2212 MINUS SIGN in UTF-8.
  static let minusSign: [UInt8] = Array("\u{2212}".utf8)
  private static let timesTen: [UInt8] = Array(" × 10".utf8)
  private static let superscripts: [[UInt8]] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"].map { Array($0.utf8) }
  private static let superscriptMinus: [UInt8] = Array("⁻".utf8)
  private static let superscriptPlus: [UInt8] = Array("⁺".utf8)

  /// The superscript of an ASCII digit or sign, or nil for any other byte.
  static func superscriptBytes(_ b: UInt8) -> [UInt8]? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): superscripts[Int(b - UInt8(ascii: "0"))]
    case UInt8(ascii: "-"): superscriptMinus
    case UInt8(ascii: "+"): superscriptPlus
    default: nil
    }
  }
}
