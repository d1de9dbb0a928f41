import Foundation
import TestSupport
import Testing

@Suite struct GenerateCommandTests {
  @Test func generateWithNoArgumentsUsesTheDefaultBankAndWritesKeyAndPreview() throws {
    let out = try TemporaryDirectory()
    defer { out.remove() }
    let result = try CommandRunner.run(["generate", "--out", out.url.path], in: packageRoot)
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("The electrochemical driving force — first quiz"))
    let key = try String(contentsOf: out.url.appendingPathComponent("key.jsonl"), encoding: .utf8)
    let golden = try String(contentsOf: packageRoot.appendingPathComponent("Tests/TemplateEngineTests/Snapshots/default-bank-key.jsonl"), encoding: .utf8)
    #expect(key == golden)
    let preview = try String(contentsOf: out.url.appendingPathComponent("preview.html"), encoding: .utf8)
    #expect(preview.hasPrefix("<!DOCTYPE html>"))
    #expect(preview.contains("driving-force-01"))
    #expect(!preview.contains("http://") && !preview.contains("https://"), "the preview works offline")
  }

  @Test func twoRunsWithTheSameSeedAreByteIdenticalAndAnotherSeedDiffers() throws {
    let dirs = try (0..<3).map { _ in try TemporaryDirectory() }
    defer { dirs.forEach { $0.remove() } }
    let bank = packageRoot.appendingPathComponent("Banks/default.yaml").path
    for (dir, seed) in zip(dirs, ["7", "7", "8"]) {
      let result = try CommandRunner.run(["generate", bank, "--out", dir.url.path, "--seed", seed])
      #expect(result.exitCode == 0, "\(result.standardError)")
    }
    let keys = try dirs.map { try Data(contentsOf: $0.url.appendingPathComponent("key.jsonl")) }
    let previews = try dirs.map { try Data(contentsOf: $0.url.appendingPathComponent("preview.html")) }
    #expect(keys[0] == keys[1])
    #expect(previews[0] == previews[1])
    #expect(keys[0] != keys[2])
  }

  @Test func missingBankFileIsAnError() throws {
    let result = try CommandRunner.run(["generate", "no-such-bank.yaml"])
    #expect(result.exitCode != 0)
    #expect(result.standardError.contains("No bank file at 'no-such-bank.yaml'"))
  }

  @Test func bankErrorsNameFileLineAndColumn() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let bank = dir.url.appendingPathComponent("bad.yaml")
    try "title: t\nseed: 1\nitems:\n  - template: nernst-potental\n".write(to: bank, atomically: true, encoding: .utf8)
    let templates = packageRoot.appendingPathComponent("Templates").path
    let result = try CommandRunner.run(["generate", bank.path, "--templates", templates, "--out", dir.url.path])
    #expect(result.exitCode == 1)
    #expect(result.standardError.contains("bad.yaml:4:15: error: unknown template 'nernst-potental' (did you mean 'nernst-potential'?)"))
  }

  @Test func templatesListsEveryTemplateWithItsObjective() throws {
    let result = try CommandRunner.run(["templates"], in: packageRoot)
    #expect(result.exitCode == 0)
    for id in ["nernst-potential", "driving-force", "charge-per-voltage"] {
      #expect(result.standardOutput.contains(id))
    }
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
