import Foundation
import PropertyBased
import QuizModel
import Testing

@testable import Grading

/// The grader uses the one interval (``AcceptedInterval``): it accepts key ± t as written, exactly, and refuses
/// key ± (t + one unit of t's last written digit), for keys of every sign and size.
struct GraderIntervalAgreementTests {
  static let tolerances: [Tolerance] = [
    Tolerance(relative: 0.02, absolute: 0.5), Tolerance(relative: 0.02), Tolerance(absolute: 0.01),
    Tolerance(relative: 0.001, absolute: 1e-9), Tolerance(relative: 0.1234567),
    Tolerance(relative: 0.03, absolute: 2.5e-3),
  ]

  @Test func theGraderAcceptsKeyPlusOrMinusTAndRefusesOneLastDigitMore() async {
    await propertyCheck(
      count: 400, input: Gen.int(in: 1...999_999_999_999), Gen.int(in: -14...14), Gen.bool, Gen.int(in: 0...5)
    ) {
      mantissa, exponent, negative, t in
      let magnitude = Double(mantissa) / 1e12 * pow(10, Double(exponent))
      let key = negative ? -magnitude : magnitude
      let answer = Answer(
        id: "x", prompt: "x (mM)", kind: .numeric(NumericAnswer(value: key, unit: "mM", tolerance: Self.tolerances[t])))
      let variant = Variant(id: "k-01", template: "k", seed: 1, parameters: [], stem: "x?", answers: [answer])
      let quiz = Quiz(title: "K", seed: 1, items: [QuizItem(template: "k", title: "K", points: 1, variants: [variant])])
      let grader = Grader(quiz: quiz)
      let interval = quiz.variants[0].answers[0].numeric!.interval
      let unit = interval.lastDigitUnit
      func text(_ d: Decimal) -> String { DecimalDigits(parsing: d.plainString)!.text }
      for inside in [interval.lowerText, interval.keyText, interval.upperText] {
        #expect(grader.grade(inside, for: "k-01")?.verdict == .correct, "\(key) ± \(interval.halfWidthText): \(inside)")
      }
      if unit > 0 {
        for outside in [text(interval.exactBounds.lowerBound - unit), text(interval.exactBounds.upperBound + unit)] {
          #expect(
            grader.grade(outside, for: "k-01")?.verdict != .correct, "\(key) ± \(interval.halfWidthText): \(outside)")
        }
      }
    }
  }
}
