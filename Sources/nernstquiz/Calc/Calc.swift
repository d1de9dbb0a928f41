import ArgumentParser

/// `nernstquiz calc …`: the physics core on the command line, for instructors checking numbers by hand.
struct Calc: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compute one quantity of membrane electrophysiology, showing the formula and the units.",
    discussion: """
      Concentrations are in mM, potentials in mV, temperatures in °C (or in
      kelvin with a K suffix: --temperature 310.15K). Every subcommand prints
      the inputs, the formula and the result; --json prints one JSON object
      with "value", "unit" and the named intermediate values instead.

      Example:
        nernstquiz calc nernst --ion K+ --inside 140 --outside 4 --json

      \(ExitStatusTable.calc.help)
      """,
    subcommands: [
      CalcNernst.self, CalcGHK.self, CalcDrivingForce.self, CalcCurrent.self, CalcCharge.self, CalcDeltaG.self,
      CalcPMF.self, CalcSurface.self,
    ]
  )
}
