import ArgumentParser
import Foundation
import QuizModel
import TemplateEngine

/// `nernstquiz check TEMPLATE…`: many variants drawn, rejection rates, answer ranges, duplicates, problems.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Draw many variants of templates and report what goes wrong.",
    usage: "nernstquiz check <template> ... [--variants <n>] [<options>]",
    discussion: """
      Reports each template's rejection rate, answer ranges and duplicates.
      TEMPLATE is a template id from the library or a path to a .yaml file;
      'all' checks the whole library. A problem is an expression that fails,
      a key too small for LMSs (|key| < 1e-4) or an unsatisfiable constraint.

      Examples:
        nernstquiz check nernst-potential --variants 2000
        nernstquiz check all
        nernstquiz check my-templates/goldman.yaml

      \(ExitStatusTable.check.help)
      """
  )

  @Argument(help: ArgumentHelp("Template ids or files, or 'all'.", valueName: "template"))
  var names: [String]

  @Option(help: ArgumentHelp("Variants to draw per template.", valueName: "n"))
  var variants: Int = 500

  @Option(help: ArgumentHelp("Seed of the check.", valueName: "n"))
  var seed: UInt64 = 1

  @Option(help: ArgumentHelp("Templates folder (default: the shipped Templates/).", valueName: "dir"))
  var templates: String?

  func validate() throws {
    if names.isEmpty { throw ValidationError("Give at least one template id or file, or 'all'.") }
    if variants < 1 { throw ValidationError("Invalid value '\(variants)' for '--variants': draw at least one.") }
    for name in names where Self.isFile(name) && !FileManager.default.fileExists(atPath: name) {
      throw ValidationError("No template file at '\(name)'.")
    }
    if names.contains(where: { !Self.isFile($0) }) { _ = try ContentLocator.templates(templates, bank: nil) }
  }

  private static func isFile(_ name: String) -> Bool { name.hasSuffix(".yaml") || name.hasSuffix(".yml") }

  func run() throws {
    var selected: [Template] = []
    do {
      // Load the library only when a name needs it, and then let its own error (a broken file) through.
      let needsLibrary = names.contains { !Self.isFile($0) }
      let library =
        needsLibrary ? try TemplateLibrary.load(from: try ContentLocator.templates(templates, bank: nil)) : nil
      for name in names {
        if Self.isFile(name) {
          selected.append(try TemplateLibrary.load(file: URL(fileURLWithPath: name)))
        } else if name == "all", let library {
          selected += library.templates
        } else if let template = library?[name] {
          selected.append(template)
        } else {
          throw ValidationError("Unknown template '\(name)': see 'nernstquiz templates'.")
        }
      }
    } catch let error as TemplateError {
      throw CommandFailure(error.description)
    }
    var failed = 0
    for template in selected {
      let report = template.check(variants: variants, seed: seed) { done in
        Terminal.progress("checking \(template.id): \(done)/\(variants)")
      }
      Terminal.endProgress()
      Terminal.out(report)
      if !report.passed { failed += 1 }
    }
    if failed > 0 {
      Terminal.error("\(failed) of \(selected.count) template\(selected.count == 1 ? "" : "s") failed the check")
      throw ExitStatus.attention.exit
    }
  }
}
