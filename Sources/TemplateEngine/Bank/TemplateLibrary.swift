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
      throw TemplateError(file: directory.path, line: 0, column: 0, message: "cannot read the templates folder: \(error.localizedDescription)")
    }
    var templates: [Template] = []
    for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
      let url = directory.appendingPathComponent(name)
      let template = try load(file: url)
      let base = String(name.prefix { $0 != "." })
      guard template.id == base else {
        throw TemplateError(file: url.path, line: 0, column: 0,
                            message: "the template id '\(template.id)' must match its file name '\(base)'")
      }
      templates.append(template)
    }
    guard !templates.isEmpty else {
      throw TemplateError(file: directory.path, line: 0, column: 0, message: "no *.yaml templates in this folder")
    }
    return TemplateLibrary(templates)
  }

  /// Reads and parses one template file.
  public static func load(file url: URL) throws(TemplateError) -> Template {
    try TemplateParser.parse(try readText(url), file: url.path)
  }

  /// The template with this identifier.
  public subscript(id: String) -> Template? { templates.first { $0.id == id } }

  /// Each template's `sources:` citations by template id (templates without any are left out), for
  /// ``PreviewPage/html(for:sources:)``.
  public var sourcesByTemplate: [String: [String]] {
    Dictionary(templates.filter { !$0.sources.isEmpty }.map { ($0.id, $0.sources) }, uniquingKeysWith: { a, _ in a })
  }
}

/// Reads a UTF-8 text file, as a ``TemplateError`` when it cannot.
func readText(_ url: URL) throws(TemplateError) -> String {
  do {
    let data = try Data(contentsOf: url)
    guard let text = String(data: data, encoding: .utf8) else {
      throw TemplateError(file: url.path, line: 0, column: 0, message: "the file is not UTF-8 text")
    }
    return text
  } catch let error as TemplateError {
    throw error
  } catch {
    throw TemplateError(file: url.path, line: 0, column: 0, message: "cannot read the file: \(error.localizedDescription)")
  }
}
