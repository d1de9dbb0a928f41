import Foundation
import PhysicsCore
import QuizModel

/// The built-in functions of the expression language, by the name a template calls them.
///
/// Every function takes numbers. The math functions are plain; the physics functions call PhysicsCore in
/// the units their parameter names give (°C unless the name says kelvin, mM, mV, nS, pA, µF/cm², µm, pC,
/// kJ/mol). Templates/EXPRESSIONS.md documents each one.
enum Function: String, CaseIterable, Sendable {
  // Math
  case ln, log10, log2, exp, sqrt, abs, min, max, round, floor, ceil, sign, sigfig
  // Physics
  case thermalVoltage = "RT_F"
  case nernst
  case nernstKelvin = "nernst_kelvin"
  case ghk
  case ghkPump = "ghk_pump"
  case drivingForce = "driving_force"
  case fluxDirection = "flux_direction"
  case currentDirection = "current_direction"
  case current
  case charge
  case chargeCylinder = "charge_cyl"
  case ions
  case moles
  case fraction
  case fractionCylinder = "fraction_cyl"
  case deltaG = "delta_g"
  case pmf
  case pmfFreeEnergy = "pmf_dg"
  case surfaceConcentration = "surface_conc"

  /// The name a template writes.
  var name: String { rawValue }

  /// The parameter names, as messages and the documentation show them. For `min` and `max`, the first two.
  var parameters: [String] {
    switch self {
    case .ln, .log10, .log2, .exp, .sqrt, .abs, .floor, .ceil, .sign: ["x"]
    case .min, .max: ["a", "b"]
    case .round: ["x", "digits"]
    case .sigfig: ["x", "n"]
    case .thermalVoltage: ["T_C"]
    case .nernst: ["z", "in", "out", "T_C"]
    case .nernstKelvin: ["z", "in", "out", "T_K"]
    case .ghk: ["pK", "pNa", "pCl", "Kin", "Kout", "Nain", "Naout", "Clin", "Clout", "T_C"]
    case .ghkPump: ["r", "pK", "pNa", "pCl", "Kin", "Kout", "Nain", "Naout", "Clin", "Clout", "T_C"]
    case .drivingForce, .currentDirection: ["Vm", "E"]
    case .fluxDirection: ["z", "Vm", "E"]
    case .current: ["g_nS", "Vm", "E"]
    case .charge: ["d_um", "C_uF_cm2", "dV_mV"]
    case .chargeCylinder: ["d_um", "L_um", "C_uF_cm2", "dV_mV"]
    case .ions, .moles: ["Q_pC", "z"]
    case .fraction: ["d_um", "C_uF_cm2", "dV_mV", "z", "in"]
    case .fractionCylinder: ["d_um", "L_um", "C_uF_cm2", "dV_mV", "z", "in"]
    case .deltaG: ["z", "in", "out", "Vm", "T_C"]
    case .pmf, .pmfFreeEnergy: ["dpsi", "pH_in", "pH_out", "T_C"]
    case .surfaceConcentration: ["c_bulk", "z", "psi", "T_C"]
    }
  }

  /// How many arguments the function accepts.
  var arity: ClosedRange<Int> {
    switch self {
    case .min, .max: 2...Int.max
    case .round: 1...2
    default: parameters.count...parameters.count
    }
  }

  /// The name of the parameter at `index` (`a`, `b`, `c`, … past the named ones of `min`/`max`).
  func parameterName(at index: Int) -> String {
    index < parameters.count ? parameters[index] : "argument \(index + 1)"
  }

  /// "nernst takes 4 arguments (z, in, out, T_C), got 3".
  func argumentCountMessage(got count: Int) -> String {
    let list = parameters.joined(separator: ", ")
    switch self {
    case .min, .max: return "\(name) takes at least 2 arguments, got \(count)"
    case .round: return "round takes 1 or 2 arguments (x, digits), got \(count)"
    default:
      let noun = parameters.count == 1 ? "argument" : "arguments"
      return "\(name) takes \(parameters.count) \(noun) (\(list)), got \(count)"
    }
  }

  /// How a template calls it: `nernst(z, in, out, T_C)`, `max(a, b, …)`, `round(x[, digits])`.
  var signature: String {
    switch self {
    case .min, .max: "\(name)(a, b, …)"
    case .round: "round(x[, digits])"
    default: "\(name)(\(parameters.joined(separator: ", ")))"
    }
  }
}

/// The evaluated arguments of a call. One- and two-argument calls, the common case, keep their values
/// inline and allocate nothing.
struct Arguments {
  let count: Int
  private let first: Double
  private let second: Double
  private let all: [Double]

  init(_ a: Double) {
    count = 1
    first = a
    second = 0
    all = []
  }

  init(_ a: Double, _ b: Double) {
    count = 2
    first = a
    second = b
    all = []
  }

  init(_ values: [Double]) {
    count = values.count
    first = values.first ?? 0
    second = values.count > 1 ? values[1] : 0
    all = values
  }

  @inline(__always)
  subscript(index: Int) -> Double {
    switch index {
    case 0: first
    case 1: second
    default: all[index]
    }
  }

  /// All the values, for messages.
  var values: [Double] { count <= 2 ? Array([first, second].prefix(count)) : all }
}

/// Why a function could not compute its result; the evaluator turns it into an ``ExpressionError`` at the
/// call's position (or at the argument's, for ``badArgument(index:message:)``).
enum FunctionFailure: Error {
  /// PhysicsCore rejected the inputs.
  case physics(PhysicsError)
  /// An argument is out of the function's domain; the message names the parameter and quotes the value.
  case badArgument(index: Int, message: String)
}
