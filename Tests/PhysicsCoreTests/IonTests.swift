import PhysicsCore
import Testing

@Suite struct IonTests {
  @Test(arguments: [
    ("K+", Ion.potassium), ("k", .potassium), ("potassium", .potassium), ("K⁺", .potassium),
    ("Na+", .sodium), ("Cl-", .chloride), ("Cl−", .chloride), ("chloride", .chloride),
    ("Ca2+", .calcium), ("Ca++", .calcium), ("Ca+2", .calcium), ("Ca²⁺", .calcium),
    ("Mg2+", .magnesium), ("H+", .proton), ("proton", .proton), ("HCO3-", .bicarbonate), ("HCO₃⁻", .bicarbonate),
  ])
  func lookupAcceptsCommonSpellings(text: String, ion: Ion) {
    #expect(Ion(symbol: text) == ion)
  }

  @Test(arguments: ["Q+", "", "K2+", "Cl+", "sodiu"])
  func lookupRejectsUnknownOrWrongChargeSpellings(text: String) {
    #expect(Ion(symbol: text) == nil)
  }

  @Test func tableHasTheSevenIonsWithTheirCharges() {
    #expect(Ion.all.map(\.symbol) == ["K+", "Na+", "Ca2+", "Mg2+", "H+", "Cl-", "HCO3-"])
    #expect(Ion.all.map(\.valence) == [1, 1, 2, 2, 1, -1, -1])
  }

  @Test func displayNamesUseSuperscriptsAndSubscripts() {
    #expect(Ion.all.map(\.displayName) == ["K⁺", "Na⁺", "Ca²⁺", "Mg²⁺", "H⁺", "Cl⁻", "HCO₃⁻"])
  }

  @Test func presetsGiveRealisticGradients() throws {
    for preset in IonPreset.all {
      let k = try #require(preset.concentrations[.potassium])
      let na = try #require(preset.concentrations[.sodium])
      let cl = try #require(preset.concentrations[.chloride])
      let ca = try #require(preset.concentrations[.calcium])
      #expect(k.inside > k.outside, "K⁺ is concentrated inside in \(preset.name)")
      #expect(na.outside > na.inside, "Na⁺ is concentrated outside in \(preset.name)")
      #expect(cl.outside > cl.inside, "Cl⁻ is concentrated outside in \(preset.name)")
      #expect(ca.outside.millimolar / ca.inside.millimolar > 1000, "Ca²⁺ gradient is >1000-fold in \(preset.name)")
      #expect(!preset.source.isEmpty)
      #expect(IonPreset.named(preset.id) == preset)
    }
  }

  @Test func squidPresetHasHodgkinKatzNumbers() throws {
    let squid = IonPreset.squidGiantAxon
    #expect(squid.concentrations[.potassium] == ConcentrationPair(insideMillimolar: 400, outsideMillimolar: 20))
    #expect(squid.concentrations[.sodium] == ConcentrationPair(insideMillimolar: 50, outsideMillimolar: 440))
    #expect(squid.relativePermeabilities[.sodium] == 0.04)
  }
}
