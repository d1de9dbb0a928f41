/// Inside and outside concentrations of one ion.
public struct ConcentrationPair: Hashable, Sendable {
  /// Intracellular (cytosolic, free) concentration.
  public var inside: Concentration
  /// Extracellular concentration.
  public var outside: Concentration
  /// Creates a pair from millimolar values.
  public init(insideMillimolar: Double, outsideMillimolar: Double) {
    inside = .millimolar(insideMillimolar)
    outside = .millimolar(outsideMillimolar)
  }
}

/// A cell type with typical ion concentrations, resting permeabilities and a temperature, so a problem
/// can draw a realistic setting in one step.
///
/// The numbers are typical textbook values; every preset names its source in ``source``.
///
/// ```swift
/// let squid = IonPreset.squidGiantAxon
/// let k = squid.concentrations[.potassium]!     // 400 mM inside, 20 mM outside
/// ```
public struct IonPreset: Hashable, Sendable, Identifiable {
  /// A stable identifier: `mammalian-neuron`, `squid-giant-axon`, `frog-skeletal-muscle`.
  public var id: String
  /// A name for people.
  public var name: String
  /// Typical free concentrations.
  public var concentrations: [Ion: ConcentrationPair]
  /// Typical resting relative permeabilities, P_K = 1.
  public var relativePermeabilities: [Ion: Double]
  /// The temperature at which the preparation is usually studied.
  public var temperature: Temperature
  /// Where the numbers come from.
  public var source: String

  /// The ions this preset gives concentrations for, in ``Ion/all`` order.
  public var ions: [Ion] { Ion.all.filter { concentrations[$0] != nil } }

  /// Every preset, mammalian neuron first.
  public static let all: [IonPreset] = [.mammalianNeuron, .squidGiantAxon, .frogSkeletalMuscle]

  /// Looks a preset up by ``id``.
  public static func named(_ id: String) -> IonPreset? { all.first { $0.id == id.lowercased() } }

  /// A typical mammalian central neuron at 37 °C.
  ///
  /// K⁺, Na⁺, Cl⁻ and Ca²⁺ lie within the ranges of Purves et al., *Neuroscience*, "Extracellular and
  /// intracellular ion concentrations" table (mammalian neuron: K⁺ 140 in / 5 out, Na⁺ 5–15 / 145,
  /// Cl⁻ 4–30 / 110, Ca²⁺ 0.0001 / 1–2 mM). Mg²⁺ (free), H⁺ (pH 7.2 inside, 7.4 outside) and HCO₃⁻ are the
  /// typical mammalian values of Hille, *Ion Channels of Excitable Membranes*, 3rd ed. (2001), Table 1.1.
  /// Permeability ratios P_K : P_Na : P_Cl = 1 : 0.05 : 0.45 are the usual teaching values for a neuron.
  public static let mammalianNeuron = IonPreset(
    id: "mammalian-neuron",
    name: "mammalian neuron",
    concentrations: [
      .potassium: .init(insideMillimolar: 140, outsideMillimolar: 5),
      .sodium: .init(insideMillimolar: 12, outsideMillimolar: 145),
      .chloride: .init(insideMillimolar: 10, outsideMillimolar: 110),
      .calcium: .init(insideMillimolar: 0.0001, outsideMillimolar: 2),
      .magnesium: .init(insideMillimolar: 0.5, outsideMillimolar: 1),
      .proton: .init(insideMillimolar: 6.3e-5, outsideMillimolar: 4.0e-5),
      .bicarbonate: .init(insideMillimolar: 12, outsideMillimolar: 24),
    ],
    relativePermeabilities: [.potassium: 1, .sodium: 0.05, .chloride: 0.45],
    temperature: .celsius(37),
    source: "Purves et al., Neuroscience (ion concentration table, mammalian neuron); Hille (2001) Table 1.1"
  )

  /// The squid giant axon, the preparation of Hodgkin and Huxley, at about 20 °C.
  ///
  /// Concentrations from Hodgkin (1964), *The Conduction of the Nervous Impulse*, as tabulated by Hille (2001)
  /// Table 1.1 and Purves et al. (squid: K⁺ 400 in / 20 out, Na⁺ 50 / 440, Cl⁻ 40–150 / 560,
  /// Ca²⁺ 0.0001 / 10, Mg²⁺ 10 / 54 mM). Permeability ratios 1 : 0.04 : 0.45 from Hodgkin & Katz (1949),
  /// J. Physiol. 108:37–77.
  public static let squidGiantAxon = IonPreset(
    id: "squid-giant-axon",
    name: "squid giant axon",
    concentrations: [
      .potassium: .init(insideMillimolar: 400, outsideMillimolar: 20),
      .sodium: .init(insideMillimolar: 50, outsideMillimolar: 440),
      .chloride: .init(insideMillimolar: 40, outsideMillimolar: 560),
      .calcium: .init(insideMillimolar: 0.0001, outsideMillimolar: 10),
      .magnesium: .init(insideMillimolar: 10, outsideMillimolar: 54),
    ],
    relativePermeabilities: [.potassium: 1, .sodium: 0.04, .chloride: 0.45],
    temperature: .celsius(20),
    source: "Hodgkin (1964); Hodgkin & Katz (1949); tabulated in Hille (2001) Table 1.1 and Purves et al."
  )

  /// Frog skeletal muscle (sartorius), at about 20 °C.
  ///
  /// Concentrations from Hille (2001) Table 1.1 (frog muscle: K⁺ 140 in / 2.5 out, Na⁺ 9.2 / 120,
  /// Cl⁻ 3–4 / 120, Ca²⁺ 0.0001 / 1.8 mM). Resting permeability ratios P_K : P_Na : P_Cl = 1 : 0.01 : 2 after
  /// Hodgkin & Horowicz (1959), J. Physiol. 148:127–160.
  public static let frogSkeletalMuscle = IonPreset(
    id: "frog-skeletal-muscle",
    name: "frog skeletal muscle",
    concentrations: [
      .potassium: .init(insideMillimolar: 140, outsideMillimolar: 2.5),
      .sodium: .init(insideMillimolar: 9.2, outsideMillimolar: 120),
      .chloride: .init(insideMillimolar: 3.5, outsideMillimolar: 120),
      .calcium: .init(insideMillimolar: 0.0001, outsideMillimolar: 1.8),
    ],
    relativePermeabilities: [.potassium: 1, .sodium: 0.01, .chloride: 2],
    temperature: .celsius(20),
    source: "Hille (2001) Table 1.1; Hodgkin & Horowicz (1959)"
  )
}
