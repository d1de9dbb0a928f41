import Foundation
import PropertyBased
import QuizModel
import Testing

@testable import QTIExport

/// The interval exists once (``AcceptedInterval``): every package format, scored by its own evaluator, accepts
/// key ± t written exactly and refuses key ± (t + one unit of t's last written digit).
struct IntervalAgreementTests {
  static let tolerances: [Tolerance] = [
    Tolerance(relative: 0.02, absolute: 0.5), Tolerance(relative: 0.02), Tolerance(relative: 0.05, absolute: 0.5),
    Tolerance(absolute: 0.01), Tolerance(relative: 0.1234567), Tolerance(relative: 0.03, absolute: 2.5e-3),
  ]

  static func quiz(key: Double, tolerance: Tolerance) -> Quiz {
    let answer = Answer(
      id: "x", prompt: "x (mV)", kind: .numeric(NumericAnswer(value: key, unit: "mV", tolerance: tolerance)))
    let variant = Variant(id: "k-01", template: "k", seed: 1, parameters: [], stem: "What is x?", answers: [answer])
    return Quiz(title: "K", seed: 1, items: [QuizItem(template: "k", title: "K", points: 1, variants: [variant])])
  }

  /// The texts just inside and just outside the written interval.
  static func probes(_ i: AcceptedInterval) -> (inside: [String], outside: [String]) {
    let unit = i.lastDigitUnit
    let lo = i.exactBounds.lowerBound
    let hi = i.exactBounds.upperBound
    func text(_ d: Decimal) -> String { DecimalDigits(parsing: d.plainString)!.text }
    return ([i.lowerText, i.keyText, i.upperText], unit > 0 ? [text(lo - unit), text(hi + unit)] : [])
  }

  @Test(arguments: QTIFormat.allCases)
  func everyFormatsOwnScoringAcceptsKeyPlusOrMinusTAndNoMore(format: QTIFormat) async throws {
    await propertyCheck(
      count: 60, input: Gen.int(in: 100_000_000...999_999_999), Gen.int(in: -3...8), Gen.bool, Gen.int(in: 0...5)
    ) {
      mantissa, exponent, negative, t in
      // Canvas keeps keys of at least 10⁻⁴ only (the exporter refuses smaller ones).
      let magnitude = Double(mantissa) / 1e9 * pow(10, Double(exponent))
      let key = negative ? -magnitude : magnitude
      let quiz = Self.quiz(key: key, tolerance: Self.tolerances[t])
      let interval = quiz.variants[0].answers[0].numeric!.interval
      let package = try makePackage(quiz, format: format, baseName: "k", workers: 1)
      let (inside, outside) = Self.probes(interval)
      switch format {
      case .canvas:
        let file = try #require(package.files.first { $0.path.hasSuffix(".xml") && $0.path != "imsmanifest.xml" })
        let root = try XMLReader.parse(file.data, file: file.path).get()
        let item = CanvasItemModel(item: try #require(root.descendants("item").first))
        for value in inside {
          #expect(try item.run(value).score == 100, "\(key) ± \(interval.halfWidthText): \(value)")
        }
        for value in outside {
          #expect(try item.run(value).score < 100, "\(key) ± \(interval.halfWidthText): \(value)")
        }
      case .qti21, .qti30:
        let file = try #require(package.files.first { $0.path.hasPrefix("items/") })
        let item = CompiledItem(root: try XMLReader.parse(file.data, file: file.path).get())
        for value in inside {
          #expect(item.run(["RESPONSE_x": .float(Double(value)!)])["SCORE"]?.number == 1, "\(key): \(value)")
        }
        for value in outside {
          #expect(item.run(["RESPONSE_x": .float(Double(value)!)])["SCORE"]?.number == 0, "\(key): \(value)")
        }
      case .moodle:
        let root = try XMLReader.parse(package.files[0].data, file: package.files[0].path).get()
        let question = try #require(root.children("question").first { $0[attribute: "type"] == "numerical" })
        let answers = try #require(MoodleModel.numericAnswers(of: question))
        let units = MoodleModel.units(of: question)
        for value in inside {
          #expect(MoodleModel.match(value, answers: answers, units: units) == 0, "\(key): \(value)")
        }
        for value in outside {
          #expect(MoodleModel.match(value, answers: answers, units: units) != 0, "\(key): \(value)")
        }
      }
    }
  }
}
