import ArgumentParser

@main
struct NernstQuiz: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nernstquiz",
    abstract: "Randomized membrane-electrophysiology problems that write and grade themselves.",
    discussion: """
      NernstQuiz turns the physics of the electrochemical driving force (Nernst and GHK potentials, Vm − E,
      I = g(Vm − E), Q = C·ΔV, ΔG, proton-motive force, surface potentials) into quiz problems, LMS
      packages and graded results.

      Check a number by hand:
        nernstquiz calc nernst --ion K+ --inside 140 --outside 4 --temperature 37
      """,
    subcommands: [Generate.self, TemplatesCommand.self, CheckCommand.self, Grade.self, Calc.self, Validate.self]
  )
}
