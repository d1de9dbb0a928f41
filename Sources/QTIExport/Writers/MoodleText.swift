import Foundation
import QuizModel

/// Text as Moodle's XML import reads it: HTML for question texts, answers and feedback, category paths with
/// their own escaping, and Cloze (`multianswer`) gaps with their metacharacters.
///
/// Sources (Moodle 4.5): `question/format.php` (`assemble_category_path`, `split_category_path`),
/// `question/type/multianswer/questiontype.php` (`ANSWER_ALTERNATIVE_REGEX`, `qtype_multianswer_extract_question`).
enum MoodleText {
  /// Plain text as HTML source: `&`, `<`, `>` and `"` as entities, and `\` as `&#92;` (Cloze un-escapes
  /// `\}` and `\#` after decoding a gap once, which would eat a backslash written plainly). Characters XML
  /// cannot carry become U+FFFD first, as in every other format.
  static func htmlEscaped(_ plain: String) -> String { HTMLText.escape(XMLText.sanitized(plain), backslash: true) }

  /// Plain text as HTML paragraphs, `<p>…</p>` per blank-line-separated block, each line break kept as `<br>`.
  static func paragraphs(_ plain: String) -> [String] {
    PlainText.paragraphs(plain).map { p in
      "<p>"
        + p.split(separator: "\n", omittingEmptySubsequences: false).map { htmlEscaped(String($0)) }.joined(
          separator: "<br>") + "</p>"
    }
  }

  /// Plain text as one HTML block: `<div><p>…</p>…</div>`.
  static func html(_ plain: String) -> String { "<div>" + paragraphs(plain).joined() + "</div>" }

  /// The characters a Cloze gap's answer or feedback cannot hold as they are: the gap's own syntax (`{` `}`
  /// `#` `~` `=` `%` `:` `/` `\`) and `&`, which starts the entities the parser decodes once.
  static let clozeMetacharacters: Set<Unicode.Scalar> = ["{", "}", "#", "~", "=", "%", ":", "/", "\\", "&"]

  /// HTML source as text inside a Cloze gap: every metacharacter as a numeric entity (`&#123;` …). Moodle's
  /// answer and feedback patterns never end at a `#` that follows `&`, and decode the entities once
  /// (`html_entity_decode`), giving back `html`.
  static func clozeGap(_ html: String) -> String {
    var out = ""
    for c in html.unicodeScalars {
      if clozeMetacharacters.contains(c) { out += "&#\(c.value);" } else { out.unicodeScalars.append(c) }
    }
    return out
  }

  /// HTML source as Cloze question text outside the gaps: `{` and `}` as entities, so no text of the stem can
  /// read as a gap.
  static func clozeOutside(_ html: String) -> String {
    guard html.utf8.contains(where: { $0 == 0x7B || $0 == 0x7D }) else { return html }
    return html.replacingOccurrences(of: "{", with: "&#123;").replacingOccurrences(of: "}", with: "&#125;")
  }

  /// One category name as Moodle's category paths write it: `/` doubled, a space before a leading `/` and
  /// after a trailing one (`assemble_category_path`). Moodle cleans each name as plain text (tags are
  /// stripped), so `<` and `>` become `‹` and `›`.
  static func categoryName(_ name: String) -> String {
    var escaped = XMLText.sanitized(name).replacingOccurrences(of: "<", with: "‹").replacingOccurrences(
      of: ">", with: "›"
    )
    .replacingOccurrences(of: "/", with: "//")
    if escaped.hasPrefix("/") { escaped = " " + escaped }
    if escaped.hasSuffix("/") { escaped += " " }
    return escaped
  }

  /// A category path as Moodle splits it: at every lone `/` (one not next to another), each name with `//`
  /// un-doubled and trimmed (`split_category_path`).
  static func splitCategoryPath(_ path: String) -> [String] {
    var names: [String] = []
    var current = ""
    let scalars = Array(path.unicodeScalars)
    var i = 0
    while i < scalars.count {
      if scalars[i] == "/" {
        var run = 0
        while i + run < scalars.count, scalars[i + run] == "/" { run += 1 }
        // A lone slash separates; in a longer run each pair, left to right, is one escaped slash.
        if run == 1 {
          names.append(current)
          current = ""
        } else {
          current += String(repeating: "/", count: run / 2 + run % 2)
        }
        i += run
      } else {
        current.unicodeScalars.append(scalars[i])
        i += 1
      }
    }
    names.append(current)
    return names.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
  }
}
