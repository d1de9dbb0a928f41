import PhysicsCore
import Testing

/// Reference values are computed independently from the exact SI constants (R = N_A·k_B, F = N_A·e) with
/// a separate script, and agree with the textbook figures quoted beside them.
@Suite struct NernstTests {
  @Test(arguments: [
    // ion, inside, outside, °C, expected mV (textbook figure)
    (Ion.potassium, 140.0, 4.0, 37.0, -95.022_575_665_869_07),  // E_K ≈ −95 mV
    (Ion.sodium, 12.0, 145.0, 37.0, 66.598_213_272_190_58),  // E_Na ≈ +67 mV
    (Ion.calcium, 0.0001, 2.0, 37.0, 132.343_567_920_974_24),  // E_Ca ≈ +130 mV (z = 2 halves the slope)
    (Ion.chloride, 10.0, 110.0, 37.0, -64.087_729_543_661),  // E_Cl ≈ −64 mV (z = −1 flips the sign)
  ])
  func equilibriumPotentialMatchesIndependentValue(
    ion: Ion, inside: Double, outside: Double, celsius: Double,
    expected: Double
  ) throws {
    let e = try nernstPotential(
      of: ion, inside: .millimolar(inside), outside: .millimolar(outside),
      temperature: .celsius(celsius))
    #expect(abs(e.millivolts - expected) < 1e-9)
  }

  @Test func potassiumAt140Over4mMIsMinus95Millivolts() throws {
    let e = try nernstPotential(valence: 1, inside: .millimolar(140), outside: .millimolar(4), temperature: .body)
    #expect((-95.1 ... -94.9).contains(e.millivolts))
  }

  @Test func tenfoldGradientGivesAbout58MillivoltsAt20Celsius() throws {
    // The "58 mV per decade" rule of thumb at room temperature (61.5 mV at 37 °C).
    let e = try nernstPotential(valence: 1, inside: .millimolar(1), outside: .millimolar(10), temperature: .room)
    #expect(abs(e.millivolts - 58.17) < 0.01)
  }

  @Test func equalConcentrationsGiveZero() throws {
    let e = try nernstPotential(valence: 2, inside: .millimolar(3), outside: .millimolar(3), temperature: .body)
    #expect(e.millivolts == 0)
  }
}
