import Foundation
import Mustache
import QuizModel

/// Why a page could not be rendered: its template is missing or does not parse.
package struct PageTemplateError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong, naming the template file.
  package var message: String

  package init(_ message: String) { self.message = message }

  package var description: String { message }
}

/// The page templates (`Pages/*.mustache`, resources of this module that a designer can edit) and their
/// rendering. Every `{{value}}` is escaped by QuizModel's ``HTMLText`` (the templates declare the content type
/// `HTML_TEXT`, registered here); the templates use no triple braces, so no text reaches a page unescaped.
enum PageRenderer {
  /// The name of the content type the templates declare with `{{% CONTENT_TYPE: HTML_TEXT }}`.
  static let contentTypeName = "HTML_TEXT"

  /// Escapes with the project's one HTML escaper.
  struct EscapedHTML: MustacheContentType {
    func escapeText(_ text: String) -> String { HTMLText.escape(text) }
  }

  /// The folder of the page templates: `Pages/` in this module's resource bundle, looked up beside the running
  /// program (as SwiftPM lays out a build, and as an installed copy keeps it) or where `NERNSTQUIZ_PAGES` says.
  static func pagesFolder() -> URL? {
    var candidates: [URL] = []
    if let override = ProcessInfo.processInfo.environment["NERNSTQUIZ_PAGES"], !override.isEmpty {
      candidates.append(URL(fileURLWithPath: override))
    }
    let bundleName = "NernstQuiz_Reports.resources"
    var folders = [Bundle.main.bundleURL]
    let program = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
      .deletingLastPathComponent()
    folders.append(program)
    folders.append(program.deletingLastPathComponent().appendingPathComponent("share/nernstquiz"))
    for folder in folders {
      candidates.append(folder.appendingPathComponent(bundleName).appendingPathComponent("Pages"))
      candidates.append(folder.appendingPathComponent("NernstQuiz_Reports.bundle/Contents/Resources/Pages"))
    }
    return candidates.first {
      FileManager.default.fileExists(atPath: $0.appendingPathComponent("preview.mustache").path)
    }
  }

  /// The templates, read and parsed once.
  private static let library: Result<[String: MustacheTemplate], PageTemplateError> = {
    MustacheContentTypes.register(EscapedHTML(), named: contentTypeName)
    guard let folder = pagesFolder() else {
      return .failure(
        PageTemplateError(
          "the page templates (Pages/*.mustache) were not found beside the program; "
            + "set NERNSTQUIZ_PAGES to their folder"))
    }
    var templates: [String: MustacheTemplate] = [:]
    for name in ["preview", "handouts", "answer-keys", "report"] {
      let url = folder.appendingPathComponent(name + ".mustache")
      do {
        let text = try String(contentsOf: url, encoding: .utf8)
        templates[name] = try MustacheTemplate(string: text)
      } catch {
        return .failure(PageTemplateError("cannot read the page template \(url.path): \(error)"))
      }
    }
    return .success(templates)
  }()

  /// Renders the template `name` with `context` (dictionaries, arrays, strings, numbers and Booleans).
  static func render(_ name: String, _ context: [String: Any]) throws(PageTemplateError) -> String {
    let templates = try library.get()
    guard let template = templates[name] else { throw PageTemplateError("no page template '\(name)'") }
    return template.render(context)
  }
}
