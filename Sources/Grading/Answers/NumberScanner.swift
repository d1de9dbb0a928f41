import QuizModel

/// The byte-level reader behind ``AnswerParser``: sign, digits with group and decimal separators, an
/// exponent in any of the accepted spellings, and the text of a unit.
struct NumberScanner {
  enum Result {
    case blank
    /// A number; `unit` is the byte range of the unit text (empty for none).
    case number(ParsedNumber, unit: Range<Int>)
    case unreadable(String)
  }

  private let bytes: ByteView
  private var i: Int
  private var end: Int

  init(_ bytes: ByteView) {
    self.bytes = bytes
    i = 0
    end = bytes.count
  }

  // MARK: Scalars

  /// The Unicode scalar at `index` and its length in bytes (invalid UTF-8 reads as U+FFFD, one byte).
  @inline(__always)
  private func scalar(at index: Int) -> (UInt32, Int) {
    let b0 = bytes[index]
    if b0 < 0x80 { return (UInt32(b0), 1) }
    if b0 & 0xE0 == 0xC0, index + 1 < end { return (UInt32(b0 & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
    if b0 & 0xF0 == 0xE0, index + 2 < end {
      return (UInt32(b0 & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
    }
    if b0 & 0xF8 == 0xF0, index + 3 < end {
      return (
        UInt32(b0 & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
          | UInt32(bytes[index + 3] & 0x3F), 4
      )
    }
    return (0xFFFD, 1)
  }

  /// The scalar ending at `end` (for trimming from the right) and its length.
  private func scalar(before index: Int) -> (UInt32, Int) {
    var start = index - 1
    while start > 0, bytes[start] & 0xC0 == 0x80, index - start < 4 { start -= 1 }
    let (s, n) = scalar(at: start)
    return n == index - start ? (s, n) : (0xFFFD, 1)
  }

  static func isSpace(_ s: UInt32) -> Bool {
    s == 0x20 || s == 0x09 || s == 0x0A || s == 0x0D || s == 0xA0 || (0x2000...0x200B).contains(s) || s == 0x202F
      || s == 0x205F || s == 0x3000 || s == 0xFEFF
  }

  static func isMinus(_ s: UInt32) -> Bool {
    s == 0x2D || s == 0x2212 || (0x2010...0x2015).contains(s) || s == 0xFE63 || s == 0xFF0D || s == 0x207B
  }

  static func isPlus(_ s: UInt32) -> Bool { s == 0x2B || s == 0xFF0B || s == 0x207A }

  static func isTimes(_ s: UInt32) -> Bool {
    s == 0x78 || s == 0x58 || s == 0x2A || s == 0xD7 || s == 0xB7 || s == 0x22C5 || s == 0x2219
  }

  static func superscriptDigit(_ s: UInt32) -> UInt32? {
    switch s {
    case 0x2070: 0
    case 0xB9: 1
    case 0xB2: 2
    case 0xB3: 3
    case 0x2074...0x2079: s - 0x2070
    default: nil
    }
  }

  private mutating func skipSpaces() {
    while i < end {
      let (s, n) = scalar(at: i)
      guard NumberScanner.isSpace(s) else { return }
      i += n
    }
  }

  @inline(__always)
  private func digit(at index: Int) -> UInt64? {
    guard index < end else { return nil }
    let b = bytes[index]
    return b >= 0x30 && b <= 0x39 ? UInt64(b - 0x30) : nil
  }

  // MARK: Scanning

  enum Separator: Equatable {
    case dot, comma, space, apostrophe
    var bit: UInt8 {
      switch self {
      case .dot: 1
      case .comma: 2
      case .space: 4
      case .apostrophe: 8
      }
    }
  }

  /// Whether `bytes` hold no answer: nothing but the spaces ``scan()`` trims (the same test, so that a reader
  /// that only asks this agrees with the grader).
  static func isBlank(_ bytes: ByteView) -> Bool {
    var scanner = NumberScanner(bytes)
    scanner.skipSpaces()
    return scanner.i == scanner.end
  }

  mutating func scan() -> Result {
    // Trim.
    skipSpaces()
    while end > i {
      let (s, n) = scalar(before: end)
      guard NumberScanner.isSpace(s) else { break }
      end -= n
    }
    if i == end { return .blank }

    // Sign.
    var negative = false
    let (s0, n0) = scalar(at: i)
    if NumberScanner.isMinus(s0) {
      negative = true
      i += n0
      skipSpaces()
    } else if NumberScanner.isPlus(s0) {
      i += n0
      skipSpaces()
    }

    // Digits and separators.
    var significand: UInt64 = 0
    var dropped = 0  // digits not kept in the significand (past 18)
    var digitCount = 0
    var leadingZeros = 0  // zeros before the first non-zero digit
    var trailingZeros = 0  // zeros after the last non-zero digit
    var seenNonZero = false
    var firstGroup = 0  // digits before the first separator
    var firstGroupIsZero = true
    var group = 0  // digits since the last separator
    var separators = 0
    var innerGroupsAreThree = true  // every group between two separators has three digits
    var last: Separator? = nil
    var lastCount = 0  // how many separators of the last separator's kind
    var kinds: UInt8 = 0  // a bit for each kind of separator seen
    scanDigits: while i < end {
      if let d = digit(at: i) {
        i += 1
        digitCount += 1
        group += 1
        if separators == 0 {
          firstGroup += 1
          if d != 0 { firstGroupIsZero = false }
        }
        if d == 0 {
          if seenNonZero { trailingZeros += 1 } else { leadingZeros += 1 }
        } else {
          seenNonZero = true
          trailingZeros = 0
        }
        if significand < 100_000_000_000_000_000 {
          significand = significand * 10 + d
        } else {
          dropped += 1
        }
        continue
      }
      let (s, n) = scalar(at: i)
      let kind: Separator
      switch s {
      case 0x2E: kind = .dot
      case 0x2C: kind = .comma
      case 0x27, 0x2019: kind = .apostrophe
      case _ where NumberScanner.isSpace(s): kind = .space
      default: break scanDigits
      }
      // Spaces and apostrophes only group digits: a digit must follow directly.
      let followedByDigit = digit(at: i + n) != nil
      if kind == .space || kind == .apostrophe {
        guard digitCount > 0, followedByDigit, group > 0 else { break scanDigits }
      } else if !followedByDigit, digitCount == 0 {
        break scanDigits
      }
      if separators > 0, group != 3 { innerGroupsAreThree = false }
      if last == kind { lastCount += 1 } else { lastCount = kinds & kind.bit != 0 ? 2 : 1 }
      kinds |= kind.bit
      last = kind
      separators += 1
      group = 0
      i += n
      if !followedByDigit { break scanDigits }
    }
    guard digitCount > 0 else {
      return .unreadable(negative || i > 0 ? "no digits after the sign" : "not a number")
    }

    // Decide which separator, if any, is the decimal point.
    var fractionDigits = 0
    var hasDecimalPoint = false
    if let last {
      let lastGroup = group
      let groupsOK = (1...3).contains(firstGroup) && innerGroupsAreThree
      switch last {
      case .space, .apostrophe:
        guard groupsOK, lastGroup == 3 else { return .unreadable("digit groups are not of three") }
      case .dot, .comma:
        if lastCount > 1 {
          // 1,234,567 or 1.234.567: all group separators.
          guard groupsOK, lastGroup == 3, kinds & (last == .dot ? Separator.comma : .dot).bit == 0 else {
            return .unreadable("digit groups are not of three")
          }
        } else if separators > 1 {
          // 1 234,5 or 1,234.5: the last one is the decimal point.
          let innerOK = (1...3).contains(firstGroup) && innerGroupsAreThree
          guard innerOK else { return .unreadable("digit groups are not of three") }
          fractionDigits = lastGroup
          hasDecimalPoint = true
        } else if last == .comma, (1...3).contains(firstGroup), !firstGroupIsZero, lastGroup == 3 {
          return .unreadable("ambiguous: the comma may be a decimal comma or separate thousands")
        } else {
          fractionDigits = lastGroup
          hasDecimalPoint = true
        }
      }
    }
    let sigMax = max(digitCount - leadingZeros, 1)
    let sigMin = hasDecimalPoint ? sigMax : max(sigMax - trailingZeros, 1)
    var exponent = dropped - fractionDigits

    // Exponent.
    let beforeExponent = i
    skipSpaces()
    if i < end {
      let (s, n) = scalar(at: i)
      if s == 0x65 || s == 0x45 {  // e, E
        var j = i + n
        if let e = readExponentDigits(from: &j, superscript: false) {
          exponent += e
          i = j
        } else {
          i = beforeExponent
        }
      } else if NumberScanner.isTimes(s) {
        var j = i + n
        while j < end, case (let t, let m) = scalar(at: j), NumberScanner.isSpace(t) { j += m }
        guard j + 1 < end, bytes[j] == 0x31, bytes[j + 1] == 0x30 else {
          return .unreadable("a multiplication sign without a power of ten")
        }
        j += 2
        var e: Int? = nil
        if j < end, bytes[j] == 0x5E {  // ^
          j += 1
          let parenthesized = j < end && bytes[j] == 0x28
          if parenthesized { j += 1 }
          e = readExponentDigits(from: &j, superscript: false)
          if parenthesized {
            if j < end, bytes[j] == 0x29 { j += 1 } else { e = nil }
          }
        } else if j + 1 < end, bytes[j] == 0x2A, bytes[j + 1] == 0x2A {  // **
          j += 2
          e = readExponentDigits(from: &j, superscript: false)
        } else {
          e = readExponentDigits(from: &j, superscript: true)
        }
        guard let e else { return .unreadable("a power of ten without a readable exponent") }
        exponent += e
        i = j
      } else {
        i = beforeExponent
      }
    }

    // Unit.
    skipSpaces()
    var unitEnd = end
    if unitEnd > i, bytes[unitEnd - 1] == 0x2E { unitEnd -= 1 }  // "−95 mV."
    let number = ParsedNumber(
      isNegative: negative && significand != 0, significand: significand,
      exponent: exponent, significantFigures: min(sigMin, sigMax)...sigMax)
    return .number(number, unit: i..<max(i, unitEnd))
  }

  /// Reads `[sign]digits` (ASCII or superscript) as an exponent.
  private func readExponentDigits(from j: inout Int, superscript: Bool) -> Int? {
    var k = j
    var negative = false
    if k < end {
      let (s, n) = scalar(at: k)
      if superscript ? s == 0x207B || NumberScanner.isMinus(s) : NumberScanner.isMinus(s) {
        negative = true
        k += n
      } else if superscript ? s == 0x207A : NumberScanner.isPlus(s) {
        k += n
      }
    }
    var value = 0
    var digits = 0
    while k < end {
      let (s, n) = scalar(at: k)
      let d: UInt32?
      if superscript { d = NumberScanner.superscriptDigit(s) } else { d = (0x30...0x39).contains(s) ? s - 0x30 : nil }
      guard let d else { break }
      if value < 10_000 { value = value * 10 + Int(d) }
      digits += 1
      k += n
    }
    guard digits > 0 else { return nil }
    j = k
    return negative ? -value : value
  }
}
