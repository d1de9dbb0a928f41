import ArgumentParser
import PhysicsCore
import QuizModel
import TemplateEngine

struct CalcNernst: CalcCommand {
  static let configuration = CommandConfiguration(
    commandName: "nernst",
    abstract: "The Nernst equilibrium potential E = (RT/zF)·ln([out]/[in]).",
    usage: "nernstquiz calc nernst --ion <ion> --inside <mM> --outside <mM>\n[--temperature <T>] [--json]",
    discussion: """
      Example (E_K ≈ −95.0 mV at 37 °C):
        nernstquiz calc nernst --ion K+ --inside 140 --outside 4 --temperature 37

      \(ExitStatusTable.calc.help)
      """
  )

  @OptionGroup var gradient: IonGradientOptions
  @OptionGroup var temperature: TemperatureOption
  @OptionGroup var output: OutputOptions

  func report() throws -> CalcReport {
    let t = temperature.temperature.value
    let ion = gradient.ion
    let e = try gradient.given.equilibriumPotential(at: t)
    let rtOverF = try thermalVoltage(at: t)
    return CalcReport(
      title: "Nernst equilibrium potential of \(ion.label)",
      quantity: "equilibrium_potential",
      formula: "E = (RT/zF)·ln([out]/[in])",
      substituted:
        "(\(Format.quantity(rtOverF.millivolts, "mV")) / \(Format.valence(ion.z)))·ln(\(Format.given(gradient.outside.value)) / \(Format.given(gradient.inside.value)))",
      inputs: gradient.given.inputs + [Format.temperatureEntry(t)],
      result: .init(ion.tabulated.map { "E_\($0.formula)" } ?? "E", e.millivolts, "mV"),
      intermediates: [.quantity("RT/F", rtOverF.millivolts, "mV", key: "thermal_voltage")]
    )
  }
}

/// The `ion` and `valence` input rows shared by the ion-based subcommands.
func ionInputs(_ ion: IonOptions) -> [CalcReport.Entry] {
  var entries: [CalcReport.Entry] = []
  if let symbol = ion.symbol {
    entries.append(.init(label: "ion", text: ion.label, key: "ion", json: .string(symbol)))
  }
  entries.append(.init(label: "valence z", text: Format.valence(ion.z), key: "valence", json: .integer(ion.z)))
  return entries
}
