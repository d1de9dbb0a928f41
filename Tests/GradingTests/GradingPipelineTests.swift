import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

@testable import Grading

/// Grading with several workers writes the same bytes, and works out the same statistics, as grading with one:
/// batches are prepared in parallel but committed in input order.
@Suite struct GradingPipelineTests {
  /// Long format: the generator's realistic answers (a class small enough for repeated answers), then rows of
  /// random pieces: unknown items, blank students and answers, quotes, separators and line breaks inside fields.
  static func writeMessyLong(to url: URL, seed: UInt64) throws {
    var generator = SubmissionGenerator(quiz: SampleQuiz.Grading.quiz, seed: seed)
    let realistic = url.deletingLastPathComponent().appendingPathComponent("realistic-\(seed).csv")
    try generator.writeLong(rows: 12_000, students: 1_500, to: realistic)
    var text = try String(contentsOf: realistic, encoding: .utf8)
    var random = SplitMix(state: seed)
    func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    for _ in 0..<6_000 {
      let student = random.next(below: 12) == 0 ? "" : "s\(random.next(below: 800))"
      let item = RowAccountingTests.items[random.next(below: RowAccountingTests.items.count)]
      let response = (0..<random.next(below: 4)).map { _ in
        RowAccountingTests.pieces[random.next(below: RowAccountingTests.pieces.count)]
      }.joined()
      text += [student, item, response].map(q).joined(separator: ",") + (random.next(below: 5) == 0 ? "\r\n\n" : "\n")
    }
    try Data(text.utf8).write(to: url)
  }

  /// Wide format: every part's column plus one no part matches, with repeated and missing students.
  static func writeMessyWide(to url: URL, seed: UInt64) throws {
    let columns = SampleQuiz.Grading.quiz.variants.flatMap { v in
      v.answers.count == 1 ? [v.id] : v.answers.map { v.id + "#" + $0.id }
    }
    var random = SplitMix(state: seed)
    var text = (["student"] + columns + ["bonus"]).joined(separator: ";") + "\n"
    let answers = ["-95,02", "132,3 mV", "25", "efflux", "influx", "0,3", "-0,02", "", "", "", "abc", "12 mM", "−95"]
    for _ in 0..<9_000 {
      let student = random.next(below: 15) == 0 ? "" : "w\(random.next(below: 3_000))"
      let cells = (0...columns.count).map { _ in answers[random.next(below: answers.count)] }
      text += ([student] + cells).joined(separator: ";") + "\n"
    }
    try Data(text.utf8).write(to: url)
  }

  /// Grades `input` with `workers` threads; returns the summary (without its folder's files, with the
  /// statistics report.html shows) and every output's bytes.
  static func grade(_ input: URL, workers: Int, in dir: TemporaryDirectory) throws -> (GradingSummary, [String: Data]) {
    let out = dir.url.appendingPathComponent("out-\(workers)")
    let summary = try Grader(quiz: SampleQuiz.Grading.quiz).grade(submissionsAt: input, into: out, workers: workers)
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
      files[name] = try Data(contentsOf: out.appendingPathComponent(name))
    }
    var counts = summary
    counts.files = []
    return (counts, files)
  }

  @Test(arguments: [(7 as UInt64, 2), (8, 3), (9, 8)])
  func longFileGradesToTheSameBytesWithAnyNumberOfWorkers(seed: UInt64, workers: Int) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("messy.csv")
    try Self.writeMessyLong(to: input, seed: seed)
    let (oneSummary, one) = try Self.grade(input, workers: 1, in: dir)
    let (manySummary, many) = try Self.grade(input, workers: workers, in: dir)
    #expect(manySummary == oneSummary)
    #expect(one.keys.sorted() == ["grades.csv", "responses.csv", "review.csv"])
    for (name, bytes) in one { #expect(many[name] == bytes, "\(name) differs with \(workers) workers") }
    // The file exercises what the commit stage decides.
    for verdict in ["superseded", "unknown-item", "blank", "unreadable", "correct"] {
      #expect("\(oneSummary)".contains(verdict), "no \(verdict) in \(oneSummary)")
    }
  }

  @Test func wideFileGradesToTheSameBytesWithAnyNumberOfWorkers() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("wide.csv")
    try Self.writeMessyWide(to: input, seed: 3)
    let (oneSummary, one) = try Self.grade(input, workers: 1, in: dir)
    let (manySummary, many) = try Self.grade(input, workers: 4, in: dir)
    #expect(manySummary == oneSummary)
    #expect("\(oneSummary)".contains("superseded"))
    for (name, bytes) in one { #expect(many[name] == bytes, "\(name) differs with 4 workers") }
  }

  @Test(arguments: [1, 2, 5])
  func errorLateInTheFileIsTheSameWithAnyNumberOfWorkers(workers: Int) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("late.csv")
    var text = "student,item,response\n"
    for i in 0..<20_000 { text += "s\(i % 700),nernst-potential-01,-95\n" }
    text += "x,nernst-potential-01,-95,oops\n"
    for i in 0..<5_000 { text += "t\(i),ohmic-current-01,\"0.3\n" }
    try Data(text.utf8).write(to: input)
    let error = #expect(throws: CSVError.self) {
      try Grader(quiz: SampleQuiz.Grading.quiz).grade(
        submissionsAt: input, into: dir.url.appendingPathComponent("out"), workers: workers)
    }
    #expect(
      error?.description == "late.csv:20002:4: \"oops\" is past the last column (the header has 3 columns)"
    )
    #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("out/responses.csv").path))
  }

  @Test(arguments: [
    (
      "x,\"nernst-potential-01\"?,1\n",
      "late.csv:10002:2: text \"?\" follows the closing quote of a quoted field"
    ),
    (
      "x,nernst\"potential,1\n",
      "late.csv:10002:2: a quote appears inside the unquoted field \"nernst\"\"; quote the whole field and double the quote"
    ),
  ])
  func malformedRecordInALaterBatchNamesItsRowAndColumn(record: String, message: String) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("late.csv")
    var text = "student,item,response\n"
    for i in 0..<10_000 { text += "s\(i % 700),nernst-potential-01,\"-95\"\n" }
    try Data((text + record).utf8).write(to: input)
    for workers in [1, 2] {
      let error = #expect(throws: CSVError.self) {
        try Grader(quiz: SampleQuiz.Grading.quiz).grade(
          submissionsAt: input, into: dir.url.appendingPathComponent("out"), workers: workers)
      }
      #expect(error?.description == message)
    }
  }

  @Test func moreWorkersThanRecords() throws {
    let (summary, dir) = try gradeSample(try fixture("long"))
    defer { dir.remove() }
    let expected = try Data(contentsOf: dir.url.appendingPathComponent("out/responses.csv"))
    let many = try TemporaryDirectory()
    defer { many.remove() }
    let (manySummary, files) = try Self.grade(try fixture("long"), workers: 16, in: many)
    var counts = summary
    counts.files = []
    #expect(manySummary == counts)
    #expect(files["responses.csv"] == expected)
  }

  @Test(arguments: [UInt64(21), 22])
  func theQuickReadOfALongFileKeepsTheAnswersTheTwoGradingPassesKeep(seed: UInt64) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("messy.csv")
    try Self.writeMessyLong(to: input, seed: seed)
    var twoPasses = Grader(quiz: SampleQuiz.Grading.quiz)
    twoPasses.prescans = false
    let quick = try Grader(quiz: SampleQuiz.Grading.quiz).grade(
      submissionsAt: input, into: dir.url.appendingPathComponent("quick"), workers: 2)
    let slow = try twoPasses.grade(submissionsAt: input, into: dir.url.appendingPathComponent("slow"), workers: 2)
    #expect(quick.verdicts[.superseded, default: 0] > 0)
    #expect(quick.description == slow.description)
    for name in ["responses.csv", "review.csv", "grades.csv"] {
      let a = try Data(contentsOf: dir.url.appendingPathComponent("quick/\(name)"))
      let b = try Data(contentsOf: dir.url.appendingPathComponent("slow/\(name)"))
      #expect(a == b, "\(name)")
    }
  }
}
