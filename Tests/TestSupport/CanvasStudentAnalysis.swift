import Foundation

/// Canvas Classic Quizzes' Student Analysis report, built the way canvas-lms builds it
/// (app/models/quizzes/quiz_statistics/student_analysis.rb `to_csv`, gems/html_text_helper `strip_tags`; see
/// shared/notes/canvas-student-analysis.md), from the questions as a Canvas import keeps them: their HTML and
/// their points. Tests give it the HTML of our own Canvas package, so no report is typed by hand.
public struct CanvasStudentAnalysis {
  /// One question as Canvas keeps it after the import.
  public struct Question {
    /// Canvas's own id, known only after the import.
    public var id: Int
    /// The question's HTML as the package wrote it.
    public var html: String
    public var points: Double

    public init(id: Int, html: String, points: Double) {
      self.id = id
      self.html = html
      self.points = points
    }
  }

  /// One row: a student's attempt, with the questions they were given (by id) and what they answered.
  public struct Attempt {
    public var name: String
    public var id: String
    public var sisID: String
    public var section: String
    public var attempt: Int
    /// Question id → the answer's text (a number as typed, or the chosen option's text) and the points Canvas
    /// awarded. Questions not drawn are left out: their cells are blank.
    public var answers: [Int: (text: String, points: Double)]

    public init(
      name: String, id: String, sisID: String, section: String, attempt: Int = 1,
      answers: [Int: (text: String, points: Double)]
    ) {
      self.name = name
      self.id = id
      self.sisID = sisID
      self.section = section
      self.attempt = attempt
      self.answers = answers
    }
  }

  public var questions: [Question]

  public init(questions: [Question]) { self.questions = questions }

  /// `HtmlTextHelper.strip_tags`: every tag removed with no space, numeric entities decoded, named entities
  /// deleted.
  public static func stripTags(_ html: String) -> String {
    var out = ""
    var inTag = false
    var entity: String? = nil
    for c in html {
      if inTag {
        if c == ">" { inTag = false }
        continue
      }
      if var e = entity {
        if c == ";" {
          entity = nil
          if e.hasPrefix("#x"), let v = UInt32(e.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) {
            out.unicodeScalars.append(s)
          } else if e.hasPrefix("#"), let v = UInt32(e.dropFirst()), let s = Unicode.Scalar(v) {
            out.unicodeScalars.append(s)
          }  // a named entity vanishes
        } else {
          e.append(c)
          entity = e
        }
        continue
      }
      if c == "<" { inTag = true } else if c == "&" { entity = "" } else { out.append(c) }
    }
    return out
  }

  /// A Ruby float as `to_s` writes it: `2.0`, `1.5`, `0.67`.
  public static func rubyFloat(_ x: Double) -> String { x == x.rounded() ? "\(Int(x)).0" : "\(x)" }

  static func field(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
      ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
  }

  /// The report as CSV: the student columns (`sis_id` and `attempt` only when asked for, as the report's
  /// options decide), a column pair per question (`"<id>: <strip_tags(html)>"` and its points), then
  /// `n correct, n incorrect, score`.
  public func csv(_ attempts: [Attempt], sisIDs: Bool = true, allVersions: Bool = true) -> String {
    var header =
      ["name", "id"] + (sisIDs ? ["sis_id"] : []) + ["section", "section_id"]
      + (sisIDs ? ["section_sis_id"] : []) + ["submitted"] + (allVersions ? ["attempt"] : [])
    for q in questions { header += ["\(q.id): \(Self.stripTags(q.html))", Self.rubyFloat(q.points)] }
    header += ["n correct", "n incorrect", "score"]
    var lines = [header]
    for a in attempts {
      var row =
        [a.name, a.id] + (sisIDs ? [a.sisID] : []) + [a.section, "1"] + (sisIDs ? [""] : [])
        + ["2026-11-30 10:00:00 UTC"] + (allVersions ? ["\(a.attempt)"] : [])
      var right = 0
      var wrong = 0
      var score = 0.0
      for q in questions {
        guard let answer = a.answers[q.id] else {
          row += ["", ""]
          continue
        }
        row += [answer.text, Self.rubyFloat(answer.points)]
        score += answer.points
        if answer.points == q.points { right += 1 } else if !answer.text.isEmpty { wrong += 1 }
      }
      row += ["\(right)", "\(wrong)", Self.rubyFloat(score)]
      lines.append(row)
    }
    return lines.map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\n") + "\n"
  }
}
