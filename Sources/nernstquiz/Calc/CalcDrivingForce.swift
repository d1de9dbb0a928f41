import ArgumentParser
import PhysicsCore

struct CalcDrivingForce: CalcCommand {
  static let configuration = CommandConfiguration(
    commandName: "driving-force",
    abstract: "The driving force Vm − E and the direction the ion moves.",
    usage: "nernstquiz calc driving-force --ion <ion> --inside <mM> --outside <mM>\n--vm <mV> [<options>]",
    discussion: """
      The sign of z·(Vm − E) gives the direction of net movement: positive
      means efflux, negative influx. The sign of Vm − E alone gives the
      direction of the current (outward positive).

      Example (Vm − E_Na ≈ −136.6 mV, influx):
        nernstquiz calc driving-force --ion Na+ --inside 12 --outside 145 --vm -70

      \(ExitStatusTable.calc.help)
      """
  )

  @OptionGroup var cell: ElectrochemicalOptions
  @OptionGroup var output: OutputOptions

  func report() throws -> CalcReport {
    let ion = cell.gradient.ion
    let vm = cell.membrane.vm
    let e = try cell.equilibriumPotential()
    let force = drivingForce(membranePotential: cell.membrane.potential, equilibriumPotential: e)
    let movement = netMovement(valence: ion.z, drivingForce: force)
    let current = currentDirection(drivingForce: force)
    return CalcReport(
      title: "Driving force on \(ion.label)",
      quantity: "driving_force",
      formula: "Vm − E, with E = (RT/zF)·ln([out]/[in])",
      substituted: "\(Format.quantity(vm.value, "mV")) − (\(Format.quantity(e.millivolts, "mV")))",
      inputs: cell.inputs,
      result: .init("Vm − E", force.millivolts, "mV"),
      intermediates: [
        .quantity("E", e.millivolts, "mV", key: "equilibrium_potential"),
        .word("net movement", movement.rawValue, key: "direction", explanation: movementExplanation(movement)),
        .word("current", current.rawValue, key: "current_direction", explanation: "conventional, outward positive"),
      ]
    )
  }
}

func movementExplanation(_ movement: IonMovement) -> String {
  switch movement {
  case .influx: "the ion moves into the cell"
  case .efflux: "the ion moves out of the cell"
  case .none: "the ion is at equilibrium"
  }
}
