import ArgumentParser
import PhysicsCore
import QuizModel
import TemplateEngine

struct CalcGHK: CalcCommand {
  static let configuration = CommandConfiguration(
    commandName: "ghk",
    abstract: "The Goldman–Hodgkin–Katz resting potential for monovalent ions.",
    usage:
      "nernstquiz calc ghk --inside <K=140,…> --outside <K=4,…>\n--permeability <K=1,…> [--pump-ratio <r>] [<options>]",
    discussion: """
      Vm = (RT/F)·ln((Σ P_c[c]out + Σ P_a[a]in) / (Σ P_c[c]in + Σ P_a[a]out))
      for cations c and anions a. With --pump-ratio r (3:2 pump: 1.5) the
      Mullins–Noda form multiplies the K⁺ terms by r and shows the pump's
      electrogenic contribution.

      Example (Vm ≈ −66.6 mV), on two lines as a shell takes them:
        nernstquiz calc ghk --inside K=140,Na=15,Cl=10 \\
          --outside K=4,Na=145,Cl=110 --permeability K=1,Na=0.05,Cl=0.45

      \(ExitStatusTable.calc.help)
      """
  )

  @Option(help: ArgumentHelp("Intracellular concentrations, mM, as ION=VALUE pairs.", valueName: "K=140,Na=15,…"))
  var inside: IonValueList
  @Option(help: ArgumentHelp("Extracellular concentrations, mM, as ION=VALUE pairs.", valueName: "K=4,Na=145,…"))
  var outside: IonValueList
  @Option(help: ArgumentHelp("Relative permeabilities, as ION=VALUE pairs.", valueName: "K=1,Na=0.05,…"))
  var permeability: IonValueList
  @Option(
    "Na⁺/K⁺ pump coupling ratio r (1.5 for 3:2); adds the Mullins–Noda result.", unit: "r",
    name: .customLong("pump-ratio")) var pumpRatio: CLINumber?
  @OptionGroup var temperature: TemperatureOption
  @OptionGroup var output: OutputOptions

  func validate() throws {
    try requirePositive(inside, option: "inside", what: "concentration")
    try requirePositive(outside, option: "outside", what: "concentration")
    if let bad = permeability.entries.first(where: { $0.value < 0 }) {
      throw ValidationError(
        "Invalid value '\(permeability.text)' for '--permeability': the permeability of \(bad.ion.symbol) cannot be negative."
      )
    }
    for (ion, _) in permeability.entries {
      if abs(ion.valence) != 1 {
        throw ValidationError(
          "Invalid value '\(permeability.text)' for '--permeability': \(ion.symbol) is not monovalent; the GHK voltage equation here takes K, Na, Cl, H and HCO3 only."
        )
      }
      for (option, list) in [("inside", inside), ("outside", outside)] where list[ion] == nil {
        throw ValidationError(
          "Invalid value '\(list.text)' for '--\(option)': it has no concentration for \(ion.symbol), which '--permeability' lists."
        )
      }
    }
    for (option, list) in [("inside", inside), ("outside", outside)] {
      if let extra = list.entries.first(where: { permeability[$0.ion] == nil }) {
        throw ValidationError(
          "Invalid value '\(permeability.text)' for '--permeability': it has no value for \(extra.ion.symbol), given in '--\(option)' (write \(extra.ion.formula)=0 for an impermeant ion)."
        )
      }
    }
    if let pumpRatio, pumpRatio.value <= 0 {
      throw ValidationError(
        "Invalid value '\(pumpRatio.text)' for '--pump-ratio': the coupling ratio must be positive (1.5 for 3 Na⁺ : 2 K⁺)."
      )
    }
  }

  func report() throws -> CalcReport {
    let t = temperature.temperature.value
    let ions = permeability.entries.map { ion, p in
      PermeantIon(
        ion, inside: .millimolar(inside[ion] ?? 0), outside: .millimolar(outside[ion] ?? 0),
        relativePermeability: p)
    }
    let vm = try ghkPotential(ions, temperature: t)
    var intermediates: [CalcReport.Entry] = []
    for ion in ions {
      let e = try nernstPotential(valence: ion.valence, inside: ion.inside, outside: ion.outside, temperature: t)
      let tabulated = Ion(symbol: ion.label)
      intermediates.append(
        .quantity(
          "E_\(tabulated?.formula ?? ion.label)", e.millivolts, "mV",
          key: "equilibrium_potential_\(tabulated?.formula ?? ion.label)"))
    }
    if let pumpRatio {
      let pumped = try mullinsNodaPotential(ions, pumpCouplingRatio: pumpRatio.value, temperature: t)
      intermediates += [
        .quantity(
          "Vm with pump (Mullins–Noda, r = \(Format.quantity(pumpRatio.value, "", figures: 3)))",
          pumped.millivolts, "mV", key: "mullins_noda_potential"),
        .quantity("pump contribution", pumped.millivolts - vm.millivolts, "mV", key: "pump_contribution"),
      ]
    }
    let list = { (values: IonValueList) in
      values.entries.map { "\($0.ion.formula)=\(Format.given($0.value))" }.joined(separator: ", ")
    }
    return CalcReport(
      title: "Goldman–Hodgkin–Katz resting potential",
      quantity: "resting_potential",
      formula: "Vm = (RT/F)·ln((Σ P_c[c]out + Σ P_a[a]in) / (Σ P_c[c]in + Σ P_a[a]out))",
      inputs: [
        .init(
          label: "inside (mM)", text: list(inside), key: "inside_mM",
          json: .object(inside.entries.map { ($0.ion.symbol, .number($0.value)) })),
        .init(
          label: "outside (mM)", text: list(outside), key: "outside_mM",
          json: .object(outside.entries.map { ($0.ion.symbol, .number($0.value)) })),
        .init(
          label: "permeability", text: list(permeability), key: "permeability",
          json: .object(permeability.entries.map { ($0.ion.symbol, .number($0.value)) })),
        Format.temperatureEntry(t),
      ],
      result: .init("Vm", vm.millivolts, "mV"),
      intermediates: intermediates
    )
  }
}
