import Foundation
import TestSupport
import Testing

/// An instructor's own template sits beside their bank; `generate` uses it with the shipped library.
@Suite struct InstructorTemplateCommandTests {
  @Test func generateFindsATemplateInTheBanksFolderBesideTheShippedOnes() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let template = """
      format: 1
      id: my-question
      title: Twice a number
      topic: practice
      objective: Double a number.
      difficulty: introductory
      sources: ["Course notes, week 3"]
      parameters:
        x: { integer: [1, 200] }
      stem: "What is twice {x}?"
      answers:
        - id: twice
          numeric: 2 * x
          unit: pC
      """
    try Data(template.utf8).write(to: folder.url.appendingPathComponent("my-question.yaml"))
    let bank = folder.url.appendingPathComponent("week3.yaml")
    try Data(
      "title: Week 3\nseed: 3\nitems:\n  - template: my-question\n    variants: 2\n  - template: nernst-potential\n    variants: 4\n    balance: [ion]\n"
        .utf8
    )
    .write(to: bank)
    let out = folder.url.appendingPathComponent("out")
    let result = try CommandRunner.run([
      "generate", bank.path, "--templates", packageRoot.appendingPathComponent("Templates").path,
      "--out", out.path, "--format", "none",
    ])
    #expect(result.exitCode == 0, "\(result.standardError)")
    let key = try String(contentsOf: out.appendingPathComponent("key.jsonl"), encoding: .utf8)
    #expect(key.contains("\"id\":\"my-question-01\""))
    for ion in ["K+", "Na+", "Cl-", "Ca2+"] { #expect(key.contains("{\"name\":\"ion\",\"value\":\"\(ion)\"")) }
    let preview = try String(contentsOf: out.appendingPathComponent("preview.html"), encoding: .utf8)
    #expect(preview.contains("<li>Course notes, week 3</li>"))
  }
}
