import Foundation

/// The concentration of an ion right at a charged membrane surface, from the Boltzmann distribution:
///
///     c_s = c_bulk·exp(−zFψ/RT)
///
/// A negative surface potential ψ (fixed negative charges of phospholipid head groups) concentrates cations
/// and depletes anions at the surface: at ψ = −30 mV and 37 °C, Na⁺ is about 3× more concentrated at the
/// mouth of a channel than in the bulk solution.
///
/// - Parameters:
///   - bulk: The concentration far from the membrane.
///   - valence: The charge number *z*.
///   - surfacePotential: ψ, the potential at the surface relative to the bulk solution.
///   - temperature: The absolute temperature.
/// - Throws: ``PhysicsError`` for a non-positive bulk concentration or temperature or a non-finite input.
public func surfaceConcentration(
  bulk: Concentration, valence: Int, surfacePotential: Voltage, temperature: Temperature
) throws(PhysicsError) -> Concentration {
  try Check.concentration(bulk, "bulk")
  try Check.finite(surfacePotential.millivolts, "surface potential")
  let rtOverF = try thermalVoltage(at: temperature)
  return .millimolar(bulk.millimolar * exp(-Double(valence) * surfacePotential.millivolts / rtOverF.millivolts))
}
