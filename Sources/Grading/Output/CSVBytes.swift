import QuizModel

/// Building CSV lines as bytes, without per-byte work on a class's storage.
extension Array where Element == UInt8 {
  /// Appends `bytes` as one CSV field, quoted when it holds a comma, a quote or a line break.
  mutating func appendCSVField(_ bytes: UnsafeBufferPointer<UInt8>) {
    var needsQuotes = false
    for b in bytes where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
      needsQuotes = true
      break
    }
    if !needsQuotes {
      append(contentsOf: bytes)
      return
    }
    append(0x22)
    for b in bytes {
      if b == 0x22 { append(0x22) }
      append(b)
    }
    append(0x22)
  }

  /// Appends `text` as one CSV field, quoted when needed.
  mutating func appendCSVField(_ text: String) {
    var t = text
    t.withUTF8 { appendCSVField($0) }
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
