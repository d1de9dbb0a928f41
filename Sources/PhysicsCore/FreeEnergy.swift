import Foundation

/// The electrochemical free energy of moving one mole of an ion from outside to inside the cell:
///
///     ΔG = RT·ln([in]/[out]) + zF·Vm
///
/// A negative ΔG means entry is spontaneous (downhill); a positive one means the ion would leave
/// spontaneously and entry needs energy. Because *E* = (*RT*/*zF*)·ln([out]/[in]), ΔG = *zF*·(*V*m − *E*):
/// the free energy is the driving force times the molar charge.
///
/// ```swift
/// let g = try electrochemicalFreeEnergy(valence: 1, inside: .millimolar(12), outside: .millimolar(145),
///                                       membranePotential: .millivolts(-70), temperature: .celsius(37))
/// g.kilojoulesPerMole // ≈ −13.2 (Na⁺ entry is downhill)
/// ```
///
/// - Throws: ``PhysicsError`` for a non-positive concentration or temperature or a non-finite input. A zero
///   valence is allowed here (a neutral solute feels only its concentration gradient).
public func electrochemicalFreeEnergy(
  valence: Int, inside: Concentration, outside: Concentration, membranePotential: Voltage,
  temperature: Temperature
) throws(PhysicsError) -> MolarEnergy {
  try Check.concentration(inside, "inside")
  try Check.concentration(outside, "outside")
  try Check.temperature(temperature)
  try Check.finite(membranePotential.millivolts, "membrane potential")
  let chemical = PhysicalConstants.gasConstant * temperature.kelvin * log(inside.millimolar / outside.millimolar)
  let electrical = Double(valence) * PhysicalConstants.faraday * membranePotential.volts
  return MolarEnergy(joulesPerMole: chemical + electrical)
}

/// The free energy of moving one mole of charge-*z* ions across a driving force, ΔG = *zF*·(*V*m − *E*).
public func freeEnergy(valence: Int, drivingForce: Voltage) throws(PhysicsError) -> MolarEnergy {
  try Check.finite(drivingForce.millivolts, "driving force")
  return MolarEnergy(joulesPerMole: Double(valence) * PhysicalConstants.faraday * drivingForce.volts)
}
