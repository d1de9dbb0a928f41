import ArgumentParser
import PhysicsCore

struct CalcSurface: CalcCommand {
  static let configuration = CommandConfiguration(
    commandName: "surface",
    abstract: "The concentration at a charged membrane surface.",
    usage: "nernstquiz calc surface --ion <ion> --bulk <mM> --surface-potential <mV>\n[<options>]",
    discussion: """
      c_s = c_bulk·exp(−zFψ/RT), ψ relative to the bulk.

      Example (c_s ≈ 445.5 mM):
        nernstquiz calc surface --ion Na+ --bulk 145 --surface-potential -30

      \(ExitStatusTable.calc.help)
      """
  )

  @OptionGroup var ion: IonOptions
  @Option("Bulk concentration, mM.", unit: "mM") var bulk: CLINumber
  @Option("Surface potential ψ relative to the bulk, mV.", unit: "mV", name: .customLong("surface-potential"))
  var surfacePotential: CLINumber
  @OptionGroup var temperature: TemperatureOption
  @OptionGroup var output: OutputOptions

  func validate() throws {
    try ion.require()
    try requirePositive(bulk, option: "bulk", what: "a concentration")
  }

  func report() throws -> CalcReport {
    let t = temperature.temperature.value
    let surface = try surfaceConcentration(
      bulk: .millimolar(bulk.value), valence: ion.z,
      surfacePotential: .millivolts(surfacePotential.value), temperature: t)
    return CalcReport(
      title: "Surface concentration of \(ion.label)",
      quantity: "surface_concentration",
      formula: "c_s = c_bulk·exp(−zFψ/RT)",
      inputs: ionInputs(ion) + [
        .given("bulk", bulk.value, "mM", key: "bulk_mM"),
        .given("ψ", surfacePotential.value, "mV", key: "surface_potential_mV"),
        Format.temperatureEntry(t),
      ],
      result: .init("c_s", surface.millimolar, "mM"),
      intermediates: [.quantity("c_s / c_bulk", surface.millimolar / bulk.value, "", key: "ratio")]
    )
  }
}
