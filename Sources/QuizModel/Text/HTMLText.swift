/// Plain text as HTML source, for every page and file that embeds text in HTML (the preview, the grading
/// report, Moodle's question texts): the one escaper.
package enum HTMLText {
  /// `text` for HTML content and attribute values: `&`, `<`, `>`, `"` and `'` as entities, control characters
  /// other than newline and tab as U+FFFD, and, when `backslash` is set, `\` as `&#92;` (for formats that
  /// un-escape backslashes after decoding entities, as Moodle's Cloze does). Runs of plain bytes are copied
  /// whole.
  package static func escape(_ text: String, backslash: Bool = false) -> String {
    let bytes = text.utf8.span
    var out: [UInt8] = []
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
      if out.isEmpty { out.reserveCapacity(bytes.count + 16) }
      out.append(span: bytes, runStart..<i)
      out.append(utf8: replacement)
      runStart = i + 1
    }
    // Nothing to escape: the text as it is.
    if runStart == 0 { return text }
    out.append(span: bytes, runStart..<bytes.count)
    // Replacements fall between whole characters of valid text, so the bytes are valid UTF-8.
    return String(decoding: out, as: UTF8.self)
  }
}
