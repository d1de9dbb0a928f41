import ArgumentParser
import PhysicsCore

struct CalcCurrent: ParsableCommand {
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

  @Option(parsing: .unconditional, help: ArgumentHelp("Conductance g, nS.", valueName: "nS")) var conductance: CLINumber
  @OptionGroup var membrane: MembranePotentialOption
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Reversal potential E, mV (instead of the ion and its concentrations).", valueName: "mV"))
  var reversal: CLINumber?
  @OptionGroup var ion: IonOptions
  @Option(parsing: .unconditional, help: ArgumentHelp("Intracellular concentration, mM.", valueName: "mM")) var inside:
    CLINumber?
  @Option(parsing: .unconditional, help: ArgumentHelp("Extracellular concentration, mM.", valueName: "mM")) var outside:
    CLINumber?
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

  func run() throws {
    let t = temperature.temperature.value
    var inputs: [CalcReport.Entry] = [
      .given("g", conductance.value, "nS", key: "conductance_nS"),
      membrane.input,
    ]
    let e: Voltage
    if let reversal {
      e = .millivolts(reversal.value)
      inputs.append(.given("E", reversal.value, "mV", key: "reversal_mV"))
    } else if let inside, let outside {
      e = try nernstPotential(
        valence: ion.z, inside: .millimolar(inside.value), outside: .millimolar(outside.value),
        temperature: t)
      inputs +=
        ionInputs(ion) + [
          .given("inside", inside.value, "mM", key: "inside_mM"),
          .given("outside", outside.value, "mM", key: "outside_mM"),
          Format.temperatureEntry(t),
        ]
    } else {
      preconditionFailure("validate() guarantees a reversal potential or concentrations")
    }
    let force = drivingForce(membranePotential: membrane.potential, equilibriumPotential: e)
    let current = try ohmicCurrent(conductance: .nanosiemens(conductance.value), drivingForce: force)
    let direction = currentDirection(drivingForce: force)
    try output.emit(
      CalcReport(
        title: "Ohmic ionic current",
        quantity: "current",
        formula: [
          "I = g·(Vm − E)",
          "  = \(Format.quantity(conductance.value, "nS")) × (\(Format.quantity(membrane.vm.value, "mV")) − (\(Format.quantity(e.millivolts, "mV"))))",
        ],
        inputs: inputs,
        result: .quantity("I", current.picoamperes, "pA", key: "value"),
        value: current.picoamperes, unit: "pA",
        intermediates: [
          .quantity("E", e.millivolts, "mV", key: "equilibrium_potential"),
          .quantity("Vm − E", force.millivolts, "mV", key: "driving_force"),
          .word("direction", direction.rawValue, key: "current_direction", explanation: "outward positive"),
        ]
      ))
  }
}
