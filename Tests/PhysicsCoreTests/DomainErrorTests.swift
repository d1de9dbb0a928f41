import PhysicsCore
import Testing

@Suite struct DomainErrorTests {
  @Test func nonPositiveConcentrationIsRejectedWithItsName() {
    #expect(throws: PhysicsError.nonPositiveConcentration(parameter: "inside", millimolar: 0)) {
      try nernstPotential(valence: 1, inside: .millimolar(0), outside: .millimolar(4), temperature: .body)
    }
    #expect(throws: PhysicsError.nonPositiveConcentration(parameter: "outside", millimolar: -4)) {
      try nernstPotential(valence: 1, inside: .millimolar(140), outside: .millimolar(-4), temperature: .body)
    }
  }

  @Test func zeroValenceIsRejectedWhereItDivides() {
    #expect(throws: PhysicsError.zeroValence(parameter: "valence")) {
      try nernstPotential(valence: 0, inside: .millimolar(1), outside: .millimolar(2), temperature: .body)
    }
    #expect(throws: PhysicsError.zeroValence(parameter: "valence")) {
      try capacitiveCharge(
        specificCapacitance: .biological, geometry: .sphere(diameter: .micrometres(10)),
        deltaV: .millivolts(10), valence: 0, inside: .millimolar(1))
    }
  }

  @Test(arguments: [0.0, -1.0, -300.0])
  func temperatureAtOrBelowAbsoluteZeroIsRejected(kelvin: Double) {
    #expect(throws: PhysicsError.temperatureNotAboveAbsoluteZero(kelvin: kelvin)) {
      try nernstPotential(valence: 1, inside: .millimolar(1), outside: .millimolar(2), temperature: .kelvin(kelvin))
    }
    #expect(throws: PhysicsError.temperatureNotAboveAbsoluteZero(kelvin: kelvin)) {
      try protonMotiveForce(
        membranePotential: .millivolts(-150), pHInside: 8, pHOutside: 7, temperature: .kelvin(kelvin))
    }
  }

  @Test func nonFiniteInputsAreRejected() {
    #expect(throws: PhysicsError.self) {
      try nernstPotential(valence: 1, inside: .millimolar(.nan), outside: .millimolar(2), temperature: .body)
    }
    #expect(throws: PhysicsError.nonFinite(parameter: "temperature", value: .infinity)) {
      try thermalVoltage(at: .kelvin(.infinity))
    }
    #expect(throws: PhysicsError.nonFinite(parameter: "voltage change", value: -.infinity)) {
      try capacitiveCharge(
        specificCapacitance: .biological, geometry: .sphere(diameter: .micrometres(10)),
        deltaV: .millivolts(-.infinity), valence: 1, inside: .millimolar(1))
    }
    #expect(throws: PhysicsError.nonFinite(parameter: "membrane potential", value: .infinity)) {
      try electrochemicalFreeEnergy(
        valence: 1, inside: .millimolar(1), outside: .millimolar(1),
        membranePotential: .millivolts(.infinity), temperature: .body)
    }
    #expect(throws: PhysicsError.nonFinite(parameter: "pH inside", value: .infinity)) {
      try protonMotiveForce(membranePotential: .millivolts(0), pHInside: .infinity, pHOutside: 7, temperature: .body)
    }
    #expect(throws: PhysicsError.nonFinite(parameter: "surface potential", value: .infinity)) {
      try surfaceConcentration(
        bulk: .millimolar(1), valence: 1, surfacePotential: .millivolts(.infinity),
        temperature: .body)
    }
  }

  @Test func geometryAndCapacitanceMustBePositive() {
    #expect(throws: PhysicsError.nonPositive(parameter: "diameter", value: 0, unit: "µm")) {
      try capacitiveCharge(
        specificCapacitance: .biological, geometry: .sphere(diameter: .micrometres(0)),
        deltaV: .millivolts(10), valence: 1, inside: .millimolar(1))
    }
    #expect(throws: PhysicsError.nonPositive(parameter: "length", value: -5, unit: "µm")) {
      try capacitiveCharge(
        specificCapacitance: .biological,
        geometry: .cylinder(diameter: .micrometres(1), length: .micrometres(-5)),
        deltaV: .millivolts(10), valence: 1, inside: .millimolar(1))
    }
    #expect(throws: PhysicsError.nonPositive(parameter: "specific capacitance", value: 0, unit: "µF/cm²")) {
      try capacitiveCharge(
        specificCapacitance: .microfaradsPerSquareCentimetre(0),
        geometry: .sphere(diameter: .micrometres(10)), deltaV: .millivolts(10), valence: 1,
        inside: .millimolar(1))
    }
  }

  @Test func negativeConductanceIsRejected() {
    #expect(throws: PhysicsError.negative(parameter: "conductance", value: -1, unit: "nS")) {
      try ohmicCurrent(conductance: .nanosiemens(-1), drivingForce: .millivolts(10))
    }
  }

  @Test func ghkRejectsDivalentIonsNegativePermeabilityAndNoPermeantIon() {
    let k = PermeantIon(.potassium, inside: .millimolar(140), outside: .millimolar(4), relativePermeability: 1)
    let ca = PermeantIon(.calcium, inside: .millimolar(0.0001), outside: .millimolar(2), relativePermeability: 1)
    #expect(throws: PhysicsError.notMonovalent(ion: "Ca2+", valence: 2)) {
      try ghkPotential([k, ca], temperature: .body)
    }
    var negative = k
    negative.relativePermeability = -1
    #expect(throws: PhysicsError.negative(parameter: "permeability of K+", value: -1, unit: "")) {
      try ghkPotential([negative], temperature: .body)
    }
    var closed = k
    closed.relativePermeability = 0
    #expect(throws: PhysicsError.noPermeantIon) { try ghkPotential([closed], temperature: .body) }
    #expect(throws: PhysicsError.noPermeantIon) { try ghkPotential([], temperature: .body) }
  }

  @Test func messagesNameTheParameterAndQuoteTheValue() {
    #expect(
      PhysicsError.nonPositiveConcentration(parameter: "inside", millimolar: 0).description
        == "inside concentration must be positive, got 0 mM")
    #expect(
      PhysicsError.temperatureNotAboveAbsoluteZero(kelvin: -1).description
        == "temperature must be above absolute zero, got -1 K (-274.15 °C)")
    #expect(
      PhysicsError.negative(parameter: "permeability of K+", value: -1, unit: "").description
        == "permeability of K+ must not be negative, got -1")
    #expect(
      PhysicsError.nonPositive(parameter: "diameter", value: 0, unit: "µm").description
        == "diameter must be positive, got 0 µm")
    #expect(
      PhysicsError.notMonovalent(ion: "Ca2+", valence: 2).description
        == "the Goldman–Hodgkin–Katz voltage equation here takes monovalent ions only; Ca2+ has valence 2")
  }
}
