import Foundation

/// The proton-motive force and what it is worth per mole of protons.
public struct ProtonMotiveForce: Hashable, Sendable {
  /// Δψ = ψ_in − ψ_out, the electrical part.
  public var electrical: Voltage
  /// −(ln 10·*RT*/*F*)·ΔpH, the chemical part expressed as a voltage.
  public var chemical: Voltage
  /// Δp = Δψ − (ln 10·*RT*/*F*)·ΔpH. Negative when protons are driven into the inner compartment.
  public var total: Voltage { electrical + chemical }
  /// ΔG = *F*·Δp for moving one mole of H⁺ from outside to inside; its magnitude is what is available to
  /// make ATP.
  public var freeEnergyPerMoleOfProtons: MolarEnergy {
    MolarEnergy(joulesPerMole: PhysicalConstants.faraday * total.volts)
  }
}

/// The proton-motive force across a membrane (inner mitochondrial, bacterial, thylakoid):
///
///     Δp = Δψ − (2.303·RT/F)·ΔpH,   Δψ = ψ_in − ψ_out,   ΔpH = pH_in − pH_out
///
/// The factor 2.303 is ln 10, used here exactly. A mitochondrion with Δψ = −150 mV and a matrix 0.75 pH
/// units more alkaline has Δp ≈ −196 mV at 37 °C, worth about −19 kJ per mole of H⁺ entering.
///
/// ```swift
/// let pmf = try protonMotiveForce(membranePotential: .millivolts(-150), pHInside: 8.0, pHOutside: 7.25,
///                                 temperature: .celsius(37))
/// pmf.total.millivolts // ≈ −196
/// ```
///
/// - Throws: ``PhysicsError`` for a non-positive temperature or a non-finite input.
public func protonMotiveForce(
  membranePotential: Voltage, pHInside: Double, pHOutside: Double, temperature: Temperature
) throws(PhysicsError) -> ProtonMotiveForce {
  try Check.finite(membranePotential.millivolts, "membrane potential")
  try Check.finite(pHInside, "pH inside")
  try Check.finite(pHOutside, "pH outside")
  let rtOverF = try thermalVoltage(at: temperature)
  let deltaPH = pHInside - pHOutside
  return ProtonMotiveForce(
    electrical: membranePotential,
    chemical: .millivolts(-log(10) * rtOverF.millivolts * deltaPH)
  )
}
