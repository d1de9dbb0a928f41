import Foundation
import QuizModel
import TestSupport
import Testing

@testable import Grading

/// Seeded, bounded fuzzing of the CSV reader and the answer parser: no crash, and every CSV error names a row.
@Suite struct CSVFuzzTests {
  static let tokens = [
    "\"", "\"\"", ",", ";", "\t", "\r", "\n", "\r\n", "a", "-95 mV", "é", "\u{FEFF}", "\u{0}", " ", "=1+1",
  ]

  @Test func mutatedCSVNeverCrashesAndErrorsNameTheRow() throws {
    let original = Array(
      "student,item,response\ns1,nernst-potential-01,\"-95, mV\"\ns2,driving-force-01#direction,efflux\n".utf8)
    var mutator = Mutator(seed: 0xC5F, tokens: Self.tokens)
    let limits = CSVReader.Limits(maximumFieldBytes: 4096, maximumRecordBytes: 16_384, maximumFields: 256)
    for round in 0..<3000 {
      var bytes = mutator.mutate(original)
      if round % 50 == 0 { bytes = [0xFF, 0xFE] + bytes }  // UTF-16 byte-order mark on UTF-8 bytes
      do {
        var reader = try CSVReader(bytes: bytes, name: "fuzz.csv", limits: limits)
        var records = 0
        while try reader.next() {
          records += 1
          _ = reader.strings
          #expect(reader.row >= records)
        }
      } catch {
        #expect(error.file == "fuzz.csv")
        #expect(error.row > 0 || error.code == .invalidEncoding, "\(error)")
      }
    }
  }

  @Test func mutatedFilesGradeWithEveryRowAccountedFor() throws {
    let original = Array(
      "student,item,response\ns1,nernst-potential-01,-95 mV\ns1,driving-force-01#direction,efflux\ns2,ohmic-current-01,0.3 pA\n"
        .utf8)
    var mutator = Mutator(seed: 0x6EAD, tokens: Self.tokens + ["nernst-potential-02", "driving-force-01", "#"])
    let grader = Grader(quiz: SampleQuiz.Grading.quiz)
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    for round in 0..<60 {
      let input = dir.url.appendingPathComponent("in\(round).csv")
      try Data(mutator.mutate(original, maximumEdits: 3)).write(to: input)
      do {
        let summary = try grader.grade(
          submissionsAt: input, format: .long, into: dir.url.appendingPathComponent("out"), workers: 1)
        #expect(summary.rowsIn == summary.rowsGraded + summary.rowsFlagged)
      } catch let error as CSVError {
        #expect(error.row > 0 || error.code == .emptyFile || error.code == .invalidEncoding, "\(error)")
      }
    }
  }
}

@Suite struct AnswerParserFuzzTests {
  static let tokens = [
    "-", "−", "+", "95", ".", ",", "e", "E", "×10^", "10", "^", "mV", "V", "µ", "u", "pA", "nA", " ", "efflux",
    "in", "out", "(", ")", "²", "⁻", "\u{0}", "\u{FFFD}", "1e308", "1e-400", "nan", "inf", "°", "K",
  ]

  @Test func randomResponsesAlwaysGetAVerdict() {
    let grader = Grader(quiz: SampleQuiz.Grading.quiz)
    let items = grader.itemNames
    let most = grader.quiz.variants.flatMap(\.answers).map(\.points).max()!
    var mutator = Mutator(seed: 0xA45, tokens: Self.tokens)
    for _ in 0..<20_000 {
      let count = mutator.below(8)
      var text = ""
      for _ in 0..<count {
        text += String(decoding: mutator.tokens[mutator.below(mutator.tokens.count)], as: UTF8.self)
      }
      let item = items[mutator.below(items.count)]
      let grade = grader.grade(text, for: item)
      #expect(grade != nil)
      if let grade { #expect(grade.points >= .zero && grade.points <= most) }
    }
  }
}
