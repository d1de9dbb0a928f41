import Foundation
import QuizModel

/// A unit a response may be written in: a physical dimension and a power of ten relative to the dimension's
/// base unit (volt, ampere, coulomb, siemens, mol/L, J/mol, a plain fraction, a count).
///
/// Every unit NernstQuiz asks for differs from its base by a power of ten, so converting between units of the
/// same dimension only shifts the decimal exponent and never rounds.
///
/// ```swift
/// MeasurementUnit("mV")       // potential, 10⁻³
/// MeasurementUnit("µM")       // concentration, 10⁻⁶
/// MeasurementUnit("kJ mol⁻¹") // molar energy, 10³
/// MeasurementUnit("mv")       // mV: a lower-case spelling is accepted when it is not ambiguous
/// ```
package struct MeasurementUnit: Hashable, Sendable, CustomStringConvertible {
  /// The quantity a unit measures.
  package enum Dimension: String, Hashable, Sendable {
    /// Volts.
    case potential
    /// Amperes.
    case current
    /// Coulombs.
    case charge
    /// Siemens.
    case conductance
    /// Moles per litre (M).
    case concentration
    /// Joules per mole.
    case molarEnergy
    /// A plain fraction: `%`, `ppm`.
    case fraction
    /// A number of things: `ions`.
    case count
  }

  /// The conventional symbol: `mV`, `µM`, `kJ/mol`, `%`.
  package var symbol: String
  /// What it measures.
  package var dimension: Dimension
  /// The unit is 10^powerOfTen base units.
  package var powerOfTen: Int

  /// The symbol.
  package var description: String { symbol }
}

/// Reading a unit from text: one table of every spelling, built once.
extension MeasurementUnit {
  /// Reads a unit as people write it, or returns nil for text that is not a known unit.
  ///
  /// Accepted: SI prefixes p, n, µ (also μ and u), m, k on V, A, C, S, M (and mol/L), J/mol; `%` and `ppm`;
  /// `ions`; the words volt, amp, ampere, coulomb, siemens, molar with the prefixes pico … kilo; `mol-1`,
  /// `mol^-1` and `mol⁻¹` for `/mol`; spaces, `·` and `*` inside the unit; and an all-lower-case spelling
  /// when only one unit has it (`mv`, `pa`, `mm`).
  package init?(_ text: String) {
    guard let unit = MeasurementUnit.lookup(text) else { return nil }
    self = unit
  }

  static func lookup(_ text: String) -> MeasurementUnit? {
    if let unit = table.exact[text] { return unit }
    var compact = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case " ", "\u{A0}", "\u{2009}", "\u{202F}", "·", "⋅", "*": continue
      case "\u{3BC}": compact.unicodeScalars.append("µ")
      default: compact.unicodeScalars.append(scalar)
      }
    }
    for (suffix, replacement) in [
      ("mol-1", "/mol"), ("mol^-1", "/mol"), ("mol⁻¹", "/mol"), ("/l", "/L"), ("L-1", "/L"), ("l-1", "/L"),
    ]
    where compact.hasSuffix(suffix) && !compact.hasSuffix(replacement) {
      compact = String(compact.dropLast(suffix.count)) + replacement
      compact = compact.replacingDoubleSlash()
    }
    if let unit = table.exact[compact] { return unit }
    let lower = compact.lowercased()
    if let unit = table.lowercase[lower] { return unit }
    if let unit = table.words[lower] { return unit }
    if lower.hasSuffix("s"), let unit = table.words[String(lower.dropLast())] { return unit }
    return nil
  }

  private struct Table: Sendable {
    var exact: [String: MeasurementUnit] = [:]
    var lowercase: [String: MeasurementUnit] = [:]
    var words: [String: MeasurementUnit] = [:]
  }

  private static let table: Table = {
    var t = Table()
    let prefixes: [(symbols: [String], word: String, power: Int)] = [
      (["p"], "pico", -12), (["n"], "nano", -9), (["µ", "u"], "micro", -6), (["m"], "milli", -3), (["k"], "kilo", 3),
    ]
    let bases: [(symbols: [String], words: [String], dimension: Dimension, prefixed: Bool)] = [
      (["V"], ["volt"], .potential, true),
      (["A"], ["amp", "ampere"], .current, true),
      (["C"], ["coulomb"], .charge, true),
      (["S"], ["siemen", "siemens"], .conductance, true),
      (["M", "mol/L"], ["molar"], .concentration, true),
      (["J/mol"], ["joule/mol", "joules/mol"], .molarEnergy, true),
    ]
    var lowerCandidates: [String: Set<MeasurementUnit>] = [:]
    func add(_ key: String, _ unit: MeasurementUnit) {
      if t.exact[key] == nil { t.exact[key] = unit }
      lowerCandidates[key.lowercased(), default: []].insert(unit)
    }
    for base in bases {
      let canonical = base.symbols[0]
      for symbol in base.symbols {
        add(symbol, MeasurementUnit(symbol: canonical, dimension: base.dimension, powerOfTen: 0))
      }
      for word in base.words {
        t.words[word] = MeasurementUnit(symbol: canonical, dimension: base.dimension, powerOfTen: 0)
      }
      guard base.prefixed else { continue }
      for prefix in prefixes {
        let unit = MeasurementUnit(
          symbol: prefix.symbols[0] + canonical, dimension: base.dimension, powerOfTen: prefix.power)
        for p in prefix.symbols {
          for symbol in base.symbols { add(p + symbol, unit) }
        }
        for word in base.words { t.words[prefix.word + word] = unit }
      }
    }
    add("%", MeasurementUnit(symbol: "%", dimension: .fraction, powerOfTen: -2))
    add("ppm", MeasurementUnit(symbol: "ppm", dimension: .fraction, powerOfTen: -6))
    add("ions", MeasurementUnit(symbol: "ions", dimension: .count, powerOfTen: 0))
    add("ion", MeasurementUnit(symbol: "ions", dimension: .count, powerOfTen: 0))
    t.words["percent"] = MeasurementUnit(symbol: "%", dimension: .fraction, powerOfTen: -2)
    for (key, units) in lowerCandidates where units.count == 1 { t.lowercase[key] = units.first! }
    return t
  }()
}

extension MeasurementUnit.Dimension {
  /// The name of the quantity, for messages: "a potential".
  var phrase: String {
    switch self {
    case .potential: "a potential"
    case .current: "a current"
    case .charge: "a charge"
    case .conductance: "a conductance"
    case .concentration: "a concentration"
    case .molarEnergy: "a molar energy"
    case .fraction: "a fraction"
    case .count: "a count"
    }
  }
}

extension String {
  fileprivate func replacingDoubleSlash() -> String {
    var s = self
    while let r = s.range(of: "//") { s.replaceSubrange(r, with: "/") }
    return s
  }
}
