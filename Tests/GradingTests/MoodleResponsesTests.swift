import Foundation
import QTIExport
import QuizModel
import TestSupport
import Testing

@testable import Grading

/// Moodle's quiz Responses report, built the way Moodle builds it (``MoodleResponsesReport``) from the Moodle XML
/// file our own exporter writes for the sample quiz: each question's text as the import keeps it, turned into
/// the `Question N` column by `get_question_summary`; responses as each question type's `summarise_response`
/// writes them.
enum MoodleSample {
  static let restingIon = Variant(
    id: "resting-ion-01", template: "resting-ion", seed: 41, parameters: [],
    stem: "Which ion sets the resting potential of most neurons?",
    answers: [
      Answer(
        id: "ion", prompt: "",
        kind: .choice(
          ChoiceAnswer(
            options: [ChoiceOption(id: "k", text: "K⁺ (potassium)"), ChoiceOption(id: "na", text: "Na⁺ & <Cl⁻>")],
            correct: "k")))
    ])
  static let restingIon2 = Variant(
    id: "resting-ion-02", template: "resting-ion", seed: 42, parameters: [],
    stem: "Which ion is furthest from equilibrium at rest?",
    answers: [
      Answer(
        id: "ion", prompt: "",
        kind: .choice(
          ChoiceAnswer(
            options: [ChoiceOption(id: "k", text: "K⁺ (potassium)"), ChoiceOption(id: "na", text: "Na⁺ (sodium)")],
            correct: "na")))
    ])

  /// The sample quiz (two Nernst variants, a two-part Cloze, two current variants) and a choice item of two
  /// variants: slots 1 to 4 of the Moodle quiz.
  static let quiz = Quiz(
    title: "Membrane potentials", seed: 2026,
    items: SampleQuiz.Grading.quiz.items + [
      QuizItem(template: "resting-ion", title: "Resting ion", points: 1, variants: [restingIon, restingIon2])
    ])

  /// The Moodle export: its delivery map, and per variant id the `Question N` text Moodle shows for it.
  struct Export {
    var deliveries: [Delivery]
    var questionText: [String: String]
    var key: String
  }

  static func export(_ quiz: Quiz = quiz) throws -> Export {
    let package = try makePackage(quiz, format: .moodle, baseName: "sample", workers: 1)
    let deliveries = package.report.deliveries
    let root = try XMLReader.parse(package.files[0].data, file: "sample-moodle.xml").get()
    var texts: [String: String] = [:]
    for question in root.children("question") {
      guard let type = question[attribute: "type"], type != "category",
        let idnumber = question.child("idnumber")?.textContent,
        let variant = deliveries.first(where: { $0.item == idnumber })?.variant
      else { continue }
      let html = question.child("questiontext")?.child("text")?.textContent ?? ""
      let options = question.children("answer").map { $0.child("text")?.textContent ?? "" }
      texts[variant] = MoodleResponsesReport.questionSummary(type: type, questionText: html, options: options)
    }
    return Export(deliveries: deliveries, questionText: texts, key: quiz.keyJSONLines(deliveries: deliveries))
  }

  /// What grading the report gave.
  struct Outcome {
    var summary: GradingSummary
    var responses: [String]
    var review: String
    /// Student → total.
    var totals: [String: String]
  }

  static func grade(_ csv: String, attempts: AttemptsRule = .last, key: String, idColumn: String? = nil) throws
    -> Outcome
  {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("responses.csv")
    try Data(csv.utf8).write(to: input)
    let answerKey = try AnswerKey.read(key)
    let out = dir.url.appendingPathComponent("graded")
    let summary = try Grader(quiz: answerKey.quiz, deliveries: answerKey.deliveries, attempts: attempts)
      .grade(submissionsAt: input, identityColumn: idColumn, into: out, workers: 2)
    func read(_ name: String) throws -> String {
      try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
    }
    var totals: [String: String] = [:]
    for line in try read("grades.csv").split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      totals[String(fields[0])] = String(fields[2])
    }
    return Outcome(
      summary: summary, responses: try read("responses.csv").split(separator: "\n").map(String.init),
      review: try read("review.csv"), totals: totals)
  }
}

struct MoodleResponsesTests {
  let efflux = "efflux (out of the cell)"

  /// Ann answers every slot right (a unit typed, a Cloze of two gaps, a key near zero, an option with `&` and
  /// `<`); Bob makes the typical mistakes, leaves a Cloze gap and a slot empty; Dan's attempt is still in
  /// progress.
  func attempts(_ e: MoodleSample.Export) -> [MoodleResponsesReport.Attempt] {
    func q(_ ids: String...) -> [String?] { ids.map { e.questionText[$0] } }
    return [
      .init(
        firstName: "Ann", lastName: "Archer", identity: ["ann@example.edu"], grade: "10.00",
        questions: q("nernst-potential-01", "driving-force-01", "ohmic-current-02", "resting-ion-01"),
        responses: ["-95.02 mV", MoodleResponsesReport.clozeResponse(["25.02", efflux]), "-0.02 pA", "K⁺ (potassium)"]),
      .init(
        firstName: "Bob", lastName: "Baker", identity: ["bob@example.edu"],
        questions: q("nernst-potential-02", "driving-force-01", "ohmic-current-01", "resting-ion-02"),
        responses: ["264.6", MoodleResponsesReport.clozeResponse(["-25.02", nil]), nil, "K⁺ (potassium)"]),
      .init(
        firstName: "Dan", lastName: "Dunn", identity: ["dan@example.edu"], state: "In progress",
        questions: q("nernst-potential-01", "driving-force-01", "ohmic-current-01", "resting-ion-01"),
        responses: ["-95", nil, "0.3", nil]),
    ]
  }

  @Test func theDeliveryMapHoldsTheQuestionTextMoodleShows() throws {
    let e = try MoodleSample.export()
    func collapsed(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    #expect(e.questionText.count == MoodleSample.quiz.variants.count)
    for d in e.deliveries {
      #expect(collapsed(d.questionText ?? "") == collapsed(e.questionText[d.variant] ?? "?"), "\(d.variant)")
    }
    #expect(e.questionText["driving-force-01"]!.contains("_____ mV"))
    #expect(e.questionText["resting-ion-01"]!.hasSuffix(": K⁺ (potassium); Na⁺ & <Cl⁻>"))
  }

  @Test func aReportIsDetectedAndGradedEndToEnd() throws {
    let e = try MoodleSample.export()
    let report = MoodleResponsesReport(slots: ["1", "2", "3", "4"])
    let csv = report.csv(attempts(e))
    #expect(
      csv.hasPrefix(
        "\u{FEFF}\"Last name\",\"First name\",\"Email address\",Status,\"Started on\",Completed,Duration,Grade/10.00,\"Question 1\",\"Response 1\""
      ))
    let outcome = try MoodleSample.grade(csv, key: e.key)
    #expect(outcome.summary.format == .moodle)
    #expect(outcome.totals == ["ann@example.edu": "6.00", "bob@example.edu": "0.00", "dan@example.edu": "0.00"])
    let lines = outcome.responses
    // Ann: the unit read, both gaps of the Cloze graded on their own parts.
    #expect(
      lines.contains {
        $0.hasPrefix("2,ann@example.edu,nernst-potential-01,'-95.02 mV,-95.02,mV,") && $0.contains(",correct,")
      })
    #expect(
      lines.contains {
        $0.hasPrefix("2,ann@example.edu,driving-force-01#driving_force,25.02,") && $0.contains(",correct,1,1,")
      })
    #expect(
      lines.contains {
        $0.hasPrefix("2,ann@example.edu,driving-force-01#direction,\(efflux),efflux,") && $0.contains(",correct,")
      })
    #expect(lines.contains { $0.hasPrefix("2,ann@example.edu,resting-ion-01,K⁺ (potassium),k,") })
    // Bob: misconceptions named, the empty gap and the empty slot blank.
    #expect(
      lines.contains { $0.hasPrefix("3,bob@example.edu,nernst-potential-02,264.6,") && $0.contains("valence-ignored") })
    #expect(
      lines.contains {
        $0.hasPrefix("3,bob@example.edu,driving-force-01#driving_force,-25.02,") && $0.contains("sign-reversed")
      })
    #expect(lines.contains { $0.hasPrefix("3,bob@example.edu,driving-force-01#direction,,") && $0.contains(",blank,") })
    #expect(lines.contains { $0.hasPrefix("3,bob@example.edu,ohmic-current,,") && $0.contains(",blank,") })
    // Dan: flagged, never graded, never dropped.
    #expect(outcome.summary.verdicts[.unfinished] == 2)
    #expect(
      lines.contains { $0.hasPrefix("4,dan@example.edu,nernst-potential-01,-95,") && $0.contains(",unfinished,0,") })
    #expect(
      outcome.review.contains(
        "4,dan@example.edu,ohmic-current-01,0.3,unfinished,\"The attempt's state in Moodle is \"\"In progress\"\""))
    #expect(outcome.summary.rowsIn == 3 && outcome.summary.rowsFlagged == 1)
    #expect(outcome.summary.exitStatus == 1)
  }

  @Test(arguments: [(AttemptsRule.first, "2.00"), (.last, "0.00"), (.best, "2.00")])
  func twoAttemptsOfOneStudentFollowTheAttemptsRule(rule: AttemptsRule, total: String) throws {
    let e = try MoodleSample.export()
    let slots: [String?] = ["nernst-potential-01", "driving-force-01", "ohmic-current-01", "resting-ion-01"].map {
      e.questionText[$0]
    }
    var second = slots
    second[0] = e.questionText["nernst-potential-02"]
    let rows: [MoodleResponsesReport.Attempt] = [
      .init(
        firstName: "Cat", lastName: "Cole", identity: ["cat@example.edu"], questions: slots,
        responses: ["-95", nil, nil, nil]),
      .init(
        firstName: "Cat", lastName: "Cole", identity: ["cat@example.edu"], questions: second,
        responses: ["15.78", nil, nil, nil]),
    ]
    let outcome = try MoodleSample.grade(
      MoodleResponsesReport(slots: ["1", "2", "3", "4"]).csv(rows), attempts: rule, key: e.key)
    #expect(outcome.totals == ["cat@example.edu": total])
    #expect(outcome.summary.verdicts[.superseded] == 1)
    let superseded = outcome.responses.first { $0.contains(",superseded,") } ?? ""
    #expect(
      superseded.hasPrefix(
        rule == .last ? "2,cat@example.edu,nernst-potential-01," : "3,cat@example.edu,nernst-potential-02,"))
  }

  @Test func withoutQuestionTextTheSlotsOfSeveralVariantsAreNamedForReview() throws {
    let e = try MoodleSample.export()
    let report = MoodleResponsesReport(slots: ["1", "2", "3", "4"], showQuestionText: false)
    let outcome = try MoodleSample.grade(report.csv(Array(attempts(e).prefix(1))), key: e.key)
    #expect(outcome.summary.unidentifiedSlots == ["Response 1", "Response 3", "Response 4"])
    // The Cloze slot's category holds one variant: still graded.
    #expect(outcome.totals == ["ann@example.edu": "2.00"])
    #expect(outcome.summary.verdicts[.unknownItem] == 3)
    #expect(outcome.review.contains("1,,Response 1,,unknown-item,\"the report has no Question column for this slot"))
    #expect(outcome.review.contains("tick \"\"Question text\"\" under the Responses report's Display options"))
    #expect(outcome.summary.description.contains("Response 1, Response 3, Response 4: no Question column"))
    #expect(outcome.summary.exitStatus == 1)
  }

  @Test func aReportWhoseSlotsCannotBeToldIsRefusedSayingHowToExportIt() throws {
    let quiz = Quiz(
      title: "Two pools", seed: 5, items: [SampleQuiz.Grading.quiz.items[0], SampleQuiz.Grading.quiz.items[2]])
    let e = try MoodleSample.export(quiz)
    let report = MoodleResponsesReport(slots: ["1", "2"], showQuestionText: false)
    let csv = report.csv([
      .init(
        firstName: "Ann", lastName: "Archer", identity: ["ann@example.edu"],
        questions: [nil, nil], responses: ["-95", "0.3"])
    ])
    #expect {
      _ = try MoodleSample.grade(csv, key: e.key)
    } throws: { error in
      let text = "\(error)"
      return text.contains("Response 1, Response 2") && text.contains("tick \"Question text\" under Display options")
    }
  }

  @Test func theStudentIsTheIDNumberElseTheEmailElseTheName() throws {
    let e = try MoodleSample.export()
    let q: [String?] = ["nernst-potential-01", "driving-force-01", "ohmic-current-01", "resting-ion-01"].map {
      e.questionText[$0]
    }
    let rows: [MoodleResponsesReport.Attempt] = [
      .init(
        firstName: "Ann", lastName: "Archer", identity: ["S001", "ann@example.edu"], questions: q,
        responses: ["-95", nil, nil, nil]),
      .init(
        firstName: "Bob", lastName: "Baker", identity: ["", "bob@example.edu"], questions: q,
        responses: ["-95", nil, nil, nil]),
      .init(firstName: "Cat", lastName: "Cole", identity: ["", ""], questions: q, responses: ["-95", nil, nil, nil]),
    ]
    let report = MoodleResponsesReport(identityFields: ["ID number", "Email address"], slots: ["1a", "2", "3", "4"])
    let outcome = try MoodleSample.grade(report.csv(rows), key: e.key)
    #expect(outcome.totals == ["S001": "2.00", "bob@example.edu": "2.00", "Cat Cole": "2.00"])
    #expect(outcome.summary.exitStatus == 0)
    // --id-column overrides: the email alone (Cat has none, so her row names no student).
    let byEmail = try MoodleSample.grade(report.csv(rows), key: e.key, idColumn: "Email address")
    #expect(byEmail.totals == ["ann@example.edu": "2.00", "bob@example.edu": "2.00"])
    #expect(byEmail.responses.contains { $0.hasPrefix("4,,nernst-potential-01,-95,") && $0.contains(",unreadable,") })
  }

  @Test func aClozeResponseSplitsBackIntoItsGapsInOrder() {
    func pieces(_ text: String, _ count: Int) -> [String]? {
      GradingRun.clozePieces(ByteView(Array(text.utf8)), count: count).map {
        $0.map { String(decoding: $0, as: UTF8.self) }
      }
    }
    #expect(
      pieces(MoodleResponsesReport.clozeResponse(["25", "efflux; part 2: x", nil]), 3) == [
        "25", "efflux; part 2: x", "",
      ])
    #expect(pieces("part 1: ; part 2: 3", 2) == ["", "3"])
    #expect(pieces("part 1: 1; part 2:", 2) == ["1", ""])
    #expect(pieces("25.02; efflux", 2) == nil)
    #expect(pieces("part 1: 1", 2) == nil)
  }
}
