import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

/// The physiologist's audit of the library, one test per defect: keys accept every standard method, named
/// mistakes are never marked right, ranges are realistic, and nothing gives the answer away. Values are
/// recomputed here from the parameters as displayed, with constants typed in, not with PhysicsCore.
@Suite struct TeachingDefectTests {
  static let library = try! TemplateLibrary.load(from: packageRoot.appendingPathComponent("Templates"))
  static let r = 8.314462618153, f = 96485.33212331

  static func variants(_ id: String, count: Int = 300) throws -> [Variant] {
    let template = try #require(library[id])
    return try (0..<count).map { try template.drawVariant(seed: UInt64($0) &* 0x9E37_79B9 &+ 17, id: "\(id)-\($0)") }
  }

  static func nernst(_ z: Double, _ inside: Double, _ outside: Double, _ celsius: Double) -> Double {
    r * (celsius + 273.15) / (z * f) * log(outside / inside) * 1000
  }

  /// Rounded to whole mV or to 3 significant figures (the key's display), whichever is coarser.
  static func roundings(_ x: Double) -> [Double] {
    [x.rounded(), Double(NumberFormat.significantFigures(3).string(x).replacingOccurrences(of: "−", with: "-"))!]
  }

  // MARK: - A correct method marked wrong

  @Test func reversalPotentialAcceptsTheNernstPotentialWithTheNewBath() throws {
    for v in try Self.variants("reversal-potential") {
      func p(_ n: String) -> Double { v.parameter(n)!.number! }
      let target = v.parameter("target")!.display
      let z: Double = target == "Cl" ? -1 : 1
      let pipette = p("\(target)_pip")
      let bath = p("\(target)_bath")
      let factor = v.parameter("change")!.display == "raised" ? p("factor") : 1 / p("factor")
      let fresh = Self.nernst(z, pipette, bath * factor, p("temperature_C"))
      let key = try #require(v.answer("E2")?.numeric)
      for value in [fresh, fresh.rounded()] {
        #expect(key.accepts(value), "\(v.stem): \(value) refused, key \(key.value)")
      }
    }
  }

  @Test func pumpDepolarizationAcceptsPotentialsRoundedToWholeMillivolts() throws {
    for v in try Self.variants("electrogenic-pump") {
      func p(_ n: String) -> Double { v.parameter(n)!.number! }
      let rt = Self.r * (p("temperature_C") + 273.15) / Self.f * 1000
      func vm(_ ratio: Double) -> Double {
        rt
          * log(
            (ratio * p("pK") * p("K_out") + p("pNa") * p("Na_out"))
              / (ratio * p("pK") * p("K_in") + p("pNa") * p("Na_in")))
      }
      let key = try #require(v.answer("depolarization")?.numeric)
      #expect(try #require(v.answer("Vm")?.numeric).accepts(vm(1.5).rounded()))
      for (block, pump) in zip(Self.roundings(vm(1)), Self.roundings(vm(1.5))) {
        #expect(key.accepts(block - pump), "\(block) − \(pump) refused; key \(key.value)")
      }
    }
  }

  @Test func potassiumShiftAcceptsPotentialsRoundedToWholeMillivolts() throws {
    for v in try Self.variants("potassium-elevation") {
      func p(_ n: String) -> Double { v.parameter(n)!.number! }
      let new = Self.nernst(1, p("K_in"), p("K_new"), 37)
      let normal = Self.nernst(1, p("K_in"), p("K_normal"), 37)
      let key = try #require(v.answer("shift")?.numeric)
      for (a, b) in zip(Self.roundings(new), Self.roundings(normal)) { #expect(key.accepts(a - b)) }
    }
  }

  @Test func drivingForceAcceptsTheEquilibriumPotentialRoundedToWholeMillivolts() throws {
    for v in try Self.variants("driving-force") {
      func p(_ n: String) -> Double { v.parameter(n)!.number! }
      let e = Self.nernst(p("z"), p("inside_mM"), p("outside_mM"), p("temperature_C"))
      let key = try #require(v.answer("driving_force")?.numeric)
      for rounded in Self.roundings(e) { #expect(key.accepts(p("Vm_mV") - rounded)) }
    }
  }

  @Test func protonMotiveForceLaterPartsAcceptDeltaPRoundedToWholeMillivolts() throws {
    for v in try Self.variants("proton-motive-force", count: 150) {
      func p(_ n: String) -> Double { v.parameter(n)!.number! }
      let t = p("temperature_C")
      let dp = p("dpsi_mV") - log(10) * Self.r * (t + 273.15) / Self.f * 1000 * (p("pH_in") - p("pH_out"))
      for rounded in Self.roundings(dp) {
        let dG = Self.f * rounded / 1e6
        #expect(try #require(v.answer("dG")?.numeric).accepts(dG))
        #expect(try #require(v.answer("n")?.numeric).accepts(p("dG_ATP") / abs(dG)))
      }
    }
  }

  @Test func ghkWeightedAverageOfNernstPotentialsIsNeverAccepted() throws {
    for v in try Self.variants("ghk-resting-potential", count: 1500) {
      func p(_ n: String) -> Double { v.parameter(n)!.number! }
      let t = p("temperature_C")
      let average =
        (p("pK") * Self.nernst(1, p("K_in"), p("K_out"), t) + p("pNa") * Self.nernst(1, p("Na_in"), p("Na_out"), t)
          + p("pCl") * Self.nernst(-1, p("Cl_in"), p("Cl_out"), t)) / (p("pK") + p("pNa") + p("pCl"))
      #expect(try !#require(v.answer("Vm")?.numeric).accepts(average), "\(v.stem)")
    }
  }

  // MARK: - Physiology

  @Test func chargePerVoltageIsCarriedByNaAtItsCytosolicConcentration() throws {
    for v in try Self.variants("charge-per-voltage", count: 100) {
      #expect(v.stem.contains("Na⁺"))
      #expect((5...15).contains(v.parameter("inside_mM")!.number!))
      #expect((90...110).contains(v.parameter("delta_V_mV")!.number!))
      let charge = try #require(v.answer("charge_pC")?.numeric)
      let slip = try #require(charge.misconceptions.first { $0.id == "capacitance-unit-slip" })
      #expect(abs(slip.value! * 1e4 - charge.value) <= 1e-9 * charge.value)
      #expect(slip.label.contains("10⁴"))
    }
  }

  @Test func protonMotiveForceAsksTheUnroundedMinimumAndTheCRing() throws {
    var wholeKeys = 0
    for v in try Self.variants("proton-motive-force", count: 150) {
      func p(_ n: String) -> Double { v.parameter(n)!.number! }
      let t = p("temperature_C")
      let dp = p("dpsi_mV") - log(10) * Self.r * (t + 273.15) / Self.f * 1000 * (p("pH_in") - p("pH_out"))
      let mitochondrion = v.parameter("setting")!.display == "mitochondrion"
      #expect(mitochondrion ? (170...225).contains(-dp) : (140...205).contains(-dp), "|Δp| = \(-dp)")
      let n = p("dG_ATP") / (Self.f * abs(dp) / 1e6)
      let key = try #require(v.answer("n")?.numeric)
      #expect(abs(key.value - n) <= 1e-9 * n)
      if key.value == key.value.rounded() { wholeKeys += 1 }
      // ignoring ΔpH is a named mistake, never the right answer
      #expect(!key.accepts(p("dG_ATP") / (Self.f * abs(p("dpsi_mV")) / 1e6)))
      #expect(!key.accepts(ceil(n)), "the whole number above is not the minimum")
      let c = p("c_ring")
      #expect(c == (mitochondrion ? 8 : 10))
      #expect(v.answer("ring")?.choice?.correct == (c / 3 >= n ? "yes" : "no"))
    }
    #expect(wholeKeys == 0)
  }

  @Test func potassiumElevationConcernsMuscleAndNamesNoCondition() throws {
    let template = try #require(Self.library["potassium-elevation"])
    #expect(!template.sources.isEmpty)
    for v in try Self.variants("potassium-elevation", count: 100) {
      #expect(!v.stem.contains("neuron"))
      #expect(
        !v.stem.lowercased().contains("hyper") && !v.stem.lowercased().contains("hypo"), "the stem gives (c) away")
      if v.answer("direction")?.choice?.correct == "hyperpolarize" {
        #expect(v.answer("direction")?.explanation?.contains("g_K1") == true)
      }
    }
  }

  @Test func freeEnergyNamesTheReversedRatioMistakeAndExplainsLeavingCorrectly() throws {
    for v in try Self.variants("free-energy-transport", count: 100) {
      func p(_ n: String) -> Double { v.parameter(n)!.number! }
      let ion = v.parameter("ion")!.display
      let inside = ion == "Ca²⁺" ? p("inside") / 1000 : p("inside")
      let t = p("temperature_C") + 273.15
      let reversed = (Self.r * t * log(p("outside_mM") / inside) + p("z") * Self.f * p("Vm_mV") / 1000) / 1000
      let answer = try #require(v.answer("dG")?.numeric)
      let named = try #require(answer.misconceptions.first { $0.id == "ratio-reversed" })
      #expect(abs(named.value! - reversed) <= 1e-9 * max(1, abs(reversed)))
      let leaving = try #require(answer.misconceptions.first { $0.id == "sign-reversed" })
      #expect(leaving.feedback.contains("both terms change sign"))
    }
  }

  @Test func ohmicCurrentConductancesFitTheRecording() throws {
    for v in try Self.variants("ohmic-current", count: 200) {
      let g = v.parameter("g_nS")!.number!
      #expect(!v.stem.contains("oocyte"))
      if v.stem.contains("outside-out patch") {
        #expect(g <= 0.6, "a patch holds a few channels: \(g) nS")
      } else {
        #expect((1...30).contains(g))
      }
    }
  }

  @Test func valenceForceRestingPotentialsFollowTheCellType() throws {
    let ranges: [String: ClosedRange<Double>] = [
      "hippocampal pyramidal neuron": -72 ... -60, "spinal motor neuron": -75 ... -65,
      "cardiac ventricular myocyte": -90 ... -80, "skeletal muscle fiber": -95 ... -85,
    ]
    for v in try Self.variants("valence-force", count: 200) where v.parameter("state")?.display == "rest" {
      let cell = v.parameter("cell")!.display
      #expect(try #require(ranges[cell]).contains(v.parameter("Vm_mV")!.number!), "\(cell)")
    }
  }

  @Test func reversalPotentialBathsAreElectroneutralAndNoChannelReversesNearECa() throws {
    for v in try Self.variants("reversal-potential", count: 200) {
      func p(_ n: String) -> Double { v.parameter(n)!.number! }
      #expect(p("Cl_bath") <= p("K_bath") + p("Na_bath") + 2 * p("Ca_bath"))
      #expect(v.answer("ion")?.choice?.correct != "Ca")
      #expect(abs(p("E1_mV")) < 110)
    }
  }

  @Test func surfaceChargeOfTheOuterFaceComesFromSialicAcid() throws {
    for v in try Self.variants("surface-potential", count: 20) {
      #expect(!v.stem.contains("phospholipid"))
      #expect(v.stem.contains("sialic acid"))
    }
  }

  // MARK: - Answers given away

  @Test func drivingForceAsksPotassiumInfluxToo() throws {
    var directions: Set<String> = []
    for v in try Self.variants("driving-force", count: 300) where v.parameter("ion")?.display == "K⁺" {
      directions.insert(v.answer("direction")!.choice!.correct)
    }
    #expect(directions == ["influx", "efflux"])
  }

  // MARK: - Every template

  @Test func everyShippedTemplateCitesItsSourcesAndChecksWithoutWarnings() {
    for template in Self.library.templates {
      #expect(!template.sources.isEmpty, "\(template.id) has no sources")
      let report = template.check(variants: 150, seed: 1)
      #expect(report.passed && report.warnings.isEmpty, "\(report)")
    }
  }

  @Test func textsUseOneSpellingAndKeepChargesOutOfSubscripts() throws {
    for template in Self.library.templates {
      for v in try Self.variants(template.id, count: 40) {
        var texts = [v.stem]
        for answer in v.answers {
          texts += [answer.prompt, answer.explanation ?? ""]
          if let n = answer.numeric { texts += n.misconceptions.map(\.feedback) + n.misconceptions.map(\.label) }
          if let c = answer.choice { texts += c.options.map(\.text) + c.misconceptions.map(\.feedback) }
        }
        for text in texts {
          for uk in ["depolaris", "hyperpolaris", "fibre", "kalaemia", "polarisation"] {
            #expect(!text.lowercased().contains(uk), "\(template.id): '\(uk)' in \(text)")
          }
          #expect(text.range(of: "E_[A-Z][a-z]?[⁺⁻²]", options: .regularExpression) == nil, "\(template.id): \(text)")
        }
      }
    }
  }
}
