import Foundation
import QuizModel
import TemplateEngine
import Testing
import TestSupport
@testable import QTIExport

/// The package's file at `path`, parsed.
func parsedFile(_ package: QTIPackage, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> XMLNode {
  let file = try #require(package.files.first { $0.path == path }, "no file '\(path)'", sourceLocation: sourceLocation)
  return try XMLReader.parse(file.data, file: path).get()
}

/// The text of the package's file at `path`.
func fileText(_ package: QTIPackage, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
  let file = try #require(package.files.first { $0.path == path }, "no file '\(path)'", sourceLocation: sourceLocation)
  return String(decoding: file.data, as: UTF8.self)
}

/// The official schemas beside the package (`<package root>/../shared/qti-schemas`), if present.
let schemaFolderURL: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/qti-schemas")
let schemasAvailable = FileManager.default.fileExists(atPath: schemaFolderURL.appendingPathComponent("catalog.xml").path)

/// Compares `actual` with the golden file `Snapshots/<name>`; records it when `NERNSTQUIZ_RECORD_SNAPSHOTS=1`
/// or when the golden file does not exist yet (and fails, so a new snapshot is always looked at).
func assertSnapshot(_ actual: String, named name: String, filePath: String = #filePath,
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
  let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
  let record = ProcessInfo.processInfo.environment["NERNSTQUIZ_RECORD_SNAPSHOTS"] == "1"
  if record || !FileManager.default.fileExists(atPath: url.path) {
    try Data(actual.utf8).write(to: url)
    Issue.record("Recorded snapshot \(name); check it and run again.", sourceLocation: sourceLocation)
    return
  }
  let expected = try String(contentsOf: url, encoding: .utf8)
  #expect(actual == expected, "snapshot \(name) differs; re-record with NERNSTQUIZ_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
}
