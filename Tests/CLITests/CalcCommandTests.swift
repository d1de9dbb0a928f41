import Foundation
import TestSupport
import Testing

/// Runs the built `nernstquiz calc …` and checks what a person or a script sees.
@Suite struct CalcCommandTests {
  @Test func nernstPotassiumPrintsMinus95InJSON() throws {
    let json = try runJSON([
      "calc", "nernst", "--ion", "K+", "--inside", "140", "--outside", "4", "--temperature", "37", "--json",
    ])
    #expect(abs(try number(json["value"]) - -95.0226) < 1e-3)
    #expect(json["unit"] as? String == "mV")
  }

  @Test func nernstAcceptsKelvinAndTheChargeOption() throws {
    let kelvin = try runJSON([
      "calc", "nernst", "--ion", "K+", "--inside", "140", "--outside", "4", "--temperature", "310.15K", "--json",
    ])
    #expect(abs(try number(kelvin["value"]) - -95.0226) < 1e-3)
    let divalent = try runJSON(["calc", "nernst", "--charge", "2", "--inside", "0.0001", "--outside", "2", "--json"])
    #expect(abs(try number(divalent["value"]) - 132.3436) < 1e-3)
  }

  @Test func nernstHumanOutputShowsFormulaInputsAndResultWithUnits() throws {
    let result = try CommandRunner.run(["calc", "nernst", "--ion", "K+", "--inside", "140", "--outside", "4"])
    #expect(result.exitCode == 0)
    #expect(result.standardOutput.contains("E = (RT/zF)·ln([out]/[in])"))
    #expect(result.standardOutput.contains("140 mM"))
    #expect(result.standardOutput.contains("37 °C (310.15 K)"))
    #expect(result.standardOutput.contains("E_K = −95.02 mV"))
  }

  @Test func currentFromAnIonsGradientListsItsInputsThenTheFormulaWithTheNumbersPutIn() throws {
    let result = try CommandRunner.run([
      "calc", "current", "--conductance", "10", "--vm", "-70", "--ion", "Na+", "--inside", "12", "--outside", "145",
    ])
    #expect(result.exitCode == 0)
    let lines = result.standardOutput.split(separator: "\n").map(String.init)
    #expect(
      lines == [
        "Ohmic ionic current",
        "  g            10 nS",
        "  Vm           −70 mV",
        "  ion          Na⁺",
        "  valence z    +1",
        "  inside       12 mM",
        "  outside      145 mM",
        "  temperature  37 °C (310.15 K)",
        "  formula      I = g·(Vm − E)",
        "                 = 10.00 nS × (−70.00 mV − (66.60 mV))",
        "  result       I = −1366 pA",
        "  E            66.60 mV",
        "  Vm − E       −136.6 mV",
        "  direction    inward (outward positive)",
      ])
  }

  @Test func drivingForceOnSodiumGivesValueEquilibriumPotentialAndInflux() throws {
    let json = try runJSON([
      "calc", "driving-force", "--ion", "Na+", "--inside", "12", "--outside", "145", "--vm", "-70", "--json",
    ])
    #expect(abs(try number(json["value"]) - -136.598) < 1e-3)
    #expect(json["unit"] as? String == "mV")
    let e = try #require(json["equilibrium_potential"] as? [String: Any])
    #expect(abs(try number(e["value"]) - 66.598) < 1e-3)
    #expect(json["direction"] as? String == "influx")
    #expect(json["current_direction"] as? String == "inward")
  }

  @Test func drivingForceOnPotassiumAtRestIsEfflux() throws {
    let result = try CommandRunner.run([
      "calc", "driving-force", "--ion", "K+", "--inside", "140", "--outside", "4", "--vm", "-70",
    ])
    #expect(result.exitCode == 0)
    #expect(result.standardOutput.contains("efflux"))
    #expect(result.standardOutput.contains("outward"))
  }

  @Test func ghkGivesTheRestingPotentialAndEachIonsNernstPotential() throws {
    let json = try runJSON([
      "calc", "ghk", "--inside", "K=140,Na=15,Cl=10", "--outside", "K=4,Na=145,Cl=110",
      "--permeability", "K=1,Na=0.05,Cl=0.45", "--json",
    ])
    #expect(abs(try number(json["value"]) - -66.589) < 1e-3)
    #expect(json["unit"] as? String == "mV")
    let eK = try #require(json["equilibrium_potential_K"] as? [String: Any])
    #expect(abs(try number(eK["value"]) - -95.0226) < 1e-3)
  }

  @Test func ghkWithPumpRatioAddsTheMullinsNodaPotential() throws {
    let json = try runJSON([
      "calc", "ghk", "--inside", "K=140,Na=15", "--outside", "K=4,Na=145",
      "--permeability", "K=1,Na=0.05", "--pump-ratio", "1.5", "--json",
    ])
    let pumped = try #require(json["mullins_noda_potential"] as? [String: Any])
    #expect(abs(try number(pumped["value"]) - -73.944) < 1e-3)
  }

  @Test func chargeForA50MicrometreSphereGivesChargeIonsMolesAndFraction() throws {
    let json = try runJSON([
      "calc", "charge", "--diameter", "50", "--delta-v", "100", "--capacitance", "1", "--ion", "K+",
      "--inside", "140", "--json",
    ])
    #expect(abs(try number(json["value"]) - 7.854) < 1e-3)
    #expect(json["unit"] as? String == "pC")
    #expect(abs(try number((json["ions"] as? [String: Any])?["value"]) - 4.902e7) < 1e4)
    #expect(abs(try number((json["moles"] as? [String: Any])?["value"]) - 8.140e-17) < 1e-20)
    #expect(abs(try number((json["fractional_change"] as? [String: Any])?["value"]) - 8.884e-6) < 1e-9)
  }

  @Test func chargeWithLengthTreatsTheCellAsACylinder() throws {
    let json = try runJSON([
      "calc", "charge", "--diameter", "1", "--length", "1000", "--delta-v", "100", "--ion", "K+",
      "--inside", "140", "--json",
    ])
    #expect(abs(try number(json["value"]) - 3.1416) < 1e-4)
    #expect((json["inputs"] as? [String: Any])?["shape"] as? String == "cylinder")
  }

  @Test(arguments: [
    (["calc", "current", "--conductance", "10", "--vm", "-70", "--reversal", "61", "--json"], -1310.0, "pA"),
    (
      ["calc", "delta-g", "--ion", "Na+", "--inside", "12", "--outside", "145", "--vm", "-70", "--json"], -13.1797,
      "kJ/mol"
    ),
    (["calc", "pmf", "--delta-psi", "-150", "--ph-inside", "8", "--ph-outside", "7.25", "--json"], -196.155, "mV"),
    (["calc", "surface", "--ion", "Na+", "--bulk", "145", "--surface-potential", "-30", "--json"], 445.505, "mM"),
  ])
  func otherCalculatorsPrintValueAndUnit(arguments: [String], value: Double, unit: String) throws {
    let json = try runJSON(arguments)
    #expect(abs(try number(json["value"]) - value) < 1e-3)
    #expect(json["unit"] as? String == unit)
  }

  @Test(arguments: [
    (["calc", "nernst", "--ion", "K+", "--inside", "0", "--outside", "4"], "Invalid value '0' for '--inside'"),
    (
      ["calc", "nernst", "--ion", "X+", "--inside", "1", "--outside", "4"],
      "Error: The value 'X+' is invalid for '--ion <ion>'. Please provide one of the following:\n  - K+\n"
    ),
    (["calc", "nernst", "--inside", "1", "--outside", "4"], "Missing '--ion <ion>'"),
    (["calc", "nernst", "--ion", "K+", "--inside", "abc", "--outside", "4"], "'abc'"),
    (
      ["calc", "nernst", "--ion", "K+", "--inside", "1", "--outside", "4", "--temperature", "-300"],
      "Invalid value '-300' for '--temperature'"
    ),
    (["calc", "nernst", "--charge", "0", "--inside", "1", "--outside", "4"], "Invalid value '0' for '--charge'"),
    (
      ["calc", "ghk", "--inside", "K=140,Ca=1", "--outside", "K=4,Ca=2", "--permeability", "K=1,Ca=1"],
      "Ca2+ is not monovalent"
    ),
    (
      ["calc", "ghk", "--inside", "K=140", "--outside", "K=4,Na=145", "--permeability", "K=1,Na=0.05"],
      "no concentration for Na+"
    ),
    (
      ["calc", "charge", "--diameter", "-5", "--delta-v", "100", "--ion", "K+", "--inside", "140"],
      "Invalid value '-5' for '--diameter'"
    ),
  ])
  func badInputExitsWithStatus64NamingTheOptionAndValue(arguments: [String], message: String) throws {
    let result = try CommandRunner.run(arguments)
    #expect(result.exitCode == 64)
    #expect(result.standardError.contains(message), "stderr was: \(result.standardError)")
    #expect(result.standardOutput.isEmpty)
  }

  @Test func helpTeachesWithAnExample() throws {
    let result = try CommandRunner.run(["calc", "nernst", "--help"])
    #expect(result.exitCode == 0)
    #expect(result.standardOutput.contains("nernstquiz calc nernst --ion K+ --inside 140 --outside 4"))
  }

  // MARK: - Helpers

  private func runJSON(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any]
  {
    let result = try CommandRunner.run(arguments)
    #expect(result.exitCode == 0, "stderr: \(result.standardError)", sourceLocation: sourceLocation)
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.count == 1, "one JSON object on one line", sourceLocation: sourceLocation)
    let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    return try #require(object as? [String: Any], sourceLocation: sourceLocation)
  }

  private func number(_ value: Any?, sourceLocation: SourceLocation = #_sourceLocation) throws -> Double {
    let number = try #require(
      value as? NSNumber, "expected a number, got \(String(describing: value))",
      sourceLocation: sourceLocation)
    return number.doubleValue
  }
}
