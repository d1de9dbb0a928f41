import PhysicsCore
import Testing

@Suite struct PhysicalConstantsTests {
  @Test func definingConstantsAreTheExactSI2019Values() {
    #expect(PhysicalConstants.elementaryCharge == 1.602176634e-19)
    #expect(PhysicalConstants.avogadro == 6.02214076e23)
    #expect(PhysicalConstants.boltzmann == 1.380649e-23)
  }

  @Test func gasAndFaradayConstantsMatchCODATA() {
    // CODATA 2018: R = 8.314 462 618... J/(mol K), F = 96 485.332 12... C/mol (both exact products).
    #expect(abs(PhysicalConstants.gasConstant - 8.314_462_618_153_24) < 1e-12)
    #expect(abs(PhysicalConstants.faraday - 96_485.332_123_310_01) < 1e-8)
  }

  @Test func thermalVoltageAtBodyTemperatureIsAbout26point7Millivolts() throws {
    #expect(abs(try thermalVoltage(at: .celsius(37)).millivolts - 26.726_659_112_543_267) < 1e-9)
    #expect(abs(try thermalVoltage(at: .celsius(25)).millivolts - 25.692_579_121_085_842) < 1e-9)
  }

  @Test func temperatureConvertsBetweenCelsiusAndKelvin() {
    #expect(Temperature.celsius(37).kelvin == 310.15)
    #expect(Temperature.kelvin(273.15).celsius == 0)
  }
}
