import QuizModel

/// Building CSV lines as bytes, without per-byte work on a class's storage.
extension Array where Element == UInt8 {
  /// Appends `bytes` as one CSV field: quoted when it holds a comma, a quote or a line break; invalid UTF-8
  /// replaced by U+FFFD exactly as `String(decoding:as:)` does (so the same input gives the same text in every
  /// output); and, when `formulaSafe`, a text that a spreadsheet would run as a formula prefixed with `'`
  /// (see ``needsFormulaGuard(_:)``).
  mutating func appendCSVField(_ bytes: UnsafeBufferPointer<UInt8>, formulaSafe: Bool = true) {
    var ascii = true
    for b in bytes where b >= 0x80 {
      ascii = false
      break
    }
    if !ascii, InputFile.firstInvalidUTF8Offset(bytes) != nil {
      var repaired = String(decoding: bytes, as: UTF8.self)
      repaired.withUTF8 { appendValidCSVField($0, formulaSafe: formulaSafe) }
      return
    }
    appendValidCSVField(bytes, formulaSafe: formulaSafe)
  }

  private mutating func appendValidCSVField(_ bytes: UnsafeBufferPointer<UInt8>, formulaSafe: Bool) {
    let guarded = formulaSafe && needsFormulaGuard(bytes)
    var needsQuotes = false
    for b in bytes where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
      needsQuotes = true
      break
    }
    if !needsQuotes {
      if guarded { append(0x27) }
      append(contentsOf: bytes)
      return
    }
    append(0x22)
    if guarded { append(0x27) }
    for b in bytes {
      if b == 0x22 { append(0x22) }
      append(b)
    }
    append(0x22)
  }

  /// Appends `text` as one CSV field, quoted and guarded when needed.
  mutating func appendCSVField(_ text: String, formulaSafe: Bool = true) {
    var t = text
    t.withUTF8 { appendCSVField($0, formulaSafe: formulaSafe) }
  }

  /// Appends a non-negative integer in decimal digits.
  mutating func appendDecimal(_ value: Int) {
    precondition(value >= 0, "Only row numbers and counts are written this way")
    if value < 10 {
      append(0x30 + UInt8(value))
      return
    }
    let start = count
    var v = value
    while v > 0 {
      append(0x30 + UInt8(v % 10))
      v /= 10
    }
    self[start...].reverse()
  }

  /// Appends `text` as it is.
  mutating func appendText(_ text: String) {
    var t = text
    t.withUTF8 { append(contentsOf: $0) }
  }
}

/// Whether a CSV text cell would be run as a formula by a spreadsheet: it begins with `=`, `+`, `-`, `@`, a
/// tab or a carriage return and is not a plain number (`-95`, `+1.5e-3` and `-0.02` stay numbers). Such a cell
/// is written with a leading `'`, which spreadsheets show as text and do not run (`=HYPERLINK(…)` becomes
/// `'=HYPERLINK(…)`).
func needsFormulaGuard(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  guard let first = bytes.first else { return false }
  switch first {
  case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D: return true
  case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isPlainNumber(bytes)
  default: return false
  }
}

/// `[+-]?(digits[.digits] | .digits)([eE][+-]?digits)?`, nothing else.
func isPlainNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  var i = 0
  let n = bytes.count
  func digits() -> Int {
    let start = i
    while i < n, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
    return i - start
  }
  if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
  var mantissa = digits()
  if i < n, bytes[i] == UInt8(ascii: ".") {
    i += 1
    mantissa += digits()
  }
  guard mantissa > 0 else { return false }
  if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
    i += 1
    if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
    guard digits() > 0 else { return false }
  }
  return i == n
}
