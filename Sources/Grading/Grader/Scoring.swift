import Foundation
import QuizModel

enum Scoring {
  /// Whether `s` lies in `interval` (the key's, ``AcceptedInterval``), bounds inclusive.
  ///
  /// Clear cases are decided in binary floating point; a response within a hair of a bound is decided
  /// exactly, on the decimal the student wrote, so that −94.52 is accepted for −95.02 ± 0.5.
  static func within(_ s: ParsedNumber, _ interval: AcceptedInterval) -> Bool {
    let value = s.value
    guard value.isFinite else { return false }
    let noise = 1e-12 * max(abs(interval.lower), abs(interval.upper), abs(value), .leastNormalMagnitude)
    if value > interval.lower + noise, value < interval.upper - noise { return true }
    if value < interval.lower - noise || value > interval.upper + noise { return false }
    let exact = ExactDecimal(negative: s.isNegative, mantissa: UInt128(s.significand), exponent: s.exponent)
    return interval.contains(exactly: exact) ?? interval.contains(exactly: s.decimal)
  }

  static func grade(_ parsed: ParsedResponse, part: PreparedPart, policy: GradingPolicy) -> ResponseGrade {
    var grade = scored(parsed, part: part, policy: policy)
    // Some but not all of the points: a misconception or unit slip with credit, too few significant figures.
    if grade.points > .zero, grade.points < part.points, grade.verdict == .correct || grade.verdict == .incorrect {
      grade.verdict = .partial
    }
    return grade
  }

  private static func scored(_ parsed: ParsedResponse, part: PreparedPart, policy: GradingPolicy) -> ResponseGrade {
    switch parsed {
    case .blank:
      return ResponseGrade(verdict: .blank, points: 0, feedback: "No answer.")
    case .unreadable(let reason):
      return ResponseGrade(verdict: .unreadable, points: 0, feedback: "Could not read the answer: \(reason).")
    case .wrongUnit(_, _, let reason):
      return ResponseGrade(verdict: .wrongUnit, points: 0, feedback: "Wrong kind of unit: \(reason).")
    case .number(let number):
      guard let key = part.numeric else {
        return ResponseGrade(
          verdict: .unreadable, points: 0, feedback: "Could not read the answer: a number where an option was asked.")
      }
      return grade(number, key: key, part: part, policy: policy)
    case .option(let id):
      guard case .choice(let key) = part.answer.kind else {
        return ResponseGrade(
          verdict: .unreadable, points: 0, feedback: "Could not read the answer: an option where a number was asked.")
      }
      return grade(option: id, key: key, part: part, policy: policy)
    }
  }

  static func grade(_ s: ParsedNumber, key: NumericAnswer, part: PreparedPart, policy: GradingPolicy) -> ResponseGrade {
    let value = s.value
    if within(s, key.interval) {
      if let check = policy.significantFigures {
        let wanted = key.significantFigures
        let given = s.significantFigures
        if given.upperBound < wanted - check.slack || (check.checksTooMany && given.lowerBound > wanted + check.slack) {
          let gave =
            given.lowerBound == given.upperBound ? "\(given.lowerBound)" : "\(given.lowerBound) to \(given.upperBound)"
          return ResponseGrade(
            verdict: .correct, points: part.points.scaled(by: check.credit), value: value,
            misconception: "significant-figures",
            feedback: "Correct, but give \(wanted) significant figures (you gave \(gave)).")
        }
      }
      return ResponseGrade(verdict: .correct, points: part.points, value: value)
    }
    // The closest named misconception that the response is within tolerance of.
    var best: MisconceptionOutcome? = nil
    var bestDistance = Double.infinity
    for (m, band) in zip(key.misconceptions, part.misconceptionIntervals) {
      guard let v = m.value, within(s, band) else { continue }
      let d = abs(value - v)
      if d < bestDistance {
        best = m
        bestDistance = d
      }
    }
    if let best {
      return ResponseGrade(
        verdict: .incorrect, points: part.points.scaled(by: policy.credit(forMisconception: best.id)),
        value: value, misconception: best.id, feedback: best.feedback)
    }
    // Near zero the ×10^±3 and sign checks mean nothing: any small number would match.
    let spansZero = key.accepts(0)
    for shift in [3, -3] where !spansZero && within(s.shifted(by: shift, unit: s.unit), key.interval) {
      let factor = shift > 0 ? "1000 times too small" : "1000 times too large"
      return ResponseGrade(
        verdict: .incorrect, points: part.points.scaled(by: policy.unitSlipCredit), value: value,
        misconception: "unit-slip",
        feedback: "The number is \(factor): check the unit prefix (the answer is in \(key.unit)).")
    }
    if key.value != 0, !spansZero {
      var negated = s
      negated.isNegative.toggle()
      if within(negated, key.interval) {
        return ResponseGrade(
          verdict: .incorrect, points: part.points.scaled(by: policy.credit(forMisconception: "sign-reversed")),
          value: value, misconception: "sign-reversed",
          feedback:
            "The size is right but the sign is reversed: check the sign convention (Vm − E, inside relative to outside)."
        )
      }
    }
    return ResponseGrade(verdict: .incorrect, points: 0, value: value, feedback: "Not within the accepted range.")
  }

  static func grade(option: String, key: ChoiceAnswer, part: PreparedPart, policy: GradingPolicy) -> ResponseGrade {
    if option == key.correct { return ResponseGrade(verdict: .correct, points: part.points, option: option) }
    let chosen = key.options.first { $0.id == option }
    let outcome =
      key.misconceptions.first { $0.option == option }
      ?? chosen?.misconception.flatMap { id in key.misconceptions.first { $0.id == id } }
    let id = outcome?.id ?? chosen?.misconception
    let feedback = chosen?.feedback ?? outcome?.feedback ?? "Not the correct option."
    let credit = id.map(policy.credit(forMisconception:)) ?? 0
    return ResponseGrade(
      verdict: .incorrect, points: part.points.scaled(by: credit), option: option, misconception: id, feedback: feedback
    )
  }
}
