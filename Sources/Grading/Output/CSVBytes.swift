import QuizModel

/// Building CSV lines as bytes, without per-byte work on a class's storage.
extension Array where Element == UInt8 {
  /// Appends `bytes` as one CSV field: quoted when it holds a comma, a quote or a line break; invalid UTF-8
  /// replaced by U+FFFD exactly as `String(decoding:as:)` does (so the same input gives the same text in every
  /// output); and, when `formulaSafe`, a text that a spreadsheet would run as a formula prefixed with `'`
  /// (see ``needsFormulaGuard(_:)``).
  mutating func appendCSVField(_ bytes: ByteView, formulaSafe: Bool = true) {
    let span = bytes.storage.span.extracting(bytes.range)
    // Most fields are ASCII with nothing to quote: one pass finds out, and they are copied as they are.
    var plain = true
    for i in span.indices {
      let b = span[i]
      if b >= 0x80 || b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
        plain = false
        break
      }
    }
    if plain {
      if formulaSafe, needsFormulaGuard(span) { append(0x27) }
      append(contentsOf: bytes.slice)
      return
    }
    if !isASCII(span), InputFile.firstInvalidUTF8Offset(span) != nil {
      appendCSVField(String(decodingUTF8: span), formulaSafe: formulaSafe)
      return
    }
    if !appendQuotedIfNeeded(span, formulaSafe: formulaSafe) { append(contentsOf: bytes.slice) }
  }

  /// Appends `text` as one CSV field, quoted and guarded when needed (a `String` is valid UTF-8: nothing to
  /// repair).
  mutating func appendCSVField(_ text: String, formulaSafe: Bool = true) {
    if !appendQuotedIfNeeded(text.utf8.span, formulaSafe: formulaSafe) { append(contentsOf: text.utf8) }
  }

  /// Appends the valid UTF-8 `bytes` quoted (doubling its quotes, after the formula guard `'` when needed) and
  /// returns true when it holds a comma, a quote or a line break; otherwise appends only the guard, if needed,
  /// and returns false: the caller then appends the bytes as they are (the fast copy it has).
  private mutating func appendQuotedIfNeeded(_ bytes: Span<UInt8>, formulaSafe: Bool) -> Bool {
    let guarded = formulaSafe && needsFormulaGuard(bytes)
    var needsQuotes = false
    for i in bytes.indices {
      let b = bytes[i]
      if b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
        needsQuotes = true
        break
      }
    }
    if !needsQuotes {
      if guarded { append(0x27) }
      return false
    }
    append(0x22)
    if guarded { append(0x27) }
    for i in bytes.indices {
      if bytes[i] == 0x22 { append(0x22) }
      append(bytes[i])
    }
    append(0x22)
    return true
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

  /// Appends a parsed response as `responses.csv` writes it: an integer in plain digits (without making a
  /// `String`), any other number as Swift's shortest round-trip decimal, nothing for infinity or NaN.
  mutating func appendCSVNumber(_ x: Double) {
    guard x.isFinite else { return }
    if x == x.rounded(), abs(x) < 1e15 {
      let n = Int64(x)
      if n < 0 { append(UInt8(ascii: "-")) }
      appendDecimal(Int(n.magnitude))
      return
    }
    appendText(x.description)
  }

  /// Appends `text` as it is.
  mutating func appendText(_ text: String) { append(utf8: text) }
}

/// Whether a CSV text cell would be run as a formula by a spreadsheet: it begins with `=`, `+`, `-`, `@`, a
/// tab or a carriage return and is not a plain number (`-95`, `+1.5e-3` and `-0.02` stay numbers). Such a cell
/// is written with a leading `'`, which spreadsheets show as text and do not run (`=HYPERLINK(…)` becomes
/// `'=HYPERLINK(…)`).
func needsFormulaGuard(_ bytes: Span<UInt8>) -> Bool {
  guard !bytes.isEmpty else { return false }
  switch bytes[0] {
  case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D: return true
  case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isPlainNumber(bytes)
  default: return false
  }
}

/// `[+-]?(digits[.digits] | .digits)([eE][+-]?digits)?`, nothing else.
func isPlainNumber(_ bytes: Span<UInt8>) -> Bool {
  let n = bytes.count
  /// The end of the run of ASCII digits from `i`.
  func digitsEnd(from i: Int, in bytes: Span<UInt8>) -> Int {
    var j = i
    while j < n, bytes[j] >= 0x30, bytes[j] <= 0x39 { j += 1 }
    return j
  }
  var i = 0
  if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
  var end = digitsEnd(from: i, in: bytes)
  var mantissa = end - i
  i = end
  if i < n, bytes[i] == UInt8(ascii: ".") {
    end = digitsEnd(from: i + 1, in: bytes)
    mantissa += end - (i + 1)
    i = end
  }
  guard mantissa > 0 else { return false }
  if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
    i += 1
    if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
    end = digitsEnd(from: i, in: bytes)
    guard end > i else { return false }
    i = end
  }
  return i == n
}

/// Whether every byte of `bytes` is ASCII.
func isASCII(_ bytes: Span<UInt8>) -> Bool {
  for i in bytes.indices where bytes[i] >= 0x80 { return false }
  return true
}
