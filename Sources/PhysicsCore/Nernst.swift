import Foundation

/// The thermal voltage *RT*/*F* at a temperature, the natural unit of every membrane-potential formula
/// (≈ 26.7 mV at 37 °C).
///
/// - Throws: ``PhysicsError/temperatureNotAboveAbsoluteZero(kelvin:)`` or ``PhysicsError/nonFinite(parameter:value:)``.
public func thermalVoltage(at temperature: Temperature) throws(PhysicsError) -> Voltage {
  try Check.temperature(temperature)
  return .volts(PhysicalConstants.gasConstant * temperature.kelvin / PhysicalConstants.faraday)
}

/// The Nernst equilibrium potential *E* = (*RT*/*zF*)·ln([out]/[in]).
///
/// At *E* the electrical force on the ion exactly balances its concentration gradient, so there is no net
/// movement of that ion even if its channels are open.
///
/// ```swift
/// let eK = try nernstPotential(valence: 1, inside: .millimolar(140), outside: .millimolar(4),
///                              temperature: .celsius(37))
/// eK.millivolts // ≈ −95.02
/// ```
///
/// - Parameters:
///   - valence: The charge number *z* of the ion, for example `+1` for K⁺ or `+2` for Ca²⁺.
///   - inside: The intracellular concentration.
///   - outside: The extracellular concentration.
///   - temperature: The absolute temperature.
/// - Returns: The equilibrium potential, inside relative to outside.
/// - Throws: ``PhysicsError`` for a zero valence, a non-positive concentration or temperature, or a
///   non-finite input.
public func nernstPotential(
  valence: Int, inside: Concentration, outside: Concentration, temperature: Temperature
) throws(PhysicsError) -> Voltage {
  try Check.valence(valence)
  try Check.concentration(inside, "inside")
  try Check.concentration(outside, "outside")
  let rtOverF = try thermalVoltage(at: temperature)
  return .millivolts(rtOverF.millivolts / Double(valence) * log(outside.millimolar / inside.millimolar))
}

/// The Nernst potential of a tabulated ion; see ``nernstPotential(valence:inside:outside:temperature:)``.
public func nernstPotential(
  of ion: Ion, inside: Concentration, outside: Concentration, temperature: Temperature
) throws(PhysicsError) -> Voltage {
  try nernstPotential(valence: ion.valence, inside: inside, outside: outside, temperature: temperature)
}
