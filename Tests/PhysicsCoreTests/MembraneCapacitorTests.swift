import PhysicsCore
import Testing

@Suite struct MembraneCapacitorTests {
  @Test func hundredMillivoltStepInA50MicrometreCellMovesAboutOnePartIn100000() throws {
    let step = try capacitiveCharge(
      specificCapacitance: .biological, geometry: .sphere(diameter: .micrometres(50)),
      deltaV: .millivolts(100), valence: 1, inside: .millimolar(140))
    // Independent values: A = π d², C = 0.01 F/m² · A, Q = C·0.1 V, n = Q/e, mol = Q/F, V = π d³/6.
    #expect(abs(step.charge.picocoulombs - 7.853_981_633_974_484) < 1e-12)
    #expect(abs(step.ions - 49_020_697.639_099_91) < 1e-3)
    #expect(abs(step.moles - 8.140_078_352_984_216e-17) < 1e-28)
    #expect(abs(step.fractionalConcentrationChange - 8.883_659_705_367_578e-6) < 1e-18)
    // The textbook point: of the order of 10⁻⁵.
    #expect((1e-6...1e-4).contains(step.fractionalConcentrationChange))
  }

  @Test func cylinderUsesLateralAreaAndCrossSectionVolume() throws {
    let axon = CellGeometry.cylinder(diameter: .micrometres(1), length: .micrometres(1000))
    let step = try capacitiveCharge(
      specificCapacitance: .biological, geometry: axon, deltaV: .millivolts(100),
      valence: 1, inside: .millimolar(140))
    #expect(abs(step.charge.picocoulombs - 3.141_592_653_589_793) < 1e-12)
    #expect(abs(step.fractionalConcentrationChange - 2.961_219_901_789_192_7e-4) < 1e-15)
  }

  @Test func divalentIonsAreHalfAsMany() throws {
    let geometry = CellGeometry.sphere(diameter: .micrometres(20))
    let mono = try capacitiveCharge(
      specificCapacitance: .biological, geometry: geometry, deltaV: .millivolts(50),
      valence: 1, inside: .millimolar(1))
    let di = try capacitiveCharge(
      specificCapacitance: .biological, geometry: geometry, deltaV: .millivolts(50),
      valence: 2, inside: .millimolar(1))
    #expect(abs(di.ions * 2 - mono.ions) < 1e-6 * mono.ions)
    #expect(di.charge == mono.charge)
  }

  @Test func chargeHasTheSignOfTheVoltageStepAndIonsAreCounted() throws {
    let down = try capacitiveCharge(
      specificCapacitance: .biological, geometry: .sphere(diameter: .micrometres(10)),
      deltaV: .millivolts(-20), valence: 1, inside: .millimolar(10))
    #expect(down.charge.coulombs < 0)
    #expect(down.ions > 0)
  }

  @Test func sphereAreaAndVolume() {
    let cell = CellGeometry.sphere(diameter: .micrometres(2))
    #expect(abs(cell.areaSquareMicrometres - 4 * Double.pi) < 1e-9)
    #expect(abs(cell.volumeCubicMicrometres - 4 * Double.pi / 3) < 1e-9)
  }
}
