import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

@testable import QTIExport

/// The package's file at `path`, parsed.
func parsedFile(_ package: QTIPackage, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws
  -> XMLNode
{
  let file = try #require(package.files.first { $0.path == path }, "no file '\(path)'", sourceLocation: sourceLocation)
  return try XMLReader.parse(file.data, file: path).get()
}

/// The text of the package's file at `path`.
func fileText(_ package: QTIPackage, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String
{
  let file = try #require(package.files.first { $0.path == path }, "no file '\(path)'", sourceLocation: sourceLocation)
  return String(decoding: file.data, as: UTF8.self)
}

/// The official schemas beside the package (`<package root>/../shared/qti-schemas`), if present.
let schemaFolderURL: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/qti-schemas")
let schemasAvailable = FileManager.default.fileExists(
  atPath: schemaFolderURL.appendingPathComponent("catalog.xml").path)
