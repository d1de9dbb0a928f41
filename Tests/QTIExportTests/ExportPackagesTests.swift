import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

@testable import QTIExport

struct ExportPackagesTests {
  @Test func writesEveryPackageAndTheReport() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let report = try exportPackages(SampleQuiz.Export.quiz, to: directory.url, baseName: "membranes")
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
    #expect(
      names == [
        "export-report.txt", "membranes-canvas.zip", "membranes-moodle.xml", "membranes-qti21.zip",
        "membranes-qti30.zip",
      ])
    #expect(report.formats.map(\.format) == [.canvas, .qti21, .qti30, .moodle])
    let text = try String(contentsOf: directory.url.appendingPathComponent("export-report.txt"), encoding: .utf8)
    #expect(text == report.description)
  }

  @Test func reportSaysWhatEachFormatKeptAndLost() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let report = try exportPackages(SampleQuiz.Export.quiz, to: directory.url, baseName: "membranes")
    try assertSnapshot(report.description, named: "export-report.txt")
    let canvas = report.formats[0].templates[1]
    #expect(canvas.lost.contains { $0.hasPrefix("multi-part: 2 parts become 2 separate questions") })
    #expect(
      canvas.lost.contains(
        "feedback: 2 numeric misconception messages dropped (Canvas numerical questions have no wrong-answer feedback)")
    )
    let qti = report.formats[1].templates[1]
    #expect(qti.kept.contains("multi-part: one item with 2 interactions (driving_force, direction)"))
  }

  @Test func formatsAreWrittenInTheOrderAskedAndOnce() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let report = try exportPackages(
      SampleQuiz.Export.quiz, formats: [.qti30, .qti21, .qti30], to: directory.url, baseName: "q")
    #expect(report.formats.map(\.packageName) == ["q-qti30.zip", "q-qti21.zip"])
  }

  @Test func unexportableQuizWritesNothing() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let out = directory.url.appendingPathComponent("out")
    let error = #expect(throws: ExportError.self) {
      try exportPackages(SampleQuiz.Export.tinyQuiz, to: out, baseName: "t")
    }
    #expect(error?.code == .unexportable)
    #expect(
      error?.description.hasPrefix("1 keys cannot be exported; nothing was written\n  canvas: template 'tiny'") == true)
    #expect(!FileManager.default.fileExists(atPath: out.path))
    #expect(throws: Never.self) {
      try exportPackages(SampleQuiz.Export.tinyQuiz, formats: [.qti21, .qti30], to: out, baseName: "t")
    }
  }
}

extension ExportPackagesTests {
  @Test func collidingVariantIdsAreRefused() throws {
    var a = SampleQuiz.Export.chargeVariant()
    var b = SampleQuiz.Export.chargeVariant()
    a.id = "q 1"
    b.id = "q_1"
    let quiz = Quiz(
      title: "C", seed: 1, items: [QuizItem(template: "charge", title: "C", points: 1, variants: [a, b])])
    #expect(
      exportProblems(quiz, formats: [.qti21]).map(\.description) == [
        "qti21: template 'charge', variant 'q_1': the variant id 'q_1' gives the same file name 'q_1' as 'q 1'"
      ])
  }

  @Test func emptyQuizIsRefused() {
    let quiz = Quiz(title: "Empty", seed: 1, items: [])
    #expect(exportProblems(quiz, formats: [.canvas]).map(\.message) == ["the quiz has no variants to export"])
  }
}
