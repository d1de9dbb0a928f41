import ArgumentParser
import PhysicsCore

struct CalcCurrent: CalcCommand {
  static let configuration = CommandConfiguration(
    commandName: "current",
    abstract: "The ohmic ionic current I = g·(Vm − E), outward positive.",
    usage:
      "nernstquiz calc current --conductance <nS> --vm <mV>\n(--reversal <mV> | --ion <ion> --inside <mM> --outside <mM>) [<options>]",
    discussion: """
      Give the reversal potential with --reversal, or have it computed from
      --ion (or --charge), --inside and --outside. nS × mV = pA.

      Examples:
        nernstquiz calc current --conductance 10 --vm -70 --reversal 61
        nernstquiz calc current --conductance 10 --vm -70 --ion Na+ \\
          --inside 12 --outside 145

      \(ExitStatusTable.calc.help)
      """
  )

  @Option("Conductance g, nS.", unit: "nS") var conductance: CLINumber
  @OptionGroup var membrane: MembranePotentialOption
  @Option("Reversal potential E, mV (instead of the ion and its concentrations).", unit: "mV") var reversal: CLINumber?
  @OptionGroup var ion: IonOptions
  @Option("Intracellular concentration, mM.", unit: "mM") var inside: CLINumber?
  @Option("Extracellular concentration, mM.", unit: "mM") var outside: CLINumber?
  @OptionGroup var temperature: TemperatureOption
  @OptionGroup var output: OutputOptions

  func validate() throws {
    if conductance.value < 0 {
      throw ValidationError(
        "Invalid value '\(conductance.text)' for '--conductance': a conductance cannot be negative.")
    }
    if reversal != nil {
      if ion.isGiven || inside != nil || outside != nil {
        throw ValidationError("Give either '--reversal' or the ion with '--inside' and '--outside', not both.")
      }
      return
    }
    try ion.require()
    guard let inside, let outside else {
      throw ValidationError("Missing '--reversal <mV>', or '--inside <mM>' and '--outside <mM>' to compute it.")
    }
    try requirePositive(inside, option: "inside", what: "a concentration")
    try requirePositive(outside, option: "outside", what: "a concentration")
  }

  func report() throws -> CalcReport {
    let (e, reversalInputs) = try reversalPotential()
    let force = drivingForce(membranePotential: membrane.potential, equilibriumPotential: e)
    let current = try ohmicCurrent(conductance: .nanosiemens(conductance.value), drivingForce: force)
    let direction = currentDirection(drivingForce: force)
    return CalcReport(
      title: "Ohmic ionic current",
      quantity: "current",
      formula: "I = g·(Vm − E)",
      substituted:
        "\(Format.quantity(conductance.value, "nS")) × (\(Format.quantity(membrane.vm.value, "mV")) − (\(Format.quantity(e.millivolts, "mV"))))",
      inputs: [.given("g", conductance.value, "nS", key: "conductance_nS"), membrane.input] + reversalInputs,
      result: .init("I", current.picoamperes, "pA"),
      intermediates: [
        .quantity("E", e.millivolts, "mV", key: "equilibrium_potential"),
        .quantity("Vm − E", force.millivolts, "mV", key: "driving_force"),
        .word("direction", direction.rawValue, key: "current_direction", explanation: "outward positive"),
      ]
    )
  }

  /// E as given with `--reversal`, or computed from the ion's gradient at the temperature; with its input rows.
  private func reversalPotential() throws -> (Voltage, [CalcReport.Entry]) {
    if let reversal { return (.millivolts(reversal.value), [.given("E", reversal.value, "mV", key: "reversal_mV")]) }
    guard let inside, let outside else {
      preconditionFailure("validate() guarantees a reversal potential or concentrations")
    }
    let t = temperature.temperature.value
    let gradient = IonGradient(ion: ion, inside: inside, outside: outside)
    return (try gradient.equilibriumPotential(at: t), gradient.inputs + [Format.temperatureEntry(t)])
  }
}
