import ArgumentParser
import Foundation
import Grading
import QuizModel
import Reports
import TemplateEngine

/// `nernstquiz grade SUBMISSIONS.csv --key key.jsonl [--out DIR]`.
struct Grade: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Grade a CSV of student answers against the quiz's answer key.",
    usage: "nernstquiz grade <submissions.csv> --key <key.jsonl> [--out <dir>]\n[<options>]",
    discussion: """
      The key (key.jsonl, written by generate) is all grading needs: no bank,
      no templates. What went out is what is graded.

      Reads long (student,item,response), wide (student,<item>,...), Canvas
      "Student Analysis", Google Forms or Moodle "Responses" CSV files,
      detected from the header.
      With a key written by assign, answers are matched by student and the
      label printed on the handout (1, 2a, ...): one column per label.
      Writes into --out (default: graded/ beside the submissions file):
        responses.csv         every response: row, value read, key, interval,
                              verdict, points, feedback
        review.csv            the answers a person should look at, and why
        grades.csv            one row per student: total, maximum, percent,
                              points per item
        report.html           histogram, facility, discrimination, alpha
        canvas-gradebook.csv  for Canvas input, ready for the gradebook
        nernstquiz-manifest.json  the files of this run, written last
      Text cells a spreadsheet would run as formulas (=, +, -, @ ...) are
      written with a leading '.

      A student's answers to one question (a later Canvas attempt, a resubmitted
      form, a repeated row) count once: the last by default (--attempts); the
      others stay in responses.csv as superseded. Parts of one problem may come
      from different variants (Canvas draws each part's group on its own).

      --bank alone draws the key again from the bank (and --seed); with both,
      the key is drawn again and every difference is a warning: the grades
      still follow the key file.

      Examples:
        nernstquiz grade answers.csv --key out/key.jsonl
        nernstquiz grade analysis.csv --key quiz1/key.jsonl --attempts best

      \(ExitStatusTable.grade.help)
      """
  )

  @Argument(help: ArgumentHelp("The submissions file (CSV).", valueName: "submissions.csv"))
  var submissions: String

  @Option(help: ArgumentHelp("The key.jsonl given out with the quiz.", valueName: "key.jsonl"))
  var key: String?

  @Option(help: ArgumentHelp("The bank, to draw the key again (to check it, or when lost).", valueName: "bank"))
  var bank: String?

  @Option(help: ArgumentHelp("With --bank: the seed the quiz was drawn with.", valueName: "n"))
  var seed: UInt64?

  @Option(help: ArgumentHelp("With --bank: the templates folder.", valueName: "dir"))
  var templates: String?

  @Option(
    name: .customLong("input-format"), help: ArgumentHelp("The file's layout (default: detected).", valueName: "format")
  )
  var inputFormat: SubmissionFormat?

  @Option(help: ArgumentHelp("Output folder (default: graded/ beside the submissions).", valueName: "dir"))
  var out: String?

  @Option(
    name: .customLong("id-column"),
    help: ArgumentHelp("The column naming the student (default: by format).", valueName: "header"))
  var idColumn: String?

  @Option(help: ArgumentHelp("Which of a student's answers to one question counts.", valueName: "rule"))
  var attempts: AttemptsRule = .last

  @Option(
    name: .customLong("unit-slip-credit"),
    help: ArgumentHelp("Credit 0-1 for a ×10^±3 unit slip, instead of the key's.", valueName: "fraction"))
  var unitSlipCredit: Double?

  @Option(
    name: .customLong("misconception-credit"),
    help: ArgumentHelp("Credit 0-1 for a named misconception, instead of the key's.", valueName: "fraction"))
  var misconceptionCredit: Double?
  @OptionGroup var jobs: Jobs

  func validate() throws {
    guard FileManager.default.fileExists(atPath: submissions) else {
      throw ValidationError("No submissions file at '\(submissions)'.")
    }
    guard key != nil || bank != nil else {
      throw ValidationError(
        "Give the answer key: --key out/key.jsonl (written by generate), or --bank BANK to draw it again.")
    }
    if let key, !FileManager.default.fileExists(atPath: key) {
      throw ValidationError("No key file at '\(key)'.")
    }
    if let bank { _ = try ContentLocator.templates(templates, bank: try ContentLocator.bank(bank)) }
    if key != nil, seed != nil, bank == nil {
      throw ValidationError("--seed only applies with --bank: the key records the seed it was drawn with.")
    }
    for (name, value) in [("--unit-slip-credit", unitSlipCredit), ("--misconception-credit", misconceptionCredit)] {
      if let value, !(0...1).contains(value) {
        throw ValidationError("\(name) must be a fraction from 0 to 1, got \(value).")
      }
    }
  }

  func run() throws {
    let summary = try grade()
    Terminal.out(summary)
    for (column, closest) in zip(summary.unmatchedColumns, summary.closestQuestions) {
      Terminal.error(
        "warning: no question of the quiz matches the column \"\(column)\""
          + (closest.isEmpty ? "" : "; the closest is \"\(closest)\""))
    }
    for slot in summary.unidentifiedSlots {
      Terminal.error(
        "warning: \(slot): the report has no Question column for this slot, whose category holds several "
          + "variants, so its responses cannot be graded; in Moodle, tick \"Question text\" under the Responses report's "
          + "Display options and download it again")
    }
    for file in summary.files { Terminal.out("  \(file.path)") }
    if summary.exitStatus != 0 { throw ExitStatus.attention.exit }
  }

  private func grade() throws -> GradingSummary {
    let input = URL(fileURLWithPath: submissions)
    let (quiz, deliveries, students) = try answerKey()
    var options = quiz.grading
    var overrides: [String] = []
    if let unitSlipCredit {
      options.unitSlipCredit = unitSlipCredit
      overrides.append("unit-slip credit \(unitSlipCredit)")
    }
    if let misconceptionCredit {
      options.misconceptionCredit = ["*": misconceptionCredit]
      overrides.append("misconception credit \(misconceptionCredit)")
    }
    if !overrides.isEmpty {
      Terminal.out("Policy from the command line, instead of the key's: \(overrides.joined(separator: ", ")).")
    }
    let folder =
      out.map { URL(fileURLWithPath: $0) }
      ?? input.deletingLastPathComponent().appendingPathComponent("graded", isDirectory: true)
    let grader = Grader(
      quiz: quiz, deliveries: deliveries, students: students, policy: GradingPolicy(options: options),
      attempts: attempts)
    // Written into a temporary folder beside the output folder, moved into place only when complete.
    let inputs = [input] + ([key, bank].compactMap { $0 }.map { URL(fileURLWithPath: $0) })
    let output = try openOutputFolder(folder.path, inputs: inputs)
    var summary = try grader.grade(
      submissionsAt: input, format: inputFormat,
      identityColumn: idColumn, into: output.staging, workers: jobs.count)
    // The grading report, rendered from the run's statistics into the same folder.
    let page: String
    do { page = try GradingReportPage.html(for: summary, of: quiz) } catch { throw CommandFailure(error.description) }
    let report = output.staging.appendingPathComponent("report.html")
    try writeAtomically(Data(page.utf8), to: report)
    summary.files.append(report)
    try output.commitOrFail(command: "grade")
    summary.files = summary.files.map { folder.appendingPathComponent($0.lastPathComponent) }
    return summary
  }

  /// The quiz to grade against: the key file's, or the bank's drawn again (compared with the key file when
  /// both are given).
  private func answerKey() throws -> (Quiz, [Delivery], [RosterStudent]) {
    var given: AnswerKey?
    if let key {
      let url = URL(fileURLWithPath: key)
      let text: String
      do { text = try InputFile.text(at: url) } catch {
        throw CommandFailure("cannot read the key file: \(error)")
      }
      do { given = try AnswerKey.read(text, file: key) } catch { throw CommandFailure(error.description) }
      if given?.format == 1 {
        Terminal.error(
          "note: \(key) is a format-1 key (before points per part and the grading policy were recorded): graded with no partial credit"
        )
      }
    }
    guard let bank else { return (given!.quiz, given!.deliveries, given!.students) }
    let bankURL = try ContentLocator.bank(bank)
    let drawn = try QuizLoader.load(
      bank: bankURL, templates: templates, seed: seed ?? given?.quiz.seed,
      workers: jobs.count)
    guard let given else {
      Terminal.error(
        "note: grading against the key drawn again from \(bank); --key with the key.jsonl given out is the reliable way"
      )
      return (drawn, [], [])
    }
    let differences = given.quiz.differences(from: drawn)
    for difference in differences.prefix(20) {
      Terminal.error("warning: \(difference)")
    }
    if differences.count > 20 { Terminal.error("warning: … and \(differences.count - 20) more differences") }
    if !differences.isEmpty {
      Terminal.error("warning: the bank and templates no longer give the key given out; grading follows \(key!)")
    }
    return (given.quiz, given.deliveries, given.students)
  }
}
