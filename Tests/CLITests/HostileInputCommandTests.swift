import Foundation
import TestSupport
import Testing

@testable import QTIExport

/// What a person sees when the built `nernstquiz` meets hostile or broken input: a clear error naming the
/// file and the place, the documented exit status, nothing the terminal would obey.
@Suite struct HostileInputCommandTests {
  static let bank = packageRoot.appendingPathComponent("Banks/default.yaml").path

  @Test func calcRefusesAnOverflowingResultWithStatus64NamingTheOptions() throws {
    let result = try CommandRunner.run(["calc", "nernst", "--ion", "K+", "--inside", "1e-300", "--outside", "1e300"])
    #expect(result.exitCode == 64)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.contains("not a finite number"))
    #expect(result.standardError.contains("--inside 1e-300, --outside 1e300"))
    #expect(!result.standardError.contains("inf mV"))
  }

  @Test func controlCharactersFromInputAreShownNotObeyed() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("answers.csv")
    try Data("student,item,response\n\"s\u{1B}]0;pwned\u{7}\",\"\u{1B}[2J\",1\n".utf8).write(to: input)
    let result = try CommandRunner.run([
      "grade", input.path, "--bank", Self.bank, "--out", dir.url.appendingPathComponent("out").path,
    ])
    #expect(result.exitCode == 1)
    for text in [result.standardOutput, result.standardError] {
      #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }
  }

  @Test func aCSVErrorQuotingEscapesIsEscaped() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("answers.csv")
    try Data("student,item,response\ns1,x\u{1B}[31m\"red,1\n".utf8).write(to: input)
    let result = try CommandRunner.run([
      "grade", input.path, "--bank", Self.bank, "--out", dir.url.appendingPathComponent("out").path,
    ])
    #expect(result.exitCode == 2)
    #expect(result.standardError.contains("answers.csv:2:2"))
    #expect(result.standardError.contains("\\u{1B}[31m"))
    #expect(!result.standardError.unicodeScalars.contains { $0.value == 0x1B })
  }

  @Test(arguments: [
    ("missing.yaml", "No bank file at 'missing.yaml'"), ("folder.yaml", "is a folder, not a file"),
    ("latin1.yaml", "latin1.yaml:2:3: error: the file is not UTF-8 text"),
  ])
  func unreadableBanksAreNamedInPlainWords(name: String, expected: String) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    try FileManager.default.createDirectory(
      at: dir.url.appendingPathComponent("folder.yaml"), withIntermediateDirectories: false)
    try Data(Array("title: x\nab".utf8) + [0xE9, 0x0A]).write(to: dir.url.appendingPathComponent("latin1.yaml"))
    let result = try CommandRunner.run(
      [
        "generate", name, "--templates", packageRoot.appendingPathComponent("Templates").path,
        "--out", "out",
      ], in: dir.url)
    // A bank named but not there is a bad argument (64); one that is there but unusable is unusable input (2).
    #expect(result.exitCode == (name == "missing.yaml" ? 64 : 2))
    #expect(result.standardError.contains(expected), "\(result.standardError)")
    #expect(!result.standardError.contains("NSCocoaErrorDomain"))
  }

  @Test func validateRefusesAZipBombWithinItsLimits() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    // One 64 MiB deflated stream of zeros, shared by 40 entries.
    var zip: [UInt8] = []
    let body = [UInt8](ZipWriter.deflate(Data(count: 64 << 20)))
    let name = Array("a0.xml".utf8)
    zip +=
      le32(0x0403_4b50) + le16(20) + le16(0x800) + le16(8) + le16(0) + le16(0x21) + le32(0) + le32(UInt32(body.count))
      + le32(64 << 20)
      + le16(UInt16(name.count)) + le16(0) + name + body
    var central: [UInt8] = []
    for i in 0..<40 {
      let n = Array("a\(i).xml".utf8)
      central += le32(0x0201_4b50) + le16(0x031E) + le16(20) + le16(0x800) + le16(8) + le16(0) + le16(0x21) + le32(0)
      central +=
        le32(UInt32(body.count)) + le32(64 << 20) + le16(UInt16(n.count)) + le16(0) + le16(0) + le16(0) + le16(0)
      central += le32(0o100644 << 16) + le32(0) + n
    }
    let offset = zip.count
    zip +=
      central + le32(0x0605_4b50) + le16(0) + le16(0) + le16(40) + le16(40) + le32(UInt32(central.count))
      + le32(UInt32(offset)) + le16(0)
    let url = dir.url.appendingPathComponent("bomb.zip")
    try Data(zip).write(to: url)
    let result = try CommandRunner.run(["validate", url.path, "--max-total-size", "256"])
    #expect(result.exitCode == 2)
    #expect(
      result.standardError.contains(
        "the files inflate to more than the limit of 256 MiB in all (raise it with --max-total-size)"))
  }

  @Test func validateRejectsANonPositiveLimitAsABadArgument() throws {
    let result = try CommandRunner.run(["validate", "x.zip", "--max-entries", "0"])
    #expect(result.exitCode == 64)
    #expect(result.standardError.contains("'--max-entries' must be a positive whole number"))
  }
}

func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
func le32(_ v: UInt32) -> [UInt8] { le16(UInt16(v & 0xFFFF)) + le16(UInt16(v >> 16)) }

/// Output folders are never half-written, whatever happens to the command.
@Suite struct OutputFolderCommandTests {
  static let bank = packageRoot.appendingPathComponent("Banks/default.yaml").path

  @Test func generateRefusesToOverwriteItsOwnBank() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let bankText = try String(contentsOfFile: Self.bank, encoding: .utf8)
    try Data(bankText.utf8).write(to: dir.url.appendingPathComponent("key.jsonl"))
    let result = try CommandRunner.run(
      [
        "generate", "key.jsonl", "--templates", packageRoot.appendingPathComponent("Templates").path,
        "--format", "none", "--out", ".",
      ], in: dir.url)
    #expect(result.exitCode == 2)
    #expect(result.standardError.contains("would overwrite the input"))
    #expect(try String(contentsOf: dir.url.appendingPathComponent("key.jsonl"), encoding: .utf8) == bankText)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["key.jsonl"])
  }

  @Test func aFailedExportLeavesThePreviousRunUntouched() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let out = dir.url.appendingPathComponent("out")
    #expect(try CommandRunner.run(["generate", Self.bank, "--format", "qti21", "--out", out.path]).exitCode == 0)
    let before = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().map { name in
      (name, try Data(contentsOf: out.appendingPathComponent(name)))
    }
    // Another seed, and a package name taken by a folder: the run fails after drawing and exporting.
    try FileManager.default.createDirectory(
      at: out.appendingPathComponent("default-qti30.zip"), withIntermediateDirectories: false)
    let failed = try CommandRunner.run([
      "generate", Self.bank, "--seed", "7", "--format", "qti21,qti30", "--out", out.path,
    ])
    #expect(failed.exitCode == 2)
    #expect(failed.standardError.contains("a folder has that name"))
    try FileManager.default.removeItem(at: out.appendingPathComponent("default-qti30.zip"))
    let after = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().map { name in
      (name, try Data(contentsOf: out.appendingPathComponent(name)))
    }
    #expect(after.map(\.0) == before.map(\.0))
    #expect(after.map(\.1) == before.map(\.1))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["out"])
  }

  @Test func sigtermRemovesTheTemporaryFolderAndKeepsThePreviousOutputs() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    // A bank large enough that the run is still drawing when the signal comes.
    let bank = dir.url.appendingPathComponent("big.yaml")
    try Data(
      """
      title: Big
      seed: 1
      items:
        - { template: nernst-potential, variants: 1500, points: 1 }
        - { template: driving-force, variants: 1500, points: 1 }
      """.utf8
    ).write(to: bank)
    let out = dir.url.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    try Data("previous".utf8).write(to: out.appendingPathComponent("key.jsonl"))
    let process = Process()
    process.executableURL = CommandRunner.executable
    process.arguments = [
      "generate", bank.path, "--templates", packageRoot.appendingPathComponent("Templates").path, "--out", out.path,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait for the temporary folder to appear, then stop the run.
    let deadline = Date().addingTimeInterval(20)
    var sawStaging = false
    while Date() < deadline, process.isRunning {
      if try FileManager.default.contentsOfDirectory(atPath: dir.url.path).contains(where: {
        $0.hasPrefix(".out.nernstquiz-")
      }) {
        sawStaging = true
        break
      }
      Thread.sleep(forTimeInterval: 0.005)
    }
    try #require(sawStaging && process.isRunning, "the run ended before the signal could be sent")
    process.terminate()
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal, "status \(process.terminationStatus)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["big.yaml", "out"])
    #expect(try String(contentsOf: out.appendingPathComponent("key.jsonl"), encoding: .utf8) == "previous")
  }

  @Test func aGradeThatFailsHalfwayLeavesThePreviousGradingUntouched() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let out = dir.url.appendingPathComponent("graded")
    try Data("student,item,response\ns1,x,1\n".utf8).write(to: dir.url.appendingPathComponent("first.csv"))
    let first = try CommandRunner.run(["grade", "first.csv", "--bank", Self.bank, "--out", "graded"], in: dir.url)
    #expect(first.exitCode == 1, "\(first.standardError)")  // the unknown item is for review
    let before = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().map { name in
      (name, try Data(contentsOf: out.appendingPathComponent(name)))
    }
    #expect(before.map(\.0).contains("responses.csv"))
    // Two rows are graded and written before the unclosed quote of the third stops the run.
    try Data("student,item,response\ns2,x,1\ns3,y,2\ns4,z,\"-95\n".utf8).write(
      to: dir.url.appendingPathComponent("second.csv"))
    let second = try CommandRunner.run(["grade", "second.csv", "--bank", Self.bank, "--out", "graded"], in: dir.url)
    #expect(second.exitCode == 2)
    #expect(second.standardError.contains("second.csv:4:3: a quote opens a field but is never closed"))
    let after = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().map { name in
      (name, try Data(contentsOf: out.appendingPathComponent(name)))
    }
    #expect(after.map(\.0) == before.map(\.0))
    #expect(after.map(\.1) == before.map(\.1))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == [
        "first.csv", "graded", "second.csv",
      ])
  }

  @Test func gradeRefusesAnOutputThatWouldReplaceItsInput() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let text = "student,item,response\ns1,x,1\n"
    try Data(text.utf8).write(to: dir.url.appendingPathComponent("responses.csv"))
    let result = try CommandRunner.run(["grade", "responses.csv", "--bank", Self.bank, "--out", "."], in: dir.url)
    #expect(result.exitCode == 2)
    #expect(result.standardError.contains("would overwrite the input"))
    #expect(try String(contentsOf: dir.url.appendingPathComponent("responses.csv"), encoding: .utf8) == text)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["responses.csv"])
  }
}
