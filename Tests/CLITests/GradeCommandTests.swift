import Foundation
import TestSupport
import Testing

/// Runs the built `nernstquiz grade` on files made from the default bank's key.
@Suite struct GradeCommandTests {
  struct KeyPart {
    var item: String
    var type: String
    var value: Double?
    var unit: String?
    var correct: String?
    var questionText: String
  }

  static let bank = packageRoot.appendingPathComponent("Banks/default.yaml").path

  /// Generates the default bank's key into `dir` and reads its parts.
  func generateKey(in dir: TemporaryDirectory) throws -> [KeyPart] {
    let result = try CommandRunner.run(["generate", Self.bank, "--out", dir.url.appendingPathComponent("quiz").path])
    #expect(result.exitCode == 0, "\(result.standardError)")
    let text = try String(contentsOf: dir.url.appendingPathComponent("quiz/key.jsonl"), encoding: .utf8)
    var parts: [KeyPart] = []
    for line in text.split(separator: "\n") {
      let variant = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let id = try #require(variant["id"] as? String)
      let stem = try #require(variant["stem"] as? String)
      let answers = try #require(variant["answers"] as? [[String: Any]])
      for answer in answers {
        let answerID = try #require(answer["id"] as? String)
        let prompt = answer["prompt"] as? String ?? ""
        parts.append(KeyPart(
          item: answers.count == 1 ? id : id + "#" + answerID, type: answer["type"] as? String ?? "",
          value: answer["value"] as? Double, unit: answer["unit"] as? String, correct: answer["correct"] as? String,
          questionText: prompt.isEmpty ? stem : stem + "\n\n" + prompt))
      }
    }
    return parts
  }

  /// A correct answer typed the way a student might.
  func typed(_ part: KeyPart) -> String {
    if let value = part.value { return String(value).replacingOccurrences(of: "-", with: "−") + " " + (part.unit ?? "") }
    return part.correct == "influx" ? "into the cell" : part.correct == "efflux" ? "leaves the cell" : part.correct ?? ""
  }

  func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

  @Test func longFileOfCorrectAnswersExitsZero() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let parts = try generateKey(in: dir)
    var csv = "student,item,response\n"
    // One student per variant, so that no student answers two variants of an item.
    for part in parts { csv += "s-\(part.item.split(separator: "#")[0]),\(part.item),\(quote(typed(part)))\n" }
    let input = dir.url.appendingPathComponent("answers.csv")
    try Data(csv.utf8).write(to: input)
    let out = dir.url.appendingPathComponent("graded")
    let result = try CommandRunner.run(["grade", input.path, "--bank", Self.bank, "--key", dir.url.appendingPathComponent("quiz/key.jsonl").path,
                                        "--out", out.path])
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(result.standardOutput.hasPrefix("\(parts.count) rows in = \(parts.count) graded + 0 flagged"))
    for name in ["responses.csv", "grades.csv", "report.html"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
    }
    let responses = try String(contentsOf: out.appendingPathComponent("responses.csv"), encoding: .utf8)
    #expect(!responses.contains(",incorrect,") && !responses.contains(",unreadable,"))
  }

  @Test func flaggedRowsExitOneWithCompleteOutputs() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let parts = try generateKey(in: dir)
    let csv = "student;item;response\r\na;\(parts[0].item);\r\nb;\(parts[0].item);???\r\nc;nope;1\r\nd;\(parts[0].item);\(typed(parts[0]))\r\n"
    let input = dir.url.appendingPathComponent("answers.csv")
    try Data(csv.utf8).write(to: input)
    let out = dir.url.appendingPathComponent("graded")
    let result = try CommandRunner.run(["grade", input.path, "--bank", Self.bank, "--out", out.path])
    #expect(result.exitCode == 1, "\(result.standardError)")
    #expect(result.standardOutput.hasPrefix("4 rows in = 1 graded + 3 flagged; 4 responses: 1 correct, 1 unreadable, 1 blank, 1 unknown-item"))
    let lines = try String(contentsOf: out.appendingPathComponent("responses.csv"), encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 5)
  }

  @Test func canvasReportIsMatchedByQuestionTextAndGetsAGradebook() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let parts = try generateKey(in: dir)
    var header = ["name", "id", "sis_id", "section", "section_id", "section_sis_id", "submitted", "attempt"]
    var row = ["\"Doe, Jane\"", "77", "S77", "Sec 1", "1", "", "2026-11-20", "1"]
    for (i, part) in parts.enumerated() {
      header += [quote("\(1000 + i): <p>" + part.questionText.replacingOccurrences(of: "\n\n", with: "</p><p>") + "</p>"), "1.0"]
      row += [quote(typed(part)), "1.0"]
    }
    header += ["n correct", "n incorrect", "score"]
    row += ["0", "0", "0"]
    let input = dir.url.appendingPathComponent("canvas.csv")
    try Data((header.joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n").utf8).write(to: input)
    let out = dir.url.appendingPathComponent("graded")
    let result = try CommandRunner.run(["grade", input.path, "--bank", Self.bank, "--out", out.path])
    // One student answering every variant of every item: the first variant of each item counts, the rest
    // are duplicates (flagged).
    #expect(result.exitCode == 1, "\(result.standardError)")
    #expect(!result.standardError.contains("no question of the quiz matches"))
    let gradebook = try String(contentsOf: out.appendingPathComponent("canvas-gradebook.csv"), encoding: .utf8)
    #expect(gradebook.hasPrefix("Student,ID,SIS User ID,SIS Login ID,Section,"))
    #expect(gradebook.contains("\"Doe, Jane\",77,S77,,Sec 1,"))
    let responses = try String(contentsOf: out.appendingPathComponent("responses.csv"), encoding: .utf8)
    #expect(!responses.contains(",unknown-item,"))
    #expect(!responses.contains(",incorrect,"))
  }

  @Test func keyFileThatDisagreesStopsWithStatusTwo() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let parts = try generateKey(in: dir)
    let key = dir.url.appendingPathComponent("quiz/key.jsonl")
    var lines = try String(contentsOf: key, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines[1] = lines[1].replacingOccurrences(of: "\"points\":", with: "\"points\":1")
    try Data(lines.joined(separator: "\n").utf8).write(to: key)
    let input = dir.url.appendingPathComponent("answers.csv")
    try Data("student,item,response\na,\(parts[0].item),1\n".utf8).write(to: input)
    let out = dir.url.appendingPathComponent("graded")
    let result = try CommandRunner.run(["grade", input.path, "--bank", Self.bank, "--key", key.path, "--out", out.path])
    #expect(result.exitCode == 2)
    #expect(result.standardError.contains("key.jsonl: line 2: the key of variant 'nernst-potential-02' differs"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test func malformedCSVStopsWithStatusTwoNamingRowAndColumn() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("bad.csv")
    try Data("student,item,response\na,x,\"-95\nb,y,1\n".utf8).write(to: input)
    let result = try CommandRunner.run(["grade", input.path, "--bank", Self.bank, "--out", dir.url.appendingPathComponent("g").path])
    #expect(result.exitCode == 2)
    #expect(result.standardError.contains("bad.csv: row 2, column 3: a quote opens a field but is never closed"))
  }

  @Test func unknownInputFormatIsStatusTwo() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("a.csv")
    try Data("student,item,response\n".utf8).write(to: input)
    let result = try CommandRunner.run(["grade", input.path, "--bank", Self.bank, "--input-format", "excel", "--out", dir.url.path])
    #expect(result.exitCode == 2)
    #expect(result.standardError.contains("Unknown value 'excel' for '--input-format'"))
  }

  @Test(arguments: [["grade", "--bogus"], ["grade", "answers.csv", "--bank", "Banks/default.yaml"]])
  func badArgumentsToGradeExitWithStatusTwo(arguments: [String]) throws {
    let result = try CommandRunner.run(arguments, in: packageRoot)
    #expect(result.exitCode == 2)
    #expect(result.standardError.hasPrefix("Error: "))
    #expect(result.standardError.contains("Usage: nernstquiz grade"))
  }
}
