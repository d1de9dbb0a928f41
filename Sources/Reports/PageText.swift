import QuizModel

/// Text as pages show it, worked on as UTF-8 bytes: a page renders thousands of stems, prompts and options.
enum PageText {
  /// `text` with the space between a number and the unit or word after it made non-breaking (`140 mM`,
  /// `37 °C`, `−70 mV`), so a line never breaks between a number and its unit.
  static func keepingUnits(_ text: String) -> String {
    var out: [UInt8] = []
    append(text.utf8.span, keepingUnits: true, escaped: false, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// The paragraphs of a stem (blank-line separated), numbers kept with their units; single line breaks stay
  /// in the text (the pages show them with `white-space: pre-line`).
  static func paragraphs(_ text: String) -> [String] {
    var result: [String] = []
    forEachParagraph(text.utf8.span) { paragraph in
      var out: [UInt8] = []
      append(paragraph, keepingUnits: true, escaped: false, to: &out)
      result.append(String(decoding: out, as: UTF8.self))
    }
    return result
  }

  /// `n thing` or `n things`.
  static func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

  /// Appends the UTF-8 text `bytes` (whole characters) to `out`: with `keepingUnits`, each space between a
  /// number and its unit as U+00A0 (``keepingUnits(_:)``); with `escaped`, as HTML (QuizModel's ``HTMLText``).
  /// The no-break spaces are found in the text before escaping, which changes no number or unit.
  static func append(
    _ bytes: Span<UInt8>, keepingUnits: Bool, escaped: Bool, to out: inout [UInt8]
  ) {
    func copy(_ range: Range<Int>, to out: inout [UInt8]) {
      let piece = bytes.extracting(range)
      if escaped { HTMLText.append(utf8: piece, to: &out) } else { out.append(span: piece) }
    }
    var start = 0
    if keepingUnits {
      for i in bytes.indices where bytes[i] == UInt8(ascii: " ") && isUnitSpace(bytes, at: i) {
        copy(start..<i, to: &out)
        out.append(0xC2)
        out.append(0xA0)
        start = i + 1
      }
    }
    copy(start..<bytes.count, to: &out)
  }

  /// Calls `body` with each paragraph of the UTF-8 text `bytes`: the pieces between the blank lines (`\n\n`,
  /// the first line feed not the end of a `\r\n`, as Swift's `split(separator: "\n\n")` matches whole
  /// characters), empty pieces left out.
  static func forEachParagraph(_ bytes: Span<UInt8>, _ body: (Span<UInt8>) -> Void) {
    let lineFeed = UInt8(ascii: "\n")
    var start = 0
    var i = 0
    while i + 1 < bytes.count {
      if bytes[i] == lineFeed, bytes[i + 1] == lineFeed, i == 0 || bytes[i - 1] != UInt8(ascii: "\r") {
        if i > start { body(bytes.extracting(start..<i)) }
        i += 2
        start = i
      } else {
        i += 1
      }
    }
    if bytes.count > start { body(bytes.extracting(start..<bytes.count)) }
  }

  /// Whether the space at `i` stands between a number (a digit or a superscript digit before it) and a unit or
  /// word (a letter, `°`, `%`, `µ` or `Ω` after it).
  private static func isUnitSpace(_ bytes: Span<UInt8>, at i: Int) -> Bool {
    guard i > 0, i + 1 < bytes.count, endsNumber(bytes, before: i) else { return false }
    let next = bytes[i + 1]
    if next < 0x80 {
      return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(next | 0x20) || next == UInt8(ascii: "%")
    }
    guard let scalar = scalar(bytes, at: i + 1) else { return false }
    return scalar.properties.isAlphabetic || scalar == "°" || scalar == "µ" || scalar == "Ω"
  }

  /// Whether the character before `i` is a digit or a superscript digit (`¹²³` U+00B9, U+00B2, U+00B3 and
  /// `⁰⁴…⁹` U+2070, U+2074–U+2079).
  private static func endsNumber(_ bytes: Span<UInt8>, before i: Int) -> Bool {
    let last = bytes[i - 1]
    if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(last) { return true }
    if i >= 2, bytes[i - 2] == 0xC2 { return last == 0xB9 || last == 0xB2 || last == 0xB3 }
    if i >= 3, bytes[i - 3] == 0xE2, bytes[i - 2] == 0x81 { return last == 0xB0 || (0xB4...0xB9).contains(last) }
    return false
  }

  /// The scalar whose UTF-8 starts at `i` (valid UTF-8, as a String's bytes are), or nil past the end or where
  /// the bytes are not a whole scalar.
  private static func scalar(_ bytes: Span<UInt8>, at i: Int) -> Unicode.Scalar? {
    guard i < bytes.count else { return nil }
    let lead = bytes[i]
    let length: Int
    var value: UInt32
    switch lead {
    case 0x00..<0x80: return Unicode.Scalar(lead)
    case 0xC0..<0xE0: (length, value) = (2, UInt32(lead & 0x1F))
    case 0xE0..<0xF0: (length, value) = (3, UInt32(lead & 0x0F))
    case 0xF0..<0xF8: (length, value) = (4, UInt32(lead & 0x07))
    default: return nil
    }
    guard i + length <= bytes.count else { return nil }
    for k in 1..<length {
      let byte = bytes[i + k]
      guard byte & 0xC0 == 0x80 else { return nil }
      value = value << 6 | UInt32(byte & 0x3F)
    }
    return Unicode.Scalar(value)
  }
}
