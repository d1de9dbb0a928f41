import PhysicsCore
import Testing

@Suite struct GoldmanHodgkinKatzTests {
  @Test func squidGiantAxonRestsNearMinus62Millivolts() throws {
    // Hodgkin & Katz (1949): P_K : P_Na : P_Cl = 1 : 0.04 : 0.45; textbooks quote about −60 to −65 mV.
    let squid = IonPreset.squidGiantAxon
    let ions = try [Ion.potassium, .sodium, .chloride].map { ion in
      let pair = try #require(squid.concentrations[ion])
      return PermeantIon(
        ion, inside: pair.inside, outside: pair.outside,
        relativePermeability: try #require(squid.relativePermeabilities[ion]))
    }
    let vm = try ghkPotential(ions, temperature: .celsius(20))
    #expect(abs(vm.millivolts - -62.268_205_113_096_34) < 1e-9)
  }

  @Test func mammalianNeuronExampleGivesMinus66point6Millivolts() throws {
    let vm = try ghkPotential(neuron(k: 1, na: 0.05, cl: 0.45), temperature: .body)
    #expect(abs(vm.millivolts - -66.589_434_602_670_85) < 1e-9)
  }

  @Test func restingPotentialLiesBetweenTheIonsEquilibriumPotentials() throws {
    let vm = try ghkPotential(neuron(k: 1, na: 0.05, cl: 0.45), temperature: .body)
    let eK = try nernstPotential(of: .potassium, inside: .millimolar(140), outside: .millimolar(4), temperature: .body)
    let eNa = try nernstPotential(of: .sodium, inside: .millimolar(15), outside: .millimolar(145), temperature: .body)
    #expect(eK < vm && vm < eNa)
  }

  @Test func impermeantIonsDoNotContribute() throws {
    let withZero = try ghkPotential(neuron(k: 1, na: 0.05, cl: 0), temperature: .body)
    let without = try ghkPotential(Array(neuron(k: 1, na: 0.05, cl: 0).prefix(2)), temperature: .body)
    #expect(withZero == without)
  }

  @Test func mullinsNodaWithThreeToTwoPumpHyperpolarizes() throws {
    let ions = Array(neuron(k: 1, na: 0.05, cl: 0).prefix(2))
    let plain = try ghkPotential(ions, temperature: .body)
    let pumped = try mullinsNodaPotential(ions, pumpCouplingRatio: 1.5, temperature: .body)
    #expect(abs(plain.millivolts - -67.528_034_965_107_74) < 1e-9)
    #expect(abs(pumped.millivolts - -73.943_980_788_188_53) < 1e-9)
  }

  @Test func mullinsNodaWithRatioOneIsPlainGHK() throws {
    let ions = neuron(k: 1, na: 0.05, cl: 0.45)
    #expect(
      try mullinsNodaPotential(ions, pumpCouplingRatio: 1, temperature: .body)
        == ghkPotential(ions, temperature: .body))
  }

  private func neuron(k: Double, na: Double, cl: Double) -> [PermeantIon] {
    [
      PermeantIon(.potassium, inside: .millimolar(140), outside: .millimolar(4), relativePermeability: k),
      PermeantIon(.sodium, inside: .millimolar(15), outside: .millimolar(145), relativePermeability: na),
      PermeantIon(.chloride, inside: .millimolar(10), outside: .millimolar(110), relativePermeability: cl),
    ]
  }
}
