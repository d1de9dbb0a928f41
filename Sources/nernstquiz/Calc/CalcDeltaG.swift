import ArgumentParser
import PhysicsCore

struct CalcDeltaG: CalcCommand {
  static let configuration = CommandConfiguration(
    commandName: "delta-g",
    abstract: "The free energy ΔG of moving one mole of an ion into the cell.",
    usage: "nernstquiz calc delta-g --ion <ion> --inside <mM> --outside <mM>\n--vm <mV> [<options>]",
    discussion: """
      ΔG = RT·ln([in]/[out]) + zF·Vm, which equals zF·(Vm − E).
      Negative: entry is spontaneous.

      Example (ΔG ≈ −13.18 kJ/mol):
        nernstquiz calc delta-g --ion Na+ --inside 12 --outside 145 --vm -70

      \(ExitStatusTable.calc.help)
      """
  )

  @OptionGroup var cell: ElectrochemicalOptions
  @OptionGroup var output: OutputOptions

  func report() throws -> CalcReport {
    let t = cell.t
    let (ion, inside, outside) = (cell.gradient.ion, cell.gradient.inside, cell.gradient.outside)
    let g = try electrochemicalFreeEnergy(
      valence: ion.z, inside: .millimolar(inside.value),
      outside: .millimolar(outside.value), membranePotential: cell.membrane.potential,
      temperature: t)
    let e = try cell.equilibriumPotential()
    let chemical = try electrochemicalFreeEnergy(
      valence: 0, inside: .millimolar(inside.value),
      outside: .millimolar(outside.value), membranePotential: .millivolts(0),
      temperature: t)
    let spontaneous = g.joulesPerMole < 0 ? "influx" : (g.joulesPerMole > 0 ? "efflux" : "none")
    return CalcReport(
      title: "Free energy of moving \(ion.label) from outside to inside",
      quantity: "free_energy",
      formula: "ΔG = RT·ln([in]/[out]) + zF·Vm = zF·(Vm − E)",
      inputs: cell.inputs,
      result: .init("ΔG", g.kilojoulesPerMole, "kJ/mol"),
      intermediates: [
        .quantity("chemical part RT·ln([in]/[out])", chemical.kilojoulesPerMole, "kJ/mol", key: "chemical_term"),
        .quantity(
          "electrical part zF·Vm", g.kilojoulesPerMole - chemical.kilojoulesPerMole, "kJ/mol",
          key: "electrical_term"),
        .quantity("E", e.millivolts, "mV", key: "equilibrium_potential"),
        .word(
          "spontaneous direction", spontaneous, key: "spontaneous_direction",
          explanation: g.joulesPerMole < 0
            ? "entry is downhill" : (g.joulesPerMole > 0 ? "entry needs energy" : "at equilibrium")),
      ]
    )
  }
}
