import Foundation

/// Plain text as the exporters lay it out.
enum PlainText {
  /// The paragraphs of `text`: separated by a blank line (a line holding only spaces counts as blank).
  static func paragraphs(_ text: String) -> [String] {
    // Without a carriage return, every "\n" is a character of its own, so bytes give the same lines.
    let carriageReturn =
      text.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "\r")) }
      ?? text.utf8.contains(UInt8(ascii: "\r"))
    return carriageReturn ? characterLineParagraphs(text) : byteLineParagraphs(text)
  }

  /// ``paragraphs(_:)`` over characters, where `"\r\n"` is one character and does not end a line.
  static func characterLineParagraphs(_ text: String) -> [String] {
    var paragraphs: [String] = []
    var current: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
        if !current.isEmpty {
          paragraphs.append(current.joined(separator: "\n"))
          current = []
        }
      } else {
        current.append(line)
      }
    }
    if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
    return paragraphs
  }

  /// ``paragraphs(_:)`` for text without carriage returns, over UTF-8 bytes.
  static func byteLineParagraphs(_ text: String) -> [String] {
    if let paragraphs = text.utf8.withContiguousStorageIfAvailable({ byteLineParagraphs($0, of: text) }) {
      return paragraphs
    }
    return Array(text.utf8).withUnsafeBufferPointer { byteLineParagraphs($0, of: text) }
  }

  /// ``byteLineParagraphs(_:)`` of `text`, whose UTF-8 bytes are `bytes`.
  private static func byteLineParagraphs(_ bytes: UnsafeBufferPointer<UInt8>, of text: String) -> [String] {
    var paragraphs: [String] = []
    var start = 0  // where the current paragraph starts, when `open`
    var end = 0  // where its last non-blank line ends
    var open = false
    var lineStart = 0
    var i = 0
    while i <= bytes.count {
      if i == bytes.count || bytes[i] == UInt8(ascii: "\n") {
        let blank = bytes[lineStart..<i].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        if blank {
          if open {
            paragraphs.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            open = false
          }
        } else {
          if !open {
            start = lineStart
            open = true
          }
          end = i
        }
        lineStart = i + 1
      }
      i += 1
    }
    if open {
      // The whole text when it is one paragraph with nothing around it.
      let whole = start == 0 && end == bytes.count
      paragraphs.append(
        whole ? text : String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
    }
    return paragraphs
  }

  /// `text` as an XML name token usable as a QTI identifier (`xs:NCName`): letters, digits, `-`, `_`, `.`,
  /// not starting with a digit, `-` or `.`; anything else becomes `_`.
  static func identifier(_ text: String) -> String {
    if isIdentifier(text) { return text }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count + 1)
    for scalar in text.unicodeScalars {
      let v = scalar.value
      let ok =
        (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
        || v == 0x2D || v == 0x5F || v == 0x2E
      bytes.append(ok ? UInt8(v) : UInt8(ascii: "_"))
    }
    if bytes.isEmpty { return "_" }
    let first = bytes[0]
    if (first >= 0x30 && first <= 0x39) || first == 0x2D || first == 0x2E { bytes.insert(UInt8(ascii: "_"), at: 0) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Whether ``identifier(_:)`` leaves `text` as it is: not empty, only letters, digits, `-`, `_` and `.`, and
  /// not starting with a digit, `-` or `.`.
  private static func isIdentifier(_ text: String) -> Bool {
    var first = true
    for b in text.utf8 {
      let letter = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
      let other = (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E
      guard letter || (other && !first) else { return false }
      first = false
    }
    return !first
  }
}
