/// A physical input outside the domain of a formula.
///
/// Every case names the parameter it is about and quotes the offending value, so a caller can pass the
/// message straight on to a person:
///
/// ```swift
/// do { _ = try nernstPotential(valence: 1, inside: .millimolar(0), outside: .millimolar(4), temperature: .celsius(37)) }
/// catch { print(error) } // "inside concentration must be positive, got 0 mM"
/// ```
public enum PhysicsError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A concentration that is zero or negative where a logarithm or a ratio needs a positive one.
  case nonPositiveConcentration(parameter: String, millimolar: Double)
  /// A valence of zero where the formula divides by it.
  case zeroValence(parameter: String)
  /// A temperature at or below absolute zero.
  case temperatureNotAboveAbsoluteZero(kelvin: Double)
  /// A NaN or an infinity.
  case nonFinite(parameter: String, value: Double)
  /// A length, capacitance or other size that must be strictly positive.
  case nonPositive(parameter: String, value: Double, unit: String)
  /// A quantity that must not be negative (a permeability, a conductance).
  case negative(parameter: String, value: Double, unit: String)
  /// An ion of valence other than ±1 given to the monovalent Goldman–Hodgkin–Katz voltage equation.
  case notMonovalent(ion: String, valence: Int)
  /// A Goldman–Hodgkin–Katz calculation with no permeant ion (all permeabilities zero, or no ions).
  case noPermeantIon

  public var description: String {
    switch self {
    case .nonPositiveConcentration(let parameter, let value):
      "\(parameter) concentration must be positive, got \(Self.format(value)) mM"
    case .zeroValence(let parameter):
      "\(parameter) must not be zero: the formula divides by the valence"
    case .temperatureNotAboveAbsoluteZero(let kelvin):
      "temperature must be above absolute zero, got \(Self.format(kelvin)) K (\(Self.format(kelvin - PhysicalConstants.zeroCelsiusInKelvin)) °C)"
    case .nonFinite(let parameter, let value):
      "\(parameter) must be a finite number, got \(value)"
    case .nonPositive(let parameter, let value, let unit):
      "\(parameter) must be positive, got \(Self.format(value))\(unit.isEmpty ? "" : " " + unit)"
    case .negative(let parameter, let value, let unit):
      "\(parameter) must not be negative, got \(Self.format(value))\(unit.isEmpty ? "" : " " + unit)"
    case .notMonovalent(let ion, let valence):
      "the Goldman–Hodgkin–Katz voltage equation here takes monovalent ions only; \(ion) has valence \(valence)"
    case .noPermeantIon:
      "the Goldman–Hodgkin–Katz equation needs at least one ion with a positive permeability"
    }
  }

  private static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
  }
}

/// Checks shared by the formulas; each throws the matching ``PhysicsError``.
///
/// Parameter names are autoclosures: the formulas run millions of times while drawing quizzes, and the name is
/// only needed for an error.
enum Check {
  static func finite(_ value: Double, _ parameter: @autoclosure () -> String) throws(PhysicsError) {
    guard value.isFinite else { throw .nonFinite(parameter: parameter(), value: value) }
  }

  static func concentration(_ c: Concentration, _ parameter: @autoclosure () -> String) throws(PhysicsError) {
    guard c.millimolar.isFinite else {
      throw .nonFinite(parameter: "\(parameter()) concentration", value: c.millimolar)
    }
    guard c.millimolar > 0 else { throw .nonPositiveConcentration(parameter: parameter(), millimolar: c.millimolar) }
  }

  static func temperature(_ t: Temperature) throws(PhysicsError) {
    try finite(t.kelvin, "temperature")
    guard t.kelvin > 0 else { throw .temperatureNotAboveAbsoluteZero(kelvin: t.kelvin) }
  }

  static func valence(_ z: Int, _ parameter: String = "valence") throws(PhysicsError) {
    guard z != 0 else { throw .zeroValence(parameter: parameter) }
  }

  static func positive(_ value: Double, _ parameter: @autoclosure () -> String, unit: String) throws(PhysicsError) {
    try finite(value, parameter())
    guard value > 0 else { throw .nonPositive(parameter: parameter(), value: value, unit: unit) }
  }

  static func nonNegative(_ value: Double, _ parameter: @autoclosure () -> String, unit: String) throws(PhysicsError) {
    try finite(value, parameter())
    guard value >= 0 else { throw .negative(parameter: parameter(), value: value, unit: unit) }
  }
}
