import Foundation

/// One ion's part in a Goldman–Hodgkin–Katz calculation: its valence, concentrations and relative
/// permeability.
public struct PermeantIon: Hashable, Sendable {
  /// A label used in error messages (`K+`, `Na+`, or a name of the caller's choosing).
  public var label: String
  /// The charge number *z*; the voltage equation takes ±1 only.
  public var valence: Int
  /// Intracellular concentration.
  public var inside: Concentration
  /// Extracellular concentration.
  public var outside: Concentration
  /// Permeability relative to a reference ion (usually P_K = 1); any consistent unit works.
  public var relativePermeability: Double

  /// Creates a permeant ion.
  public init(label: String, valence: Int, inside: Concentration, outside: Concentration, relativePermeability: Double)
  {
    self.label = label
    self.valence = valence
    self.inside = inside
    self.outside = outside
    self.relativePermeability = relativePermeability
  }

  /// Creates a permeant ion from the ion table.
  public init(_ ion: Ion, inside: Concentration, outside: Concentration, relativePermeability: Double) {
    self.init(
      label: ion.symbol, valence: ion.valence, inside: inside, outside: outside,
      relativePermeability: relativePermeability)
  }
}

/// The Goldman–Hodgkin–Katz voltage equation for any set of monovalent ions:
///
///     Vm = (RT/F)·ln( (Σ P_c[c]out + Σ P_a[a]in) / (Σ P_c[c]in + Σ P_a[a]out) )
///
/// with cations *c* and anions *a*. It is the steady membrane potential at which the net current carried
/// by all the permeant ions is zero; with one permeant ion it reduces to the Nernst potential.
///
/// ```swift
/// let vm = try ghkPotential([
///   PermeantIon(.potassium, inside: .millimolar(140), outside: .millimolar(4), relativePermeability: 1),
///   PermeantIon(.sodium, inside: .millimolar(15), outside: .millimolar(145), relativePermeability: 0.05),
///   PermeantIon(.chloride, inside: .millimolar(10), outside: .millimolar(110), relativePermeability: 0.45),
/// ], temperature: .celsius(37))
/// ```
///
/// - Throws: ``PhysicsError/notMonovalent(ion:valence:)`` for an ion with |z| ≠ 1,
///   ``PhysicsError/negative(parameter:value:unit:)`` for a negative permeability,
///   ``PhysicsError/noPermeantIon`` when no ion has a positive permeability, and the concentration and
///   temperature errors of ``nernstPotential(valence:inside:outside:temperature:)``.
/// - Complexity: O(*n*) in the number of ions.
public func ghkPotential(_ ions: [PermeantIon], temperature: Temperature) throws(PhysicsError) -> Voltage {
  try mullinsNodaPotential(ions, pumpCouplingRatio: 1, pumpedIons: [], temperature: temperature)
}

/// The Mullins–Noda form of the Goldman–Hodgkin–Katz equation, which adds the steady contribution of an
/// electrogenic pump that moves *r* ions of one kind for every ion of the other (3 Na⁺ out : 2 K⁺ in gives
/// *r* = 3/2):
///
///     Vm = (RT/F)·ln( (r·P_K[K]out + P_Na[Na]out + …) / (r·P_K[K]in + P_Na[Na]in + …) )
///
/// The ratio multiplies the terms of the pumped-in ion (K⁺ by default); other ions enter as in
/// ``ghkPotential(_:temperature:)``. With *r* = 1 the pump is electroneutral and the result is the plain
/// GHK potential. The pump makes the membrane more negative than the plain GHK potential.
///
/// - Parameters:
///   - ions: The permeant ions.
///   - pumpCouplingRatio: Ions pumped out per ion pumped in (*r*); 3:2 = 1.5 for the Na⁺/K⁺-ATPase.
///   - pumpedIons: Labels of the ions whose terms the ratio multiplies; by default `K+`.
///   - temperature: The absolute temperature.
/// - Throws: As ``ghkPotential(_:temperature:)``, and ``PhysicsError/nonPositive(parameter:value:unit:)`` for a
///   ratio that is not positive.
public func mullinsNodaPotential(
  _ ions: [PermeantIon], pumpCouplingRatio: Double = 1.5, pumpedIons: Set<String> = ["K+"],
  temperature: Temperature
) throws(PhysicsError) -> Voltage {
  try Check.positive(pumpCouplingRatio, "pump coupling ratio", unit: "")
  let rtOverF = try thermalVoltage(at: temperature)
  var numerator = 0.0
  var denominator = 0.0
  for ion in ions {
    guard abs(ion.valence) == 1 else { throw .notMonovalent(ion: ion.label, valence: ion.valence) }
    try Check.nonNegative(ion.relativePermeability, "permeability of \(ion.label)", unit: "")
    try Check.concentration(ion.inside, "inside \(ion.label)")
    try Check.concentration(ion.outside, "outside \(ion.label)")
    let p = ion.relativePermeability * (pumpedIons.contains(ion.label) ? pumpCouplingRatio : 1)
    if ion.valence > 0 {
      numerator += p * ion.outside.millimolar
      denominator += p * ion.inside.millimolar
    } else {
      numerator += p * ion.inside.millimolar
      denominator += p * ion.outside.millimolar
    }
  }
  guard numerator > 0, denominator > 0 else { throw .noPermeantIon }
  return .millivolts(rtOverF.millivolts * log(numerator / denominator))
}
