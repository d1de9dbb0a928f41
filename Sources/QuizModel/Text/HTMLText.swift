/// Plain text as HTML source, for every page and file that embeds text in HTML (the preview, the grading
/// report, Moodle's question texts): the one escaper.
package enum HTMLText {
  /// `text` for HTML content and attribute values: `&`, `<`, `>`, `"` and `'` as entities, control characters
  /// other than newline and tab as U+FFFD, and, when `backslash` is set, `\` as `&#92;` (for formats that
  /// un-escape backslashes after decoding entities, as Moodle's Cloze does). Runs of plain bytes are copied
  /// whole; a text with nothing to escape is returned as it is.
  package static func escape(_ text: String, backslash: Bool = false) -> String {
    var out: [UInt8] = []
    let escaped = appendEscaped(text.utf8.span, to: &out, backslash: backslash)
    // Replacements fall between whole characters of valid text, so the bytes are valid UTF-8.
    return escaped ? String(decoding: out, as: UTF8.self) : text
  }

  /// Appends ``escape(_:backslash:)`` of `text`, as UTF-8, to `out`: for pages written into a byte buffer.
  package static func append(_ text: String, to out: inout [UInt8], backslash: Bool = false) {
    append(utf8: text.utf8.span, to: &out, backslash: backslash)
  }

  /// Appends the escaped form of the UTF-8 text `bytes` (whole characters) to `out`.
  package static func append(utf8 bytes: Span<UInt8>, to out: inout [UInt8], backslash: Bool = false) {
    if !appendEscaped(bytes, to: &out, backslash: backslash) { out.append(span: bytes) }
  }

  /// Appends the escaped form of `bytes` to `out` and returns true; or, when nothing in `bytes` needs
  /// escaping, appends nothing and returns false.
  private static func appendEscaped(_ bytes: Span<UInt8>, to out: inout [UInt8], backslash: Bool) -> Bool {
    var runStart = 0
    for i in bytes.indices {
      let replacement: String
      switch bytes[i] {
      case UInt8(ascii: "&"): replacement = "&amp;"
      case UInt8(ascii: "<"): replacement = "&lt;"
      case UInt8(ascii: ">"): replacement = "&gt;"
      case UInt8(ascii: "\""): replacement = "&quot;"
      case UInt8(ascii: "'"): replacement = "&#39;"
      case UInt8(ascii: "\\") where backslash: replacement = "&#92;"
      case 0x0A, 0x09: continue
      case 0x00..<0x20, 0x7F: replacement = "\u{FFFD}"
      default: continue
      }
      if runStart == 0 { out.reserveCapacity(out.count + bytes.count + 16) }
      out.append(span: bytes, runStart..<i)
      out.append(utf8: replacement)
      runStart = i + 1
    }
    guard runStart > 0 else { return false }
    out.append(span: bytes, runStart..<bytes.count)
    return true
  }
}
