import Foundation

/// Moodle's quiz Responses report (Quiz → Results → Responses, downloaded as CSV), built the way Moodle 4.5 builds
/// it, from the questions as a Moodle XML import keeps them. Tests give it the question texts of our own Moodle
/// file, so no report is typed by hand.
///
/// What is restated, by Moodle source file:
/// - mod/quiz/report/responses/report.php with mod/quiz/classes/local/reports/attempts_report.php: the columns.
///   When downloading: `Last name`, `First name` (`add_user_columns`), the site's identity fields by their display
///   names (`\core_user\fields::get_display_name`: `Email address`, `ID number`, `Username`), `Status`
///   (`add_state_column`, string `attemptstate`), `Started on`, `Completed`, `Duration` (`add_time_columns`),
///   `Grade/<max>` (`add_grade_columns`), then for each slot by its display number `Question N` (when "Question
///   text" is ticked), `Response N`, `Right answer N` (when ticked). The Responses report has no per-question
///   mark columns (those are the Grades report's `Q. 1 /1.00`).
/// - mod/quiz/report/responses/last_responses_table.php `data_col`: a cell is `trim()` of the slot's
///   `questionsummary` or `responsesummary`, and `-` when there is none; `col_sumgrades`: `-` unless the attempt
///   is finished. mod/quiz/classes/local/reports/attempts_report_table.php: `col_state` is
///   `quiz_attempt::state_name` (`Finished`, `In progress`, `Overdue`, `Never submitted`), `col_timefinish` and
///   `col_duration` are `-` until the attempt is finished.
/// - question/type/questionbase.php `get_question_summary` (`html_to_text` of the question text),
///   question/type/multichoice/question.php (`text: option; option`), question/type/multianswer/question.php
///   (each gap `{#i}` replaced by `_____` or `{option; option}`), and for responses: numerical `summarise_response`
///   (the text typed, unit included when typed in the same box), multichoice (the chosen option's text), Cloze
///   `part 1: …; part 2: …` (string `subqresponse`, joined with `; `, a gap with no response left empty).
/// - lib/classes/dataformat/spout_base.php with dataformat/csv: Spout's CSV writer, a UTF-8 byte-order mark, then
///   PHP's `fputcsv` per row (a field is quoted when it holds `,` `"` `\` a space, a tab or a line break).
public struct MoodleResponsesReport {
  /// One row: an attempt (or a student listed with none).
  public struct Attempt {
    public var firstName: String
    public var lastName: String
    /// Values of the identity fields, in the report's order.
    public var identity: [String]
    /// `Finished`, `In progress`, `Overdue`, `Never submitted`; nil for a student with no attempt.
    public var state: String?
    /// The attempt's grade as `quiz_format_grade` writes it, shown when finished.
    public var grade: String
    /// Per slot: the question summary of the question drawn.
    public var questions: [String?]
    /// Per slot: the response summary, nil for none.
    public var responses: [String?]

    public init(
      firstName: String, lastName: String, identity: [String], state: String? = "Finished",
      grade: String = "0.00", questions: [String?], responses: [String?]
    ) {
      self.firstName = firstName
      self.lastName = lastName
      self.identity = identity
      self.state = state
      self.grade = grade
      self.questions = questions
      self.responses = responses
    }
  }

  /// The identity fields the site shows (`showuseridentity`), by their display names.
  public var identityFields: [String]
  /// The slots' display numbers (`1`, `2`, or customised ones such as `1a`).
  public var slots: [String]
  /// Whether "Question text" is ticked in the report's display options.
  public var showQuestionText: Bool
  /// The quiz's maximum grade as `quiz_format_grade` writes it (`10.00`).
  public var maximumGrade: String

  public init(
    identityFields: [String] = ["Email address"], slots: [String], showQuestionText: Bool = true,
    maximumGrade: String = "10.00"
  ) {
    self.identityFields = identityFields
    self.slots = slots
    self.showQuestionText = showQuestionText
    self.maximumGrade = maximumGrade
  }

  /// The header row.
  public var header: [String] {
    var header =
      ["Last name", "First name"] + identityFields + [
        "Status", "Started on", "Completed", "Duration",
        "Grade/" + maximumGrade,
      ]
    for n in slots {
      if showQuestionText { header.append("Question \(n)") }
      header.append("Response \(n)")
    }
    return header
  }

  /// The downloaded file.
  public func csv(_ attempts: [Attempt]) -> String {
    var out = "\u{FEFF}" + Self.fputcsv(header)
    for (i, a) in attempts.enumerated() {
      let finished = a.state == "Finished"
      var row = [a.lastName, a.firstName] + a.identity
      if let state = a.state {
        row += [
          state, "\(i + 1) November 2026  10:0\(i % 10) AM",
          finished ? "\(i + 1) November 2026  10:3\(i % 10) AM" : "-",
          finished ? "\(20 + i) mins 5 secs" : "-", finished ? a.grade : "-",
        ]
      } else {
        row += ["-", "-", "-", "-", "-"]
      }
      for s in slots.indices {
        if showQuestionText { row.append(a.state == nil ? "-" : Self.cell(a.questions[s])) }
        row.append(a.state == nil ? "-" : Self.cell(a.responses[s]))
      }
      out += Self.fputcsv(row)
    }
    return out
  }

  /// `data_col`: the summary trimmed, `-` for none.
  static func cell(_ summary: String?) -> String {
    summary.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\n\r\0\u{0B}")) } ?? "-"
  }

  /// PHP's `fputcsv` with `,`, `"` and the escape `\`, and a line feed.
  public static func fputcsv(_ fields: [String]) -> String {
    fields.map { field -> String in
      guard field.contains(where: { ",\"\\\n\r\t ".contains($0) }) else { return field }
      var out = "\""
      var escaped = false
      for c in field {
        if c == "\\" {
          escaped = true
        } else if !escaped, c == "\"" {
          out.append("\"")
        } else {
          escaped = false
        }
        out.append(c)
      }
      return out + "\""
    }.joined(separator: ",") + "\n"
  }

  // MARK: Summaries

  /// A Cloze response: `part 1: …; part 2: …`, a gap with no response left empty.
  public static func clozeResponse(_ gaps: [String?]) -> String {
    gaps.enumerated().map { "part \($0.offset + 1): \($0.element ?? "")" }.joined(separator: "; ")
  }

  /// `get_question_summary` of a question as the import keeps it: `numerical` the text as plain text,
  /// `multichoice` the text and `: option; option`, `multianswer` the text with each gap as `_____` or
  /// `{option; option}`.
  public static func questionSummary(type: String, questionText html: String, options: [String] = []) -> String {
    switch type {
    case "multichoice": return htmlToText(html) + ": " + options.map(htmlToText).joined(separator: "; ")
    case "multianswer":
      let (text, gaps) = clozePlaceholders(html)
      var summary = htmlToText(text)
      for (i, gap) in gaps.enumerated() {
        let bit = gap.isEmpty ? "_____" : "{" + gap.map(htmlToText).joined(separator: "; ") + "}"
        summary = summary.replacingOccurrences(of: "{#\(i + 1)}", with: bit)
      }
      return summary
    default: return htmlToText(html)
    }
  }

  /// `qtype_multianswer_extract_question`: each gap `{w:TYPE:alternatives}` becomes `{#i}`; returns the text and,
  /// per gap, the options of a MULTICHOICE gap (HTML, decoded once as the parser decodes them; empty for a
  /// NUMERICAL gap).
  static func clozePlaceholders(_ html: String) -> (String, [[String]]) {
    var text = ""
    var gaps: [[String]] = []
    var rest = Substring(html)
    while let open = rest.firstIndex(of: "{") {
      text += rest[..<open]
      let body = rest[rest.index(after: open)...]
      guard let close = body.firstIndex(of: "}") else {
        text += body
        rest = ""
        break
      }
      let fields = body[..<close].split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
      let type = fields.count == 3 ? fields[1].uppercased() : ""
      gaps.append(
        type.hasPrefix("MULTICHOICE") || type.hasPrefix("MC")
          ? fields[2].split(separator: "~").map { alternative in
            var a = Substring(alternative)
            if a.hasPrefix("=") {
              a = a.dropFirst()
            } else if a.hasPrefix("%"), let end = a.dropFirst().firstIndex(of: "%") {
              a = a[a.index(after: end)...]
            }
            return decodeEntities(String(a.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]))
          } : [])
      text += "{#\(gaps.count)}"
      rest = body[body.index(after: close)...]
    }
    return (text + rest, gaps)
  }

  /// Moodle's `html_to_text($html, 0, false)` (lib/html2text) for the HTML our files carry: line breaks in the
  /// source are spaces, a paragraph starts after a blank line, `<br>` breaks the line, other tags go, entities
  /// are decoded, runs of spaces become one, and the ends are trimmed.
  public static func htmlToText(_ html: String) -> String {
    var out = ""
    var tag: String? = nil
    for c in html {
      if var t = tag {
        if c == ">" {
          let name = t.lowercased().split(whereSeparator: { $0 == " " || $0 == "/" }).first.map(String.init) ?? ""
          if name == "p" || name == "div" { out += "\n\n" } else if name == "br" { out += "\n" }
          tag = nil
        } else {
          t.append(c)
          tag = t
        }
        continue
      }
      if c == "<" {
        tag = ""
        continue
      }
      out.append(c == "\n" || c == "\r\n" || c == "\t" || c == "\r" ? " " : c)
    }
    var text = decodeEntities(out)
    while text.contains("  ") { text = text.replacingOccurrences(of: "  ", with: " ") }
    text = text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .init(charactersIn: " ")) }.joined(separator: "\n")
    while text.contains("\n\n\n") { text = text.replacingOccurrences(of: "\n\n\n", with: "\n\n") }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// `html_entity_decode`: the named entities our files use and every numeric one.
  static func decodeEntities(_ text: String) -> String {
    guard text.contains("&") else { return text }
    var out = ""
    var entity: String? = nil
    for c in text {
      if var e = entity {
        if c == ";" {
          entity = nil
          let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]
          if let n = named[e] {
            out += n
            continue
          }
          let digits = e.dropFirst()
          let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
          if e.hasPrefix("#"), let value, let scalar = Unicode.Scalar(value) {
            out.unicodeScalars.append(scalar)
          } else {
            out += "&" + e + ";"
          }
        } else if e.count < 10, c.isLetter || c.isNumber || c == "#" {
          e.append(c)
          entity = e
        } else {
          out += "&" + e + String(c)
          entity = nil
        }
        continue
      }
      if c == "&" { entity = "" } else { out.append(c) }
    }
    if let e = entity { out += "&" + e }
    return out
  }
}
