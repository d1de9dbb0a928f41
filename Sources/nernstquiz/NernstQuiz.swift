import ArgumentParser
import Foundation

@main
struct NernstQuiz: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nernstquiz",
    abstract: "Membrane-electrophysiology problems that write and grade themselves.",
    discussion: """
      Draws randomized problems on the electrochemical driving force (Nernst
      and GHK potentials, Vm − E, I = g(Vm − E), Q = C·ΔV, ΔG, proton-motive
      force, surface potentials) from a bank, writes the answer key and the
      LMS packages, and grades the students' answers against the key.

      A quiz in three steps:
        nernstquiz generate Banks/default.yaml --out quiz1
        (import quiz1/default-canvas.zip; export the answers as CSV)
        nernstquiz grade answers.csv --key quiz1/key.jsonl

      Check a number by hand:
        nernstquiz calc nernst --ion K+ --inside 140 --outside 4

      Exit status: 0 done, 1 done with something to look at, 2 unusable
      input, 64 bad arguments; each command's help says what they mean there.
      """,
    version: "0.1.0",
    subcommands: [
      Generate.self, Assign.self, Grade.self, Validate.self, TemplatesCommand.self, CheckCommand.self, Calc.self,
    ]
  )

  /// As ArgumentParser's `main()`, with the exit status of ``ExitStatus/of(_:)``, and every message through
  /// ``Terminal/safe(_:)``: control characters from input files never reach the terminal.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let (status, message) = ExitStatus.of(error)
      if status == ExitStatus.success.rawValue {
        if !message.isEmpty { print(Terminal.safe(message)) }
      } else if !message.isEmpty {
        FileHandle.standardError.write(Data((Terminal.safe(message) + "\n").utf8))
      }
      Foundation.exit(status)
    }
  }
}
