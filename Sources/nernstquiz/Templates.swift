import ArgumentParser
import Foundation
import QuizModel
import TemplateEngine

/// `nernstquiz templates`: the library, each template's id, title, level and objective, in 80 columns.
struct TemplatesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "templates",
    abstract: "List the problem templates: id, title, level and objective.",
    discussion: """
      Example:
        nernstquiz templates --templates my-course/Templates

      \(ExitStatusTable.templates.help)
      """
  )

  @Option(help: ArgumentHelp("Templates folder (default: the shipped Templates/).", valueName: "dir"))
  var templates: String?

  func validate() throws { _ = try ContentLocator.templates(templates, bank: nil) }

  func run() throws {
    let folder = try ContentLocator.templates(templates, bank: nil)
    let library: TemplateLibrary
    do { library = try TemplateLibrary.load(from: folder) } catch { throw CommandFailure(error.description) }
    for (index, template) in library.templates.enumerated() {
      if index > 0 { Terminal.out("") }
      Terminal.out(Terminal.wrapped("\(template.id) [\(template.difficulty.rawValue)]"))
      Terminal.out(Terminal.wrapped(template.title, indent: 2))
      Terminal.out(Terminal.wrapped(template.objective, indent: 4))
    }
  }
}
