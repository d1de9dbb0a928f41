/// Reading and writing an ``ExactDecimal`` as positional text straight from and into bytes, without the list of
/// digits ``DecimalDigits`` holds: the texts of ``AcceptedInterval`` (its key, half-width and bounds) are read
/// and written once per interval, and every drawn candidate has several intervals.
extension ExactDecimal {
  /// The value of a decimal text, as ``DecimalDigits(parsing:)`` reads it; nil where that does not parse it or
  /// gives more than 38 significant digits.
  package init?(text: String) {
    if let fast = ExactDecimal.positional(text.utf8.span) {
      self = fast
    } else if let digits = DecimalDigits(parsing: text), let value = ExactDecimal(digits) {
      self = value
    } else {
      return nil
    }
  }

  /// `[-+]digits[.digits]` (at least one digit, at most 38 significant ones), read in one pass; nil for
  /// anything else (an exponent, more digits), which ``DecimalDigits`` then reads.
  private static func positional(_ utf8: Span<UInt8>) -> ExactDecimal? {
    var i = 0
    var negative = false
    if utf8.count > 0, utf8[0] == UInt8(ascii: "-") || utf8[0] == UInt8(ascii: "+") {
      negative = utf8[0] == UInt8(ascii: "-")
      i = 1
    }
    var mantissa: UInt128 = 0
    var significant = 0
    // Zeros after the last non-zero digit: multiplied in only when another non-zero digit follows.
    var pendingZeros = 0
    var fractionDigits = 0
    var digitCount = 0
    var seenPoint = false
    while i < utf8.count {
      let byte = utf8[i]
      i += 1
      if byte == UInt8(ascii: ".") {
        guard !seenPoint else { return nil }
        seenPoint = true
        continue
      }
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      digitCount += 1
      if seenPoint { fractionDigits += 1 }
      let digit = byte - UInt8(ascii: "0")
      if digit == 0 {
        if mantissa != 0 { pendingZeros += 1 }
        continue
      }
      let step = pendingZeros + 1
      guard significant + step <= 38 else { return nil }
      mantissa = mantissa * powers[step] + UInt128(digit)
      significant += step
      pendingZeros = 0
    }
    guard digitCount > 0 else { return nil }
    return ExactDecimal(negative: negative, mantissa: mantissa, exponent: pendingZeros - fractionDigits)
  }

  /// The value as text: positional, ASCII minus, no trailing zeros (as ``DecimalDigits/text`` writes it).
  package var text: String {
    if isZero { return "0" }
    guard mantissa < ExactDecimal.powers[38] else { return digits.text }  // a difference may reach 39 digits
    // The mantissa's digits (at most 38), written from the end.
    var buffer = InlineArray<40, UInt8>(repeating: UInt8(ascii: "0"))
    var places = buffer.mutableSpan
    var start = places.count
    // Below 10³⁸: at most one 128-bit division leaves parts below 10¹⁹, written in 64-bit arithmetic, the lower
    // one padded to 19 digits when the higher follows.
    var (high, low) = (UInt64(0), UInt64(0))
    if mantissa <= UInt128(UInt64.max) {
      low = UInt64(mantissa)
    } else {
      let (q, r) = mantissa.quotientAndRemainder(dividingBy: ExactDecimal.powers[19])
      (high, low) = (UInt64(q), UInt64(r))
    }
    while low > 0 {
      start -= 1
      places[start] = UInt8(ascii: "0") + UInt8(low % 10)
      low /= 10
    }
    if high > 0 {
      start = min(start, places.count - 19)  // the places before hold zeros already
      while high > 0 {
        start -= 1
        places[start] = UInt8(ascii: "0") + UInt8(high % 10)
        high /= 10
      }
    }
    let digits = places.span.extracting(start..<places.count)
    let count = digits.count
    let pointAfter = exponent + count  // digits before the point
    // Written straight into the string's storage (no intermediate array): sign, digits, zeros and point.
    return String(unsafeUninitializedCapacity: count + abs(exponent) + 3) { out in
      var n = 0
      func put(_ byte: UInt8) {
        out[n] = byte
        n += 1
      }
      func put(_ range: Range<Int>) { for i in range { put(digits[i]) } }
      if negative { put(UInt8(ascii: "-")) }
      if pointAfter <= 0 {
        put(UInt8(ascii: "0"))
        put(UInt8(ascii: "."))
        for _ in 0..<(-pointAfter) { put(UInt8(ascii: "0")) }
        put(0..<count)
      } else if pointAfter >= count {
        put(0..<count)
        for _ in 0..<(pointAfter - count) { put(UInt8(ascii: "0")) }
      } else {
        put(0..<pointAfter)
        put(UInt8(ascii: "."))
        put(pointAfter..<count)
      }
      return n
    }
  }
}
