import Foundation
import TestSupport
import Testing

@Suite struct GenerateCommandTests {
  /// --jobs decides the threads only: every file generate writes is the same bytes with one and with three.
  @Test func outputsAreByteIdenticalForAnyNumberOfJobs() throws {
    let dirs = try (0..<2).map { _ in try TemporaryDirectory() }
    defer { for dir in dirs { dir.remove() } }
    for (dir, jobs) in zip(dirs, ["1", "3"]) {
      let result = try CommandRunner.run(["generate", "--out", dir.url.path, "--jobs", jobs], in: packageRoot)
      #expect(result.exitCode == 0, "\(result.standardError)")
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: dirs[0].url.path).sorted()
    #expect(names.contains("key.jsonl") && names.contains("default-qti21.zip") && names.contains("default-moodle.xml"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dirs[1].url.path).sorted() == names)
    for name in names {
      let one = try Data(contentsOf: dirs[0].url.appendingPathComponent(name))
      let three = try Data(contentsOf: dirs[1].url.appendingPathComponent(name))
      #expect(one == three, "\(name) differs between --jobs 1 and --jobs 3")
    }
  }

  @Test(arguments: [
    ["generate"], ["validate", "x.zip"],
    [
      "grade", "Tests/GradingTests/Fixtures/long.csv", "--key",
      "Tests/TemplateEngineTests/Snapshots/default-bank-key.jsonl",
    ],
  ])
  func jobsBelowOneIsABadArgument(command: [String]) throws {
    let result = try CommandRunner.run(command + ["--jobs", "0"], in: packageRoot)
    #expect(result.exitCode == 64, "\(result.standardError)")
    #expect(result.standardError.contains("'--jobs' must be at least 1, got 0."))
  }

  @Test func generateWithNoArgumentsUsesTheDefaultBankAndWritesKeyAndPreview() throws {
    let out = try TemporaryDirectory()
    defer { out.remove() }
    let result = try CommandRunner.run(["generate", "--out", out.url.path], in: packageRoot)
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("The electrochemical driving force — first quiz"))
    let key = try String(contentsOf: out.url.appendingPathComponent("key.jsonl"), encoding: .utf8)
    let golden = try String(
      contentsOf: packageRoot.appendingPathComponent("Tests/TemplateEngineTests/Snapshots/default-bank-key.jsonl"),
      encoding: .utf8)
    // The variants are the golden key's; the key written with packages adds their delivery map.
    let lines = key.split(separator: "\n")
    let goldenLines = golden.split(separator: "\n")
    #expect(Array(lines.dropFirst().prefix(goldenLines.count - 1)) == Array(goldenLines.dropFirst()))
    #expect(lines[0].contains("\"deliveries\":[\"canvas\",\"qti21\",\"qti30\",\"moodle\"]"))
    let deliveries = lines.filter { $0.hasPrefix("{\"record\":\"delivery\"") }
    for format in ["canvas", "qti21", "qti30", "moodle"] {
      // 22 variants: 8 of one part, 8 of two, 6 of three.
      #expect(deliveries.filter { $0.contains("\"format\":\"\(format)\"") }.count == 8 + 16 + 18)
    }
    for name in [
      "default-canvas.zip", "default-qti21.zip", "default-qti30.zip", "default-moodle.xml", "export-report.txt",
    ] {
      #expect(FileManager.default.fileExists(atPath: out.url.appendingPathComponent(name).path), "\(name) written")
    }
    #expect(result.standardOutput.contains("QTI 2.1 — default-qti21.zip"))
    let validation = try CommandRunner.run(["validate", out.url.appendingPathComponent("default-qti21.zip").path])
    #expect(validation.exitCode == 0, "\(validation.standardOutput)\(validation.standardError)")
    let preview = try String(contentsOf: out.url.appendingPathComponent("preview.html"), encoding: .utf8)
    #expect(preview.hasPrefix("<!DOCTYPE html>"))
    #expect(preview.contains("driving-force-01"))
    #expect(!preview.contains("http://") && !preview.contains("https://"), "the preview works offline")
  }

  @Test func twoRunsWithTheSameSeedAreByteIdenticalAndAnotherSeedDiffers() throws {
    let dirs = try (0..<3).map { _ in try TemporaryDirectory() }
    defer { for dir in dirs { dir.remove() } }
    let bank = packageRoot.appendingPathComponent("Banks/default.yaml").path
    for (dir, seed) in zip(dirs, ["7", "7", "8"]) {
      let result = try CommandRunner.run(["generate", bank, "--out", dir.url.path, "--seed", seed])
      #expect(result.exitCode == 0, "\(result.standardError)")
    }
    for name in [
      "key.jsonl", "preview.html", "default-canvas.zip", "default-qti21.zip", "default-qti30.zip", "default-moodle.xml",
      "export-report.txt",
    ] {
      let files = try dirs.map { try Data(contentsOf: $0.url.appendingPathComponent(name)) }
      #expect(files[0] == files[1], "\(name) is byte-identical for the same seed")
      #expect(files[0] != files[2], "\(name) differs for another seed")
    }
  }

  @Test func formatOptionSelectsPackagesAndRejectsUnknownOnes() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let bank = packageRoot.appendingPathComponent("Banks/default.yaml").path
    let ok = try CommandRunner.run(["generate", bank, "--format", "canvas", "--out", dir.url.path])
    #expect(ok.exitCode == 0)
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
    #expect(
      names == ["default-canvas.zip", "export-report.txt", "key.jsonl", "nernstquiz-manifest.json", "preview.html"])
    let moodle = try TemporaryDirectory()
    defer { moodle.remove() }
    let onlyMoodle = try CommandRunner.run(["generate", bank, "--format", "moodle", "--out", moodle.url.path])
    #expect(onlyMoodle.exitCode == 0, "\(onlyMoodle.standardError)")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: moodle.url.path).sorted()
        == ["default-moodle.xml", "export-report.txt", "key.jsonl", "nernstquiz-manifest.json", "preview.html"])
    let bad = try CommandRunner.run(["generate", bank, "--format", "canvas,blackboard", "--out", dir.url.path])
    #expect(bad.exitCode == 64)
    #expect(
      bad.standardError.hasPrefix(
        """
        Error: The value 'canvas,blackboard' is invalid for '--format <formats>'. \
        Please provide one of 'canvas', 'qti21', 'qti30', 'moodle' or 'none'.

        """))
  }

  @Test func aSecondBankReplacesTheFirstBanksOutputsAsAWhole() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let out = dir.url.appendingPathComponent("out")
    let first = try CommandRunner.run([
      "generate", packageRoot.appendingPathComponent("Banks/default.yaml").path,
      "--format", "canvas,moodle", "--out", out.path,
    ])
    #expect(first.exitCode == 0, "\(first.standardError)")
    try Data("mine\n".utf8).write(to: out.appendingPathComponent("notes.txt"))
    let second = try CommandRunner.run([
      "generate", packageRoot.appendingPathComponent("Banks/synapses-and-transport.yaml").path,
      "--format", "qti21", "--out", out.path,
    ])
    #expect(second.exitCode == 0, "\(second.standardError)")
    let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    // None of the first set's files is left, the instructor's own file is, and the manifest lists the new set.
    #expect(
      names == [
        "export-report.txt", "key.jsonl", "nernstquiz-manifest.json", "notes.txt", "preview.html",
        "synapses-and-transport-qti21.zip",
      ])
    let manifest = try String(contentsOf: out.appendingPathComponent("nernstquiz-manifest.json"), encoding: .utf8)
    #expect(manifest.contains("synapses-and-transport-qti21.zip") && !manifest.contains("default-"))
    #expect(!manifest.contains("notes.txt"))
  }

  @Test func missingBankFileIsAnError() throws {
    let result = try CommandRunner.run(["generate", "no-such-bank.yaml"])
    #expect(result.exitCode == 64)
    #expect(result.standardError.hasPrefix("Error: No bank file at 'no-such-bank.yaml'.\nUsage: nernstquiz generate"))
  }

  @Test func bankErrorsNameFileLineAndColumn() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let bank = dir.url.appendingPathComponent("bad.yaml")
    try "title: t\nseed: 1\nitems:\n  - template: nernst-potental\n".write(to: bank, atomically: true, encoding: .utf8)
    let templates = packageRoot.appendingPathComponent("Templates").path
    let result = try CommandRunner.run(["generate", bank.path, "--templates", templates, "--out", dir.url.path])
    #expect(result.exitCode == 2)
    #expect(
      result.standardError.contains(
        "bad.yaml:4:15: error: unknown template 'nernst-potental' (did you mean 'nernst-potential'?)"))
  }

  @Test func aBrokenTemplateBesideTheBankStopsGenerateOnlyWhenTheBankNamesIt() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    // 'draft' has a typo on line 8: its stem names a variable it does not have.
    let draft = """
      format: 1
      id: draft
      title: Half written
      topic: capacitance
      objective: Double a number.
      difficulty: introductory
      parameters: { x: { integer: [1, 9] } }
      stem: "What is {y}?"
      answers:
        - { id: twice, numeric: 2 * x, unit: pC }
      """
    try draft.write(to: dir.url.appendingPathComponent("draft.yaml"), atomically: true, encoding: .utf8)
    let templates = packageRoot.appendingPathComponent("Templates").path
    let unrelated = dir.url.appendingPathComponent("quiz.yaml")
    try "title: t\nseed: 1\nitems:\n  - template: nernst-potential\n    variants: 2\n".write(
      to: unrelated, atomically: true, encoding: .utf8)
    let out = dir.url.appendingPathComponent("out")
    let fine = try CommandRunner.run(
      ["generate", unrelated.path, "--templates", templates, "--format", "none", "--out", out.path])
    #expect(fine.exitCode == 0, "\(fine.standardError)")
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("key.jsonl").path))

    let using = dir.url.appendingPathComponent("uses-draft.yaml")
    try "title: t\nseed: 1\nitems:\n  - template: draft\n".write(to: using, atomically: true, encoding: .utf8)
    let broken = try CommandRunner.run(
      ["generate", using.path, "--templates", templates, "--format", "none", "--out", out.path])
    #expect(broken.exitCode == 2)
    #expect(broken.standardError.contains("draft.yaml:8:"), "\(broken.standardError)")
  }

  @Test func templatesListsEveryTemplateWithItsObjective() throws {
    let result = try CommandRunner.run(["templates"], in: packageRoot)
    #expect(result.exitCode == 0)
    for id in ["nernst-potential", "driving-force", "charge-per-voltage"] {
      #expect(result.standardOutput.contains(id))
    }
  }

  @Test func theSynapsesAndTransportBankGeneratesEveryFormatAndTheListingNamesItsFamilies() throws {
    let out = try TemporaryDirectory()
    defer { out.remove() }
    let bank = packageRoot.appendingPathComponent("Banks/synapses-and-transport.yaml").path
    let result = try CommandRunner.run(["generate", bank, "--out", out.url.path], in: packageRoot)
    #expect(result.exitCode == 0, "\(result.standardError)")
    for name in [
      "synapses-and-transport-canvas.zip", "synapses-and-transport-qti21.zip", "synapses-and-transport-qti30.zip",
      "synapses-and-transport-moodle.xml", "export-report.txt", "key.jsonl", "preview.html",
    ] {
      #expect(FileManager.default.fileExists(atPath: out.url.appendingPathComponent(name).path), "\(name) written")
    }
    for name in [
      "synapses-and-transport-canvas.zip", "synapses-and-transport-qti21.zip", "synapses-and-transport-qti30.zip",
    ] {
      let validation = try CommandRunner.run(["validate", out.url.appendingPathComponent(name).path])
      #expect(validation.exitCode == 0, "\(name): \(validation.standardOutput)\(validation.standardError)")
    }
    let families = [
      "chord-conductance", "calcium-entry-buffering", "secondary-active-transport", "gaba-chloride-reversal",
      "pump-failure-rundown",
    ]
    let key = try String(contentsOf: out.url.appendingPathComponent("key.jsonl"), encoding: .utf8)
    for id in families { #expect(key.contains("\"template\":\"\(id)\""), "\(id) in the bank") }
    let listing = try CommandRunner.run(["templates"], in: packageRoot)
    for id in families { #expect(listing.standardOutput.contains(id), "\(id) listed") }
    let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    for id in families { #expect(readme.contains("| `\(id)` |"), "\(id) in the README's table") }
  }

  @Test func checkPassesOnAShippedTemplate() throws {
    let result = try CommandRunner.run(["check", "driving-force", "--variants", "200"], in: packageRoot)
    #expect(result.exitCode == 0, "\(result.standardOutput)\(result.standardError)")
    #expect(result.standardOutput.contains("driving-force: ok — 200 variants"))
    #expect(result.standardOutput.contains("driving_force: "))
  }

  @Test func checkFailsOnATemplateWithATinyKey() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let file = dir.url.appendingPathComponent("tiny.yaml")
    try """
    format: 1
    id: tiny
    title: Tiny charge
    topic: t
    objective: o
    difficulty: introductory
    parameters:
      d: { uniform: [10, 20] }
    stem: "A cell of {d} µm."
    answers:
      - id: q
        numeric: charge(d, 1, 100) * 1e-12
        unit: C
    """.write(to: file, atomically: true, encoding: .utf8)
    let result = try CommandRunner.run(["check", file.path, "--variants", "50"])
    #expect(result.exitCode == 1)
    #expect(result.standardOutput.contains("LMSs round numbers below 10⁻⁴; ask in a smaller unit"))
  }
}
