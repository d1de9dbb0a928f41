/// Plain text as HTML source, for every page and file that embeds text in HTML (the preview, the grading
/// report, Moodle's question texts): the one escaper.
package enum HTMLText {
  /// `text` for HTML content and attribute values: `&`, `<`, `>`, `"` and `'` as entities, control characters
  /// other than newline and tab as U+FFFD, and, when `backslash` is set, `\` as `&#92;` (for formats that
  /// un-escape backslashes after decoding entities, as Moodle's Cloze does). Runs of plain bytes are copied
  /// whole.
  package static func escape(_ text: String, backslash: Bool = false) -> String {
    var out: [UInt8] = []
    append(text, to: &out, backslash: backslash)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends ``escape(_:backslash:)`` of `text`, as UTF-8, to `out`: for pages written into a byte buffer.
  package static func append(_ text: String, to out: inout [UInt8], backslash: Bool = false) {
    var text = text
    text.withUTF8 { append(utf8: $0, to: &out, backslash: backslash) }
  }

  /// Appends the escaped form of the UTF-8 text `bytes` (whole characters) to `out`.
  package static func append(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], backslash: Bool = false) {
    out.reserveCapacity(out.count + bytes.count)
    var runStart = 0
    for (i, byte) in bytes.enumerated() {
      let replacement: StaticString
      switch byte {
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
      // Both ranges lie within `bytes` (runStart ≤ i < bytes.count) and the replacement's own storage.
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
      out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
      runStart = i + 1
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
  }
}
