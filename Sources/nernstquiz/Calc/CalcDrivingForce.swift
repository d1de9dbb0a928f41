import ArgumentParser
import PhysicsCore

struct CalcDrivingForce: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "driving-force",
    abstract: "The driving force Vm − E and the direction the ion moves.",
    discussion: """
      The sign of z·(Vm − E) gives the direction of net movement: positive means efflux, negative influx.
      The sign of Vm − E alone gives the direction of the current (outward positive).
      Example: nernstquiz calc driving-force --ion Na+ --inside 12 --outside 145 --vm -70
      """
  )

  @OptionGroup var ion: IonOptions
  @Option(parsing: .unconditional, help: ArgumentHelp("Intracellular concentration, mM.", valueName: "mM")) var inside: CLINumber
  @Option(parsing: .unconditional, help: ArgumentHelp("Extracellular concentration, mM.", valueName: "mM")) var outside: CLINumber
  @Option(parsing: .unconditional, help: ArgumentHelp("Membrane potential Vm, mV.", valueName: "mV")) var vm: CLINumber
  @OptionGroup var temperature: TemperatureOption
  @OptionGroup var output: OutputOptions

  func validate() throws {
    try ion.require()
    try requirePositive(inside, option: "inside", what: "a concentration")
    try requirePositive(outside, option: "outside", what: "a concentration")
  }

  func run() throws {
    let t = temperature.temperature.value
    let e = try nernstPotential(valence: ion.z, inside: .millimolar(inside.value), outside: .millimolar(outside.value),
                                temperature: t)
    let force = drivingForce(membranePotential: .millivolts(vm.value), equilibriumPotential: e)
    let movement = netMovement(valence: ion.z, drivingForce: force)
    let current = currentDirection(drivingForce: force)
    output.emit(CalcReport(
      title: "Driving force on \(ion.label)",
      quantity: "driving_force",
      formula: [
        "Vm − E, with E = (RT/zF)·ln([out]/[in])",
        "  = \(Format.quantity(vm.value, "mV")) − (\(Format.quantity(e.millivolts, "mV")))",
      ],
      inputs: ionInputs(ion) + [
        .given("inside", inside.value, "mM", key: "inside_mM"),
        .given("outside", outside.value, "mM", key: "outside_mM"),
        .given("Vm", vm.value, "mV", key: "vm_mV"),
        Format.temperatureEntry(t),
      ],
      result: .quantity("Vm − E", force.millivolts, "mV", key: "value"),
      value: force.millivolts, unit: "mV",
      intermediates: [
        .quantity("E", e.millivolts, "mV", key: "equilibrium_potential"),
        .word("net movement", movement.rawValue, key: "direction", explanation: movementExplanation(movement)),
        .word("current", current.rawValue, key: "current_direction", explanation: "conventional, outward positive"),
      ]
    ))
  }
}

func movementExplanation(_ movement: IonMovement) -> String {
  switch movement {
  case .influx: "the ion moves into the cell"
  case .efflux: "the ion moves out of the cell"
  case .none: "the ion is at equilibrium"
  }
}
