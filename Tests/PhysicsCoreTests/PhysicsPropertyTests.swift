import PhysicsCore
import PropertyBased
import Testing

/// Identities that must hold for every input in the physiological range (and well beyond it).
@Suite struct PhysicsPropertyTests {
  static let concentration = Gen.double(in: 1e-5...1000)
  static let celsius = Gen.double(in: -20...100)
  static let millivolts = Gen.double(in: -200...200)
  static let valence = Gen.int(in: 1...3)

  @Test func swappingInsideAndOutsideFlipsTheSign() async {
    await propertyCheck(input: Self.valence, Self.concentration, Self.concentration, Self.celsius) { z, a, b, t in
      let forward = try nernstPotential(
        valence: z, inside: .millimolar(a), outside: .millimolar(b), temperature: .celsius(t))
      let swapped = try nernstPotential(
        valence: z, inside: .millimolar(b), outside: .millimolar(a), temperature: .celsius(t))
      #expect(abs(forward.millivolts + swapped.millivolts) <= 1e-9 * max(1, abs(forward.millivolts)))
    }
  }

  @Test func negatingTheValenceFlipsTheSign() async {
    await propertyCheck(input: Self.valence, Self.concentration, Self.concentration) { z, a, b in
      let cation = try nernstPotential(valence: z, inside: .millimolar(a), outside: .millimolar(b), temperature: .body)
      let anion = try nernstPotential(valence: -z, inside: .millimolar(a), outside: .millimolar(b), temperature: .body)
      #expect(cation.millivolts == -anion.millivolts)
    }
  }

  @Test func ghkWithOnePermeantIonEqualsNernst() async {
    let sign = Gen.element(of: [1, -1]).compactMap { $0 }
    await propertyCheck(input: sign, Self.concentration, Self.concentration, Gen.double(in: 0.01...10)) { z, a, b, p in
      let ion = PermeantIon(
        label: "X", valence: z, inside: .millimolar(a), outside: .millimolar(b), relativePermeability: p)
      let other = PermeantIon(
        label: "Y", valence: -z, inside: .millimolar(5), outside: .millimolar(50),
        relativePermeability: 0)
      let ghk = try ghkPotential([ion, other], temperature: .body)
      let nernst = try nernstPotential(valence: z, inside: .millimolar(a), outside: .millimolar(b), temperature: .body)
      #expect(abs(ghk.millivolts - nernst.millivolts) <= 1e-9 * max(1, abs(nernst.millivolts)))
    }
  }

  @Test func freeEnergyEqualsZFTimesDrivingForce() async {
    let z = Gen.element(of: [-2, -1, 1, 2]).compactMap { $0 }
    await propertyCheck(input: z, Self.concentration, Self.concentration, Self.millivolts) { z, a, b, vm in
      let g = try electrochemicalFreeEnergy(
        valence: z, inside: .millimolar(a), outside: .millimolar(b),
        membranePotential: .millivolts(vm), temperature: .body)
      let e = try nernstPotential(valence: z, inside: .millimolar(a), outside: .millimolar(b), temperature: .body)
      let viaForce = try freeEnergy(
        valence: z,
        drivingForce: drivingForce(
          membranePotential: .millivolts(vm),
          equilibriumPotential: e))
      #expect(abs(g.joulesPerMole - viaForce.joulesPerMole) <= 1e-6 * max(1, abs(g.joulesPerMole)))
    }
  }

  @Test func drivingForceIsZeroAtTheEquilibriumPotential() async {
    await propertyCheck(input: Self.valence, Self.concentration, Self.concentration) { z, a, b in
      let e = try nernstPotential(valence: z, inside: .millimolar(a), outside: .millimolar(b), temperature: .body)
      let force = drivingForce(membranePotential: e, equilibriumPotential: e)
      #expect(force.millivolts == 0)
      #expect(netMovement(valence: z, drivingForce: force) == .none)
      #expect(try ohmicCurrent(conductance: .nanosiemens(5), drivingForce: force).picoamperes == 0)
    }
  }

  @Test func equilibriumPotentialIsProportionalToAbsoluteTemperature() async {
    await propertyCheck(
      input: Self.concentration, Self.concentration, Gen.double(in: 1...500), Gen.double(in: 0.1...10)
    ) {
      a, b, kelvin, factor in
      let e1 = try nernstPotential(
        valence: 1, inside: .millimolar(a), outside: .millimolar(b), temperature: .kelvin(kelvin))
      let e2 = try nernstPotential(
        valence: 1, inside: .millimolar(a), outside: .millimolar(b),
        temperature: .kelvin(kelvin * factor))
      #expect(abs(e2.millivolts - factor * e1.millivolts) <= 1e-9 * max(1, abs(e2.millivolts)))
    }
  }

  @Test func fractionalChangeScalesInverselyWithDiameterForASphere() async {
    await propertyCheck(input: Gen.double(in: 1...200), Gen.double(in: 1.5...4)) { d, k in
      let small = try capacitiveCharge(
        specificCapacitance: .biological, geometry: .sphere(diameter: .micrometres(d)),
        deltaV: .millivolts(100), valence: 1, inside: .millimolar(140))
      let large = try capacitiveCharge(
        specificCapacitance: .biological,
        geometry: .sphere(diameter: .micrometres(d * k)), deltaV: .millivolts(100),
        valence: 1, inside: .millimolar(140))
      // Area ∝ d², volume ∝ d³: the fraction goes as 1/d.
      let ratio = small.fractionalConcentrationChange / large.fractionalConcentrationChange
      #expect(abs(ratio - k) <= 1e-9 * k)
    }
  }
}
