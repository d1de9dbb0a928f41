import Foundation
import QTIExport
import QuizModel
import TemplateEngine
import TestSupport
import Testing

/// `nernstquiz validate` run as a user runs it: the built binary, its output and its exit status.
struct ValidateCommandTests {
  static let quiz = Quiz(
    title: "CLI", seed: 5,
    items: [
      QuizItem(
        template: "nernst", title: "Nernst", points: 1,
        variants: [
          Variant(
            id: "nernst-01", template: "nernst", seed: 1, parameters: [], stem: "E_K?",
            answers: [
              Answer(
                id: "E", prompt: "E (mV)",
                kind: .numeric(
                  NumericAnswer(
                    value: -89.06, unit: "mV", tolerance: Tolerance(absolute: 0.5))))
            ])
        ])
    ])

  @Test func exportedPackageIsValid() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try exportPackages(Self.quiz, formats: [.qti21], to: directory.url, baseName: "cli")
    let result = try CommandRunner.run(["validate", directory.url.appendingPathComponent("cli-qti21.zip").path])
    #expect(result.exitCode == 0)
    #expect(
      result.standardOutput == """
        3 files: well-formed 3/3; self-checks: 1 items, 3 proofs passed; XSD validation: skipped (no --schemas folder given)
        valid

        """)
  }

  @Test func brokenFileExitsWithOneAndNamesTheLine() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = directory.url.appendingPathComponent("broken.xml")
    try Data("<assessmentItem>\n<p>&</p>\n</assessmentItem>\n".utf8).write(to: file)
    let result = try CommandRunner.run(["validate", file.path])
    #expect(result.exitCode == 1)
    #expect(result.standardOutput.hasPrefix("broken.xml:2:"))
    #expect(result.standardOutput.hasSuffix("1 problems found\n"))
  }

  @Test func missingPathIsABadArgument() throws {
    let result = try CommandRunner.run(["validate", "/nonexistent/quiz.zip"])
    #expect(result.exitCode == 64)
    #expect(
      result.standardError.hasPrefix(
        "Error: No package, folder or file at '/nonexistent/quiz.zip'.\nUsage: nernstquiz validate"))
  }

  @Test(
    .disabled(
      if: !FileManager.default.fileExists(
        atPath: packageRoot.deletingLastPathComponent().appendingPathComponent("shared/qti-schemas/catalog.xml").path),
      "the official schemas are not at <package root>/../shared/qti-schemas; --schemas not exercised"))
  func schemasFolderValidatesAgainstTheXSDs() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try exportPackages(Self.quiz, formats: [.qti21], to: directory.url, baseName: "cli")
    let schemas = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/qti-schemas")
    let result = try CommandRunner.run([
      "validate", directory.url.appendingPathComponent("cli-qti21.zip").path, "--schemas", schemas.path,
    ])
    #expect(result.exitCode == 0)
    #expect(result.standardOutput.contains("XSD validation: done"))
  }
}
