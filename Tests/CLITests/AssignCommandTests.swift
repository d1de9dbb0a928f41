import Foundation
import QuizModel
import Reports
import TestSupport
import Testing

/// Runs the built `nernstquiz assign`, and `grade` on the answers of the class it assigned.
@Suite struct AssignCommandTests {
  static let bank = packageRoot.appendingPathComponent("Banks/default.yaml").path

  /// A roster of `count` students (`s001`, …), with names and sections.
  static func writeRoster(_ count: Int, in dir: TemporaryDirectory, extra: String = "") throws -> String {
    var text = "Student ID,Name,Section\n"
    for i in 1...count { text += String(format: "s%03d,Student %d,%@\n", i, i, i.isMultiple(of: 2) ? "A" : "B") }
    let url = dir.url.appendingPathComponent("roster.csv")
    try Data((text + extra).utf8).write(to: url)
    return url.path
  }

  /// The CSV lines of `file` in `folder` (the byte-order mark dropped), split at commas (no field here is quoted).
  static func rows(_ file: String, in folder: URL) throws -> [[String]] {
    let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    return text.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  /// Each student's correct answer to each label, worked out from key.jsonl alone (what a student who is right
  /// writes: the key, or the correct option's words).
  static func correctAnswers(key: URL) throws -> [String: [String: String]] {
    var answers: [String: (value: String, options: [String: String], correct: String?)] = [:]
    var byStudent: [String: [String: String]] = [:]
    for line in try String(contentsOf: key, encoding: .utf8).split(separator: "\n") {
      let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      switch record["record"] as? String {
      case "variant":
        for answer in try #require(record["answers"] as? [[String: Any]]) {
          let interval = answer["interval"] as? [String: Any]
          let options = (answer["options"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) {
            $0[$1["id"] as! String] = $1["text"] as? String
          }
          answers["\(record["id"]!)#\(answer["id"]!)"] = (
            interval?["key"] as? String ?? "", options, answer["correct"] as? String
          )
        }
      case "delivery" where record["format"] as? String == "paper":
        let part = try #require(answers["\(record["variant"]!)#\(record["part"]!)"])
        let text = part.correct.map { part.options[$0]! } ?? part.value
        byStudent[record["student"] as! String, default: [:]][record["label"] as! String] = text
      default:
        continue
      }
    }
    return byStudent
  }

  @Test func aClassOf30GetsDistinctHandoutsAndAOneFormAnswerFileIsGradedFromTheKeyAlone() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let roster = try AssignCommandTests.writeRoster(30, in: dir)
    let out = dir.url.appendingPathComponent("quiz")
    let assign = try CommandRunner.run([
      "assign", Self.bank, "--roster", roster, "--out", out.path, "--course", "Physiology 201",
    ])
    #expect(assign.exitCode == 0, "\(assign.standardError)")
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(
      files == [
        "answer-keys.html", "answers-template.csv", "assign-report.txt", "assignments.csv", "handouts.html",
        "key.jsonl", "nernstquiz-manifest.json",
      ])

    // 30 handouts, each with its student's own variant of every question.
    let handouts = try String(contentsOf: out.appendingPathComponent("handouts.html"), encoding: .utf8)
    #expect(handouts.components(separatedBy: "<section class=\"student\"").count == 31)
    #expect(handouts.contains("Student 7 · s007 · section B"))
    #expect(!handouts.contains("accepted"))
    let assignments = try AssignCommandTests.rows("assignments.csv", in: out)
    #expect(assignments[0] == ["student", "name", "question", "variant", "part", "points"])
    for label in ["1", "2a", "2b", "3a", "3b", "3c"] {
      let variants = assignments.dropFirst().filter { $0[2] == label }.map { $0[3] }
      #expect(variants.count == 30 && Set(variants).count == 30, "question \(label)")
    }
    let header = try AssignCommandTests.rows("answers-template.csv", in: out)[0]
    #expect(header == ["Student ID", "1", "2a", "2b", "3a", "3b", "3c"])
    let report = try String(contentsOf: out.appendingPathComponent("assign-report.txt"), encoding: .utf8)
    #expect(report.contains("one Short answer question per label, titled with the label alone"))

    // The class answers in one Google Form: every student right, except s004 who writes 0 for question 1.
    let elsewhere = dir.url.appendingPathComponent("key-only")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    let key = elsewhere.appendingPathComponent("key.jsonl")
    try FileManager.default.copyItem(at: out.appendingPathComponent("key.jsonl"), to: key)
    let correct = try AssignCommandTests.correctAnswers(key: key)
    var form = "Timestamp,Email Address," + header.joined(separator: ",") + "\n"
    for i in 1...30 {
      let id = String(format: "s%03d", i)
      let cells = header.dropFirst().map { label in id == "s004" && label == "1" ? "0" : "\"\(correct[id]![label]!)\"" }
      form += "2026/11/30 10:\(10 + i):00,\(id)@x.org,\(id)," + cells.joined(separator: ",") + "\n"
    }
    let answers = dir.url.appendingPathComponent("Form responses.csv")
    try Data(form.utf8).write(to: answers)
    let grade = try CommandRunner.run([
      "grade", answers.path, "--key", key.path, "--out", dir.url.appendingPathComponent("graded").path,
    ])
    #expect(grade.exitCode == 0, "\(grade.standardOutput)\(grade.standardError)")
    let grades = try AssignCommandTests.rows("grades.csv", in: dir.url.appendingPathComponent("graded"))
    #expect(grades.count == 31)
    for row in grades.dropFirst() {
      #expect(row[4] == (row[0] == "s004" ? "75.0" : "100.0"), "\(row)")
    }
    // Names come from the roster in the key, as the form asked for none.
    #expect(grades[7].prefix(2) == ["s007", "Student 7"])
  }

  @Test func badArgumentsExit64AndUnusableInputExits2() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let roster = try AssignCommandTests.writeRoster(3, in: dir)
    let out = dir.url.appendingPathComponent("q").path
    let missing = try CommandRunner.run([
      "assign", Self.bank, "--roster", dir.url.appendingPathComponent("none.csv").path, "--out", out,
    ])
    #expect(missing.exitCode == 64)
    #expect(missing.standardError.contains("No file at"))
    let paper = try CommandRunner.run(["assign", Self.bank, "--roster", roster, "--out", out, "--paper", "a3"])
    #expect(paper.exitCode == 64)
    #expect(paper.standardError.contains("a3"))

    let repeated = try AssignCommandTests.writeRoster(3, in: dir, extra: "s002,Again,A\n,Nobody,B\n")
    let twice = try CommandRunner.run(["assign", Self.bank, "--roster", repeated, "--out", out])
    #expect(twice.exitCode == 2)
    #expect(
      twice.standardError.contains(
        "roster.csv:6:1: no student identifier in row 6; row 5 repeats \"s002\" of row 3"))
    #expect(!FileManager.default.fileExists(atPath: out))

    let generated = dir.url.appendingPathComponent("lms")
    #expect(try CommandRunner.run(["generate", Self.bank, "--format", "none", "--out", generated.path]).exitCode == 0)
    let keep = try CommandRunner.run([
      "assign", Self.bank, "--roster", try AssignCommandTests.writeRoster(3, in: dir), "--out", out,
      "--keep", generated.appendingPathComponent("key.jsonl").path,
    ])
    #expect(keep.exitCode == 2)
    #expect(keep.standardError.contains("it was written by generate, not by assign"))
  }

  @Test func keepingTheFirstKeyAddsAStudentWithoutChangingAnyoneAndShareSpreadsThePool() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let first = dir.url.appendingPathComponent("q1")
    let second = dir.url.appendingPathComponent("q2")
    #expect(
      try CommandRunner.run([
        "assign", Self.bank, "--roster", try AssignCommandTests.writeRoster(3, in: dir), "--out", first.path,
      ]).exitCode == 0)
    let grown = try CommandRunner.run([
      "assign", Self.bank, "--roster", try AssignCommandTests.writeRoster(4, in: dir), "--out", second.path,
      "--keep", first.appendingPathComponent("key.jsonl").path,
    ])
    #expect(grown.exitCode == 0, "\(grown.standardError)")
    let before = try AssignCommandTests.rows("assignments.csv", in: first)
    let after = try AssignCommandTests.rows("assignments.csv", in: second)
    #expect(Array(after.prefix(before.count)) == before)
    #expect(after.dropFirst(before.count).allSatisfy { $0[0] == "s004" })
    let report = try String(contentsOf: second.appendingPathComponent("assign-report.txt"), encoding: .utf8)
    #expect(report.contains("3 kept their variants from the previous key; 1 newly assigned."))

    let shared = dir.url.appendingPathComponent("shared")
    let share = try CommandRunner.run([
      "assign", Self.bank, "--roster", try AssignCommandTests.writeRoster(20, in: dir), "--out", shared.path, "--share",
    ])
    #expect(share.exitCode == 0, "\(share.standardError)")
    let sharedReport = try String(contentsOf: shared.appendingPathComponent("assign-report.txt"), encoding: .utf8)
    #expect(sharedReport.contains("1: Nernst potential of a single ion (2 pt): 8 variants, each used by 2–3"))
    #expect(sharedReport.contains("(3 pt): 6 variants, each used by 3–4"))
  }

  @Test func namesFromTheRosterAreEscapedOnThePages() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let roster = dir.url.appendingPathComponent("r.csv")
    try Data("ID,Name\nx1,<script>alert(1)</script> & Co\n".utf8).write(to: roster)
    let out = dir.url.appendingPathComponent("q")
    let result = try CommandRunner.run([
      "assign", Self.bank, "--roster", roster.path, "--out", out.path, "--course", "\"Bio\" <101>",
    ])
    #expect(result.exitCode == 0, "\(result.standardError)")
    for page in ["handouts.html", "answer-keys.html"] {
      let html = try String(contentsOf: out.appendingPathComponent(page), encoding: .utf8)
      #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"))
      #expect(html.contains("&quot;Bio&quot; &lt;101&gt;"))
      #expect(!html.contains("<script>"))
    }
  }

  @Test func withoutChromiumPDFExits1AndSaysHowToPrint() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let out = dir.url.appendingPathComponent("q")
    let result = try CommandRunner.run(
      ["assign", Self.bank, "--roster", try AssignCommandTests.writeRoster(2, in: dir), "--out", out.path, "--pdf"],
      environment: ["PATH": dir.url.path])
    #expect(result.exitCode == 1)
    #expect(
      result.standardError.contains("no Chromium found, so no PDF was printed. Print handouts.html from a browser"))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("handouts.html").path))
    let report = try String(contentsOf: out.appendingPathComponent("assign-report.txt"), encoding: .utf8)
    #expect(report.contains("PDF: not printed (no Chromium found)"))
  }

  /// Needs a Chromium that prints here (Debian's `chromium`, installed by `.ci/setup`); skipped otherwise.
  @Test(.enabled(if: Chromium.find()?.canPrint() == true, "needs headless Chromium (apt-get install chromium)"))
  func withChromiumPDFPrintsTheHandoutsAndTheAnswerKeys() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let out = dir.url.appendingPathComponent("q")
    let result = try CommandRunner.run([
      "assign", Self.bank, "--roster", try AssignCommandTests.writeRoster(2, in: dir), "--out", out.path, "--pdf",
    ])
    #expect(result.exitCode == 0, "\(result.standardError)")
    for name in ["handouts.pdf", "answer-keys.pdf"] {
      let pdf = try Data(contentsOf: out.appendingPathComponent(name))
      #expect(pdf.starts(with: Array("%PDF-".utf8)), "\(name)")
    }
  }

  @Test func theHelpFitsEightyColumnsWithWholeExamples() throws {
    let help = try CommandRunner.run(["assign", "--help"])
    #expect(help.exitCode == 0)
    let lines = help.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.filter { $0.count > 80 } == [])
    let examples = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("nernstquiz ") }
    #expect(
      examples == [
        "nernstquiz assign Banks/default.yaml --roster class.csv --out q1",
        "nernstquiz assign bank.yaml --roster class.csv --keep q1/key.jsonl --out q2",
        "nernstquiz grade responses.csv --key q1/key.jsonl",
      ])
    // No example continues on the next line.
    #expect(!help.standardOutput.contains("\\\n"))
  }
}
