/// Plain text as HTML source, for every page and file that embeds text in HTML (the preview, the grading
/// report, Moodle's question texts): the one escaper.
package enum HTMLText {
  /// `text` for HTML content and attribute values: `&`, `<`, `>`, `"` and `'` as entities, control characters
  /// other than newline and tab as U+FFFD, and, when `backslash` is set, `\` as `&#92;` (for formats that
  /// un-escape backslashes after decoding entities, as Moodle's Cloze does). Runs of plain bytes are copied
  /// whole.
  package static func escape(_ text: String, backslash: Bool = false) -> String {
    var out = ""
    var copy = text
    copy.withUTF8 { bytes in
      out.reserveCapacity(bytes.count)
      var runStart = 0
      func flush(upTo end: Int) {
        if end > runStart {
          out += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self)
        }
      }
      for (i, byte) in bytes.enumerated() {
        let replacement: String
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
        flush(upTo: i)
        out += replacement
        runStart = i + 1
      }
      flush(upTo: bytes.count)
    }
    return out
  }
}
