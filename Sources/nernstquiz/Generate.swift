import ArgumentParser
import Foundation
import QTIExport
import QuizModel
import TemplateEngine

/// `nernstquiz generate [BANK] [--out DIR] [--seed N]`.
struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Draw a quiz from a bank: answer key, instructor preview and LMS packages.",
    discussion: """
      With no bank it uses the shipped Banks/default.yaml. Writes into --out (default: out/):
        key.jsonl                one JSON object per variant: parameters as displayed, stem, answers with
                                 unit, tolerance, accepted interval or correct option, misconceptions
        preview.html             every variant with answers and feedback to reveal; self-contained
        <bank>-canvas.zip        Canvas Classic Quizzes (QTI 1.2), one question group per template
        <bank>-qti21.zip         QTI 2.1 content package (one item per variant, a test that picks one)
        <bank>-qti30.zip         QTI 3.0 content package
        <bank>-moodle.xml        Moodle XML: a category per template, a question per variant (Cloze for
                                 multi-part problems); import in Question bank → Import, Moodle XML format
        export-report.txt        what each format kept and lost, per template
        nernstquiz-manifest.json the files of this run, written last
      All files are written into a temporary folder beside --out and moved into place together; a failure or
      Ctrl-C leaves the previous run's files as they were. An output that would replace the bank is refused.
      Every exported item is re-read and proven to score its own key before the package is kept.
      The same bank, templates and seed give byte-identical files. --seed overrides the bank's seed.
      Example: nernstquiz generate Banks/default.yaml --format canvas --out quiz1
      """
  )

  @Argument(help: ArgumentHelp("The bank file (YAML).", valueName: "bank")) var bank: String?
  @Option(help: ArgumentHelp("Output folder.", valueName: "dir")) var out: String = "out"
  @Option(help: ArgumentHelp("Seed instead of the bank's own.", valueName: "n")) var seed: UInt64?
  @Option(help: ArgumentHelp("Library templates folder (default: Templates/ beside the bank's folder); the bank's own folder and its templates: list are searched first.", valueName: "dir"))
  var templates: String?
  @Option(help: ArgumentHelp("LMS packages to write: canvas, qti21, qti30, moodle, comma-separated, or none.", valueName: "formats"))
  var format: String = "canvas,qti21,qti30,moodle"
  @OptionGroup var jobs: Jobs

  /// The formats asked for, in order.
  var formats: [QTIFormat] {
    get throws {
      if format == "none" { return [] }
      return try format.split(separator: ",").map { name in
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard let f = QTIFormat(rawValue: trimmed) else {
          throw ValidationError("Unknown format '\(trimmed)' for '--format': use canvas, qti21, qti30, moodle or none.")
        }
        return f
      }
    }
  }

  func validate() throws { _ = try formats }

  func run() throws {
    let bankURL = try ContentLocator.bank(bank)
    // Everything is written into a temporary folder beside --out and moved into place at the end.
    let output = try openOutputFolder(out, inputs: [bankURL])
    let (quiz, library) = try QuizLoader.draw(bank: bankURL, templates: templates, seed: seed, workers: jobs.count)
    let staging = output.staging
    let folder = URL(fileURLWithPath: out)
    let formats = try self.formats
    var report: ExportReport?
    if !formats.isEmpty {
      do {
        report = try exportPackages(quiz, formats: formats, to: staging,
                                    baseName: bankURL.deletingPathExtension().lastPathComponent, workers: jobs.count)
      } catch { throw CommandFailure(error.description) }
    }
    // The key last: it records how each package delivers the quiz.
    try writeAtomically(Data(quiz.keyJSONLines(deliveries: report?.deliveries ?? []).utf8),
                        to: staging.appendingPathComponent("key.jsonl"))
    try writeAtomically(Data(PreviewPage.html(for: quiz, sources: library.sourcesByTemplate).utf8),
                        to: staging.appendingPathComponent("preview.html"))
    try output.commitOrFail(command: "generate")
    Terminal.out("\(quiz.title): \(quiz.items.count) items, \(quiz.variants.count) variants, seed \(quiz.seed)")
    let written = ["key.jsonl", "preview.html"] + (report.map { r in r.formats.map(\.packageName) + ["export-report.txt"] } ?? [])
    for name in written { Terminal.out("  \(folder.appendingPathComponent(name).path)") }
    if let report { Terminal.out("\n\(report)") }
  }
}

/// Reads a bank and its templates and draws the quiz: what `generate` and `grade` both start from.
enum QuizLoader {
  static func load(bank bankURL: URL, templates: String?, seed: UInt64?, workers: Int = 1) throws -> Quiz {
    try draw(bank: bankURL, templates: templates, seed: seed, workers: workers).quiz
  }

  /// The quiz and the templates it was drawn from (for their sources in the preview).
  static func draw(bank bankURL: URL, templates: String?, seed: UInt64?, workers: Int = 1) throws -> (quiz: Quiz, library: TemplateLibrary) {
    let templatesURL = try ContentLocator.templates(templates, bank: bankURL)
    do {
      let bank = try Bank.parse(try readYAMLText(at: bankURL, file: bankURL.relativePath), file: bankURL.relativePath)
      // The bank's own folder and its `templates:` folders first, then the library.
      let library = try TemplateLibrary.load(for: bank, library: templatesURL)
      let quiz = try bank.drawQuiz(library: library, seed: seed, workers: workers) {
        drawn, total in
        if total >= 2000 { Terminal.progress("drawing variants: \(drawn)/\(total)") }
      }
      Terminal.endProgress()
      return (quiz, library)
    } catch let error as TemplateError {
      throw CommandFailure(error.description)
    } catch let error as QuizError {
      throw CommandFailure(error.description)
    }
  }

}
