/// The shape of a cell, for its membrane area and cytoplasmic volume.
public enum CellGeometry: Hashable, Sendable {
  /// A spherical cell (a soma, an oocyte) of the given diameter.
  case sphere(diameter: Length)
  /// A cylindrical process (an axon) of the given diameter and length. Its membrane is the lateral surface
  /// π·d·L; the end caps are left out, as usual for an axon.
  case cylinder(diameter: Length, length: Length)

  /// The membrane area in m².
  public var areaSquareMetres: Double {
    switch self {
    case .sphere(let d): .pi * d.metres * d.metres
    case .cylinder(let d, let l): .pi * d.metres * l.metres
    }
  }

  /// The enclosed volume in m³ (1 m³ = 1000 L).
  public var volumeCubicMetres: Double {
    switch self {
    case .sphere(let d): .pi * d.metres * d.metres * d.metres / 6
    case .cylinder(let d, let l): .pi * d.metres * d.metres / 4 * l.metres
    }
  }

  /// The area in µm².
  public var areaSquareMicrometres: Double { areaSquareMetres * 1e12 }
  /// The volume in µm³ (1 µm³ = 1 fL).
  public var volumeCubicMicrometres: Double { volumeCubicMetres * 1e18 }

  func validated() throws(PhysicsError) -> CellGeometry {
    switch self {
    case .sphere(let d):
      try Check.positive(d.micrometres, "diameter", unit: "µm")
    case .cylinder(let d, let l):
      try Check.positive(d.micrometres, "diameter", unit: "µm")
      try Check.positive(l.micrometres, "length", unit: "µm")
    }
    return self
  }
}

/// What it takes to charge the membrane capacitor by ΔV: the charge, the ions that carry it, and how little
/// they change the cell's concentration.
public struct CapacitiveCharge: Hashable, Sendable {
  /// The membrane capacitance in farads (specific capacitance × area).
  public var capacitanceFarads: Double
  /// The charge *Q* = *C*·ΔV, signed like ΔV.
  public var charge: Charge
  /// The number of ions of the given valence that carry |*Q*|.
  public var ions: Double
  /// The amount of those ions, in moles.
  public var moles: Double
  /// The amount of that ion already inside the cell, in moles.
  public var molesInside: Double
  /// moles moved / moles inside: the fractional change of the intracellular concentration (≈ 10⁻⁵ for a
  /// 100 mV step in a 50 µm cell).
  public var fractionalConcentrationChange: Double
}

/// The charge that moves the membrane potential by ΔV, *Q* = *C*·ΔV, and its cost in ions and in
/// intracellular concentration.
///
/// ```swift
/// let step = try capacitiveCharge(
///   specificCapacitance: .biological, geometry: .sphere(diameter: .micrometres(50)),
///   deltaV: .millivolts(100), valence: 1, inside: .millimolar(140))
/// step.charge.picocoulombs            // ≈ 7.85
/// step.fractionalConcentrationChange  // ≈ 8.9 × 10⁻⁶
/// ```
///
/// - Parameters:
///   - specificCapacitance: Capacitance per area, ≈ 1 µF/cm² for biological membranes.
///   - geometry: The cell's shape and size.
///   - deltaV: The change in membrane potential.
///   - valence: The charge number of the ion that carries the charge.
///   - inside: The intracellular concentration of that ion.
/// - Throws: ``PhysicsError`` for a non-positive size, capacitance or concentration, a zero valence, or a
///   non-finite input.
public func capacitiveCharge(
  specificCapacitance: SpecificCapacitance, geometry: CellGeometry, deltaV: Voltage, valence: Int,
  inside: Concentration
) throws(PhysicsError) -> CapacitiveCharge {
  let geometry = try geometry.validated()
  try Check.positive(specificCapacitance.microfaradsPerSquareCentimetre, "specific capacitance", unit: "µF/cm²")
  try Check.finite(deltaV.millivolts, "voltage change")
  try Check.valence(valence)
  try Check.concentration(inside, "inside")
  let capacitance = specificCapacitance.faradsPerSquareMetre * geometry.areaSquareMetres
  let charge = capacitance * deltaV.volts
  let z = Double(abs(valence))
  let moles = abs(charge) / (z * PhysicalConstants.faraday)
  let molesInside = inside.molesPerCubicMetre * geometry.volumeCubicMetres
  return CapacitiveCharge(
    capacitanceFarads: capacitance,
    charge: Charge(coulombs: charge),
    ions: abs(charge) / (z * PhysicalConstants.elementaryCharge),
    moles: moles,
    molesInside: molesInside,
    fractionalConcentrationChange: moles / molesInside
  )
}
