import Foundation
import PhysicsCore
import QuizModel

extension Function {
  /// Computes the function. The caller has checked the argument count and that every argument is a
  /// finite number; it checks the result for NaN and infinities.
  func apply(_ a: Arguments) throws(FunctionFailure) -> ExpressionValue {
    switch self {
    case .ln: return .number(Foundation.log(a[0]))
    case .log10: return .number(Foundation.log10(a[0]))
    case .log2: return .number(Foundation.log2(a[0]))
    case .exp: return .number(Foundation.exp(a[0]))
    case .sqrt: return .number(a[0].squareRoot())
    case .abs: return .number(Swift.abs(a[0]))
    case .floor: return .number(a[0].rounded(.down))
    case .ceil: return .number(a[0].rounded(.up))
    case .sign: return .number(a[0] > 0 ? 1 : a[0] < 0 ? -1 : 0)
    case .min:
      var result = a[0]
      for i in 1..<a.count { result = Swift.min(result, a[i]) }
      return .number(result)
    case .max:
      var result = a[0]
      for i in 1..<a.count { result = Swift.max(result, a[i]) }
      return .number(result)
    case .round:
      if a.count == 1 { return .number(DecimalRounding.round(a[0], decimals: 0)) }
      guard let digits = Int(exactly: a[1]), (-15...15).contains(digits) else {
        throw .badArgument(
          index: 1, message: "round needs a whole number from -15 to 15 for digits, got \(NumberText.string(a[1]))")
      }
      return .number(DecimalRounding.round(a[0], decimals: digits))
    case .sigfig:
      guard let n = Int(exactly: a[1]), (1...17).contains(n) else {
        throw .badArgument(
          index: 1, message: "sigfig needs a whole number from 1 to 17 for n, got \(NumberText.string(a[1]))")
      }
      return .number(DecimalRounding.round(a[0], significantFigures: n))
    default:
      if let index = valenceIndex { _ = try valence(a, index) }
      do throws(PhysicsError) {
        return try applyPhysics(a)
      } catch {
        throw .physics(error)
      }
    }
  }

  /// A valence argument: a whole number.
  private func valence(_ a: Arguments, _ index: Int) throws(FunctionFailure) -> Int {
    guard let z = Int(exactly: a[index]) else {
      throw .badArgument(
        index: index,
        message: "\(name) needs a whole number for \(parameterName(at: index)), got \(NumberText.string(a[index]))")
    }
    return z
  }

  private func applyPhysics(_ a: Arguments) throws(PhysicsError) -> ExpressionValue {
    switch self {
    case .thermalVoltage:
      return .number(try PhysicsCore.thermalVoltage(at: .celsius(a[0])).millivolts)
    case .nernst, .nernstKelvin:
      let z = wholeValence(a, 0)
      let temperature: Temperature = self == .nernst ? .celsius(a[3]) : .kelvin(a[3])
      return .number(
        try nernstPotential(
          valence: z, inside: .millimolar(a[1]), outside: .millimolar(a[2]), temperature: temperature
        ).millivolts)
    case .ghk, .ghkPump:
      let o = self == .ghkPump ? 1 : 0
      let ions = [
        PermeantIon(
          .potassium, inside: .millimolar(a[o + 3]), outside: .millimolar(a[o + 4]), relativePermeability: a[o]),
        PermeantIon(
          .sodium, inside: .millimolar(a[o + 5]), outside: .millimolar(a[o + 6]), relativePermeability: a[o + 1]),
        PermeantIon(
          .chloride, inside: .millimolar(a[o + 7]), outside: .millimolar(a[o + 8]), relativePermeability: a[o + 2]),
      ]
      let temperature = Temperature.celsius(a[o + 9])
      if self == .ghk { return .number(try ghkPotential(ions, temperature: temperature).millivolts) }
      return .number(
        try mullinsNodaPotential(
          ions, pumpCouplingRatio: a[0], pumpedIons: [Ion.potassium.symbol], temperature: temperature
        ).millivolts)
    case .drivingForce:
      return .number(
        PhysicsCore.drivingForce(
          membranePotential: .millivolts(a[0]), equilibriumPotential: .millivolts(a[1])
        ).millivolts)
    case .fluxDirection:
      let z = wholeValence(a, 0)
      let force = PhysicsCore.drivingForce(
        membranePotential: .millivolts(a[1]), equilibriumPotential: .millivolts(a[2]))
      return .string(netMovement(valence: z, drivingForce: force).rawValue)
    case .currentDirection:
      let force = PhysicsCore.drivingForce(
        membranePotential: .millivolts(a[0]), equilibriumPotential: .millivolts(a[1]))
      return .string(PhysicsCore.currentDirection(drivingForce: force).rawValue)
    case .current:
      let force = PhysicsCore.drivingForce(
        membranePotential: .millivolts(a[1]), equilibriumPotential: .millivolts(a[2]))
      return .number(try ohmicCurrent(conductance: .nanosiemens(a[0]), drivingForce: force).picoamperes)
    case .charge, .chargeCylinder:
      // The charge does not depend on the carrier; any valid valence and concentration do.
      let step = try capacitiveStep(a, valence: 1, inside: 1)
      return .number(step.charge.picocoulombs)
    case .fraction, .fractionCylinder:
      let o = self == .fractionCylinder ? 1 : 0
      let step = try capacitiveStep(a, valence: wholeValence(a, o + 3), inside: a[o + 4])
      return .number(step.fractionalConcentrationChange)
    case .ions, .moles:
      let z = wholeValence(a, 1)
      guard z != 0 else { throw .zeroValence(parameter: "z") }
      let coulombs = Swift.abs(a[0]) * 1e-12
      let perIon = Double(Swift.abs(z)) * PhysicalConstants.elementaryCharge
      return .number(self == .ions ? coulombs / perIon : coulombs / (Double(Swift.abs(z)) * PhysicalConstants.faraday))
    case .deltaG:
      let z = wholeValence(a, 0)
      return .number(
        try electrochemicalFreeEnergy(
          valence: z, inside: .millimolar(a[1]), outside: .millimolar(a[2]), membranePotential: .millivolts(a[3]),
          temperature: .celsius(a[4])
        ).kilojoulesPerMole)
    case .pmf, .pmfFreeEnergy:
      let force = try protonMotiveForce(
        membranePotential: .millivolts(a[0]), pHInside: a[1], pHOutside: a[2], temperature: .celsius(a[3]))
      return .number(self == .pmf ? force.total.millivolts : force.freeEnergyPerMoleOfProtons.kilojoulesPerMole)
    case .surfaceConcentration:
      let z = wholeValence(a, 1)
      return .number(
        try PhysicsCore.surfaceConcentration(
          bulk: .millimolar(a[0]), valence: z, surfacePotential: .millivolts(a[2]), temperature: .celsius(a[3])
        ).millimolar)
    default:
      preconditionFailure("\(name) is not a physics function")
    }
  }

  /// The sphere or cylinder capacitor step for `charge`, `charge_cyl`, `fraction`, `fraction_cyl`.
  private func capacitiveStep(_ a: Arguments, valence: Int, inside: Double) throws(PhysicsError) -> CapacitiveCharge {
    let cylinder = self == .chargeCylinder || self == .fractionCylinder
    let o = cylinder ? 1 : 0
    let geometry: CellGeometry =
      cylinder
      ? .cylinder(diameter: .micrometres(a[0]), length: .micrometres(a[1]))
      : .sphere(diameter: .micrometres(a[0]))
    return try capacitiveCharge(
      specificCapacitance: .microfaradsPerSquareCentimetre(a[o + 1]), geometry: geometry,
      deltaV: .millivolts(a[o + 2]), valence: valence, inside: .millimolar(inside))
  }

  /// The position of the valence argument, which must be a whole number, if the function has one.
  var valenceIndex: Int? {
    switch self {
    case .nernst, .nernstKelvin, .fluxDirection, .deltaG: 0
    case .ions, .moles, .surfaceConcentration: 1
    case .fraction: 3
    case .fractionCylinder: 4
    default: nil
    }
  }

  /// The valence argument, which ``apply(_:)`` has checked is a whole number.
  private func wholeValence(_ a: Arguments, _ index: Int) -> Int { Int(exactly: a[index]) ?? 0 }
}
