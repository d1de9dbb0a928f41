import Foundation

/// The templates available to banks, by identifier: every `*.yaml` file of a folder (normally `Templates/`).
public struct TemplateLibrary: Sendable {
  /// The templates, sorted by identifier.
  public private(set) var templates: [Template]

  /// Creates a library from templates already parsed.
  public init(_ templates: [Template]) {
    self.templates = templates.sorted { $0.id < $1.id }
  }

  /// Loads every `*.yaml` file in `directory` (not recursively).
  ///
  /// - Throws: ``TemplateError`` for the first file that does not parse, or whose `id` differs from its file
  ///   name, or that repeats another file's `id`.
  public static func load(from directory: URL) throws(TemplateError) -> TemplateLibrary {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    } catch {
      throw TemplateError(file: directory.path, line: 0, column: 0, message: "cannot read the templates folder: \(InputFile.describe(error))")
    }
    var templates: [Template] = []
    var files: [String: URL] = [:]
    for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
      let url = directory.appendingPathComponent(name)
      let template = try load(file: url)
      let base = String(name.prefix { $0 != "." })
      guard template.id == base else {
        throw TemplateError(file: url.path, line: 0, column: 0,
                            message: "the template id '\(template.id)' must match its file name '\(base)'")
      }
      if let other = files[template.id] {
        throw TemplateError(file: url.path, line: 0, column: 0,
                            message: "the template id '\(template.id)' is also the id of \(other.lastPathComponent); keep one of the two files")
      }
      files[template.id] = url
      templates.append(template)
    }
    guard !templates.isEmpty else {
      throw TemplateError(file: directory.path, line: 0, column: 0, message: "no *.yaml templates in this folder")
    }
    return TemplateLibrary(templates)
  }

  /// Reads and parses one template file.
  public static func load(file url: URL) throws(TemplateError) -> Template {
    try TemplateParser.parse(try readYAMLText(at: url), file: url.path)
  }

  /// The template with this identifier.
  public subscript(id: String) -> Template? { templates.first { $0.id == id } }
}

/// Reads a UTF-8 template or bank file (at most ``TemplateLimits/maximumYAMLBytes``), as a ``TemplateError``
/// naming the file (and the line and column of a byte that is not UTF-8) when it cannot: no such file, a
/// folder, permission denied, too large, not UTF-8.
public func readYAMLText(at url: URL, file: String? = nil) throws(TemplateError) -> String {
  do {
    return try InputFile.text(at: url, limit: TemplateLimits.maximumYAMLBytes)
  } catch {
    var line = 0, column = 0
    if case let .notUTF8(l, c, _) = error.reason { (line, column) = (l, c) }
    throw TemplateError(file: file ?? url.path, line: line, column: column, message: error.message)
  }
}
