import ArgumentParser
import Foundation
import TemplateEngine

/// `nernstquiz generate [BANK] [--out DIR] [--seed N]`.
struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Draw a quiz from a bank: answer key, instructor preview and LMS packages.",
    discussion: """
      With no bank it uses the shipped Banks/default.yaml. Writes into --out (default: out/):
        key.jsonl      one JSON object per variant: parameters as displayed, stem, answers with unit,
                       tolerance, accepted interval or correct option, misconceptions and feedback
        preview.html   every variant with answers and feedback to reveal; self-contained, prints well
      The same bank, templates and seed give byte-identical files. --seed overrides the bank's seed.
      """
  )

  @Argument(help: ArgumentHelp("The bank file (YAML).", valueName: "bank")) var bank: String?
  @Option(help: ArgumentHelp("Output folder.", valueName: "dir")) var out: String = "out"
  @Option(help: ArgumentHelp("Seed instead of the bank's own.", valueName: "n")) var seed: UInt64?
  @Option(help: ArgumentHelp("Templates folder (default: Templates/ beside the bank's folder).", valueName: "dir"))
  var templates: String?

  func run() throws {
    let bankURL = try ContentLocator.bank(bank)
    let quiz = try QuizLoader.load(bank: bankURL, templates: templates, seed: seed)
    let folder = URL(fileURLWithPath: out)
    do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
      throw CommandFailure("cannot create the output folder \(out): \(error.localizedDescription)")
    }
    try writeAtomically(Data(quiz.keyJSONLines().utf8), to: folder.appendingPathComponent("key.jsonl"))
    try writeAtomically(Data(PreviewPage.html(for: quiz).utf8), to: folder.appendingPathComponent("preview.html"))
    print("\(quiz.title): \(quiz.items.count) items, \(quiz.variants.count) variants, seed \(quiz.seed)")
    print("  \(folder.appendingPathComponent("key.jsonl").path)")
    print("  \(folder.appendingPathComponent("preview.html").path)")
  }
}

/// Reads a bank and its templates and draws the quiz: what `generate` and `grade` both start from.
enum QuizLoader {
  static func load(bank bankURL: URL, templates: String?, seed: UInt64?) throws -> Quiz {
    let templatesURL = try ContentLocator.templates(templates, bank: bankURL)
    do {
      let library = try TemplateLibrary.load(from: templatesURL)
      let bank = try Bank.parse(try String(contentsOf: bankURL, encoding: .utf8), file: bankURL.relativePath)
      return try bank.drawQuiz(library: library, seed: seed, workers: ProcessInfo.processInfo.activeProcessorCount)
    } catch let error as TemplateError {
      throw CommandFailure(error.description)
    } catch let error as QuizError {
      throw CommandFailure(error.description)
    }
  }

  /// The bank's grading options.
  static func bank(at url: URL) throws -> Bank {
    do { return try Bank.parse(try String(contentsOf: url, encoding: .utf8), file: url.relativePath) } catch let error as TemplateError {
      throw CommandFailure(error.description)
    }
  }
}
