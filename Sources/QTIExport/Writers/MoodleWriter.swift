import Foundation
import QuizModel

/// Writes a quiz as one Moodle XML file (`qformat_xml`): a category per bank item, then one question per
/// variant — `numerical` for a single numeric answer, `multichoice` for a single choice, Cloze (`multianswer`)
/// for a problem of several parts — each with the worked explanation as general feedback.
///
/// Every number is written with an ASCII `-` and a decimal point (a U+2212 minus stops Moodle's import, a
/// decimal comma is read as a thousands separator), every `fraction` is one of Moodle's grades, and wrong-value
/// answers follow the key, each kept only where its interval is disjoint from the key's and from the answers
/// before it (Moodle takes the first answer whose interval holds the response).
struct MoodleWriter {
  let quiz: Quiz
  /// Each numeric part's plan, worked out once: by variant id, one entry per part (nil for a choice part).
  private let plans: [String: [NumericPlan?]]

  init(quiz: Quiz) {
    self.quiz = quiz
    var plans: [String: [NumericPlan?]] = [:]
    for variant in quiz.variants {
      plans[variant.id] = variant.answers.map { $0.numeric.map { MoodleWriter.numericPlan($0, grading: quiz.grading) } }
    }
    self.plans = plans
  }

  /// The plan of a numeric part (worked out once per quiz).
  func plan(_ variant: Variant, _ answer: Answer) -> NumericPlan? {
    guard let n = answer.numeric else { return nil }
    if let index = variant.answers.firstIndex(where: { $0.id == answer.id }), let plan = plans[variant.id]?[index] {
      return plan
    }
    return MoodleWriter.numericPlan(n, grading: quiz.grading)
  }

  /// The Moodle question type a variant becomes.
  enum Kind: String {
    case numerical, multichoice, multianswer
  }

  /// One `<answer>` of a numerical question (or alternative of a Cloze NUMERICAL gap).
  struct NumericEntry: Hashable {
    /// The value as written: the key's or the misconception's exact decimal.
    var value: String
    /// The tolerance as written: always the key interval's half-width.
    var tolerance: String
    /// The grade in percent, one of ``MoodleGrades/percents``.
    var percent: String
    /// The feedback (plain text; empty for the key).
    var feedback: String
    /// The misconception it stands for; nil for the key.
    var misconception: String?
    /// The interval it accepts, as written.
    var band: AcceptedInterval
  }

  /// What becomes of a numeric answer: its answers in order (the key first) and the misconceptions left out.
  struct NumericPlan: Hashable {
    var entries: [NumericEntry]
    /// Misconceptions left out, with why.
    var dropped: [(id: String, reason: String)]
    /// Misconceptions whose credit is not one of Moodle's grades and was lowered.
    var lowered: [(id: String, credit: Double, percent: String)]

    static func == (a: NumericPlan, b: NumericPlan) -> Bool { a.entries == b.entries }
    func hash(into hasher: inout Hasher) { hasher.combine(entries) }
  }

  /// One option of a multichoice question (or MULTICHOICE gap), in display order.
  struct ChoiceEntry: Hashable {
    var id: String
    var text: String
    var percent: String
    var feedback: String
  }

  /// The keys Moodle cannot hold: where its widening of every interval by 10⁻¹⁴ of the key reaches a unit of
  /// the last digit of t, a value just outside key ± t would be accepted. Such a key needs another unit.
  static func problems(_ quiz: Quiz) -> [ExportProblem] {
    var problems: [ExportProblem] = []
    for item in quiz.items {
      for variant in item.variants {
        for answer in variant.answers {
          guard let n = answer.numeric, n.interval.key.isFinite, n.interval.halfWidth.isFinite else { continue }
          let i = n.interval
          let slack = MoodleModel.epsilon * max(i.halfWidth, abs(i.key), MoodleModel.epsilon)
          guard slack >= MoodleWriter.justOutside(i) / 2 else { continue }
          problems.append(
            ExportProblem(
              format: .moodle, template: item.template, variant: variant.id, answer: answer.id,
              message:
                "the key \(i.keyText) \(n.unit) ± \(i.halfWidthText): Moodle widens every interval by 10⁻¹⁴ of the key, "
                + "which here reaches the last digit of the tolerance, so values just outside it would be accepted; "
                + "ask for this answer in a larger unit or with a wider tolerance"))
        }
      }
    }
    return problems
  }

  /// How far outside key ± t a value is "just outside": one unit of t's last written digit, or for an exact
  /// key (t = 0) the distance the QTI self-checks use (10⁻¹² of the key).
  static func justOutside(_ i: AcceptedInterval) -> Double {
    i.lastDigitUnit > 0
      ? NSDecimalNumber(decimal: i.lastDigitUnit).doubleValue : SelfCheck.justOutside(i.lower, i.upper)
  }

  /// The credit for a misconception, as the grader gives it: its own, else the `*` credit, else 0.
  static func credit(_ id: String, _ grading: GradingOptions) -> Double {
    grading.misconceptionCredit[id] ?? grading.misconceptionCredit["*"] ?? 0
  }

  static func numericPlan(_ n: NumericAnswer, grading: GradingOptions) -> NumericPlan {
    let key = n.interval
    var entries = [
      NumericEntry(
        value: key.keyText, tolerance: key.halfWidthText, percent: "100", feedback: "",
        misconception: nil, band: key)
    ]
    var dropped: [(id: String, reason: String)] = []
    var lowered: [(id: String, credit: Double, percent: String)] = []
    for m in n.misconceptions {
      guard let value = m.value, value.isFinite, AcceptedInterval.canHold(value) else { continue }
      let band = n.interval(ofMisconceptionAt: value)
      if let clash = entries.first(where: { overlaps($0.band, band) }) {
        dropped.append(
          (
            m.id,
            clash.misconception.map { "its interval overlaps that of '\($0)'" } ?? "its interval overlaps the key's"
          ))
        continue
      }
      let credit = credit(m.id, grading)
      let grade = MoodleGrades.atMost(credit)
      if abs(grade.fraction - credit) > 1e-9 { lowered.append((m.id, credit, grade.percent)) }
      entries.append(
        NumericEntry(
          value: band.keyText, tolerance: band.halfWidthText, percent: grade.percent,
          feedback: m.feedback, misconception: m.id, band: band))
    }
    return NumericPlan(entries: entries, dropped: dropped, lowered: lowered)
  }

  /// Whether two intervals share a point (bounds included).
  static func overlaps(_ a: AcceptedInterval, _ b: AcceptedInterval) -> Bool {
    !(a.exactBounds.upperBound < b.exactBounds.lowerBound || b.exactBounds.upperBound < a.exactBounds.lowerBound)
  }

  static func choicePlan(_ c: ChoiceAnswer, grading: GradingOptions) -> [ChoiceEntry] {
    c.options.map { option in
      if option.id == c.correct { return ChoiceEntry(id: option.id, text: option.text, percent: "100", feedback: "") }
      let misconception = option.misconception ?? c.misconceptions.first { $0.option == option.id }?.id
      let feedback = option.feedback ?? c.misconceptions.first { $0.option == option.id }?.feedback ?? ""
      let percent = misconception.map { MoodleGrades.atMost(credit($0, grading)).percent } ?? "0"
      return ChoiceEntry(id: option.id, text: option.text, percent: percent, feedback: feedback)
    }
  }

  static func kind(_ variant: Variant) -> Kind {
    guard variant.answers.count == 1 else { return .multianswer }
    return variant.answers[0].numeric != nil ? .numerical : .multichoice
  }

  // MARK: Names

  /// The category names, unescaped: `$course$`, `<bank title> (seed <seed>)`, the item's title.
  func categoryNames(_ item: QuizItem) -> [String] {
    ["$course$", "\(quiz.title) (seed \(quiz.seed))", item.title]
  }

  /// The category path as written: each name escaped as Moodle's category paths need.
  func categoryPath(_ item: QuizItem) -> String {
    let names = categoryNames(item)
    return ([names[0]] + names.dropFirst().map(MoodleText.categoryName)).joined(separator: "/")
  }

  /// The category as an instructor picks it in the quiz: the names below the course, joined by ` / `.
  func categoryDisplayName(_ item: QuizItem) -> String {
    categoryNames(item).dropFirst().map { MoodleText.splitCategoryPath(MoodleText.categoryName($0))[0] }.joined(
      separator: " / ")
  }

  /// The category's idnumber: the seed, the item's position and template, so next term's quiz does not collide.
  func categoryIdnumber(_ number: Int, _ item: QuizItem) -> String {
    "nernstquiz-\(quiz.seed)-\(number + 1)-\(item.template)"
  }

  /// The question's idnumber: `<seed>-<variant id>`.
  func idnumber(_ variant: Variant) -> String { "\(quiz.seed)-\(variant.id)" }

  /// A readable question name: the item's title (cut to 240 characters: Moodle keeps 255) and the variant's
  /// number in it, `Nernst potential 01`.
  static func questionName(_ item: QuizItem, index: Int) -> String {
    let width = max(2, String(item.variants.count).count)
    let number = String(index + 1)
    return "\(item.title.prefix(240)) " + String(repeating: "0", count: width - number.count) + number
  }

  // MARK: Texts

  /// The question text as written (HTML source); with `placeholders`, each Cloze gap as Moodle leaves it after
  /// reading the gaps: `{#1}`, `{#2}`, …
  func questionText(_ variant: Variant, placeholders: Bool = false) -> String {
    switch MoodleWriter.kind(variant) {
    case .numerical, .multichoice: return MoodleText.html(variant.questionText(for: variant.answers[0]))
    case .multianswer:
      let weights = gapWeights(variant)
      var html = "<div>" + MoodleText.paragraphs(variant.stem).map(MoodleText.clozeOutside).joined()
      for (i, answer) in variant.answers.enumerated() {
        var line = answer.prompt.isEmpty ? "" : MoodleText.clozeOutside(MoodleText.htmlEscaped(answer.prompt)) + " "
        line += placeholders ? "{#\(i + 1)}" : gap(answer, in: variant, weight: weights[i])
        if let n = answer.numeric, !n.unit.isEmpty {
          line += " " + MoodleText.clozeOutside(MoodleText.htmlEscaped(n.unit))
        }
        html += "<p>" + line + "</p>"
      }
      return html + "</div>"
    }
  }

  /// The Cloze gap of one part.
  func gap(_ answer: Answer, in variant: Variant, weight: Int) -> String {
    switch answer.kind {
    case .numeric:
      let alternatives = plan(variant, answer)!.entries.map { e in
        (e.misconception == nil ? "=" : "%\(e.percent)%") + "\(e.value):\(e.tolerance)"
          + (e.feedback.isEmpty ? "" : "#" + MoodleText.clozeGap(MoodleText.htmlEscaped(e.feedback)))
      }
      return "{\(weight):NUMERICAL:" + alternatives.joined(separator: "~") + "}"
    case .choice(let c):
      let alternatives = MoodleWriter.choicePlan(c, grading: quiz.grading).map { e in
        (e.percent == "100" ? "=" : "%\(e.percent)%") + MoodleText.clozeGap(MoodleText.htmlEscaped(e.text))
          + (e.feedback.isEmpty ? "" : "#" + MoodleText.clozeGap(MoodleText.htmlEscaped(e.feedback)))
      }
      return "{\(weight):MULTICHOICE:" + alternatives.joined(separator: "~") + "}"
    }
  }

  /// Integer gap weights in the proportion of the parts' points (hundredths over their greatest common
  /// divisor); all 1 when no part has points.
  func gapWeights(_ variant: Variant) -> [Int] {
    let hundredths = variant.answers.map(\.points.hundredths)
    let divisor = hundredths.reduce(0) { gcd($0, $1) }
    guard divisor > 0 else { return hundredths.map { _ in 1 } }
    return hundredths.map { $0 / divisor }
  }

  private func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

  /// The worked explanation as general feedback (HTML), nil when no part has one. Several parts' explanations
  /// follow each other, each after its prompt.
  func generalFeedback(_ variant: Variant) -> String? {
    let parts = variant.answers.filter { $0.explanation != nil }
    guard !parts.isEmpty else { return nil }
    if variant.answers.count == 1 { return MoodleText.html(parts[0].explanation!) }
    return "<div>"
      + parts.flatMap { a in
        (a.prompt.isEmpty ? [] : ["<p><b>" + MoodleText.htmlEscaped(a.prompt) + "</b></p>"])
          + MoodleText.paragraphs(a.explanation!)
      }.joined() + "</div>"
  }

  /// The question text as Moodle's Responses report shows it (`get_question_summary`: the text as plain text;
  /// a multichoice question adds `: option; option; …`; a Cloze numerical gap is `_____`, a MULTICHOICE gap
  /// `{option; option; …}`). Paragraphs are separated by a blank line; compare with whitespace collapsed.
  func summary(_ variant: Variant) -> String {
    switch MoodleWriter.kind(variant) {
    case .numerical: return XMLText.sanitized(variant.questionText(for: variant.answers[0]))
    case .multichoice:
      let options = variant.answers[0].choice?.options.map { XMLText.sanitized($0.text) } ?? []
      return XMLText.sanitized(variant.questionText(for: variant.answers[0])) + ": " + options.joined(separator: "; ")
    case .multianswer:
      var paragraphs = PlainText.paragraphs(XMLText.sanitized(variant.stem))
      for answer in variant.answers {
        var line = answer.prompt.isEmpty ? "" : XMLText.sanitized(answer.prompt) + " "
        switch answer.kind {
        case .numeric(let n): line += "_____" + (n.unit.isEmpty ? "" : " " + XMLText.sanitized(n.unit))
        case .choice(let c): line += "{" + c.options.map { XMLText.sanitized($0.text) }.joined(separator: "; ") + "}"
        }
        paragraphs.append(line)
      }
      return paragraphs.joined(separator: "\n\n")
    }
  }

  // MARK: Deliveries

  /// The delivery map: every part with its question's name, idnumber, category, the text the Responses report
  /// shows, and, in a Cloze question, the gap that carries it (from 1, in the order of the text).
  func deliveries() -> [Delivery] { quiz.items.flatMap { deliveries($0, variants: $0.variants.indices) } }

  /// The delivery records of `item`'s `variants`: a slice of ``deliveries()``. Needs only the quiz's title and
  /// seed.
  func deliveries(_ item: QuizItem, variants: Range<Int>) -> [Delivery] {
    var result: [Delivery] = []
    let group = categoryPath(item)
    for index in variants {
      let variant = item.variants[index]
      let cloze = MoodleWriter.kind(variant) == .multianswer
      let text = summary(variant)
      for (i, answer) in variant.answers.enumerated() {
        result.append(
          Delivery(
            format: QTIFormat.moodle.rawValue, variant: variant.id, part: answer.id, points: answer.points,
            group: group, item: idnumber(variant), questionText: text,
            name: MoodleWriter.questionName(item, index: index), gap: cloze ? i + 1 : nil))
      }
    }
    return result
  }

  // MARK: The file

  /// The whole file.
  func document() -> Data {
    let w = XMLWriter()
    w.element("quiz") {
      for (number, item) in quiz.items.enumerated() {
        w.element("question", [("type", "category")]) {
          w.element("category") { w.element("text", text: categoryPath(item)) }
          w.element("info", [("format", "html")]) {
            w.element("text", text: MoodleText.html(item.objective ?? item.title))
          }
          w.element("idnumber", text: categoryIdnumber(number, item))
        }
        for (index, variant) in item.variants.enumerated() { question(w, variant, of: item, index: index) }
      }
    }
    return w.finish()
  }

  private func html(_ w: XMLWriter, _ name: String, _ text: String) {
    w.element(name, [("format", "html")]) { w.element("text", text: text) }
  }

  private func question(_ w: XMLWriter, _ variant: Variant, of item: QuizItem, index: Int) {
    let kind = MoodleWriter.kind(variant)
    w.element("question", [("type", kind.rawValue)]) {
      w.element("name") { w.element("text", text: MoodleWriter.questionName(item, index: index)) }
      html(w, "questiontext", questionText(variant))
      html(w, "generalfeedback", generalFeedback(variant) ?? "")
      let mark = kind == .multianswer ? String(gapWeights(variant).reduce(0, +)) : item.points.description
      w.element("defaultgrade", text: mark)
      w.element("penalty", text: "0")
      w.element("hidden", text: "0")
      w.element("idnumber", text: idnumber(variant))
      switch (kind, variant.answers[0].kind) {
      case (.numerical, .numeric(let n)):
        for e in plan(variant, variant.answers[0])!.entries {
          w.element("answer", [("fraction", e.percent), ("format", "moodle_auto_format")]) {
            w.element("text", text: e.value)
            html(w, "feedback", e.feedback.isEmpty ? "" : MoodleText.html(e.feedback))
            w.element("tolerance", text: e.tolerance)
          }
        }
        let units = MoodleUnits.units(for: n.unit)
        if !units.isEmpty {
          w.element("units") {
            for u in units {
              w.element("unit") {
                w.element("multiplier", text: u.multiplier)
                w.element("unit_name", text: u.name)
              }
            }
          }
        }
        w.element("unitgradingtype", text: "0")
        w.element("unitpenalty", text: "0.1000000")
        w.element("showunits", text: units.isEmpty ? "3" : "0")
        w.element("unitsleft", text: "0")
      case (.multichoice, .choice(let c)):
        w.element("single", text: "true")
        w.element("shuffleanswers", text: "false")
        w.element("answernumbering", text: "abc")
        w.element("showstandardinstruction", text: "0")
        html(w, "correctfeedback", "")
        html(w, "partiallycorrectfeedback", "")
        html(w, "incorrectfeedback", "")
        for e in MoodleWriter.choicePlan(c, grading: quiz.grading) {
          w.element("answer", [("fraction", e.percent), ("format", "html")]) {
            w.element("text", text: MoodleText.htmlEscaped(e.text))
            html(w, "feedback", e.feedback.isEmpty ? "" : MoodleText.html(e.feedback))
          }
        }
      default:
        break  // Cloze: everything is in the question text.
      }
    }
  }
}
