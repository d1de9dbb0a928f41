import ArgumentParser
import PhysicsCore

struct CalcPMF: CalcCommand {
  static let configuration = CommandConfiguration(
    commandName: "pmf",
    abstract: "The proton-motive force Δp and ΔG per mole of H⁺.",
    usage: "nernstquiz calc pmf --delta-psi <mV> --ph-inside <pH> --ph-outside <pH>\n[<options>]",
    discussion: """
      Δp = Δψ − (2.303·RT/F)·ΔpH, with Δψ = ψ_in − ψ_out and
      ΔpH = pH_in − pH_out (for mitochondria, in = matrix).

      Example (Δp ≈ −196.2 mV):
        nernstquiz calc pmf --delta-psi -150 --ph-inside 8.0 --ph-outside 7.25

      \(ExitStatusTable.calc.help)
      """
  )

  @Option("Membrane potential Δψ = ψ_in − ψ_out, mV.", unit: "mV", name: .customLong("delta-psi"))
  var deltaPsi: CLINumber
  @Option("pH of the inner compartment.", unit: "pH", name: .customLong("ph-inside")) var pHInside: CLINumber
  @Option("pH of the outer compartment.", unit: "pH", name: .customLong("ph-outside")) var pHOutside: CLINumber
  @OptionGroup var temperature: TemperatureOption
  @OptionGroup var output: OutputOptions

  func report() throws -> CalcReport {
    let t = temperature.temperature.value
    let pmf = try protonMotiveForce(
      membranePotential: .millivolts(deltaPsi.value), pHInside: pHInside.value,
      pHOutside: pHOutside.value, temperature: t)
    return CalcReport(
      title: "Proton-motive force",
      quantity: "proton_motive_force",
      formula: "Δp = Δψ − (2.303·RT/F)·ΔpH,  ΔpH = pH_in − pH_out;  ΔG(H⁺ in) = F·Δp",
      inputs: [
        .given("Δψ", deltaPsi.value, "mV", key: "delta_psi_mV"),
        .given("pH inside", pHInside.value, "", key: "pH_inside"),
        .given("pH outside", pHOutside.value, "", key: "pH_outside"),
        Format.temperatureEntry(t),
      ],
      result: .init("Δp", pmf.total.millivolts, "mV"),
      intermediates: [
        .quantity("electrical part Δψ", pmf.electrical.millivolts, "mV", key: "electrical_term"),
        .quantity("chemical part", pmf.chemical.millivolts, "mV", key: "chemical_term"),
        .quantity(
          "ΔG per mole of H⁺ entering", pmf.freeEnergyPerMoleOfProtons.kilojoulesPerMole, "kJ/mol",
          key: "free_energy_per_mole"),
      ]
    )
  }
}
