import PhysicsCore
import Testing

@Suite struct DrivingForceTests {
  @Test func drivingForceIsMembranePotentialMinusEquilibriumPotential() {
    let force = drivingForce(membranePotential: .millivolts(-70), equilibriumPotential: .millivolts(61))
    #expect(force.millivolts == -131)
  }

  @Test(arguments: [
    // valence, Vm, E, movement, current — the four textbook cases plus equilibrium
    (1, -70.0, 60.0, IonMovement.influx, CurrentDirection.inward),  // Na⁺ enters: inward current
    (1, -70.0, -95.0, IonMovement.efflux, CurrentDirection.outward),  // K⁺ leaves: outward current
    (-1, -70.0, -65.0, IonMovement.efflux, CurrentDirection.inward),  // Cl⁻ leaves: inward current
    (-1, -50.0, -65.0, IonMovement.influx, CurrentDirection.outward),  // Cl⁻ enters: outward current
    (2, -70.0, 130.0, IonMovement.influx, CurrentDirection.inward),  // Ca²⁺ enters
    (1, -95.0, -95.0, IonMovement.none, CurrentDirection.none),  // at equilibrium
  ])
  func directionFollowsTheSignOfValenceTimesDrivingForce(
    valence: Int, vm: Double, e: Double, movement: IonMovement, current: CurrentDirection
  ) {
    let force = drivingForce(membranePotential: .millivolts(vm), equilibriumPotential: .millivolts(e))
    #expect(netMovement(valence: valence, drivingForce: force) == movement)
    #expect(currentDirection(drivingForce: force) == current)
  }

  @Test func toleranceBandCountsAsNoMovement() {
    let force = Voltage.millivolts(0.3)
    #expect(netMovement(valence: 1, drivingForce: force, tolerance: .millivolts(0.5)) == .none)
    #expect(currentDirection(drivingForce: force, tolerance: .millivolts(0.5)) == .none)
    #expect(netMovement(valence: 1, drivingForce: force) == .efflux)
  }

  @Test func ohmicCurrentIsConductanceTimesDrivingForceInPicoamperes() throws {
    // 10 nS × (−70 − 61) mV = −1310 pA: an inward sodium current.
    let current = try ohmicCurrent(conductance: .nanosiemens(10), drivingForce: .millivolts(-131))
    #expect(current.picoamperes == -1310)
    #expect(abs(current.amperes - -1.31e-9) < 1e-24)
  }
}
