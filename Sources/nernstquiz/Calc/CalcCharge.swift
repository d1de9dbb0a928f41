import ArgumentParser
import PhysicsCore

struct CalcCharge: CalcCommand {
  static let configuration = CommandConfiguration(
    commandName: "charge",
    abstract: "The charge Q = C·ΔV that moves the membrane potential, in ions.",
    usage: "nernstquiz calc charge --diameter <µm> --delta-v <mV> --ion <ion>\n--inside <mM> [<options>]",
    discussion: """
      The cell is a sphere of the given diameter, or with --length a cylinder
      (an axon; lateral membrane only). The result shows the charge, the number
      and moles of ions that carry it, and the fractional change of the
      intracellular concentration (about 1 in 100,000 for 100 mV in a 50 µm cell).

      Example (Q ≈ 7.854 pC, 4.9 × 10⁷ ions):
        nernstquiz calc charge --diameter 50 --delta-v 100 --ion K+ --inside 140

      \(ExitStatusTable.calc.help)
      """
  )

  @Option("Cell diameter, µm.", unit: "µm") var diameter: CLINumber
  @Option("Cylinder length, µm (makes the cell a cylinder).", unit: "µm") var length: CLINumber?
  @Option("Change of membrane potential ΔV, mV.", unit: "mV", name: .customLong("delta-v")) var deltaV: CLINumber
  @Option("Specific capacitance, µF/cm².", unit: "µF/cm²") var capacitance: CLINumber = CLINumber(argument: "1")!
  @OptionGroup var ion: IonOptions
  @Option("Intracellular concentration of the carrying ion, mM.", unit: "mM") var inside: CLINumber
  @OptionGroup var output: OutputOptions

  func validate() throws {
    try ion.require()
    try requirePositive(diameter, option: "diameter", what: "the diameter")
    if let length { try requirePositive(length, option: "length", what: "the length") }
    try requirePositive(capacitance, option: "capacitance", what: "the specific capacitance")
    try requirePositive(inside, option: "inside", what: "a concentration")
  }

  func report() throws -> CalcReport {
    let geometry: CellGeometry =
      length.map {
        .cylinder(diameter: .micrometres(diameter.value), length: .micrometres($0.value))
      } ?? .sphere(diameter: .micrometres(diameter.value))
    let step = try capacitiveCharge(
      specificCapacitance: .microfaradsPerSquareCentimetre(capacitance.value), geometry: geometry,
      deltaV: .millivolts(deltaV.value), valence: ion.z, inside: .millimolar(inside.value))
    var inputs: [CalcReport.Entry] = [
      .word("shape", length == nil ? "sphere" : "cylinder", key: "shape"),
      .given("diameter", diameter.value, "µm", key: "diameter_um"),
    ]
    if let length { inputs.append(.given("length", length.value, "µm", key: "length_um")) }
    inputs +=
      [
        .given("ΔV", deltaV.value, "mV", key: "delta_v_mV"),
        .given("capacitance", capacitance.value, "µF/cm²", key: "capacitance_uF_per_cm2"),
      ] + ionInputs(ion) + [.given("inside", inside.value, "mM", key: "inside_mM")]
    return CalcReport(
      title: "Charge on the membrane capacitor",
      quantity: "charge",
      formula: "Q = C·A·ΔV;  ions = |Q|/(|z|·e);  moles = |Q|/(|z|·F);  fraction = moles / ([in]·volume)",
      inputs: inputs,
      result: .init("Q", step.charge.picocoulombs, "pC"),
      intermediates: [
        .quantity("area", geometry.areaSquareMicrometres, "µm²", key: "area_um2"),
        .quantity("volume", geometry.volumeCubicMicrometres, "µm³", key: "volume_um3"),
        .quantity("capacitance C·A", step.capacitanceFarads * 1e12, "pF", key: "capacitance_pF"),
        .quantity("ions", step.ions, "", key: "ions"),
        .quantity("moles", step.moles, "mol", key: "moles"),
        .quantity("moles inside", step.molesInside, "mol", key: "moles_inside"),
        .quantity("fractional change", step.fractionalConcentrationChange, "", key: "fractional_change"),
        .quantity("  in ppm", step.fractionalConcentrationChange * 1e6, "ppm", key: "fractional_change_ppm"),
      ]
    )
  }
}
