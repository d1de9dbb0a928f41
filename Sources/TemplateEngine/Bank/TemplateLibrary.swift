package import Foundation
import QuizModel

/// The templates available to banks, by identifier: the `*.yaml` files of a folder (normally `Templates/`), or
/// the templates one bank uses.
package struct TemplateLibrary: Sendable {
  /// The templates, sorted by identifier.
  package private(set) var templates: [Template]
  /// The folders the templates were gathered from, in search order (for error messages); empty for a library
  /// made from templates already parsed.
  package private(set) var searchedFolders: [String] = []
  /// The `*.yaml` files of ``searchedFolders`` that were not read (for the suggestion of an unknown template's
  /// error).
  private var unreadFiles: [URL] = []

  /// Creates a library from templates already parsed.
  package init(_ templates: [Template]) {
    self.templates = templates.sorted { $0.id < $1.id }
  }

  /// The templates `bank` uses, found in the bank's own folder, then in the folders of its `templates:` list
  /// (relative to the bank's folder), then in `library` (the shipped `Templates/`), plus every file a bank item
  /// names by path.
  ///
  /// A template's id is its file's name, so only the files named after the ids the bank uses are read: a bank
  /// depends on the templates it names and on nothing else in those folders (a broken template it does not use
  /// does not stop it; `nernstquiz check` checks them all). A `*.yaml` file without a top-level `format:` line is
  /// not a template (banks sit in the same folders) and is passed over. An id the bank names that no folder has
  /// is reported when the bank is drawn (``Bank/drawQuiz(library:seed:workers:progress:)``), with where it looked.
  ///
  /// ```swift
  /// let library = try TemplateLibrary.load(for: bank, library: URL(fileURLWithPath: "Templates"), workers: 2)
  /// ```
  ///
  /// - Parameter workers: Threads to parse the templates on (1: the calling thread only).
  /// - Throws: ``TemplateError`` for a used file that does not parse, an `id` that differs from its file name, a
  ///   missing `templates:` folder, or a used id defined in two files (the message names both).
  package static func load(for bank: Bank, library: URL?, workers: Int = 1) throws(TemplateError) -> TemplateLibrary {
    var folders: [URL] = [bank.folder]
    for folder in bank.templateFolders {
      let url = folder.hasPrefix("/") ? URL(fileURLWithPath: folder) : bank.folder.appendingPathComponent(folder)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw TemplateError(
          file: bank.file, line: 0, column: 0,
          message: "the templates folder '\(folder)' listed in the bank does not exist (looked for \(url.path))")
      }
      folders.append(url)
    }
    if let library { folders.append(library) }
    var seenFolders: Set<String> = []
    folders = folders.filter { seenFolders.insert($0.standardizedFileURL.path).inserted }

    // Every template file of the folders, in search order.
    var listed: [URL] = []
    for folder in folders {
      let names: [String]
      do { names = try FileManager.default.contentsOfDirectory(atPath: folder.path) } catch {
        throw TemplateError(
          file: folder.path, line: 0, column: 0,
          message: "cannot read the templates folder: \(error.localizedDescription)")
      }
      for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
        listed.append(folder.appendingPathComponent(name))
      }
    }
    // The files items name by path first (their ids may be used by other items), then the folders' files named
    // after a used id.
    var byPath: [URL] = []
    for item in bank.items where item.namesFile {
      let url =
        item.template.hasPrefix("/")
        ? URL(fileURLWithPath: item.template) : bank.folder.appendingPathComponent(item.template)
      guard FileManager.default.fileExists(atPath: url.path) else {
        throw TemplateError(
          file: item.location.file, line: item.location.line, column: item.location.column,
          message: "no template file at '\(item.template)' (looked for \(url.path))", length: item.template.count)
      }
      byPath.append(url)
    }
    let pathTemplates = try parse(byPath, requiringFormatLine: false, workers: workers)
    let used = Set(bank.items.filter { !$0.namesFile }.map(\.template) + pathTemplates.compactMap { $0?.id })
    let folderFiles = listed.filter { used.contains(idOfFile($0)) }
    let folderTemplates = try parse(folderFiles, requiringFormatLine: true, workers: workers)

    var byID: [String: Template] = [:]
    var seenFiles: Set<String> = []
    func add(_ template: Template, file: URL) throws(TemplateError) {
      guard seenFiles.insert(file.standardizedFileURL.path).inserted else { return }
      if let other = byID[template.id] {
        throw TemplateError(
          file: file.path, line: 0, column: 0,
          message: "template id '\(template.id)' is defined twice: in \(other.file) and in \(file.path); rename one")
      }
      byID[template.id] = template
    }
    for (url, template) in zip(folderFiles, folderTemplates) {
      guard let template else { continue }
      let base = Self.idOfFile(url)
      guard template.id == base else {
        throw TemplateError(
          file: url.path, line: 0, column: 0,
          message: "the template id '\(template.id)' must match its file name '\(base)'")
      }
      try add(template, file: url)
    }
    for (url, template) in zip(byPath, pathTemplates) {
      if let template { try add(template, file: url) }
    }
    var result = TemplateLibrary(Array(byID.values))
    result.searchedFolders = folders.map(\.relativePath)
    result.unreadFiles = listed.filter { !used.contains(idOfFile($0)) }
    return result
  }

  /// The templates in `files`, parsed on up to `workers` threads; nil for a file without a top-level `format:`
  /// line when `requiringFormatLine`. Throws the error of the first file (in order) that cannot be read or parsed.
  private static func parse(_ files: [URL], requiringFormatLine: Bool, workers: Int) throws(TemplateError)
    -> [Template?]
  {
    let results = OrderedWork.map(count: files.count, chunkSize: 1, workers: workers, state: {}) { _, range in
      range.map { index in
        Result { () throws(TemplateError) -> Template? in
          let text = try readYAMLText(at: files[index])
          if requiringFormatLine, !isTemplate(text) { return nil }
          return try TemplateParser.parse(text, file: files[index].path)
        }
      }
    }
    var templates: [Template?] = []
    for result in results { templates.append(try result.get()) }
    return templates
  }

  /// Whether a YAML text is a template rather than a bank: it has a top-level `format:` line.
  private static func isTemplate(_ text: String) -> Bool {
    text.split(separator: "\n").contains { $0.hasPrefix("format:") }
  }

  /// The id a template file must have: its name up to the first dot.
  private static func idOfFile(_ url: URL) -> String { String(url.lastPathComponent.prefix { $0 != "." }) }

  /// The ids of the templates in the library and of the other template files of its folders (read now, to pass
  /// over banks): what an unknown id is compared with for a suggestion.
  package var knownIDs: [String] {
    let others = unreadFiles.filter { file in (try? readYAMLText(at: file)).map(Self.isTemplate) ?? false }
    return templates.map(\.id) + others.map(Self.idOfFile)
  }

  /// The template a bank item names by file path, relative to `folder`.
  package func template(atPath path: String, relativeTo folder: URL) -> Template? {
    let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
    let target = url.standardizedFileURL.path
    return templates.first { URL(fileURLWithPath: $0.file).standardizedFileURL.path == target }
  }

  /// Loads every `*.yaml` file in `directory` (not recursively).
  ///
  /// - Throws: ``TemplateError`` for the first file that does not parse, or whose `id` differs from its file
  ///   name, or that repeats another file's `id`.
  package static func load(from directory: URL) throws(TemplateError) -> TemplateLibrary {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    } catch {
      throw TemplateError(
        file: directory.path, line: 0, column: 0,
        message: "cannot read the templates folder: \(InputFile.describe(error))")
    }
    var templates: [Template] = []
    var files: [String: URL] = [:]
    for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
      let url = directory.appendingPathComponent(name)
      let template = try load(file: url)
      let base = String(name.prefix { $0 != "." })
      guard template.id == base else {
        throw TemplateError(
          file: url.path, line: 0, column: 0,
          message: "the template id '\(template.id)' must match its file name '\(base)'")
      }
      if let other = files[template.id] {
        throw TemplateError(
          file: url.path, line: 0, column: 0,
          message:
            "the template id '\(template.id)' is also the id of \(other.lastPathComponent); keep one of the two files")
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
  package static func load(file url: URL) throws(TemplateError) -> Template {
    try TemplateParser.parse(try readYAMLText(at: url), file: url.path)
  }

  /// The template with this identifier.
  package subscript(id: String) -> Template? { templates.first { $0.id == id } }

  /// Each template's `sources:` citations by template id (templates without any are left out), for
  /// the preview page (Reports).
  package var sourcesByTemplate: [String: [String]] {
    Dictionary(templates.filter { !$0.sources.isEmpty }.map { ($0.id, $0.sources) }, uniquingKeysWith: { a, _ in a })
  }
}

/// Reads a UTF-8 template or bank file (at most ``TemplateLimits/maximumYAMLBytes``), as a ``TemplateError``
/// naming the file (and the line and column of a byte that is not UTF-8) when it cannot: no such file, a
/// folder, permission denied, too large, not UTF-8.
package func readYAMLText(at url: URL, file: String? = nil) throws(TemplateError) -> String {
  do {
    return try InputFile.text(at: url, limit: TemplateLimits.maximumYAMLBytes)
  } catch {
    var line = 0
    var column = 0
    if case .notUTF8(let l, let c, _) = error.reason { (line, column) = (l, c) }
    throw TemplateError(file: file ?? url.path, line: line, column: column, message: error.message)
  }
}
