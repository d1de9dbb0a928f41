import ArgumentParser
import Foundation
import PhysicsCore

@main
struct NernstQuiz: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nernstquiz",
    abstract: "Randomized membrane-electrophysiology problems that write and grade themselves.",
    discussion: """
      NernstQuiz turns the physics of the electrochemical driving force (Nernst and GHK potentials, Vm − E,
      I = g(Vm − E), Q = C·ΔV, ΔG, proton-motive force, surface potentials) into quiz problems, LMS
      packages and graded results.

      A quiz in three steps:
        nernstquiz generate Banks/default.yaml --out quiz1          key, preview, Canvas/QTI packages
        (import quiz1/default-canvas.zip into the LMS; export the students' answers as CSV)
        nernstquiz grade answers.csv --bank Banks/default.yaml --key quiz1/key.jsonl --out graded

      Check a number by hand:
        nernstquiz calc nernst --ion K+ --inside 140 --outside 4 --temperature 37
      """,
    version: "0.1.0",
    subcommands: [
      Generate.self, Assign.self, Grade.self, Validate.self, TemplatesCommand.self, CheckCommand.self, Calc.self,
    ]
  )

  /// As ArgumentParser's, except that bad arguments to `grade` exit with status 2, the status its
  /// documentation gives for unusable input (ArgumentParser's own is 64), so scripts can tell them from
  /// "graded, some rows flagged" (1). Messages are printed through ``Terminal/safe(_:)``: control
  /// characters from input files never reach the terminal.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      var message = Terminal.safe(fullMessage(for: error))
      var code = exitCode(for: error).rawValue
      if let physics = error as? PhysicsError {
        // Inputs outside a formula's domain are bad arguments: status 64, naming the options.
        message = Terminal.safe("Error: \(physics) (options: \(givenOptions()))")
        code = 64
      }
      if code == 64, CommandLine.arguments.dropFirst().first == "grade" { code = 2 }
      // Input the command cannot use (a bank or template with an error, a file past a limit, an unreadable file,
      // an output that would overwrite an input): status 2, as for grade and validate.
      if error is CommandFailure { code = 2 }
      if code == 0 {
        if !message.isEmpty { print(message) }
      } else if !message.isEmpty {
        FileHandle.standardError.write(Data((message + "\n").utf8))
      }
      Foundation.exit(code)
    }
  }
}
