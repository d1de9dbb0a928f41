import Foundation
import QuizModel
import TemplateEngine
import Testing
@testable import QTIExport

struct ItemCheckerTests {
  static let quiz = Quiz(title: "Membrane potentials", seed: 42,
                         items: SampleQuiz.quiz.items + [SampleQuiz.hostileItem])

  /// Every exported item with its variant and file.
  static func items(_ format: QTIFormat) throws -> [(variant: Variant, file: PackageFile)] {
    let package = try makePackage(quiz, format: format, baseName: "s", workers: 1)
    return quiz.variants.map { variant in
      (variant, package.files.first { $0.path == QTI2Writer.itemPath(variant) }!)
    }
  }

  /// The generic checks of one item file: items, proofs and errors.
  static func generic(_ file: PackageFile, _ variant: Variant) -> SelfCheckResult {
    checkFile(file) { root in ModelCheck.checkQTI(QTIItemModel(root: root), variant: variant, file: file.path) }
  }

  @Test(arguments: [QTIFormat.qti21, .qti30])
  func fastChecksProveWhatTheGenericChecksProve(format: QTIFormat) throws {
    let checker = ItemChecker()
    for (variant, file) in try Self.items(format) {
      let generic = Self.generic(file, variant)
      #expect(generic.issues.isEmpty)
      let proofs = try #require(checker.check(file.data, variant: variant), "\(file.path) fell back to the generic checks")
      #expect(proofs == generic.proofs, "\(file.path)")
    }
  }

  /// Edits one exported file so that a check fails: the fast checks must not confirm it.
  @Test(arguments: [
    ("<value>-95.0189</value>", "<value>-90</value>"),                      // the key is not the model's
    ("tolerance=\"2.40038 2.40038\"", "tolerance=\"0.0001 0.0001\""),     // the model's interval is rejected
    ("showHide=\"show\"", "showHide=\"hide\""),                              // feedback never shown
    ("identifier=\"FB_E_log10-for-ln\" showHide=\"show\"", "identifier=\"FB_other\" showHide=\"show\""),
    ("<baseValue baseType=\"float\">2</baseValue>", "<baseValue baseType=\"float\">0</baseValue>"),
    ("<responseProcessing>", "<responseProcessing template=\"match_correct\">"),
    ("<equal toleranceMode", "<notEqual toleranceMode"),
    ("<value>-95.0189</value>", "<value>&#45;95.0189</value>"),            // still the same file to libxml2
  ])
  func editedFilesAreLeftToTheGenericChecks(original: String, replacement: String) throws {
    let (variant, file) = try #require(try Self.items(.qti21).first { $0.variant.id == "nernst-k-01" })
    let text = String(decoding: file.data, as: UTF8.self)
    #expect(text.contains(original))
    var edited = text.replacingOccurrences(of: original, with: replacement)
    if original == "<equal toleranceMode" { edited = edited.replacingOccurrences(of: "</equal>", with: "</notEqual>") }
    let data = Data(edited.utf8)
    let fast = ItemChecker().check(data, variant: variant)
    let generic = Self.generic(PackageFile(path: file.path, data: data), variant)
    if replacement.hasPrefix("<value>&#45;") {
      #expect(fast == generic.proofs && generic.issues.isEmpty)
    } else {
      #expect(fast == nil)
      #expect(!generic.issues.isEmpty || generic.items == 0, "\(generic)")
    }
  }

  @Test func malformedFilesAreLeftToTheGenericChecks() throws {
    let (variant, file) = try #require(try Self.items(.qti21).first)
    #expect(ItemChecker().check(file.data.prefix(200), variant: variant) == nil)
    #expect(ItemChecker().check(Data(), variant: variant) == nil)
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
    var items = SampleQuiz.manyVariants(300).items
    items.append(contentsOf: SampleQuiz.quiz.items)
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
