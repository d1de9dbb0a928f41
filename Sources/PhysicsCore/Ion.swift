/// An ion species that crosses cell membranes.
///
/// ```swift
/// Ion.calcium.valence        // 2
/// Ion.calcium.symbol         // "Ca2+"
/// Ion.calcium.displayName    // "Ca²⁺"
/// Ion(symbol: "Cl-")         // .chloride
/// ```
public struct Ion: Hashable, Sendable, CustomStringConvertible {
  /// The formula without its charge: `K`, `Ca`, `HCO3`.
  public var formula: String
  /// The chemical name: `potassium`.
  public var name: String
  /// The charge number *z* (signed).
  public var valence: Int

  /// Creates an ion species.
  public init(formula: String, name: String, valence: Int) {
    self.formula = formula
    self.name = name
    self.valence = valence
  }

  /// The ASCII symbol used on command lines and in files: `K+`, `Ca2+`, `HCO3-`.
  public var symbol: String {
    let magnitude = abs(valence)
    return formula + (magnitude > 1 ? String(magnitude) : "") + (valence < 0 ? "-" : "+")
  }

  /// The symbol as printed, with Unicode subscripts in the formula and a superscript charge:
  /// `K⁺`, `Ca²⁺`, `HCO₃⁻`.
  public var displayName: String {
    let subscripts = formula.map { $0.isNumber ? Ion.subscriptDigit($0) : $0 }
    return String(subscripts) + Ion.superscriptCharge(valence)
  }

  public var description: String { displayName }

  /// Potassium, K⁺.
  public static let potassium = Ion(formula: "K", name: "potassium", valence: 1)
  /// Sodium, Na⁺.
  public static let sodium = Ion(formula: "Na", name: "sodium", valence: 1)
  /// Chloride, Cl⁻.
  public static let chloride = Ion(formula: "Cl", name: "chloride", valence: -1)
  /// Calcium, Ca²⁺.
  public static let calcium = Ion(formula: "Ca", name: "calcium", valence: 2)
  /// Magnesium, Mg²⁺.
  public static let magnesium = Ion(formula: "Mg", name: "magnesium", valence: 2)
  /// The proton, H⁺.
  public static let proton = Ion(formula: "H", name: "hydrogen", valence: 1)
  /// Bicarbonate, HCO₃⁻.
  public static let bicarbonate = Ion(formula: "HCO3", name: "bicarbonate", valence: -1)

  /// Every ion in the table, cations first.
  public static let all: [Ion] = [.potassium, .sodium, .calcium, .magnesium, .proton, .chloride, .bicarbonate]

  /// Looks an ion up by symbol or name, forgivingly: `K+`, `K`, `k+`, `potassium`, `Ca2+`, `Ca++`, `Ca+2`,
  /// `Ca`, `Cl-`, `HCO3-`, `H+`, `proton`, and the Unicode forms `K⁺`, `Ca²⁺`, `HCO₃⁻`, `Cl−`.
  ///
  /// - Returns: `nil` when no ion in the table matches.
  public init?(symbol text: String) {
    let key = Ion.normalized(text)
    guard let ion = Ion.all.first(where: { $0.spellings.contains(key) }) else { return nil }
    self = ion
  }

  /// The lower-cased spellings ``init(symbol:)`` accepts for this ion.
  var spellings: Set<String> {
    let base = formula.lowercased()
    let sign = valence < 0 ? "-" : "+"
    let magnitude = abs(valence)
    let number = magnitude > 1 ? String(magnitude) : ""
    var result: Set<String> = [
      base, name, base + number + sign, base + sign + number,
      base + String(repeating: sign, count: magnitude),
    ]
    if self == .proton { result.insert("proton") }
    return result
  }

  private static func normalized(_ text: String) -> String {
    let map: [Character: Character] = [
      "⁺": "+", "⁻": "-", "−": "-", "–": "-", "₀": "0", "₁": "1", "₂": "2", "₃": "3", "⁰": "0", "¹": "1",
      "²": "2", "³": "3",
    ]
    return String(text.lowercased().compactMap { $0 == " " ? nil : (map[$0] ?? $0) })
  }

  private static func subscriptDigit(_ digit: Character) -> Character {
    let digits = Array("₀₁₂₃₄₅₆₇₈₉")
    return digit.wholeNumberValue.map { digits[$0] } ?? digit
  }

  /// `⁺`, `²⁺`, `⁻`, `³⁻`, … ; an empty string for a neutral species.
  static func superscriptCharge(_ valence: Int) -> String {
    guard valence != 0 else { return "" }
    let digits = Array("⁰¹²³⁴⁵⁶⁷⁸⁹")
    let magnitude = abs(valence)
    let number = magnitude > 1 ? String(String(magnitude).compactMap { $0.wholeNumberValue.map { digits[$0] } }) : ""
    return number + (valence < 0 ? "⁻" : "⁺")
  }
}
