import Foundation
import Grading
import QuizModel
import TemplateEngine
import TestSupport
import Testing

/// Data the readers accepted must not crash or exhaust memory: limits end in an error naming the file, the
/// place and the limit.
@Suite struct InputLimitsTests {
  static func variant(parts: Int) -> Variant {
    Variant(
      id: "wide-01", template: "wide", seed: 1, parameters: [], stem: "Many parts.",
      answers: (0..<parts).map { i in
        Answer(
          id: "p\(i)", prompt: "part \(i)",
          kind: .numeric(NumericAnswer(value: 1, unit: "mV", tolerance: Tolerance(absolute: 0.1))))
      })
  }

  static func gradeLong(_ quiz: Quiz, csv: String) throws -> GradingSummary {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("in.csv")
    try Data(csv.utf8).write(to: input)
    return try Grader(quiz: quiz).grade(
      submissionsAt: input, format: .long, into: dir.url.appendingPathComponent("out"))
  }

  @Test func aVariantWithMoreThanSixtyFourPartsIsGraded() throws {
    // A run keeps one slot per question, not a bit per part: no limit to trap on.
    let quiz = Quiz(
      title: "Wide", seed: 1,
      items: [QuizItem(template: "wide", title: "Wide", points: 1, variants: [Self.variant(parts: 65)])])
    let summary = try Self.gradeLong(quiz, csv: "student,item,response\ns1,wide-01#p64,1 mV\ns1,wide-01#p0,1 mV\n")
    #expect(summary.rowsIn == 2)
    #expect(summary.verdicts[.correct] == 2)
  }

  @Test func hugePointsInABankOrAKeyAreRefusedWithTheirPlace() throws {
    let bank = #expect(throws: TemplateError.self) {
      try Bank.parse("title: t\nseed: 1\nitems:\n  - template: nernst-potential\n    points: 1e308\n", file: "b.yaml")
    }
    #expect(bank?.description.hasPrefix("b.yaml:5:") == true, "\(String(describing: bank))")
    #expect(bank?.description.contains("points must be positive, in hundredths, at most 1000000") == true)
    var lines = SampleQuiz.Grading.quiz.keyJSONLines().split(separator: "\n").map(String.init)
    lines[0] = lines[0].replacingOccurrences(of: #""points":5"#, with: #""points":1e308"#)
    lines[0] = lines[0].replacingOccurrences(of: #""points":2,"variants""#, with: #""points":1e308,"variants""#)
    let key = #expect(throws: KeyFileError.self) { try AnswerKey.read(lines.joined(separator: "\n"), file: "k.jsonl") }
    #expect(key?.description.hasPrefix("k.jsonl:1: points: ") == true, "\(String(describing: key))")
  }

  // MARK: CSV

  @Test func aFileWithNoLineBreakEndsAtTheFieldLimit() throws {
    let limits = CSVReader.Limits(maximumFieldBytes: 1000, maximumRecordBytes: 10_000, maximumFields: 100)
    var reader = try CSVReader(bytes: Array(repeating: 0x30, count: 5000), name: "zeros.csv", limits: limits)
    let error = #expect(throws: CSVError.self) { _ = try reader.next() }
    #expect(error?.code == .tooLarge)
    #expect(
      error?.description
        == "zeros.csv:1:1: the field is longer than 1000 bytes; is a quote left open, or is this not a CSV file?"
    )
  }

  @Test func anUnclosedQuoteEndsAtTheFieldLimit() throws {
    let limits = CSVReader.Limits(maximumFieldBytes: 100, maximumRecordBytes: 10_000, maximumFields: 100)
    var reader = try CSVReader(
      bytes: Array("a,b\n1,\"".utf8) + Array(repeating: 0x41, count: 500), name: "q.csv", limits: limits)
    #expect(try reader.next())
    let error = #expect(throws: CSVError.self) { _ = try reader.next() }
    #expect(error?.row == 2)
    #expect(error?.column == 2)
  }

  @Test func aRecordPastTheRecordLimitIsRefused() throws {
    let limits = CSVReader.Limits(maximumFieldBytes: 100, maximumRecordBytes: 1000, maximumFields: 10_000)
    let row = Array(repeating: "abcdefghi", count: 200).joined(separator: ",")
    var reader = try CSVReader(bytes: Array(row.utf8), name: "r.csv", limits: limits)
    let error = #expect(throws: CSVError.self) { _ = try reader.next() }
    #expect(error?.message.contains("the row is longer than 1000 bytes") == true)
  }

  @Test func tooManyFieldsAreRefused() throws {
    let limits = CSVReader.Limits(maximumFieldBytes: 100, maximumRecordBytes: 100_000, maximumFields: 50)
    var reader = try CSVReader(bytes: Array(String(repeating: ",", count: 60).utf8), name: "f.csv", limits: limits)
    let error = #expect(throws: CSVError.self) { _ = try reader.next() }
    #expect(error?.message.contains("more than 50 fields") == true)
  }

  @Test func devZeroIsRefusedWithinTheDefaultLimits() throws {
    var reader = try CSVReader(contentsOf: URL(fileURLWithPath: "/dev/zero"))
    let error = #expect(throws: CSVError.self) { _ = try reader.next() }
    #expect(error?.code == .tooLarge)
    #expect(error?.file == "zero")
  }

  @Test func aFolderIsNamedAsAFolder() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let error = #expect(throws: CSVError.self) { _ = try CSVReader(contentsOf: dir.url) }
    #expect(error?.message == "is a folder, not a file")
  }
}
