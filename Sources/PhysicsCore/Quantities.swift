// Small value types that carry their unit in their name, so a millivolt can never be read as a volt.
// Each stores one canonical unit and offers the others as computed properties. Construction never
// throws: the formulas check their inputs and throw a ``PhysicsError`` naming the parameter.

/// A thermodynamic temperature.
///
/// ```swift
/// let body = Temperature.celsius(37)   // 310.15 K
/// body.kelvin                          // 310.15
/// ```
public struct Temperature: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The temperature in kelvin.
  public var kelvin: Double
  /// Creates a temperature from kelvin.
  public init(kelvin: Double) { self.kelvin = kelvin }
  /// A temperature given in degrees Celsius.
  public static func celsius(_ degrees: Double) -> Temperature {
    Temperature(kelvin: degrees + PhysicalConstants.zeroCelsiusInKelvin)
  }
  /// A temperature given in kelvin.
  public static func kelvin(_ kelvin: Double) -> Temperature { Temperature(kelvin: kelvin) }
  /// The temperature in degrees Celsius.
  public var celsius: Double { kelvin - PhysicalConstants.zeroCelsiusInKelvin }
  /// Mammalian body temperature, 37 °C.
  public static let body = Temperature.celsius(37)
  /// Room temperature as used in most textbook examples, 20 °C.
  public static let room = Temperature.celsius(20)
  public static func < (a: Temperature, b: Temperature) -> Bool { a.kelvin < b.kelvin }
  public var description: String { "\(celsius) °C" }
}

/// An amount-of-substance concentration. 1 mM = 1 mol·m⁻³.
public struct Concentration: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The concentration in millimoles per litre (mM).
  public var millimolar: Double
  /// Creates a concentration from millimolar.
  public init(millimolar: Double) { self.millimolar = millimolar }
  /// A concentration given in mM.
  public static func millimolar(_ value: Double) -> Concentration { Concentration(millimolar: value) }
  /// A concentration given in µM.
  public static func micromolar(_ value: Double) -> Concentration { Concentration(millimolar: value / 1000) }
  /// A concentration given in M (mol/L).
  public static func molar(_ value: Double) -> Concentration { Concentration(millimolar: value * 1000) }
  /// The concentration in mol/L.
  public var molar: Double { millimolar / 1000 }
  /// The concentration in mol·m⁻³ (numerically equal to mM).
  public var molesPerCubicMetre: Double { millimolar }
  public static func < (a: Concentration, b: Concentration) -> Bool { a.millimolar < b.millimolar }
  public var description: String { "\(millimolar) mM" }
}

/// An electric potential difference, such as a membrane potential or an equilibrium potential.
public struct Voltage: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The potential in millivolts.
  public var millivolts: Double
  /// Creates a voltage from millivolts.
  public init(millivolts: Double) { self.millivolts = millivolts }
  /// A voltage given in mV.
  public static func millivolts(_ value: Double) -> Voltage { Voltage(millivolts: value) }
  /// A voltage given in V.
  public static func volts(_ value: Double) -> Voltage { Voltage(millivolts: value * 1000) }
  /// The potential in volts.
  public var volts: Double { millivolts / 1000 }
  public static func < (a: Voltage, b: Voltage) -> Bool { a.millivolts < b.millivolts }
  public static func - (a: Voltage, b: Voltage) -> Voltage { Voltage(millivolts: a.millivolts - b.millivolts) }
  public static func + (a: Voltage, b: Voltage) -> Voltage { Voltage(millivolts: a.millivolts + b.millivolts) }
  public var description: String { "\(millivolts) mV" }
}

/// An electric conductance.
public struct Conductance: Hashable, Sendable, CustomStringConvertible {
  /// The conductance in nanosiemens.
  public var nanosiemens: Double
  /// Creates a conductance from nanosiemens.
  public init(nanosiemens: Double) { self.nanosiemens = nanosiemens }
  /// A conductance given in nS.
  public static func nanosiemens(_ value: Double) -> Conductance { Conductance(nanosiemens: value) }
  /// A conductance given in S.
  public static func siemens(_ value: Double) -> Conductance { Conductance(nanosiemens: value * 1e9) }
  /// The conductance in siemens.
  public var siemens: Double { nanosiemens * 1e-9 }
  public var description: String { "\(nanosiemens) nS" }
}

/// An electric current; positive is outward across the membrane (the physiological convention).
public struct Current: Hashable, Sendable, CustomStringConvertible {
  /// The current in picoamperes (nS × mV = pA).
  public var picoamperes: Double
  /// Creates a current from picoamperes.
  public init(picoamperes: Double) { self.picoamperes = picoamperes }
  /// The current in amperes.
  public var amperes: Double { picoamperes * 1e-12 }
  /// The current in nanoamperes.
  public var nanoamperes: Double { picoamperes / 1000 }
  public var description: String { "\(picoamperes) pA" }
}

/// An electric charge.
public struct Charge: Hashable, Sendable, CustomStringConvertible {
  /// The charge in coulombs.
  public var coulombs: Double
  /// Creates a charge from coulombs.
  public init(coulombs: Double) { self.coulombs = coulombs }
  /// The charge in picocoulombs.
  public var picocoulombs: Double { coulombs * 1e12 }
  public var description: String { "\(coulombs) C" }
}

/// A specific (per-area) membrane capacitance. Biological membranes are close to 1 µF/cm².
public struct SpecificCapacitance: Hashable, Sendable, CustomStringConvertible {
  /// The capacitance in microfarads per square centimetre.
  public var microfaradsPerSquareCentimetre: Double
  /// Creates a specific capacitance from µF/cm².
  public init(microfaradsPerSquareCentimetre: Double) {
    self.microfaradsPerSquareCentimetre = microfaradsPerSquareCentimetre
  }
  /// A specific capacitance given in µF/cm².
  public static func microfaradsPerSquareCentimetre(_ value: Double) -> SpecificCapacitance {
    SpecificCapacitance(microfaradsPerSquareCentimetre: value)
  }
  /// The textbook value for biological membranes, 1 µF/cm².
  public static let biological = SpecificCapacitance(microfaradsPerSquareCentimetre: 1)
  /// The capacitance in farads per square metre (1 µF/cm² = 0.01 F/m²).
  public var faradsPerSquareMetre: Double { microfaradsPerSquareCentimetre * 1e-2 }
  public var description: String { "\(microfaradsPerSquareCentimetre) µF/cm²" }
}

/// A length at cellular scale.
public struct Length: Hashable, Sendable, CustomStringConvertible {
  /// The length in micrometres.
  public var micrometres: Double
  /// Creates a length from micrometres.
  public init(micrometres: Double) { self.micrometres = micrometres }
  /// A length given in µm.
  public static func micrometres(_ value: Double) -> Length { Length(micrometres: value) }
  /// The length in metres.
  public var metres: Double { micrometres * 1e-6 }
  public var description: String { "\(micrometres) µm" }
}

/// A molar free energy (Gibbs energy per mole of ions moved).
public struct MolarEnergy: Hashable, Sendable, CustomStringConvertible {
  /// The energy in joules per mole.
  public var joulesPerMole: Double
  /// Creates a molar energy from J/mol.
  public init(joulesPerMole: Double) { self.joulesPerMole = joulesPerMole }
  /// The energy in kilojoules per mole.
  public var kilojoulesPerMole: Double { joulesPerMole / 1000 }
  public var description: String { "\(kilojoulesPerMole) kJ/mol" }
}
