import Foundation
import TestSupport
import Testing

@testable import QTIExport

/// Seeded, bounded fuzzing of the zip and XML readers behind `validate`: mutated packages and files never
/// crash, and every problem is reported against a file (with a line for XML that does not parse).
@Suite struct PackageFuzzTests {
  @Test func mutatedZipsAreReadOrRefusedWithAReason() throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: .qti21, baseName: "s")
    let original = [UInt8](package.zip)
    var mutator = Mutator(
      seed: 0x21F,
      tokens: [
        "PK\u{1}\u{2}", "PK\u{3}\u{4}", "PK\u{5}\u{6}", "PK\u{6}\u{7}", "\u{FF}\u{FF}\u{FF}\u{FF}", "\u{0}\u{0}", "../",
        "/",
      ])
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let url = directory.url.appendingPathComponent("fuzz.zip")
    let limits = PackageLimits(maximumFileBytes: 1 << 20, maximumTotalBytes: 8 << 20, maximumEntries: 1000)
    for _ in 0..<250 {
      try Data(mutator.mutate(original, maximumEdits: 3)).write(to: url)
      do {
        let report = try validatePackage(at: url, schemas: nil, limits: limits)
        for issue in report.issues {
          #expect(!issue.file.isEmpty)
          if issue.message.hasPrefix("not well-formed") && !issue.message.contains("the file is empty or not XML") {
            #expect(issue.line > 0, "\(issue)")
          }
        }
      } catch {
        #expect(error.path == url.path)
        #expect(!error.reason.isEmpty)
      }
    }
  }

  @Test func mutatedXMLFailsWithALineOrParses() throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: .qti30, baseName: "s")
    let item = try #require(package.files.first { $0.path.hasPrefix("items/") })
    var mutator = Mutator(
      seed: 0x3A1,
      tokens: [
        "<", ">", "</", "/>", "&", "&amp;", "&#0;", "&e;", "\"", "=", "<!DOCTYPE x [<!ENTITY e \"x\">]>",
        "<![CDATA[", "]]>", "<?xml version=\"1.0\"?>", "<!--", "-->", "\u{0}", "é",
      ])
    for _ in 0..<1500 {
      let bytes = mutator.mutate([UInt8](item.data))
      switch XMLReader.parse(Data(bytes), file: item.path) {
      case .success(let root):
        _ = SelfCheck.check(root, file: item.path)
      case .failure(let list):
        #expect(!list.issues.isEmpty)
        for issue in list.issues {
          #expect(issue.file == item.path)
          #expect(
            issue.line > 0 || issue.message.contains("empty or not XML") || issue.message.contains("has a DTD")
              || issue.message.contains("no root element"), "\(issue)")
        }
      }
    }
  }
}
