import ArgumentParser
import Foundation
import QTIExport
import QuizModel
import Reports
import TemplateEngine

/// `nernstquiz generate [BANK] [--out DIR] [--seed N] [--format LIST]`.
struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Draw a quiz from a bank: answer key, preview and LMS packages.",
    usage: "nernstquiz generate [<bank>] [--out <dir>] [--format <formats>]\n[--seed <n>] [--templates <dir>]",
    discussion: """
      With no bank it uses the shipped Banks/default.yaml. Writes into --out:
        key.jsonl            the answer key: one JSON object per variant
        preview.html         every variant; a switch shows or hides answers
        <bank>-canvas.zip    Canvas Classic Quizzes (QTI 1.2)
        <bank>-qti21.zip     QTI 2.1 content package
        <bank>-qti30.zip     QTI 3.0 content package
        <bank>-moodle.xml    Moodle XML (Question bank > Import)
        export-report.txt    what each format kept and lost, per template
        nernstquiz-manifest.json  the files of this run, written last

      The files appear together or not at all, and replace the previous run's
      files as a set (another bank's packages included). Every exported item is
      re-read and proven to score its own key before its package is kept. The
      same bank, templates and seed give byte-identical files.

      Examples:
        nernstquiz generate
        nernstquiz generate Banks/default.yaml --format canvas --out quiz1
        nernstquiz generate Banks/default.yaml --seed 7 --format qti21,moodle

      \(ExitStatusTable.generate.help)
      """
  )

  @Argument(help: ArgumentHelp("The bank file (YAML).", valueName: "bank"))
  var bank: String?

  @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
  var out: String = "out"

  @Option(help: ArgumentHelp("Seed instead of the bank's own.", valueName: "n"))
  var seed: UInt64?

  @Option(
    help: ArgumentHelp(
      "Library templates folder (default: Templates/ beside the bank's folder).",
      valueName: "dir"))
  var templates: String?

  @OptionGroup var jobs: Jobs

  @Option(
    help: ArgumentHelp(
      "Packages to write, comma-separated, or none.", valueName: "formats"))
  var format: FormatList = .all

  func validate() throws {
    let bankURL = try ContentLocator.bank(bank)
    _ = try ContentLocator.templates(templates, bank: bankURL)
  }

  func run() throws {
    let bankURL = try ContentLocator.bank(bank)
    // Everything is written into a temporary folder beside --out and moved into place at the end.
    let output = try openOutputFolder(out, inputs: [bankURL])
    let (quiz, library) = try QuizLoader.draw(bank: bankURL, templates: templates, seed: seed, workers: jobs.count)
    let staging = output.staging
    let folder = URL(fileURLWithPath: out)
    var report: ExportReport?
    if !format.formats.isEmpty {
      do {
        report = try exportPackages(
          quiz, formats: format.formats, to: staging,
          baseName: bankURL.deletingPathExtension().lastPathComponent, workers: jobs.count)
      } catch { throw CommandFailure(error.description) }
    }
    // The key last: it records how each package delivers the quiz. Key and preview go to their files a
    // megabyte at a time as they are written, never whole in memory (190 MB and 160 MB at 30,000 items).
    try writeInPieces(to: staging.appendingPathComponent("key.jsonl")) { write in
      try quiz.writeKeyJSONLines(
        deliveries: report?.deliveryChunks ?? DeliveryChunks([]), workers: jobs.count, to: write)
    }
    let preview: PreviewPage
    do { preview = try PreviewPage(quiz, sources: library.sourcesByTemplate, workers: jobs.count) } catch {
      throw CommandFailure(error.description)
    }
    try writeInPieces(to: staging.appendingPathComponent("preview.html")) { write in try preview.write(to: write) }
    try output.commitOrFail(command: "generate")
    Terminal.out("\(quiz.title): \(quiz.items.count) items, \(quiz.variants.count) variants, seed \(quiz.seed)")
    let packages = report.map { r in r.formats.map(\.packageName) + ["export-report.txt"] } ?? []
    for name in ["key.jsonl", "preview.html"] + packages {
      Terminal.out("  \(folder.appendingPathComponent(name).path)")
    }
    if let report { Terminal.out("\n\(report)") }
  }
}

/// Creates the file at `url` and lets `body` write it in pieces; a failure names the file.
private func writeInPieces(
  to url: URL, _ body: (_ write: ([UInt8]) throws -> Void) throws -> Void
) throws {
  do {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
    let file = try FileHandle(forWritingTo: url)
    defer { try? file.close() }
    try body { try file.write(contentsOf: $0) }
  } catch {
    throw CommandFailure("cannot write \(url.path): \(InputFile.describe(error))")
  }
}
