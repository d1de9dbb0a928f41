import Foundation
import Grading
import PropertyBased
import QuizModel
import TemplateEngine
import TestSupport
import Testing

/// Whatever the file holds, no row is lost: rows in = graded + flagged, every data row appears in
/// responses.csv under its own row number, and every response line is counted once.
@Suite struct RowAccountingTests {
  static let pieces = [
    "-95", "−95 mV", "-0,095 V", "9.5e-2", "25", "efflux", "into the cell", "", " ", "\"", ",", "\n", "12 mM", "×10^",
    "1,234", "abc", "0.3 pA", "132.3", "¹²", "−", "é", "\r\n", ";", "\t",
  ]
  static let items =
    SampleQuiz.Grading.quiz.variants.flatMap { v in
      v.answers.count == 1 ? [v.id] : v.answers.map { v.id + "#" + $0.id } + [v.id]
    } + ["unknown", "", "nernst-potential"]

  /// Writes a long-format file from random picks, quoting every field.
  static func write(_ rows: [(Int, Int, [Int])], separator: String, to url: URL) throws {
    func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    var text = ["student", "item", "response"].joined(separator: separator) + "\r\n"
    for (student, item, response) in rows {
      let fields = ["s\(student)", items[item % items.count], response.map { pieces[$0 % pieces.count] }.joined()]
      text += fields.map(q).joined(separator: separator) + "\n"
    }
    try Data(text.utf8).write(to: url)
  }

  @Test func noRowIsLost() async throws {
    let row = zip(Gen.int(in: 0...6), Gen.int(in: 0...40), Gen.int(in: 0...30).array(of: 0...3))
    await propertyCheck(count: 60, input: row.array(of: 0...40), Gen.int(in: 0...2)) { rows, sep in
      do {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let input = dir.url.appendingPathComponent("in.csv")
        try Self.write(rows, separator: [",", ";", "\t"][sep], to: input)
        let summary = try Grader(quiz: SampleQuiz.Grading.quiz).grade(
          submissionsAt: input, format: .long, into: dir.url.appendingPathComponent("out"))
        #expect(summary.rowsIn == rows.count)
        #expect(summary.rowsIn == summary.rowsGraded + summary.rowsFlagged)
        let lines = try readCSV(dir.url.appendingPathComponent("out/responses.csv")).dropFirst()
        #expect(lines.count == summary.responses)
        #expect(lines.map { Int($0[0])! } == Array((0..<rows.count).map { $0 + 2 }))
        let flagged = lines.filter { !["correct", "incorrect", "blank"].contains($0[9]) }
        #expect(flagged.count == summary.rowsFlagged)
        // review.csv lists exactly the answers a person should look at, and the exit status follows it.
        let review = try readCSV(dir.url.appendingPathComponent("out/review.csv")).dropFirst()
        #expect(review.map(\.[0]) == flagged.map(\.[0]))
        #expect(review.map(\.[4]) == flagged.map(\.[9]))
        #expect(summary.exitStatus == (review.isEmpty ? 0 : 1))
      } catch {
        Issue.record("grading failed: \(error)")
      }
    }
  }

  @Test(arguments: [1 as UInt64, 2, 3])
  func generatedMessyFilesAccountForEveryRow(seed: UInt64) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("messy.csv")
    var generator = SubmissionGenerator(quiz: SampleQuiz.Grading.quiz, seed: seed)
    try generator.writeLong(rows: 2_000, to: input)
    let summary = try Grader(quiz: SampleQuiz.Grading.quiz).grade(
      submissionsAt: input, into: dir.url.appendingPathComponent("out"))
    #expect(summary.rowsIn == 2_000)
    #expect(summary.responses == 2_000)
    #expect(summary.rowsIn == summary.rowsGraded + summary.rowsFlagged)
    for verdict in [Verdict.correct, .incorrect, .unreadable, .blank, .unknownItem] {
      #expect((summary.verdicts[verdict] ?? 0) > 0, "no \(verdict) in a messy file")
    }
    // Most of what students type is read.
    #expect(Double(summary.verdicts[.correct] ?? 0) > 0.5 * Double(summary.rowsIn))
  }
}
