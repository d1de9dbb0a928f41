import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

@testable import QTIExport

struct ItemCheckerTests {
  static let quiz = Quiz(
    title: "Membrane potentials", seed: 42,
    items: SampleQuiz.Export.quiz.items + [SampleQuiz.Export.hostileItem])

  /// Every exported item with its variant and file.
  static func items(_ format: QTIFormat) throws -> [(variant: Variant, file: PackageFile)] {
    let package = try makePackage(quiz, format: format, baseName: "s", workers: 1)
    return quiz.variants.map { variant in
      (variant, package.files.first { $0.path == QTI2Writer.itemPath(variant) }!)
    }
  }

  /// The checks of one item file read into an XMLNode tree, as `validate` reads it, with the model's: items,
  /// proofs and errors.
  static func fromXMLNodes(_ file: PackageFile, _ variant: Variant) throws -> SelfCheckResult {
    let root = try XMLReader.parse(file.data, file: file.path).get()
    var result = QTIItemCheck.check(CompiledItem(root: root), file: file.path, variant: variant)
    result.issues.removeAll { $0.severity != .error }
    return result
  }

  /// The SAX-read elements the export checks and the XMLNode tree `validate` reads feed one compiler and one set of
  /// checks: the same proofs, item by item.
  @Test(arguments: [QTIFormat.qti21, .qti30])
  func bothElementSourcesProveTheSame(format: QTIFormat) throws {
    let checker = ItemChecker()
    for (variant, file) in try Self.items(format) {
      let fromTree = try Self.fromXMLNodes(file, variant)
      #expect(fromTree.issues.isEmpty)
      #expect(fromTree.proofs > 0)
      let fromLibXML = checker.check(file, variant: variant)
      #expect(fromLibXML.issues.isEmpty, "\(file.path)")
      #expect(fromLibXML.proofs == fromTree.proofs && fromLibXML.items == 1, "\(file.path)")
    }
  }

  /// Edits one exported file so that a check fails: both element sources report the same errors, with lines.
  @Test(arguments: [
    ("<value>-95.0189</value>", "<value>-90</value>"),  // the key is not the model's
    ("tolerance=\"2.40038 2.40038\"", "tolerance=\"0.0001 0.0001\""),  // the model's interval is rejected
    ("showHide=\"show\"", "showHide=\"hide\""),  // feedback never shown
    ("identifier=\"FB_E_log10-for-ln\" showHide=\"show\"", "identifier=\"FB_other\" showHide=\"show\""),
    ("<baseValue baseType=\"float\">2</baseValue>", "<baseValue baseType=\"float\">0</baseValue>"),
    ("<responseProcessing>", "<responseProcessing template=\"match_correct\">"),
    ("<equal toleranceMode", "<notEqual toleranceMode"),
    ("<value>-95.0189</value>", "<value>&#45;95.0189</value>"),  // still the same file to libxml2
    ("<value>-95.0189</value>", "<value><![CDATA[-95.]]><!-- split -->01<b>8</b>9</value>"),  // the same text
    ("RESPONSE_E", "RESPONSE_X"),  // not the model's response
  ])
  func editedFilesGiveTheSameErrorsFromEitherSource(original: String, replacement: String) throws {
    let (variant, file) = try #require(try Self.items(.qti21).first { $0.variant.id == "nernst-k-01" })
    let text = String(decoding: file.data, as: UTF8.self)
    #expect(text.contains(original))
    var edited = text.replacingOccurrences(of: original, with: replacement)
    let sameText = replacement.hasPrefix("<value>&#45;") || replacement.hasPrefix("<value><![CDATA[")
    if original == "<equal toleranceMode" { edited = edited.replacingOccurrences(of: "</equal>", with: "</notEqual>") }
    let editedFile = PackageFile(path: file.path, data: Data(edited.utf8))
    let fromLibXML = ItemChecker().check(editedFile, variant: variant)
    let fromTree = try Self.fromXMLNodes(editedFile, variant)
    #expect(fromLibXML.issues == fromTree.issues)
    #expect(fromLibXML.proofs == fromTree.proofs)
    if sameText {
      #expect(fromLibXML.issues.isEmpty)
    } else {
      #expect(!fromLibXML.issues.isEmpty)
      #expect(fromLibXML.issues.allSatisfy { $0.line > 0 }, "\(fromLibXML.issues)")
    }
  }

  @Test func malformedFilesAreReportedWithTheReadersMessages() throws {
    let (variant, file) = try #require(try Self.items(.qti21).first)
    let cut = ItemChecker().check(PackageFile(path: file.path, data: file.data.prefix(200)), variant: variant)
    #expect(cut.items == 0 && !cut.issues.isEmpty)
    let empty = ItemChecker().check(PackageFile(path: file.path, data: Data()), variant: variant)
    #expect(empty.items == 0 && !empty.issues.isEmpty)
    let notAnItem = ItemChecker().check(PackageFile(path: "m.xml", data: Data("<manifest/>".utf8)), variant: variant)
    #expect(
      notAnItem.issues.map(\.description) == ["m.xml:1: error: the root element is 'manifest', not an assessment item"])
  }

  @Test(arguments: [QTIFormat.qti21, .qti30])
  func aRestartedWriterWritesWhatANewWriterWrites(format: QTIFormat) {
    let writer = QTI2Writer(quiz: Self.quiz, dialect: QTIDialect.of(format)!)
    let reused = XMLWriter()
    _ = reused.finish()
    for item in Self.quiz.items {
      for variant in item.variants + item.variants {
        let feedbacks = QTI2Writer.feedbacks(variant)
        #expect(writer.item(variant, of: item, feedbacks: feedbacks, using: reused) == writer.item(variant, of: item))
      }
    }
  }

  @Test(arguments: [QTIFormat.qti21, .qti30, .canvas, .moodle])
  func packagesAreByteIdenticalForAnyNumberOfWorkers(format: QTIFormat) throws {
    var items = SampleQuiz.Export.manyVariants(300).items
    items.append(contentsOf: SampleQuiz.Export.quiz.items)
    let quiz = Quiz(title: "Workers", seed: 7, items: items)
    let one = try makePackage(quiz, format: format, baseName: "w", workers: 1)
    for workers in [2, 3, 8] {
      let many = try makePackage(quiz, format: format, baseName: "w", workers: workers)
      #expect(many.zip == one.zip, "\(workers) workers")
      #expect(many.files == one.files)
      #expect(many.report == one.report)
    }
  }
}
