import Foundation

/// A small model of what Moodle 4.5 does with a Moodle XML file: what its importer (`qformat_xml`) refuses,
/// and how its question engine grades a response. It follows the measured facts in the project's notes and
/// Moodle's sources:
///
/// - `question/type/numerical/question.php`: the first answer whose interval holds the response wins
///   (`get_matching_answer`, trying the value scaled by the unit's multiplier, then the value as typed); an
///   interval is answer ± (tolerance + 10⁻¹⁴·max(tolerance, |answer|)), bounds inclusive (`get_tolerance_interval`,
///   nominal, PHP's `precision` 14); `tolerancetype` is not read for numerical answers.
/// - `question/type/numerical/questiontype.php` (`qtype_numerical_answer_processor`): a response is a number with
///   an ASCII `-` and a decimal point; a U+2212 minus is not a number, a comma is a thousands separator and the
///   response is refused; the unit after the number, if one of the question's, divides it by its multiplier.
/// - `question/format/xml/format.php`: a `fraction` outside Moodle's grades, or a `random` question, rejects the
///   whole file; a U+2212 minus in a numerical answer stops the import at that question.
/// - `question/type/multianswer/questiontype.php`: Cloze gaps as `qtype_multianswer_extract_question` reads them.
enum MoodleModel {
  /// PHP's `precision` setting (14), as 10^−precision: the widening of every numerical interval.
  static let epsilon = 1e-14

  /// One answer of a numerical question (or Cloze NUMERICAL gap), as Moodle stores it.
  struct NumericAnswer {
    var answer: Double
    var tolerance: Double
    var percent: Double
    var feedback: String
    /// A `*` answer: it holds every number.
    var catchesAll = false

    /// Whether `value` is within the answer's tolerance, as Moodle computes it (a `*` answer holds any number).
    func holds(_ value: Double) -> Bool {
      if catchesAll { return true }
      let t = abs(tolerance) + MoodleModel.epsilon * max(abs(tolerance), abs(answer), MoodleModel.epsilon)
      return answer - t <= value && value <= answer + t
    }
  }

  /// A number as Moodle's numerical import and answer processor read it: ASCII `-`, decimal point, optional
  /// exponent. Nil for anything else (a U+2212 minus, a decimal comma, text after it …).
  static func number(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    guard let length = numberLength(bytes[start..<end]), length == end - start else { return nil }
    return Double(String(decoding: bytes[start..<end], as: UTF8.self))
  }

  /// The length of the number at the start of `bytes`: `[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?`.
  static func numberLength(_ bytes: ArraySlice<UInt8>) -> Int? {
    var i = bytes.startIndex
    let end = bytes.endIndex
    func isDigit(_ j: Int) -> Bool { j < end && bytes[j] >= 0x30 && bytes[j] <= 0x39 }
    if i < end, bytes[i] == 0x2D || bytes[i] == 0x2B { i += 1 }
    var digits = 0
    while isDigit(i) {
      i += 1
      digits += 1
    }
    if i < end, bytes[i] == 0x2E {
      i += 1
      while isDigit(i) {
        i += 1
        digits += 1
      }
    }
    guard digits > 0 else { return nil }
    if i < end, bytes[i] == 0x65 || bytes[i] == 0x45 {
      var j = i + 1
      if j < end, bytes[j] == 0x2D || bytes[j] == 0x2B { j += 1 }
      if isDigit(j) {
        while isDigit(j) { j += 1 }
        i = j
      }
    }
    return i - bytes.startIndex
  }

  /// A typed response split as the answer processor splits it: the number at the start and the unit after it.
  /// Nil when it does not start with a number Moodle reads, or holds a comma (a thousands separator: refused).
  static func response(_ text: String) -> (value: Double, unit: String)? {
    let bytes = Array(text.utf8)
    if bytes.contains(0x2C) { return nil }
    var start = 0
    while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    guard let length = numberLength(bytes[start...]),
      let value = Double(String(decoding: bytes[start..<start + length], as: UTF8.self))
    else { return nil }
    return (value, String(decoding: bytes[(start + length)...], as: UTF8.self).trimmingCharacters(in: .whitespaces))
  }

  /// The answer a response reaches, as `get_matching_answer` finds it: the first whose interval holds the
  /// value scaled by the unit (when the unit is one of `units`), else the value as typed. `units`: name and
  /// multiplier, the base unit first. Nil: no answer (or not a number).
  static func match(_ typed: String, answers: [NumericAnswer], units: [(name: String, multiplier: Double)]) -> Int? {
    guard let (value, unit) = response(typed) else { return nil }
    let multiplier = units.first { $0.name == unit }.map { 1 / $0.multiplier }
    let scaled = multiplier.map { value * $0 } ?? value
    for (i, a) in answers.enumerated() where a.holds(scaled) || a.holds(value) { return i }
    return nil
  }

  /// The answers of a `numerical` question element as Moodle stores them; nil when one is not a number it reads.
  static func numericAnswers(of question: XMLNode) -> [NumericAnswer]? {
    var result: [NumericAnswer] = []
    for a in question.children("answer") {
      if a.child("text")?.textContent == "*" {
        result.append(
          NumericAnswer(
            answer: .nan, tolerance: 0, percent: Double(a[attribute: "fraction"] ?? "") ?? 0,
            feedback: a.child("feedback")?.child("text")?.textContent ?? "", catchesAll: true))
        continue
      }
      guard let value = number(a.child("text")?.textContent ?? ""),
        let tolerance = number(a.child("tolerance")?.textContent ?? "0")
      else { return nil }
      result.append(
        NumericAnswer(
          answer: value, tolerance: tolerance, percent: Double(a[attribute: "fraction"] ?? "") ?? 0,
          feedback: a.child("feedback")?.child("text")?.textContent ?? ""))
    }
    return result
  }

  /// The units of a `numerical` question element: name and multiplier, the base unit first.
  static func units(of question: XMLNode) -> [(name: String, multiplier: Double)] {
    question.child("units")?.children("unit").map {
      ($0.child("unit_name")?.textContent ?? "", number($0.child("multiplier")?.textContent ?? "") ?? .nan)
    } ?? []
  }

  // MARK: Cloze

  /// One gap of a Cloze question, as `qtype_multianswer_extract_question` reads it.
  struct Gap {
    enum Kind { case numerical, multichoice }
    var weight: Int
    var kind: Kind
    /// The alternatives in order: fraction (percent), answer text (decoded), feedback (decoded), tolerance
    /// text (numerical).
    var alternatives: [(percent: Double, answer: String, feedback: String, tolerance: String?)]
  }

  private static let fraction = #"=|%(-?[0-9]+(?:[.,][0-9]*)?)%"#
  private static let answer = #".+?(?<!\\|&|&amp;)(?=[~#}]|$)"#
  private static let feedback = #".*?(?<!\\)(?=[~}]|$)"#
  private static var alternative: String { "(?:\(fraction))?(?:\(answer))(?:#(?:\(feedback)))?" }
  private static let gapRegex = try! NSRegularExpression(
    pattern: #"\{([0-9]*):(NUMERICAL|NM|MULTICHOICE|MC):("# + alternative + "(?:~" + alternative + #")*)\}"#,
    options: [.dotMatchesLineSeparators])
  private static let alternativeRegex = try! NSRegularExpression(
    pattern: "~?(\(fraction))?(\(answer))(#(\(feedback)))?", options: [.dotMatchesLineSeparators])
  private static let numericAlternative = try! NSRegularExpression(
    pattern:
      #"^(-?(?:[0-9]+[.,]?[0-9]*|[.,][0-9]+)(?:[eE][-+]?[0-9]+)?)(?::(-?(?:[0-9]+[.,]?[0-9]*|[.,][0-9]+)(?:[eE][-+]?[0-9]+)?))?$"#,
    options: [.dotMatchesLineSeparators])

  /// The gaps of a Cloze question text and the text with each gap replaced by `{#1}`, `{#2}`, …
  static func cloze(_ text: String) -> (gaps: [Gap], text: String) {
    var remaining = text
    var gaps: [Gap] = []
    while let m = gapRegex.firstMatch(in: remaining, range: NSRange(remaining.startIndex..., in: remaining)) {
      let ns = remaining as NSString
      let whole = ns.substring(with: m.range)
      let weightText = ns.substring(with: m.range(at: 1))
      let type = ns.substring(with: m.range(at: 2))
      var alternatives = ns.substring(with: m.range(at: 3))
      var gap = Gap(
        weight: Int(weightText) ?? 1, kind: type.hasPrefix("N") ? .numerical : .multichoice, alternatives: [])
      while let a = alternativeRegex.firstMatch(
        in: alternatives, range: NSRange(alternatives.startIndex..., in: alternatives))
      {
        let ans = alternatives as NSString
        let fractionText = a.range(at: 1).location == NSNotFound ? "" : ans.substring(with: a.range(at: 1))
        let percentText = a.range(at: 2).location == NSNotFound ? "" : ans.substring(with: a.range(at: 2))
        let percent = fractionText == "=" ? 100 : (Double(percentText.replacingOccurrences(of: ",", with: ".")) ?? 0)
        let answerText = ans.substring(with: a.range(at: 3))
        var feedbackText = a.range(at: 5).location == NSNotFound ? "" : ans.substring(with: a.range(at: 5))
        feedbackText = unescape(decodeEntities(feedbackText))
        var tolerance: String?
        var value: String
        let numeric =
          gap.kind == .numerical
          ? numericAlternative.firstMatch(in: answerText, range: NSRange(answerText.startIndex..., in: answerText))
          : nil
        if let numeric {
          let nt = answerText as NSString
          value = nt.substring(with: numeric.range(at: 1))
          tolerance = numeric.range(at: 2).location == NSNotFound ? "0" : nt.substring(with: numeric.range(at: 2))
        } else {
          value = unescape(decodeEntities(answerText))
        }
        gap.alternatives.append((percent, value, feedbackText, tolerance))
        let matched = ans.substring(with: a.range)
        guard let cut = alternatives.range(of: matched) else { break }
        alternatives = String(alternatives[cut.upperBound...])
      }
      gaps.append(gap)
      if let cut = remaining.range(of: whole) {
        remaining.replaceSubrange(cut, with: "{#\(gaps.count)}")
      } else {
        break
      }
    }
    return (gaps, remaining)
  }

  /// `\}` and `\#` as Moodle un-escapes them after decoding.
  static func unescape(_ text: String) -> String {
    text.replacingOccurrences(of: "\\}", with: "}").replacingOccurrences(of: "\\#", with: "#")
  }

  /// HTML entities decoded once, as PHP's `html_entity_decode` does for the ones we may meet: numeric ones
  /// and `&amp;` `&lt;` `&gt;` `&quot;` `&#39;` `&apos;`.
  static func decodeEntities(_ text: String) -> String {
    guard text.contains("&") else { return text }
    var out = ""
    var i = text.startIndex
    while i < text.endIndex {
      if text[i] == "&", let semi = text[i...].prefix(12).firstIndex(of: ";") {
        let name = text[text.index(after: i)..<semi]
        var decoded: String?
        switch name {
        case "amp": decoded = "&"
        case "lt": decoded = "<"
        case "gt": decoded = ">"
        case "quot": decoded = "\""
        case "apos": decoded = "'"
        default:
          if name.hasPrefix("#x") || name.hasPrefix("#X") {
            decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
          } else if name.hasPrefix("#") {
            decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
          }
        }
        if let decoded {
          out += decoded
          i = text.index(after: semi)
          continue
        }
      }
      out.append(text[i])
      i = text.index(after: i)
    }
    return out
  }
}
