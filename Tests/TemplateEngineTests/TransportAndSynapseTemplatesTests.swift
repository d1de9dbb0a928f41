import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

/// The families of issue 13 (steady state, Ca²⁺ entry, secondary active transport, GABA reversal, pump failure):
/// every key is recomputed from the parameters as displayed, with textbook formulas and constants typed in here,
/// not with PhysicsCore; standard methods (intermediate results rounded to whole mV or to the displayed
/// precision) are accepted, and the named mistakes are not.
@Suite struct TransportAndSynapseTemplatesTests {
  static let library = try! TemplateLibrary.load(from: packageRoot.appendingPathComponent("Templates"))
  static let r = 8.314462618153, f = 96485.33212331, avogadro = 6.02214076e23

  static func variants(_ id: String, count: Int = 300) throws -> [Variant] {
    let template = try #require(library[id])
    return try (0..<count).map { try template.drawVariant(seed: UInt64($0) &* 0x9E37_79B9 &+ 29, id: "\(id)-\($0)") }
  }

  static func close(_ a: Double, _ b: Double, _ relative: Double = 1e-9) -> Bool {
    abs(a - b) <= relative * max(1, abs(b))
  }

  /// RT/F in mV.
  static func thermal(_ celsius: Double) -> Double { r * (celsius + 273.15) / f * 1000 }

  /// Rounded to whole mV or to 3 significant figures (the key's display), whichever is coarser.
  static func roundings(_ x: Double) -> [Double] {
    [x.rounded(), Double(NumberFormat.significantFigures(3).string(x).replacingOccurrences(of: "−", with: "-"))!]
  }

  // MARK: - chord-conductance

  @Test func chordConductanceTextbookValue() {
    // g_K : g_Na = 20 : 1 with E_K = −90 mV and E_Na = +60 mV and no Cl⁻: (−1800 + 60)/21 = −82.86 mV
    let vm = (20.0 * -90 + 1 * 60) / 21
    #expect(abs(vm - -82.857) < 0.001)
  }

  @Test func chordConductanceKeysFollowFromTheDisplayedConductances() throws {
    var directions: Set<String> = []
    for v in try Self.variants("chord-conductance") {
      func p(_ n: String) -> Double { v.parameter(n)!.number! }
      let (gK, gNa, gCl) = (p("g_K"), p("g_Na"), p("g_Cl"))
      let (eK, eNa, eCl) = (p("E_K"), p("E_Na"), p("E_Cl"))
      let vm = (gK * eK + gNa * eNa + gCl * eCl) / (gK + gNa + gCl)
      #expect(eK < vm && vm < eNa)
      #expect(Self.close(try #require(v.answer("Vm")?.numeric).value, vm))
      let iNa = try #require(v.answer("I_Na")?.numeric)
      let iK = try #require(v.answer("I_K")?.numeric)
      #expect(Self.close(iNa.value, gNa * (vm - eNa)))
      #expect(Self.close(iK.value, gK * (vm - eK)))
      // the currents at rest cancel; none is zero
      #expect(abs(iNa.value + iK.value + gCl * (vm - eCl)) < 1e-9)
      #expect(!iNa.accepts(0) && !iK.accepts(0))
      // Vm rounded to whole mV or to 3 s.f. gives accepted currents
      for rounded in Self.roundings(vm) {
        #expect(iNa.accepts(gNa * (rounded - eNa)), "\(v.stem)")
        #expect(iK.accepts(gK * (rounded - eK)), "\(v.stem)")
      }
      // I = g(Vm − E), outward positive: an outward Cl⁻ current is Cl⁻ entering
      let cl = try #require(v.answer("cl_direction")?.choice)
      #expect(cl.correct == (vm > eCl ? "outward" : "inward"))
      for rounded in Self.roundings(vm) { #expect((rounded > eCl ? "outward" : "inward") == cl.correct) }
      directions.insert(cl.correct)
      // opening K⁺ channels moves Vm toward E_K without reaching it
      let dg = p("dg_open")
      let vmNew = (gK * eK + gNa * eNa + gCl * eCl + dg * eK) / (gK + gNa + gCl + dg)
      let newKey = try #require(v.answer("Vm_new")?.numeric)
      #expect(Self.close(newKey.value, vmNew))
      #expect(eK < vmNew && vmNew < vm)
      // the other standard method: Σg·E = Σg·Vm, with Vm from (a) rounded
      for rounded in Self.roundings(vm) {
        #expect(newKey.accepts(((gK + gNa + gCl) * rounded + dg * eK) / (gK + gNa + gCl + dg)), "\(v.stem)")
      }
      #expect(!newKey.accepts(eK))
      // weighting by the permeabilities is a named mistake, never accepted
      let perm = (eK + p("pNa") * eNa + p("pCl") * eCl) / (1 + p("pNa") + p("pCl"))
      #expect(!(try #require(v.answer("Vm")?.numeric)).accepts(perm))
    }
    #expect(directions == ["outward", "inward"])
  }

  // MARK: - calcium-entry-buffering

  @Test func calciumTextbookValues() {
    // 1 pA of Ca²⁺ current for 1 ms carries about 3,100 ions (3.1 × 10⁶ per second), and one ion in 1 fL is 1.66 nM
    let e = 1.602176634e-19
    #expect(abs(1e-15 / (2 * e) - 3121) < 1)
    #expect(abs(1 / Self.avogadro / 1e-15 * 1e9 - 1.66) < 0.01)
  }

  @Test func calciumKeysFollowFromTheDisplayedCurrentVolumeAndBufferCapacity() throws {
    let e = 1.602176634e-19
    for v in try Self.variants("calcium-entry-buffering") {
      func p(_ n: String) -> Double { v.parameter(n)!.number! }
      let charge = p("I_pA") * 1e-12 * p("t_ms") * 1e-3
      let ions = charge / (2 * e)
      let litres = p("volume_fL") * 1e-15
      let total = ions / Self.avogadro / litres * 1e6
      let free = total / (1 + p("kappa"))
      let fold = (p("Ca_rest_nM") / 1000 + free) / (p("Ca_rest_nM") / 1000)
      let nKey = try #require(v.answer("ions")?.numeric)
      let totalKey = try #require(v.answer("total")?.numeric)
      let freeKey = try #require(v.answer("free")?.numeric)
      let foldKey = try #require(v.answer("fold")?.numeric)
      #expect(Self.close(nKey.value, ions, 1e-6))
      #expect(Self.close(totalKey.value, total, 1e-6))
      #expect(Self.close(freeKey.value, free, 1e-6))
      #expect(Self.close(foldKey.value, fold, 1e-6))
      // the named mistakes: z = 1, 1 µm³ taken as 10⁻¹² or 10⁻¹⁸ L, buffering ignored
      #expect(!nKey.accepts(2 * ions) && !totalKey.accepts(2 * total))
      #expect(!totalKey.accepts(total / 1000) && !totalKey.accepts(total * 1000))
      #expect(!freeKey.accepts(total))
      // earlier results rounded to the displayed 3 s.f. are accepted later
      let total3 = Self.roundings(total)[1]
      let free3 = Self.roundings(free * 1000)[1] / 1000
      #expect(freeKey.accepts(total3 / (1 + p("kappa"))))
      #expect(foldKey.accepts((p("Ca_rest_nM") / 1000 + free3) / (p("Ca_rest_nM") / 1000)))
      // tiny compartments, buffer capacities as measured
      #expect((0.05...1).contains(p("volume_fL")) && (20...200).contains(p("kappa")))
    }
  }

  // MARK: - secondary-active-transport

  @Test func secondaryActiveTransportTextbookValues() {
    // SGLT1 (2 Na⁺) at [Na]o/[Na]i = 145/12 and −60 mV, 37 °C: about 1.3 × 10⁴; a 1:1 carrier about 114
    let rtf = Self.thermal(37)
    #expect(abs(pow(145.0 / 12, 2) * exp(2 * 60 / rtf) / 1.30e4 - 1) < 0.01)
    #expect(abs(145.0 / 12 * exp(60 / rtf) - 114) < 1)
    // NCX with Na⁺ 145/10 mM and Ca²⁺ 2 mM / 100 nM: E_Na = +71.5, E_Ca = +132.4, E_NCX ≈ −50 mV
    let eNa = rtf * log(145.0 / 10)
    let eCa = rtf / 2 * log(2 / 100e-6)
    #expect(abs(eNa - 71.5) < 0.1 && abs(eCa - 132.4) < 0.1)
    #expect(abs(3 * eNa - 2 * eCa - -50.3) < 0.2)
  }

  @Test func secondaryActiveTransportKeysFollowFromTheDisplayedGradients() throws {
    var modes: Set<String> = []
    for v in try Self.variants("secondary-active-transport") {
      func p(_ n: String) -> Double { v.parameter(n)!.number! }
      let rtf = Self.thermal(p("temperature_C"))
      let n = p("n")
      #expect(n == (v.parameter("transporter")!.display == "SGLT1" ? 2 : 1))
      let ratio = pow(p("Na_out") / p("Na_in_epi"), n) * exp(-n * p("Vm_epi") / rtf)
      let ratioKey = try #require(v.answer("ratio")?.numeric)
      #expect(Self.close(ratioKey.value, ratio, 1e-9))
      // RT/F as displayed (26.73 mV) or the 61.5 mV-per-decade rule are accepted
      #expect(ratioKey.accepts(pow(p("Na_out") / p("Na_in_epi"), n) * exp(-n * p("Vm_epi") / 26.73)))
      #expect(ratioKey.accepts(pow(10, n * (log10(p("Na_out") / p("Na_in_epi")) - p("Vm_epi") / 61.5))))
      // the electrical term dropped, the sign of Vm reversed, n as a factor: all refused
      #expect(!ratioKey.accepts(pow(p("Na_out") / p("Na_in_epi"), n)))
      #expect(!ratioKey.accepts(pow(p("Na_out") / p("Na_in_epi"), n) * exp(n * p("Vm_epi") / rtf)))
      if n == 2 { #expect(!ratioKey.accepts(2 * p("Na_out") / p("Na_in_epi") * exp(-p("Vm_epi") / rtf))) }

      let eNa = rtf * log(p("Na_out") / p("Na_in_card"))
      let eCa = rtf / 2 * log(p("Ca_out") / (p("Ca_in_nM") * 1e-6))
      let eNCX = 3 * eNa - 2 * eCa
      let eKey = try #require(v.answer("E_NCX")?.numeric)
      #expect(Self.close(eKey.value, eNCX, 1e-9))
      for (a, b) in zip(Self.roundings(eNa), Self.roundings(eCa)) { #expect(eKey.accepts(3 * a - 2 * b), "\(v.stem)") }
      #expect(!eKey.accepts(3 * eNa - eCa))
      let mode = try #require(v.answer("mode")?.choice).correct
      #expect(mode == (p("Vm_card") < eNCX ? "forward" : "reverse"))
      for (a, b) in zip(Self.roundings(eNa), Self.roundings(eCa)) {
        #expect((p("Vm_card") < 3 * a - 2 * b ? "forward" : "reverse") == mode)
      }
      modes.insert(mode)
    }
    #expect(modes == ["forward", "reverse"])
  }

  // MARK: - gaba-chloride-reversal

  @Test func gabaReversalTextbookValues() {
    // Cl⁻ 5/130 mM and HCO₃⁻ 15/25 mM with P_HCO₃/P_Cl = 0.2 at 37 °C: E_GABA ≈ −75.5 mV, E_Cl ≈ −87.1 mV;
    // with 25 mM Cl⁻ inside (immature) E_GABA ≈ −42.0 mV
    let rtf = Self.thermal(37)
    #expect(abs(rtf * log((5 + 0.2 * 15) / (130 + 0.2 * 25)) - -75.5) < 0.1)
    #expect(abs(rtf * log(5.0 / 130) - -87.1) < 0.1)
    #expect(abs(rtf * log((25 + 0.2 * 15) / (130 + 0.2 * 25)) - -42.0) < 0.1)
  }

  @Test func gabaReversalKeysFollowFromTheDisplayedConcentrations() throws {
    var effects: Set<String> = []
    var verdicts: Set<String> = []
    var depolarizingInhibition = 0
    for v in try Self.variants("gaba-chloride-reversal") {
      func p(_ n: String) -> Double { v.parameter(n)!.number! }
      let rtf = Self.thermal(p("temperature_C"))
      let e = rtf * log((p("Cl_in") + p("b") * p("HCO3_in")) / (p("Cl_out") + p("b") * p("HCO3_out")))
      let eCl = rtf * log(p("Cl_in") / p("Cl_out"))
      let mature = v.parameter("maturity")!.display == "mature"
      #expect(mature ? (4...7).contains(p("Cl_in")) : (20...30).contains(p("Cl_in")))
      #expect((0.2...0.3).contains(p("b")))
      let key = try #require(v.answer("E_GABA")?.numeric)
      #expect(Self.close(key.value, e, 1e-9))
      #expect(e > eCl, "HCO₃⁻ pulls E_GABA above E_Cl")
      #expect(!key.accepts(eCl) && !key.accepts(-e))
      let force = try #require(v.answer("driving_force")?.numeric)
      #expect(Self.close(force.value, p("Vm_rest") - e, 1e-9))
      for rounded in Self.roundings(e) { #expect(force.accepts(p("Vm_rest") - rounded), "\(v.stem)") }
      let effect = try #require(v.answer("effect")?.choice).correct
      let verdict = try #require(v.answer("inhibitory")?.choice).correct
      for rounded in Self.roundings(e) {
        #expect(effect == (rounded > p("Vm_rest") ? "depolarize" : "hyperpolarize"))
        #expect(verdict == (rounded < p("threshold") ? "yes" : "no"))
      }
      if effect == "depolarize" && verdict == "yes" { depolarizingInhibition += 1 }
      effects.insert(effect)
      verdicts.insert(verdict)
    }
    #expect(effects == ["depolarize", "hyperpolarize"] && verdicts == ["yes", "no"])
    #expect(depolarizingInhibition > 0, "some depolarizing responses are still inhibitory (shunting)")
  }

  // MARK: - pump-failure-rundown

  @Test func pumpFailureTextbookValues() {
    // 1 pA of Na⁺ current is 6.24 × 10⁶ Na⁺ per second, which costs 2.08 × 10⁶ ATP per second at 3 Na⁺ per ATP
    let e = 1.602176634e-19
    #expect(abs(1e-12 / e / 6.24e6 - 1) < 0.001)
    #expect(abs(1e-12 / (3 * e) / 2.08e6 - 1) < 0.001)
    // membrane per unit volume: 6/d for a sphere, 4/d for a cylinder; a 0.5 µm axon has 26.7 times a 20 µm soma's
    let axon: Double = 4 / 0.5
    let soma: Double = 6 / 20
    #expect(abs(axon / soma - 26.7) < 0.1)
  }

  @Test func pumpFailureKeysFollowFromTheDisplayedLeak() throws {
    let e = 1.602176634e-19
    var somaRate: [Double] = []
    var axonRate: [Double] = []
    for v in try Self.variants("pump-failure-rundown") {
      func p(_ n: String) -> Double { v.parameter(n)!.number! }
      let rtf = Self.thermal(p("temperature_C"))
      let eNa = rtf * log(p("Na_out") / p("Na_in"))
      let d = p("d_um") * 1e-6
      let soma = v.parameter("geometry")!.display == "soma"
      let length = 100e-6
      let area = soma ? Double.pi * d * d : Double.pi * d * length  // m²
      let volume = soma ? Double.pi * d * d * d / 6 : Double.pi * d * d / 4 * length  // m³
      let g = p("g_spec") * 1e-6 / 1e-4 * area  // S
      let current = g * (p("Vm") - eNa) / 1000  // A
      let iKey = try #require(v.answer("I_Na")?.numeric)
      #expect(Self.close(iKey.value, current * 1e12, 1e-9))
      for rounded in Self.roundings(eNa) { #expect(iKey.accepts(g * (p("Vm") - rounded) / 1000 * 1e12)) }
      let atp = try #require(v.answer("atp")?.numeric)
      #expect(Self.close(atp.value, abs(current) / (3 * e), 1e-9))
      #expect(!atp.accepts(abs(current) / e))
      let rate = -current / Self.f / (volume * 1000) * 1000  // mM/s
      let rateKey = try #require(v.answer("rate")?.numeric)
      #expect(Self.close(rateKey.value, rate, 1e-9))
      #expect(!rateKey.accepts(-current / Self.f / (area * 1e12 * 1e-15) * 1000), "area for volume")
      (soma ? { somaRate.append(rate) } : { axonRate.append(rate) })()
      let naNew = p("Na_in") + rate * p("t_s")
      let eKey = try #require(v.answer("E_Na_new")?.numeric)
      #expect(Self.close(eKey.value, rtf * log(p("Na_out") / naNew), 1e-9))
      #expect(eKey.accepts(rtf * log(p("Na_out") / (p("Na_in") + Self.roundings(rate)[1] * p("t_s")))))
      #expect(!eKey.accepts(eNa) && !eKey.accepts(0))
      let cause = try #require(v.answer("cause")?.choice)
      #expect(cause.correct == (v.parameter("phase")!.display == "first" ? "electrogenic" : "rundown"))
    }
    // thin axons run down first
    #expect(axonRate.min()! > somaRate.max()!)
  }
}
