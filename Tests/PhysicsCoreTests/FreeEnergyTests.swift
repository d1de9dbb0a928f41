import PhysicsCore
import Testing

@Suite struct FreeEnergyTests {
  @Test func sodiumEntryAtRestIsDownhillBy13KilojoulesPerMole() throws {
    let g = try electrochemicalFreeEnergy(
      valence: 1, inside: .millimolar(12), outside: .millimolar(145),
      membranePotential: .millivolts(-70), temperature: .body)
    #expect(abs(g.kilojoulesPerMole - -13.179_723_975_018_042) < 1e-9)
  }

  @Test func neutralSoluteFeelsOnlyItsConcentrationGradient() throws {
    let g = try electrochemicalFreeEnergy(
      valence: 0, inside: .millimolar(1), outside: .millimolar(10),
      membranePotential: .millivolts(-70), temperature: .body)
    // RT·ln(1/10) at 310.15 K.
    #expect(abs(g.joulesPerMole - 8.314_462_618_153_24 * 310.15 * -2.302_585_092_994_046) < 1e-6)
  }

  @Test func freeEnergyFromDrivingForceIsZFTimesDrivingForce() throws {
    let g = try freeEnergy(valence: 2, drivingForce: .millivolts(-200))
    #expect(abs(g.joulesPerMole - 2 * 96_485.332_123_310_01 * -0.2) < 1e-6)
  }
}

@Suite struct ProtonMotiveForceTests {
  @Test func mitochondrionWithMinus150mVAndAlkalineMatrix() throws {
    let pmf = try protonMotiveForce(
      membranePotential: .millivolts(-150), pHInside: 8.0, pHOutside: 7.25,
      temperature: .body)
    #expect(abs(pmf.total.millivolts - -196.155_305_143_556_7) < 1e-9)
    #expect(abs(pmf.freeEnergyPerMoleOfProtons.kilojoulesPerMole - -18.926_109_764_525_286) < 1e-9)
    #expect(pmf.electrical.millivolts == -150)
  }

  @Test func equalPHLeavesOnlyTheElectricalPart() throws {
    let pmf = try protonMotiveForce(
      membranePotential: .millivolts(-120), pHInside: 7, pHOutside: 7,
      temperature: .body)
    #expect(pmf.total.millivolts == -120)
  }

  @Test func onePHUnitIsWorthAbout59MillivoltsAt25Celsius() throws {
    let pmf = try protonMotiveForce(
      membranePotential: .millivolts(0), pHInside: 8, pHOutside: 7,
      temperature: .celsius(25))
    #expect(abs(pmf.chemical.millivolts - -59.16) < 0.01)
  }
}

@Suite struct SurfacePotentialTests {
  @Test func negativeSurfaceConcentratesCationsAndDepletesAnions() throws {
    let na = try surfaceConcentration(
      bulk: .millimolar(145), valence: 1, surfacePotential: .millivolts(-30),
      temperature: .body)
    let cl = try surfaceConcentration(
      bulk: .millimolar(110), valence: -1, surfacePotential: .millivolts(-30),
      temperature: .body)
    #expect(abs(na.millimolar - 445.505_009_807_945_44) < 1e-9)
    #expect(abs(cl.millimolar - 35.802_066_528_670_35) < 1e-9)
  }

  @Test func zeroSurfacePotentialLeavesBulkConcentration() throws {
    let c = try surfaceConcentration(
      bulk: .millimolar(2), valence: 2, surfacePotential: .millivolts(0),
      temperature: .body)
    #expect(c.millimolar == 2)
  }
}
