import ArgumentParser
import Foundation
import Grading
import TemplateEngine

/// `nernstquiz grade SUBMISSIONS.csv --bank BANK [--seed N] [--key key.jsonl] [--input-format F] --out DIR`.
struct Grade: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Grade a CSV of student answers against the key regenerated from the bank and seed.",
    discussion: """
      Reads long (student,item,response), wide (student,<item>,…), Canvas "Student Analysis" or Google Forms
      CSV files, detected from the header. Writes into --out:
        responses.csv         every response with its row, value read, key, interval, verdict, points, feedback
        grades.csv            one row per student: total, maximum, percent, points per item
        report.html           score histogram, item facility and discrimination, Cronbach's α, misconceptions
        canvas-gradebook.csv  for Canvas input: ready for the gradebook import
        nernstquiz-manifest.json  the files of this run, written last (all files appear together or none)
      Text cells a spreadsheet would run as formulas (=, +, -, @ …) are written with a leading '.
      With --key, the key file must agree with the regenerated key line for line.
      Exit status: 0 all graded, 1 some rows flagged (outputs complete), 2 unusable input or arguments.
      """
  )

  @Argument(help: ArgumentHelp("The submissions file (CSV).", valueName: "submissions.csv")) var submissions: String
  @Option(help: ArgumentHelp("The bank file the quiz was drawn from (default: Banks/default.yaml).", valueName: "bank"))
  var bank: String?
  @Option(help: ArgumentHelp("The seed the quiz was drawn with, if not the bank's own.", valueName: "n")) var seed: UInt64?
  @Option(help: ArgumentHelp("The key.jsonl given out with the quiz, to check against the regenerated key.", valueName: "key.jsonl"))
  var key: String?
  @Option(name: .customLong("input-format"),
          help: ArgumentHelp("long, wide, canvas or google-forms (default: detected from the header).", valueName: "format"))
  var inputFormat: String?
  @Option(help: ArgumentHelp("Templates folder (default: Templates/ beside the bank's folder).", valueName: "dir"))
  var templates: String?
  @Option(help: ArgumentHelp("Output folder.", valueName: "dir")) var out: String

  func run() throws {
    let summary: GradingSummary
    do {
      summary = try grade()
    } catch {
      Terminal.error("Error: \(error)")
      throw ExitCode(2)
    }
    Terminal.out(summary)
    for column in summary.unmatchedColumns {
      Terminal.error("warning: no question of the quiz matches the column \"\(column)\"")
    }
    for file in summary.files { Terminal.out("  \(file.path)") }
    if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
  }

  private func grade() throws -> GradingSummary {
    var format: SubmissionFormat? = nil
    if let inputFormat {
      guard let f = SubmissionFormat(rawValue: inputFormat) else {
        throw ValidationError("Unknown value '\(inputFormat)' for '--input-format': use long, wide, canvas or google-forms.")
      }
      format = f
    }
    let input = URL(fileURLWithPath: submissions)
    guard FileManager.default.fileExists(atPath: input.path) else {
      throw ValidationError("No submissions file at '\(submissions)'.")
    }
    let bankURL = try ContentLocator.bank(bank)
    let quiz = try QuizLoader.load(bank: bankURL, templates: templates, seed: seed)
    let options = try QuizLoader.bank(at: bankURL).grading
    if let key {
      let text: String
      do { text = try InputFile.text(at: URL(fileURLWithPath: key)) } catch {
        throw ValidationError("Cannot read the key file: \(error)")
      }
      try quiz.verifyKey(text, file: URL(fileURLWithPath: key).lastPathComponent)
    }
    let grader = Grader(quiz: quiz, policy: GradingPolicy(options: options))
    // Written into a temporary folder beside --out, moved into place only when complete.
    let output = try openOutputFolder(out, inputs: [input, bankURL] + (key.map { [URL(fileURLWithPath: $0)] } ?? []))
    var summary = try grader.grade(submissionsAt: input, format: format, into: output.staging)
    try output.commitOrFail(command: "grade")
    summary.files = summary.files.map { URL(fileURLWithPath: out).appendingPathComponent($0.lastPathComponent) }
    return summary
  }
}
