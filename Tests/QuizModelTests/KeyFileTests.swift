import Foundation
import Testing

@testable import QuizModel

/// A small quiz with every kind of answer: numeric with misconceptions, choice with distractor feedback, a
/// multi-part problem, a grading policy and template digests.
enum KeyFixture {
  static let quiz: Quiz = {
    let nernst = Variant(
      id: "nernst-01", template: "nernst", seed: 18_000_000_000_000_000_001,
      parameters: [
        ("ion", .text("K+", display: "K⁺")), ("inside_mM", .number(140, display: "140")),
        ("outside_mM", .number(4, display: "4")),
      ],
      stem: "K⁺ is 140 mM inside and 4 mM outside.\n\nWhat is E_K?",
      answers: [
        Answer(
          id: "E", prompt: "E_K (mV)",
          kind: .numeric(
            NumericAnswer(
              value: -95.01893455345434, unit: "mV", tolerance: Tolerance(relative: 0.02, absolute: 0.5),
              misconceptions: [
                MisconceptionOutcome(id: "log10-for-ln", label: "used log10", value: -41.26, feedback: "Use ln.")
              ])),
          explanation: "E = (RT/F)·ln(4/140)")
      ])
    let flux = Variant(
      id: "flux-01", template: "flux", seed: 7, parameters: [("Vm_mV", .number(-70, display: "−70"))],
      stem: "Vm is −70 mV.",
      answers: [
        Answer(
          id: "df", prompt: "Vm − E (mV)",
          kind: .numeric(NumericAnswer(value: 25.02, unit: "mV", tolerance: Tolerance(absolute: 0.5)))),
        Answer(
          id: "direction", prompt: "Net flux",
          kind: .choice(
            ChoiceAnswer(
              options: [
                ChoiceOption(id: "influx", text: "influx", feedback: "Check the sign.", misconception: "sign-reversed"),
                ChoiceOption(id: "efflux", text: "efflux"),
              ],
              correct: "efflux",
              misconceptions: [
                MisconceptionOutcome(id: "sign-reversed", label: "sign", option: "influx", feedback: "Check the sign.")
              ]))),
        Answer(
          id: "size", prompt: "Size",
          kind: .numeric(NumericAnswer(value: 1.05e-13, unit: "C", tolerance: Tolerance(relative: 0.05)))),
      ])
    var grading = GradingOptions(unitSlipCredit: 0.5, misconceptionCredit: ["*": 0.25, "log10-for-ln": 0.5])
    grading.checkSignificantFigures = true
    grading.significantFiguresCredit = 0.9
    return Quiz(
      title: "Tiny \"quiz\"", seed: 18_000_000_000_000_000_000,
      items: [
        QuizItem(template: "nernst", title: "Nernst", points: 2.5, variants: [nernst]),
        QuizItem(template: "flux", title: "Flux", points: 2, variants: [flux]),
      ], grading: grading,
      templateDigests: [
        TemplateDigest(id: "nernst", digest: "fnv1a64:0123456789abcdef"),
        TemplateDigest(id: "flux", digest: "fnv1a64:fedcba9876543210"),
      ])
  }()

  static let deliveries = [
    Delivery(
      format: "canvas", variant: "nernst-01", part: "E", points: 2.5, group: "Nernst", item: "nernst-01_E",
      questionText: "<div><p>K⁺ is 140 mM inside…</p></div>"),
    Delivery(
      format: "qti21", variant: "flux-01", part: "direction", points: 0.67, item: "flux-01",
      response: "RESPONSE_direction"),
    Delivery(
      format: "moodle", variant: "flux-01", part: "direction", points: 0.67,
      group: "$course$/Tiny \"quiz\" (seed 18000000000000000000)/Flux", item: "18000000000000000000-flux-01",
      questionText: "Vm is −70 mV.\n\nVm − E (mV) _____ mV\n\nNet flux {influx; efflux}", name: "Flux 01", gap: 2),
  ]
}

struct KeyFileTests {
  @Test func format2ReadsBackToTheSameQuizAndWritesTheSameBytes() throws {
    let text = KeyFixture.quiz.keyJSONLines(deliveries: KeyFixture.deliveries)
    let key = try AnswerKey.read(text)
    #expect(key.format == 2)
    #expect(key.tool == KeyFormat.tool)
    #expect(key.quiz == KeyFixture.quiz)
    #expect(key.quiz.grading == KeyFixture.quiz.grading)
    #expect(key.quiz.templateDigests == KeyFixture.quiz.templateDigests)
    #expect(key.deliveries == KeyFixture.deliveries)
    #expect(key.quiz.keyJSONLines(deliveries: key.deliveries) == text)
  }

  @Test func pointsPerPartAreSplitInHundredthsAndRecorded() throws {
    let parts = KeyFixture.quiz.items[1].variants[0].answers.map(\.points.description)
    #expect(parts == ["0.67", "0.67", "0.66"])
    let text = KeyFixture.quiz.keyJSONLines()
    #expect(text.contains(#""id":"df","prompt":"Vm − E (mV)","points":0.67,"#))
    #expect(text.contains(#""id":"size","prompt":"Size","points":0.66,"#))
  }

  @Test func theIntervalIsRecordedAsExactDecimalTexts() throws {
    let text = KeyFixture.quiz.keyJSONLines()
    #expect(
      text.contains(
        #""interval":{"key":"-95.0189345534543","half_width":"2.40038","low":"-97.4193145534543","high":"-92.6185545534543"}"#
      ))
    #expect(text.contains(#""interval":{"key":"0.000000000000105","half_width":"0.00000000000000525","#))
  }

  @Test func theFrozenFormat1KeyStillReadsWithTheDefaultsItImplies() throws {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/format1-default-key", withExtension: "jsonl"))
    let key = try AnswerKey.read(try String(contentsOf: url, encoding: .utf8), file: "format1-default-key.jsonl")
    #expect(key.format == 1)
    #expect(key.deliveries.isEmpty)
    #expect(key.quiz.items.map(\.template) == ["nernst-potential", "driving-force", "charge-per-voltage"])
    #expect(key.quiz.items.map(\.variants.count) == [8, 8, 6])
    #expect(key.quiz.items.map(\.points) == [2, 3, 3])
    #expect(key.quiz.grading == GradingOptions())
    let drivingForce = key.quiz.items[1].variants[0]
    #expect(drivingForce.answers.map(\.points) == [1.5, 1.5])
    let first = try #require(key.quiz.items[0].variants[0].answers[0].numeric)
    #expect(
      first.interval == AcceptedInterval(key: -61.634344323004925, tolerance: Tolerance(relative: 0.02, absolute: 0.5)))
    #expect(first.misconceptions.count == 4)
  }

  @Test(arguments: [
    (#"{"record":"quiz","key_format":3}"#, "newer than this version reads"),
    (#"{"answers":1}"#, "not an answer key"),
    (#"[1,2]"#, "not a JSON object"),
  ])
  func keysThatCannotBeReadSayWhy(text: String, message: String) {
    let error = #expect(throws: KeyFileError.self) { try AnswerKey.read(text, file: "k.jsonl") }
    #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    #expect(error?.description.hasPrefix("k.jsonl:1: ") == true)
  }

  @Test func aRecordThatContradictsTheQuizRecordNamesItsLine() throws {
    var lines = KeyFixture.quiz.keyJSONLines().split(separator: "\n").map(String.init)
    lines[2] = lines[2].replacingOccurrences(of: #""item":2"#, with: #""item":1"#)
    let wrongItem = #expect(throws: KeyFileError.self) { try AnswerKey.read(lines.joined(separator: "\n")) }
    #expect(wrongItem?.line == 3)
    #expect(wrongItem?.description.contains("but item 1 is 'nernst'") == true)
    var tampered = KeyFixture.quiz.keyJSONLines().split(separator: "\n").map(String.init)
    tampered[1] = tampered[1].replacingOccurrences(of: #""low":"-97.4193145534543""#, with: #""low":"-97.5""#)
    let bounds = #expect(throws: KeyFileError.self) { try AnswerKey.read(tampered.joined(separator: "\n")) }
    #expect(bounds?.description.contains("not key ± half_width") == true)
  }
}
