import Foundation
import QuizModel
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
      guard variant["record"] as? String == "variant" else { continue }
      let id = try #require(variant["id"] as? String)
      let stem = try #require(variant["stem"] as? String)
      let answers = try #require(variant["answers"] as? [[String: Any]])
      for answer in answers {
        let answerID = try #require(answer["id"] as? String)
        let prompt = answer["prompt"] as? String ?? ""
        parts.append(
          KeyPart(
            item: answers.count == 1 ? id : id + "#" + answerID, type: answer["type"] as? String ?? "",
            value: answer["value"] as? Double, unit: answer["unit"] as? String, correct: answer["correct"] as? String,
            questionText: prompt.isEmpty ? stem : stem + "\n\n" + prompt))
      }
    }
    return parts
  }

  /// A correct answer typed the way a student might.
  func typed(_ part: KeyPart) -> String {
    if let value = part.value {
      return String(value).replacingOccurrences(of: "-", with: "−") + " " + (part.unit ?? "")
    }
    return part.correct == "influx"
      ? "into the cell" : part.correct == "efflux" ? "leaves the cell" : part.correct ?? ""
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
    let result = try CommandRunner.run([
      "grade", input.path, "--bank", Self.bank, "--key", dir.url.appendingPathComponent("quiz/key.jsonl").path,
      "--out", out.path,
    ])
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(result.standardOutput.hasPrefix("\(parts.count) rows read; \(parts.count) answers: \(parts.count) correct"))
    #expect(result.standardOutput.contains("nothing to review"))
    for name in ["responses.csv", "review.csv", "grades.csv", "report.html"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
    }
    let responses = try String(contentsOf: out.appendingPathComponent("responses.csv"), encoding: .utf8)
    #expect(!responses.contains(",incorrect,") && !responses.contains(",unreadable,"))
  }

  @Test func flaggedRowsExitOneWithCompleteOutputs() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let parts = try generateKey(in: dir)
    let csv =
      "student;item;response\r\na;\(parts[0].item);\r\nb;\(parts[0].item);???\r\nc;nope;1\r\nd;\(parts[0].item);\(typed(parts[0]))\r\n"
    let input = dir.url.appendingPathComponent("answers.csv")
    try Data(csv.utf8).write(to: input)
    let out = dir.url.appendingPathComponent("graded")
    let result = try CommandRunner.run(["grade", input.path, "--bank", Self.bank, "--out", out.path])
    #expect(result.exitCode == 1, "\(result.standardError)")
    #expect(
      result.standardOutput.hasPrefix(
        "4 rows read; 4 answers: 1 correct, 1 unreadable, 1 blank, 1 unknown-item; 4 students; 2 to review (review.csv)"
      ))
    let lines = try String(contentsOf: out.appendingPathComponent("responses.csv"), encoding: .utf8).split(
      separator: "\n")
    #expect(lines.count == 5)
    let review = try String(contentsOf: out.appendingPathComponent("review.csv"), encoding: .utf8).split(
      separator: "\n")
    #expect(review.count == 3)
    #expect(review[1].hasPrefix("3,b,") && review[1].contains(",unreadable,"))
    #expect(review[2].hasPrefix("4,c,nope,1,unknown-item,"))
  }

  @Test func canvasReportIsMatchedByQuestionTextAndGetsAGradebook() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    _ = try generateKey(in: dir)
    // The report Canvas makes of the package generate wrote, its questions' HTML as the key's delivery map
    // records it, built as canvas-lms builds the report; one student answers every question right (the option's
    // text for a choice, as Canvas writes it).
    let key = try AnswerKey.read(
      try String(contentsOf: dir.url.appendingPathComponent("quiz/key.jsonl"), encoding: .utf8))
    let answers = Dictionary(
      uniqueKeysWithValues: key.quiz.variants.flatMap { v in v.answers.map { ("\(v.id)#\($0.id)", $0) } })
    let canvas = key.deliveries.filter { $0.format == "canvas" }
    var given: [Int: (text: String, points: Double)] = [:]
    for (n, d) in canvas.enumerated() {
      switch answers["\(d.variant)#\(d.part)"]!.kind {
      case .numeric(let a): given[1000 + n] = (a.interval.keyText, d.points.value)
      case .choice(let c): given[1000 + n] = (c.correctOption.text, d.points.value)
      }
    }
    let report = CanvasStudentAnalysis(
      questions: canvas.enumerated().map { n, d in
        .init(id: 1000 + n, html: d.questionText!, points: d.points.value)
      })
    let input = dir.url.appendingPathComponent("canvas.csv")
    try Data(report.csv([.init(name: "Doe, Jane", id: "77", sisID: "S77", section: "Sec 1", answers: given)]).utf8)
      .write(to: input)
    let out = dir.url.appendingPathComponent("graded")
    let result = try CommandRunner.run(["grade", input.path, "--bank", Self.bank, "--out", out.path])
    // One student answering every variant of every item: the last answer to each question counts, the rest
    // are superseded (flagged).
    #expect(result.exitCode == 1, "\(result.standardError)")
    #expect(!result.standardError.contains("no question of the quiz matches"))
    let gradebook = try String(contentsOf: out.appendingPathComponent("canvas-gradebook.csv"), encoding: .utf8)
    #expect(gradebook.hasPrefix("Student,ID,SIS User ID,SIS Login ID,Section,"))
    #expect(gradebook.contains("\"Doe, Jane\",77,S77,,Sec 1,"))
    let responses = try String(contentsOf: out.appendingPathComponent("responses.csv"), encoding: .utf8)
    #expect(!responses.contains(",unknown-item,"))
    #expect(!responses.contains(",incorrect,"))
  }

  @Test func keyFileThatDisagreesWithTheBankIsAWarningAndTheKeyWins() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let parts = try generateKey(in: dir)
    let key = dir.url.appendingPathComponent("quiz/key.jsonl")
    var lines = try String(contentsOf: key, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
      .map(String.init)
    lines[1] = lines[1].replacingOccurrences(of: "\"points\":", with: "\"points\":1")
    try Data(lines.joined(separator: "\n").utf8).write(to: key)
    let input = dir.url.appendingPathComponent("answers.csv")
    try Data("student,item,response\na,\(parts[0].item),1\n".utf8).write(to: input)
    let out = dir.url.appendingPathComponent("graded")
    let result = try CommandRunner.run(["grade", input.path, "--bank", Self.bank, "--key", key.path, "--out", out.path])
    // A difference is a warning naming the variant and the field; the grades follow the key file.
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(
      result.standardError.contains(
        "warning: variant 'nernst-potential-01': answers[E].points differs (key: '12'; drawn from the bank: '2')"))
    #expect(result.standardError.contains("grading follows"))
    let responses = try String(contentsOf: out.appendingPathComponent("responses.csv"), encoding: .utf8)
    #expect(responses.contains(",12,"), "the key's points are used: \(responses)")
  }

  @Test func malformedCSVStopsWithStatusTwoNamingRowAndColumn() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("bad.csv")
    try Data("student,item,response\na,x,\"-95\nb,y,1\n".utf8).write(to: input)
    let result = try CommandRunner.run([
      "grade", input.path, "--bank", Self.bank, "--out", dir.url.appendingPathComponent("g").path,
    ])
    #expect(result.exitCode == 2)
    #expect(result.standardError.contains("bad.csv:2:3: a quote opens a field but is never closed"))
  }

  @Test func unknownInputFormatIsABadArgument() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("a.csv")
    try Data("student,item,response\n".utf8).write(to: input)
    let result = try CommandRunner.run([
      "grade", input.path, "--bank", Self.bank, "--input-format", "excel", "--out", dir.url.path,
    ])
    #expect(result.exitCode == 64)
    #expect(
      result.standardError.hasPrefix(
        """
        Error: The value 'excel' is invalid for '--input-format <format>'. \
        Please provide one of 'long', 'wide', 'canvas', 'google-forms' or 'moodle'.

        """))
  }

  @Test(arguments: [["grade", "--bogus"], ["grade", "answers.csv", "--bank", "Banks/default.yaml"]])
  func badArgumentsToGradeExitWithStatus64(arguments: [String]) throws {
    let result = try CommandRunner.run(arguments, in: packageRoot)
    #expect(result.exitCode == 64)
    #expect(result.standardError.hasPrefix("Error: "))
    #expect(result.standardError.contains("Usage: nernstquiz grade"))
  }

  @Test func theKeyAloneGradesInAFolderWithNoBankAndNoTemplates() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let parts = try generateKey(in: dir)
    let alone = dir.url.appendingPathComponent("alone")
    try FileManager.default.createDirectory(at: alone, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: dir.url.appendingPathComponent("quiz/key.jsonl"), to: alone.appendingPathComponent("key.jsonl"))
    var csv = "student,item,response\n"
    for part in parts {
      csv += "s1,\(part.item),\(part.type == "numeric" ? DecimalFormat.plain(part.value!) : part.correct!)\n"
    }
    try Data(csv.utf8).write(to: alone.appendingPathComponent("answers.csv"))
    let result = try CommandRunner.run(["grade", "answers.csv", "--key", "key.jsonl"], in: alone)
    // One answer per question per student: the others are superseded.
    #expect(result.exitCode == 1, "\(result.standardOutput)\(result.standardError)")
    let grades = try String(contentsOf: alone.appendingPathComponent("graded/grades.csv"), encoding: .utf8)
    #expect(grades.contains("s1,,8.00,8.00,100.0,2.00,3.00,3.00"), "\(grades)")
    #expect(!result.standardError.contains("warning"))
  }

  @Test func editingTheTemplatesAfterGeneratingChangesNoVerdict() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    // A private copy of the bank and its templates, edited after the quiz went out.
    let root = dir.url.appendingPathComponent("course")
    try FileManager.default.createDirectory(at: root.appendingPathComponent("Banks"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: packageRoot.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
    try FileManager.default.copyItem(atPath: Self.bank, toPath: root.appendingPathComponent("Banks/default.yaml").path)
    let generated = try CommandRunner.run(
      ["generate", "Banks/default.yaml", "--out", "out", "--format", "none"], in: root)
    #expect(generated.exitCode == 0, "\(generated.standardError)")
    let csv = "student,item,response\ns1,nernst-potential-01,-61\ns2,nernst-potential-02,-61\n"
    try Data(csv.utf8).write(to: root.appendingPathComponent("answers.csv"))
    let before = try CommandRunner.run(["grade", "answers.csv", "--key", "out/key.jsonl", "--out", "before"], in: root)
    let templateURL = root.appendingPathComponent("Templates/nernst-potential.yaml")
    var template = try String(contentsOf: templateURL, encoding: .utf8)
    #expect(template.contains("tolerance: { relative: 0.02, absolute: 0.5 }"))
    template = template.replacingOccurrences(
      of: "tolerance: { relative: 0.02, absolute: 0.5 }", with: "tolerance: { relative: 0.2, absolute: 5 }")
    try Data(template.utf8).write(to: templateURL)
    let after = try CommandRunner.run(["grade", "answers.csv", "--key", "out/key.jsonl", "--out", "after"], in: root)
    let both = try CommandRunner.run(
      ["grade", "answers.csv", "--key", "out/key.jsonl", "--bank", "Banks/default.yaml", "--out", "both"], in: root)
    #expect(before.exitCode == after.exitCode && after.exitCode == both.exitCode)
    let files = try ["before", "after", "both"].map {
      try String(contentsOf: root.appendingPathComponent("\($0)/responses.csv"), encoding: .utf8)
    }
    #expect(files[0] == files[1] && files[1] == files[2])
    #expect(!after.standardError.contains("warning"))
    // The wider tolerance changes the draws (named mistakes must stay outside it): the first variant differs.
    #expect(both.standardError.contains("warning: variant 'nernst-potential-01': "), "\(both.standardError)")
    #expect(both.standardError.contains("grading follows out/key.jsonl"))
  }

  @Test func theBankAloneStillGradesWithANoteAndNeitherKeyNorBankIsABadArgument() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("a.csv")
    try Data("student,item,response\ns1,nernst-potential-01,-61\n".utf8).write(to: input)
    let bankAlone = try CommandRunner.run([
      "grade", input.path, "--bank", Self.bank, "--out", dir.url.appendingPathComponent("g").path,
    ])
    #expect(bankAlone.exitCode == 0, "\(bankAlone.standardError)")
    #expect(bankAlone.standardOutput.hasPrefix("1 rows read; 1 answers: 1 incorrect; 1 students; nothing to review\n"))
    #expect(bankAlone.standardError.contains("--key with the key.jsonl given out is the reliable way"))
    let neither = try CommandRunner.run(["grade", input.path])
    #expect(neither.exitCode == 64)
    #expect(
      neither.standardError.hasPrefix(
        "Error: Give the answer key: --key out/key.jsonl (written by generate), or --bank BANK to draw it again.\n"))
  }

  @Test func theFrozenFormat1KeyStillGrades() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let key = packageRoot.appendingPathComponent("Tests/QuizModelTests/Fixtures/format1-default-key.jsonl")
    let csv = """
      student,item,response
      ann,nernst-potential-01,-61.6 mV
      ann,driving-force-01#driving_force,-13.1
      ann,driving-force-01#direction,efflux
      bob,nernst-potential-02,-64.09
      bob,driving-force-02#direction,wrong word
      """
    try Data(csv.utf8).write(to: dir.url.appendingPathComponent("answers.csv"))
    let result = try CommandRunner.run(["grade", "answers.csv", "--key", key.path], in: dir.url)
    #expect(result.standardError.contains("format-1 key"))
    let grades = try String(contentsOf: dir.url.appendingPathComponent("graded/grades.csv"), encoding: .utf8)
    let rows = grades.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(
      rows[0] == [
        "student", "name", "total", "maximum", "percent", "nernst-potential", "driving-force", "charge-per-voltage",
      ])
    let ann = try #require(rows.first { $0.first == "ann" })
    let bob = try #require(rows.first { $0.first == "bob" })
    #expect(ann[2] == "5.00" && ann[3] == "8.00", "\(grades)")
    #expect(bob[5] == "2.00" && bob[6] == "0.00", "\(grades)")
    #expect(result.exitCode == 1)  // the unreadable direction is flagged
  }
}

/// Numbers as a student might type them, in plain ASCII.
enum DecimalFormat {
  static func plain(_ x: Double) -> String { String(format: "%.6g", x) }
}
