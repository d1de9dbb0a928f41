import Foundation
import TestSupport
import Testing

@testable import QTIExport

struct ZipArchiveTests {
  @Test(arguments: QTIFormat.allCases)
  func sameQuizGivesByteIdenticalZips(format: QTIFormat) throws {
    let a = try makePackage(SampleQuiz.Export.quiz, format: format, baseName: "s")
    let b = try makePackage(SampleQuiz.Export.quiz, format: format, baseName: "s")
    #expect(a.zip == b.zip)
  }

  @Test func zipReadsBackToTheSameFiles() throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: .qti21, baseName: "s")
    let entries = try ZipReader.entries(of: package.zip)
    #expect(entries.map(\.path) == package.files.map(\.path))
    #expect(entries.map(\.data) == package.files.map(\.data))
  }

  @Test func entriesHaveTheFixedTimestamp() throws {
    var writer = ZipWriter()
    writer.add(path: "a.xml", data: Data("<a/>".utf8))
    let zip = [UInt8](writer.finish())
    #expect(Array(zip[0..<4]) == [0x50, 0x4b, 0x03, 0x04])
    #expect(Array(zip[10..<14]) == [0, 0, 0x21, 0])  // 00:00:00, 1980-01-01
  }

  @Test func compressibleFilesAreDeflated() throws {
    var writer = ZipWriter()
    let data = Data(String(repeating: "<item/>", count: 1000).utf8)
    writer.add(path: "big.xml", data: data)
    let zip = writer.finish()
    #expect(zip.count < data.count / 10)
    #expect(try ZipReader.entries(of: zip).first?.data == data)
  }

  @Test func exportWritesIdenticalFilesTwice() throws {
    let first = try TemporaryDirectory()
    let second = try TemporaryDirectory()
    defer {
      first.remove()
      second.remove()
    }
    _ = try exportPackages(SampleQuiz.Export.quiz, to: first.url, baseName: "membranes")
    _ = try exportPackages(SampleQuiz.Export.quiz, to: second.url, baseName: "membranes")
    for name in ["membranes-canvas.zip", "membranes-qti21.zip", "membranes-qti30.zip", "export-report.txt"] {
      let a = try Data(contentsOf: first.url.appendingPathComponent(name))
      let b = try Data(contentsOf: second.url.appendingPathComponent(name))
      #expect(a == b, "\(name)")
    }
  }

  @Test func aZipWrittenToItsFileAsItIsMadeIsTheZipMadeInMemory() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    // Large enough for the writer to move several megabytes to the file before it finishes.
    let quizzes = [("small", SampleQuiz.Export.quiz), ("large", SampleQuiz.Export.manyVariants(6_000))]
    for (name, quiz) in quizzes {
      let report = try exportPackages(
        quiz, formats: [.canvas, .qti21, .qti30], to: directory.url, baseName: name, workers: 2)
      for format in report.formats {
        let written = try Data(contentsOf: directory.url.appendingPathComponent(format.packageName))
        let inMemory = try makePackage(quiz, format: format.format, baseName: name, workers: 2).zip
        #expect(written == inMemory, "\(name) \(format.format)")
        #expect(format.bytes == written.count)
      }
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.url.path).allSatisfy { !$0.hasSuffix(".partial") })
  }
}
