import ArgumentParser
import Foundation
import QuizModel
import TemplateEngine

/// `nernstquiz templates`: the library, one line each.
struct TemplatesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "templates",
    abstract: "List the problem templates with a one-line description."
  )

  @Option(help: ArgumentHelp("Templates folder (default: the shipped Templates/).", valueName: "dir")) var templates: String?

  func run() throws {
    let folder = try ContentLocator.templates(templates, bank: nil)
    let library: TemplateLibrary
    do { library = try TemplateLibrary.load(from: folder) } catch { throw CommandFailure(error.description) }
    let width = library.templates.map(\.id.count).max() ?? 0
    for template in library.templates {
      let pad = String(repeating: " ", count: width - template.id.count)
      Terminal.out("\(template.id)\(pad)  \(template.title) [\(template.difficulty.rawValue)]")
      Terminal.out("\(String(repeating: " ", count: width))  \(template.objective)")
    }
  }
}

/// `nernstquiz check TEMPLATE…`.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Draw many variants of templates and report rejection rates, answer ranges, duplicates and problems.",
    discussion: """
      TEMPLATE is a template id from the library or a path to a .yaml file; 'all' checks the whole library.
      Fails (exit 1) on any problem: an expression that fails, a key too small for LMSs (|key| < 10⁻⁴), an
      unsatisfiable constraint. Example: nernstquiz check nernst-potential --variants 2000
      """
  )

  @Argument(help: ArgumentHelp("Template ids or files, or 'all'.", valueName: "template")) var names: [String]
  @Option(help: ArgumentHelp("Variants to draw per template.", valueName: "n")) var variants: Int = 500
  @Option(help: ArgumentHelp("Seed of the check.", valueName: "n")) var seed: UInt64 = 1
  @Option(help: ArgumentHelp("Templates folder (default: the shipped Templates/).", valueName: "dir")) var templates: String?

  func validate() throws {
    if names.isEmpty { throw ValidationError("Give at least one template id or file, or 'all'.") }
    if variants < 1 { throw ValidationError("Invalid value '\(variants)' for '--variants': draw at least one.") }
  }

  func run() throws {
    var selected: [Template] = []
    do {
      // Load the library only when a name needs it, and then let its own error (a broken file) through.
      let needsLibrary = names.contains { !($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
      let library = needsLibrary ? try TemplateLibrary.load(from: try ContentLocator.templates(templates, bank: nil)) : nil
      for name in names {
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
          selected.append(try TemplateLibrary.load(file: URL(fileURLWithPath: name)))
        } else if name == "all", let library {
          selected += library.templates
        } else if let template = library?[name] {
          selected.append(template)
        } else {
          throw CommandFailure("unknown template '\(name)': see 'nernstquiz templates'")
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
      throw ExitCode(1)
    }
  }
}
