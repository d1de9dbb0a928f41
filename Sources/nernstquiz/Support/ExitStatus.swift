import ArgumentParser
import Foundation
import PhysicsCore

/// The exit statuses of `nernstquiz`. A number means the same for every command; what each command says with
/// it is in its ``ExitStatusTable``, shown at the end of its help and tabled in README.md.
///
/// Commands end with a status other than 0 in two ways only: by throwing ``CommandFailure`` (unusable input,
/// status 2) or ``ExitStatus/attention`` as an `ExitCode` (status 1); everything ArgumentParser rejects, and
/// every `ValidationError` or `PhysicsError`, is status 64. ``ExitStatus/of(_:)`` is the one place where an
/// error becomes a status.
enum ExitStatus: Int32, CaseIterable, Sendable {
  /// The command did what was asked.
  case success = 0
  /// Done, with something for a person to look at (review rows, problems found, a failed check).
  case attention = 1
  /// Input the command cannot use: a bank or template with an error, a file past a limit or unreadable,
  /// a package that fails its self-check, an output that would overwrite an input. Nothing was written.
  case unusableInput = 2
  /// Bad arguments: an unknown option or value, a missing file named on the command line, a calculation
  /// outside its formula's domain (`EX_USAGE` of sysexits.h, ArgumentParser's own status).
  case badArguments = 64

  /// The status as an error a command throws to end with it.
  var exit: ExitCode { ExitCode(rawValue) }

  /// The status for an error that ended a command, and the message to print (empty for none).
  static func of(_ error: any Error) -> (status: Int32, message: String) {
    switch error {
    case let code as ExitCode:
      return (code.rawValue, "")
    case let failure as CommandFailure:
      return (unusableInput.rawValue, NernstQuiz.fullMessage(for: failure))
    case let physics as PhysicsError:
      return (badArguments.rawValue, "Error: \(physics) (options: \(givenOptions()))")
    default:
      // ArgumentParser's errors: 0 for --help and --version, 64 (its own) for every parse or validation
      // error. Any other error escaped a command unwrapped: its input was unusable.
      let code = NernstQuiz.exitCode(for: error).rawValue
      let status = code == success.rawValue || code == badArguments.rawValue ? code : unusableInput.rawValue
      return (status, NernstQuiz.fullMessage(for: error))
    }
  }
}

/// What each exit status means for one command: the last paragraph of its help, and its row of the table in
/// README.md ("Exit status"). A new command adds its table here and names it in its configuration.
struct ExitStatusTable: Sendable {
  var rows: [(status: ExitStatus, meaning: String)]

  init(_ rows: [(ExitStatus, String)]) { self.rows = rows.map { (status: $0.0, meaning: $0.1) } }

  /// The table as help text: `Exit status:` and one line per status, each under 80 columns.
  var help: String {
    "Exit status:\n"
      + rows.map { row in
        let number = String(row.status.rawValue)
        return "  " + number + String(repeating: " ", count: 4 - number.count) + row.meaning
      }.joined(separator: "\n")
  }

  /// The statuses every command shares: success and bad arguments.
  private static let badArguments = (
    ExitStatus.badArguments, "bad arguments: an unknown option or value, or no such file"
  )

  static let generate = ExitStatusTable([
    (.success, "the key, preview and packages were written"),
    (.unusableInput, "unusable bank or template, or a package failed its self-check"),
    badArguments,
  ])

  static let grade = ExitStatusTable([
    (.success, "graded, nothing needs review"),
    (.attention, "graded, review.csv has rows (all outputs complete)"),
    (.unusableInput, "unusable submissions or key: nothing was written"),
    badArguments,
  ])

  static let validate = ExitStatusTable([
    (.success, "valid"),
    (.attention, "problems found (listed)"),
    (.unusableInput, "the input cannot be read or passes a limit"),
    badArguments,
  ])

  static let check = ExitStatusTable([
    (.success, "every template passed"),
    (.attention, "a template failed the check (listed)"),
    (.unusableInput, "a template cannot be read"),
    badArguments,
  ])

  static let templates = ExitStatusTable([
    (.success, "listed"),
    (.unusableInput, "a template cannot be read"),
    badArguments,
  ])

  static let calc = ExitStatusTable([
    (.success, "computed"),
    (.badArguments, "bad arguments, or values outside the formula's domain"),
  ])

  static let assign = ExitStatusTable([
    (.success, "the key, handouts, answer keys and tables were written"),
    (.attention, "written, but --pdf could not print (the HTML is there)"),
    (.unusableInput, "unusable bank, template, roster or kept key: nothing written"),
    badArguments,
  ])

  /// Every command's table, in the order of README.md.
  static let all: [(command: String, table: ExitStatusTable)] = [
    ("generate", generate), ("grade", grade), ("validate", validate), ("check", check),
    ("templates", templates), ("calc", calc), ("assign", assign),
  ]
}

/// A failure of the command's work, not of its arguments: input it cannot use. Printed as one message;
/// exit status 2 (``ExitStatus/unusableInput``).
struct CommandFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
