import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

@testable import QTIExport

/// Every exported file against the official XSDs in `<package root>/../shared/qti-schemas`. When that folder is
/// missing, the suite is disabled and the test report says why.
@Suite(
  .disabled(
    if: !schemasAvailable,
    "the official schemas are not at <package root>/../shared/qti-schemas; schema conformance not checked"))
struct SchemaConformanceTests {
  let schemas = SchemaFolder(url: schemaFolderURL)

  /// The formats with official schemas (Moodle XML has none).
  static let qtiFormats = QTIFormat.allCases.filter { $0 != .moodle }

  @Test(arguments: SchemaConformanceTests.qtiFormats, [SampleQuiz.Export.quiz, SampleQuiz.Export.hostileQuiz])
  func everyExportedFileIsValid(format: QTIFormat, quiz: Quiz) throws {
    let package = try makePackage(quiz, format: format, baseName: "s")
    let report = validate(package.files, schemas: schemas, isPackage: true)
    #expect(report.errors.isEmpty, "\(report)")
    #expect(report.schemaValidated)
  }

  @Test func canvasMarginAttributesAreSetAsideWithANote() throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: .canvas, baseName: "s")
    let report = validate(package.files, schemas: schemas, isPackage: true)
    #expect(
      report.issues.filter { $0.severity == .note }.map(\.message) == [
        "10 Canvas margin/margintype attributes on varequal are not in the QTI 1.2.1 XSD and were set aside for validation"
      ])
  }

  @Test(arguments: ["qti21_item_broken.xml", "qti12_broken.xml", "qti30_item_broken.xml"])
  func officialBrokenExamplesAreRejectedWithLines(name: String) throws {
    let report = try validatePackage(
      at: schemaFolderURL.appendingPathComponent("examples/broken/\(name)"), schemas: schemaFolderURL)
    let schemaErrors = report.errors.filter { $0.message.contains("XSD") }
    #expect(!schemaErrors.isEmpty)
    #expect(schemaErrors.allSatisfy { $0.line > 0 && $0.file == name })
  }
}

/// Every shipped template (`Templates/`), drawn a few times, and the default bank, exported in every format:
/// each package must pass its self-checks and every file must validate against the official XSDs.
@Suite(
  .disabled(
    if: !schemasAvailable,
    "the official schemas are not at <package root>/../shared/qti-schemas; schema conformance not checked"))
struct ShippedTemplateConformanceTests {
  static let library = Result { try TemplateLibrary.load(from: packageRoot.appendingPathComponent("Templates")) }

  /// A bank with every shipped template, five variants each.
  static func everyTemplateQuiz() throws -> Quiz {
    let library = try library.get()
    let items = library.templates.map { "  - template: \($0.id)\n    variants: 5\n    points: 2\n" }.joined()
    let bank = try Bank.parse("title: Every shipped template\nseed: 4\nitems:\n" + items, file: "every-template.yaml")
    return try bank.drawQuiz(library: library)
  }

  static func defaultBankQuiz() throws -> Quiz {
    let url = packageRoot.appendingPathComponent("Banks/default.yaml")
    let bank = try Bank.parse(try String(contentsOf: url, encoding: .utf8), file: "Banks/default.yaml")
    return try bank.drawQuiz(library: try library.get())
  }

  @Test(arguments: SchemaConformanceTests.qtiFormats)
  func everyShippedTemplateValidates(format: QTIFormat) throws {
    let quiz = try Self.everyTemplateQuiz()
    #expect(quiz.items.count == (try Self.library.get().templates.count))
    // Canvas cannot hold keys below 10⁻⁴: those variants must be refused with a message, the rest exported.
    let problems = exportProblems(quiz, formats: [format])
    let refused = Set(problems.map(\.template))
    let exportable = Quiz(
      title: quiz.title, seed: quiz.seed, items: quiz.items.filter { !refused.contains($0.template) })
    let package = try makePackage(exportable, format: format, baseName: "every")
    let report = validate(package.files, schemas: SchemaFolder(url: schemaFolderURL), isPackage: true)
    #expect(report.errors.isEmpty, "\(report)")
    #expect(report.itemsChecked > 0)
    if format != .canvas { #expect(problems.isEmpty, "\(problems)") }
  }

  @Test func defaultBankExportsInEveryFormat() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let quiz = try Self.defaultBankQuiz()
    let report = try exportPackages(quiz, to: directory.url, baseName: "default")
    for format in report.formats where format.format != .moodle {
      let result = try validatePackage(
        at: directory.url.appendingPathComponent(format.packageName), schemas: schemaFolderURL)
      #expect(result.isValid, "\(result)")
    }
  }
}
