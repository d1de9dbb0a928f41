import Foundation
import QuizModel
import TestSupport
import Testing

@testable import QTIExport

struct ValidatePackageTests {
  @Test(arguments: [QTIFormat.qti21, .canvas])
  func reportIsTheSameForAnyNumberOfWorkers(format: QTIFormat) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    var items = SampleQuiz.Export.manyVariants(60).items
    items.append(contentsOf: SampleQuiz.Export.quiz.items)
    let package = try makePackage(Quiz(title: "Workers", seed: 3, items: items), format: format, baseName: "w")
    let zip = directory.url.appendingPathComponent("w.zip")
    try package.zip.write(to: zip)
    let one = try validatePackage(at: zip, schemas: nil, workers: 1)
    #expect(one.isValid)
    for workers in [2, 5] {
      let many = try validatePackage(at: zip, schemas: nil, workers: workers)
      #expect(many.description == one.description, "\(workers) workers")
      #expect(many.issues == one.issues && many.proofs == one.proofs)
    }
  }

  @Test func zipFolderAndSingleFileAreAccepted() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let package = try makePackage(SampleQuiz.Export.quiz, format: .qti30, baseName: "s")
    let zip = directory.url.appendingPathComponent("s-qti30.zip")
    try package.zip.write(to: zip)
    let folder = directory.url.appendingPathComponent("unpacked")
    for file in package.files {
      let url = folder.appendingPathComponent(file.path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try file.data.write(to: url)
    }
    let fromZip = try validatePackage(at: zip, schemas: nil)
    let fromFolder = try validatePackage(at: folder, schemas: nil)
    #expect(fromZip.isValid && fromFolder.isValid)
    #expect(fromZip.files == package.files.map(\.path))
    #expect(Set(fromFolder.files) == Set(fromZip.files))
    #expect(fromZip.proofs == package.report.proofs)
    let single = try validatePackage(at: folder.appendingPathComponent("items/k-flux-01.xml"), schemas: nil)
    #expect(single.files == ["k-flux-01.xml"])
    #expect(single.isValid)
    #expect(
      fromZip.description.hasSuffix(
        "7 files: well-formed 7/7; self-checks: 5 items, \(package.report.proofs) proofs passed; XSD validation: skipped (no --schemas folder given)\nvalid"
      ))
  }

  @Test func malformedFileIsReportedWithLine() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = directory.url.appendingPathComponent("bad.xml")
    try Data("<assessmentItem>\n  <p>x & y</p>\n</assessmentItem>\n".utf8).write(to: file)
    let report = try validatePackage(at: file, schemas: nil)
    #expect(!report.isValid)
    #expect(report.errors.first?.description.hasPrefix("bad.xml:2:") == true)
    #expect(report.errors.first?.message.hasPrefix("not well-formed: ") == true)
  }

  @Test func missingFileInManifestIsReported() throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: .qti21, baseName: "s")
    let files = package.files.filter { $0.path != "items/charge-01.xml" }
    let report = validate(files, schemas: nil, isPackage: true)
    #expect(
      report.errors.map(\.message) == [
        "refers to 'items/charge-01.xml', which is not in the package",
        "refers to 'items/charge-01.xml', which is not in the package",
      ])
    #expect(report.errors.map(\.file) == ["imsmanifest.xml", "assessment-test.xml"])
  }

  @Test func unusableInputsThrow() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let missing = directory.url.appendingPathComponent("missing.zip")
    #expect(throws: ValidationInputError(path: missing.path, reason: "no such file or folder")) {
      try validatePackage(at: missing, schemas: nil)
    }
    let garbage = directory.url.appendingPathComponent("garbage.zip")
    try Data("this file is not a zip archive at all".utf8).write(to: garbage)
    #expect(
      throws: ValidationInputError(path: garbage.path, reason: "not a zip archive (no end-of-central-directory record)")
    ) {
      try validatePackage(at: garbage, schemas: nil)
    }
    let empty = directory.url.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    #expect(throws: ValidationInputError(path: empty.path, reason: "it holds no .xml file")) {
      try validatePackage(at: empty, schemas: nil)
    }
    #expect(throws: ValidationInputError.self) { try validatePackage(at: garbage, schemas: empty) }
  }
}
