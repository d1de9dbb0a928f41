/// The units a Moodle `numerical` question accepts for an answer: the answer's own unit first (Moodle's base
/// unit, multiplier 1), then the SI-prefixed units students type, each with its multiplier, the value in that
/// unit per base unit (−95.02 mV is −0.09502 V: multiplier 0.001).
enum MoodleUnits {
  /// A unit and its multiplier as written (an exact decimal).
  struct Unit: Hashable, Sendable {
    var name: String
    var multiplier: String
  }

  /// The SI prefixes the families use, with their powers of ten. Both spellings of micro: U+00B5 (µ, what
  /// most keyboards give) and U+03BC (μ, Greek mu), and `u`.
  static let prefixes: [(String, Int)] = [
    ("f", -15), ("p", -12), ("n", -9), ("µ", -6), ("μ", -6), ("u", -6), ("m", -3), ("", 0), ("k", 3),
  ]

  /// The families of units: the base symbol and the prefixes offered for it, in display order.
  static let families: [(symbol: String, prefixes: [String])] = [
    ("V", ["", "m", "µ", "μ", "u"]),
    ("A", ["p", "n", "µ", "μ", "u", ""]),
    ("C", ["f", "p", "n", "µ", "μ", "u", ""]),
    ("M", ["", "m", "µ", "μ", "u", "n"]),
    ("S", ["p", "n", "µ", "μ", "u", "m", ""]),
    ("J/mol", ["", "k"]),
  ]

  /// The units for an answer in `unit`: `unit` first with multiplier 1, then the other members of its family;
  /// just `unit` when it belongs to none (`ions`, `ppm`); none for an answer without a unit.
  static func units(for unit: String) -> [Unit] {
    guard !unit.isEmpty else { return [] }
    for family in families {
      for prefix in family.prefixes where prefix + family.symbol == unit {
        let base = power(prefix)
        var result = [Unit(name: unit, multiplier: "1")]
        for other in family.prefixes where other != prefix {
          // Value in `other` per base unit: 10^(base − other).
          result.append(Unit(name: other + family.symbol, multiplier: tenTo(base - power(other))))
        }
        return result
      }
    }
    return [Unit(name: unit, multiplier: "1")]
  }

  static func power(_ prefix: String) -> Int { prefixes.first { $0.0 == prefix }!.1 }

  /// 10ⁿ as a positional decimal: `1000`, `0.001`.
  static func tenTo(_ n: Int) -> String {
    if n >= 0 { return "1" + String(repeating: "0", count: n) }
    return "0." + String(repeating: "0", count: -n - 1) + "1"
  }
}
