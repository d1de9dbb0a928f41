import Foundation

/// Plain text as the exporters lay it out.
enum PlainText {
  /// The paragraphs of `text`: separated by a blank line (a line holding only spaces counts as blank).
  static func paragraphs(_ text: String) -> [String] {
    var paragraphs: [String] = []
    var current: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")); current = [] }
      } else {
        current.append(line)
      }
    }
    if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
    return paragraphs
  }

  /// `text` as an XML name token usable as a QTI identifier (`xs:NCName`): letters, digits, `-`, `_`, `.`,
  /// not starting with a digit, `-` or `.`; anything else becomes `_`.
  static func identifier(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      let c = Character(scalar)
      let ok = scalar.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".")
      result.append(ok ? c : "_")
    }
    if result.isEmpty { return "_" }
    if let first = result.first, first.isNumber || first == "-" || first == "." { result = "_" + result }
    return result
  }
}
