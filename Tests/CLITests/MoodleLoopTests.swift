import Foundation
import QTIExport
import QuizModel
import TestSupport
import Testing

/// The instructor's loop through Moodle with the shipped default bank: `nernstquiz generate` writes the Moodle
/// XML file and key.jsonl; Moodle's Responses report is built from that file's question texts the way Moodle
/// builds it (``MoodleResponsesReport``); `nernstquiz grade report.csv --key key.jsonl` grades it.
struct MoodleLoopTests {
  /// The generated quiz: the key, and per variant the `Question N` text Moodle shows and the right response as
  /// Moodle summarises it (a Cloze question's gaps in gap order).
  struct Generated {
    var key: AnswerKey
    var questionText: [String: String] = [:]
    var right: [String: String] = [:]
  }

  func generate(into dir: TemporaryDirectory) throws -> Generated {
    let bank = packageRoot.appendingPathComponent("Banks/default.yaml").path
    let result = try CommandRunner.run(["generate", bank, "--out", dir.url.appendingPathComponent("quiz").path])
    #expect(result.exitCode == 0, "\(result.standardError)")
    let keyText = try String(contentsOf: dir.url.appendingPathComponent("quiz/key.jsonl"), encoding: .utf8)
    var generated = Generated(key: try AnswerKey.read(keyText))
    let moodle = generated.key.deliveries.filter { $0.format == "moodle" }
    let xml = try Data(contentsOf: dir.url.appendingPathComponent("quiz/default-moodle.xml"))
    let root = try XMLReader.parse(xml, file: "default-moodle.xml").get()
    for question in root.children("question") {
      guard let type = question[attribute: "type"], type != "category",
        let idnumber = question.child("idnumber")?.textContent,
        let variant = moodle.first(where: { $0.item == idnumber })?.variant
      else { continue }
      generated.questionText[variant] = MoodleResponsesReport.questionSummary(
        type: type, questionText: question.child("questiontext")?.child("text")?.textContent ?? "",
        options: question.children("answer").map { $0.child("text")?.textContent ?? "" })
    }
    for variant in generated.key.quiz.variants {
      let gaps = moodle.filter { $0.variant == variant.id }.sorted { ($0.gap ?? 0) < ($1.gap ?? 0) }
      let typed: [String?] = gaps.map { d in
        switch variant.answer(d.part)!.kind {
        case .numeric(let n): return n.interval.keyText + " " + n.unit
        case .choice(let c): return c.correctOption.text
        }
      }
      generated.right[variant.id] = typed.count == 1 ? typed[0] : MoodleResponsesReport.clozeResponse(typed)
    }
    return generated
  }

  @Test func aResponsesReportOfTheDefaultBankIsGradedByTheCommand() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let g = try generate(into: dir)
    let items = g.key.quiz.items
    #expect(g.questionText.count == g.key.quiz.variants.count)
    #expect(items.contains { $0.variants.count > 1 } && items.contains { ($0.variants.first?.answers.count ?? 0) > 1 })
    // Three students who answer right, each drawing other variants; Dan's attempt is still in progress.
    var rows: [MoodleResponsesReport.Attempt] = []
    for (s, name) in ["Ann", "Bob", "Cat"].enumerated() {
      let drawn = items.map { $0.variants[(s + 1) % $0.variants.count] }
      rows.append(
        .init(
          firstName: name, lastName: "Student", identity: ["\(name.lowercased())@example.edu"],
          grade: "10.00", questions: drawn.map { g.questionText[$0.id] }, responses: drawn.map { g.right[$0.id] }))
    }
    let dan = items.map { $0.variants[0] }
    rows.append(
      .init(
        firstName: "Dan", lastName: "Student", identity: ["dan@example.edu"], state: "In progress",
        questions: dan.map { g.questionText[$0.id] },
        responses: [g.right[dan[0].id]] + Array(repeating: nil, count: dan.count - 1)))
    let report = MoodleResponsesReport(slots: items.indices.map { "\($0 + 1)" })
    let parts = items.reduce(0) { $0 + ($1.variants.first?.answers.count ?? 0) }
    let key = dir.url.appendingPathComponent("quiz/key.jsonl").path

    // Finished attempts only: nothing to review.
    let finished = dir.url.appendingPathComponent("report.csv")
    try Data(report.csv(Array(rows.prefix(3))).utf8).write(to: finished)
    let clean = try CommandRunner.run([
      "grade", finished.path, "--key", key, "--out", dir.url.appendingPathComponent("clean").path,
    ])
    #expect(clean.exitCode == 0, "\(clean.standardError)")
    #expect(clean.standardError.isEmpty)
    #expect(
      clean.standardOutput.split(separator: "\n").first
        == "3 rows read; \(3 * parts) answers: \(3 * parts) correct; 3 students; nothing to review")
    let grades = try String(contentsOf: dir.url.appendingPathComponent("clean/grades.csv"), encoding: .utf8)
    let maximum = items.reduce(Points.zero) { $0 + $1.points }.twoDecimals
    for name in ["ann", "bob", "cat"] {
      #expect(grades.contains("\n\(name)@example.edu,\(name.capitalized) Student,\(maximum),\(maximum),100.0,"))
    }

    // With Dan's attempt in progress: his response is flagged, not graded, and the status is 1.
    let all = dir.url.appendingPathComponent("report-all.csv")
    try Data(report.csv(rows).utf8).write(to: all)
    let flagged = try CommandRunner.run([
      "grade", all.path, "--key", key, "--input-format", "moodle",
      "--out", dir.url.appendingPathComponent("all").path,
    ])
    #expect(flagged.exitCode == 1, "\(flagged.standardError)")
    #expect(
      flagged.standardOutput.split(separator: "\n").first
        == "4 rows read; \(3 * parts + 1) answers: \(3 * parts) correct, 1 unfinished; 4 students; 1 to review (review.csv)"
    )
    let review = try String(contentsOf: dir.url.appendingPathComponent("all/review.csv"), encoding: .utf8)
    #expect(review.split(separator: "\n").count == 2)
    #expect(review.contains("\n5,dan@example.edu,\(dan[0].id),"))
    #expect(review.contains(",unfinished,\"The attempt's state in Moodle is \"\"In progress\"\""))
  }
}
