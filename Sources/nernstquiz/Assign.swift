import ArgumentParser
import Foundation
import Grading
import QuizModel
import Reports
import TemplateEngine

extension PaperSize: ExpressibleByArgument {}

/// `nernstquiz assign BANK --roster ROSTER.csv --out DIR`: a personalised quiz, one set of numbers per student.
struct Assign: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Give every student on a roster their own numbers: handouts and a key.",
    usage: """
      nernstquiz assign <bank> --roster <roster.csv> --out <dir>
               [--seed <n>] [--course <text>] [--paper a4|letter] [--share]
               [--keep <key.jsonl>] [--pdf] [--id-column <header>]
               [--templates <dir>]
      """,
    discussion: """
      Draws the bank for a class roster (a CSV with a Student ID, ID, SIS ID,
      Email or Username column, and optionally Name and Section). Each
      student gets their own variant of every item (--share: the bank's
      pool, spread evenly). Writes into --out, all files together:
        key.jsonl             the key, with each student's printed labels
                              (1, 2a, 2b) -> variant and part
        assignments.csv       who has which variant, label by label
        handouts.html         one handout per student, no answers
        answer-keys.html      the same with keys and explanations
        answers-template.csv  Student ID and one column per label
        assign-report.txt     what was assigned; how to build the one
                              Google Form that serves the whole class
      --pdf also prints handouts.pdf and answer-keys.pdf with Chromium.
      --keep keeps everyone assigned in a previous key: adding a student
      later changes nobody's numbers.

      Examples:
        nernstquiz assign Banks/default.yaml --roster class.csv --out q1
        nernstquiz assign bank.yaml --roster class.csv --keep q1/key.jsonl --out q2
        nernstquiz grade responses.csv --key q1/key.jsonl

      \(ExitStatusTable.assign.help)
      """
  )

  @Argument(help: ArgumentHelp("The bank file (YAML).", valueName: "bank")) var bank: String
  @Option(help: ArgumentHelp("The class roster (CSV).", valueName: "roster.csv")) var roster: String
  @Option(help: ArgumentHelp("Output folder.", valueName: "dir")) var out: String
  @Option(help: ArgumentHelp("Seed instead of the bank's own.", valueName: "n")) var seed: UInt64?
  @Option(help: ArgumentHelp("Course name printed on each handout.", valueName: "text")) var course: String = ""
  @Option(help: ArgumentHelp("Paper size: a4 or letter.", valueName: "size")) var paper: PaperSize = .a4
  @Flag(help: "Share the bank's pool of variants, spread evenly.") var share = false
  @Option(help: ArgumentHelp("A previous key: its students keep their variants.", valueName: "key.jsonl"))
  var keep: String?
  @Flag(help: "Also print handouts.pdf and answer-keys.pdf (needs Chromium).") var pdf = false
  @Option(
    name: .customLong("id-column"),
    help: ArgumentHelp("The roster column naming the student.", valueName: "header"))
  var idColumn: String?
  @Option(help: ArgumentHelp("Templates folder (default: Templates/ beside the bank's).", valueName: "dir"))
  var templates: String?

  @OptionGroup var jobs: Jobs

  func validate() throws {
    for (option, path) in [("bank", bank), ("--roster", roster)] + (keep.map { [("--keep", $0)] } ?? [])
    where !FileManager.default.fileExists(atPath: path) {
      throw ValidationError("No file at '\(path)' (\(option)).")
    }
    if course.count > 200 {
      throw ValidationError("--course is \(course.count) characters; at most 200 fit a handout.")
    }
  }

  func run() throws {
    let bankURL = try ContentLocator.bank(bank)
    let rosterURL = URL(fileURLWithPath: roster)
    var inputs = [bankURL, rosterURL]
    let students: [RosterStudent]
    do { students = try Roster.read(at: rosterURL, identityColumn: idColumn) } catch {
      throw CommandFailure(error.description)
    }
    var previous: Assignment?
    if let keep {
      let url = URL(fileURLWithPath: keep)
      inputs.append(url)
      do {
        let key = try AnswerKey.read(try InputFile.text(at: url), file: keep)
        previous = try Assignment(key: key, file: keep)
      } catch { throw CommandFailure("cannot keep the previous assignment: \(error)") }
    }
    let output = try openOutputFolder(out, inputs: inputs)
    let assignment = try draw(bankURL, students: students, previous: previous)
    let staging = output.staging
    do {
      try writeAtomically(Data(assignment.keyJSONLines().utf8), to: staging.appendingPathComponent("key.jsonl"))
      try AssignmentTables.write(assignment, into: staging)
      try writeAtomically(
        Data(HandoutPages.handouts(assignment, course: course, paper: paper).utf8),
        to: staging.appendingPathComponent("handouts.html"))
      try writeAtomically(
        Data(HandoutPages.answerKeys(assignment, course: course, paper: paper).utf8),
        to: staging.appendingPathComponent("answer-keys.html"))
    } catch let error as CommandFailure { throw error } catch { throw CommandFailure("\(error)") }
    let kept = previous.map { p in students.filter { s in p.students.contains { $0.id == s.id } }.count } ?? 0
    var report = AssignReport.text(assignment, kept: kept, shared: share)
    var printed = true
    if pdf { printed = printPDFs(in: staging, report: &report) }
    try writeAtomically(Data(report.utf8), to: staging.appendingPathComponent("assign-report.txt"))
    let files = try output.commitOrFail(command: "assign")
    Terminal.out("\(assignment.quiz.title): \(students.count) students, seed \(assignment.quiz.seed)")
    for file in files {
      Terminal.out("  \(URL(fileURLWithPath: out).appendingPathComponent(file.lastPathComponent).path)")
    }
    if !printed { throw ExitStatus.attention.exit }
  }

  /// The bank drawn for the roster.
  private func draw(_ bankURL: URL, students: [RosterStudent], previous: Assignment?) throws -> Assignment {
    let templatesURL = try ContentLocator.templates(templates, bank: bankURL)
    do {
      let bank = try Bank.parse(try readYAMLText(at: bankURL, file: bankURL.relativePath), file: bankURL.relativePath)
      let library = try TemplateLibrary.load(for: bank, library: templatesURL, workers: jobs.count)
      return try bank.assign(
        students, library: library, seed: seed, sharing: share ? .shared : .distinct,
        previous: previous, workers: jobs.count)
    } catch let error as TemplateError {
      throw CommandFailure(error.description)
    } catch let error as QuizError {
      throw CommandFailure(error.description)
    }
  }

  /// Prints the two pages to PDF beside them; says in the report how to print by hand when it cannot.
  private func printPDFs(in folder: URL, report: inout String) -> Bool {
    let how = "Print handouts.html from a browser (Print → Save as PDF, no headers and footers, the paper size set)."
    guard let browser = Chromium.find() else {
      Terminal.error("note: no Chromium found, so no PDF was printed. \(how)")
      report += "PDF: not printed (no Chromium found). \(how)\n"
      return false
    }
    do {
      for name in ["handouts", "answer-keys"] {
        try browser.printToPDF(
          folder.appendingPathComponent(name + ".html"), to: folder.appendingPathComponent(name + ".pdf"))
      }
      report += "PDF: handouts.pdf and answer-keys.pdf printed with \(browser.executable.lastPathComponent).\n"
      return true
    } catch {
      Terminal.error("note: \(error). \(how)")
      report += "PDF: not printed (\(error)). \(how)\n"
      return false
    }
  }
}
