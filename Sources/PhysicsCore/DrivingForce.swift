/// The direction in which an ion moves, net, across the membrane.
public enum IonMovement: String, Hashable, Sendable, CaseIterable {
  /// Net movement into the cell.
  case influx
  /// Net movement out of the cell.
  case efflux
  /// No net movement: the membrane sits at the ion's equilibrium potential.
  case none
}

/// The direction of a membrane current in the physiological convention (outward positive).
public enum CurrentDirection: String, Hashable, Sendable, CaseIterable {
  /// Positive charge leaving the cell (or negative charge entering): an outward current.
  case outward
  /// Positive charge entering the cell (or negative charge leaving): an inward current.
  case inward
  /// No net current.
  case none
}

/// The electrochemical driving force on an ion, *V*m − *E*.
///
/// Its sign, together with the ion's charge, gives the direction of net movement
/// (``netMovement(valence:drivingForce:)``) and of the current (``currentDirection(drivingForce:)``).
///
/// ```swift
/// drivingForce(membranePotential: .millivolts(-70), equilibriumPotential: .millivolts(61)).millivolts // −131
/// ```
public func drivingForce(membranePotential: Voltage, equilibriumPotential: Voltage) -> Voltage {
  membranePotential - equilibriumPotential
}

/// The direction of net movement of an ion of valence *z* under driving force *V*m − *E*.
///
/// A positive *z*·(*V*m − *E*) pushes the ion out of the cell (efflux), a negative one pulls it in (influx):
/// K⁺ at −70 mV with *E*_K = −95 mV leaves the cell; Cl⁻ at −70 mV with *E*_Cl = −65 mV leaves it too.
///
/// - Parameter tolerance: A band around zero, in mV, inside which the result is ``IonMovement/none``.
public func netMovement(valence: Int, drivingForce: Voltage, tolerance: Voltage = .millivolts(0)) -> IonMovement {
  if valence == 0 || abs(drivingForce.millivolts) <= abs(tolerance.millivolts) { return .none }
  return (valence > 0) == (drivingForce.millivolts > 0) ? .efflux : .influx
}

/// The direction of the current an ion carries under driving force *V*m − *E*, outward positive.
///
/// *I* = *g*·(*V*m − *E*) with *g* ≥ 0 has the sign of the driving force whatever the ion's charge: an anion
/// leaving the cell carries an inward current.
///
/// - Parameter tolerance: A band around zero, in mV, inside which the result is ``CurrentDirection/none``.
public func currentDirection(drivingForce: Voltage, tolerance: Voltage = .millivolts(0)) -> CurrentDirection {
  if abs(drivingForce.millivolts) <= abs(tolerance.millivolts) { return .none }
  return drivingForce.millivolts > 0 ? .outward : .inward
}

/// The ohmic ionic current *I* = *g*·(*V*m − *E*), outward positive. nS × mV = pA.
///
/// ```swift
/// try ohmicCurrent(conductance: .nanosiemens(10), drivingForce: .millivolts(-131)).picoamperes // −1310
/// ```
///
/// - Throws: ``PhysicsError/negative(parameter:value:unit:)`` for a negative conductance and
///   ``PhysicsError/nonFinite(parameter:value:)`` for a non-finite input.
public func ohmicCurrent(conductance: Conductance, drivingForce: Voltage) throws(PhysicsError) -> Current {
  try Check.nonNegative(conductance.nanosiemens, "conductance", unit: "nS")
  try Check.finite(drivingForce.millivolts, "driving force")
  return Current(picoamperes: conductance.nanosiemens * drivingForce.millivolts)
}
