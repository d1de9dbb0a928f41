import QuizModel

/// The ways students say what a choice means, grouped by meaning: which way ions or current go, which way a
/// potential moves (depolarize / depolarise / less negative / more positive …), whether something is higher or
/// lower, yes or no, which mode an exchanger runs in, what a depolarization after pump block comes from, and which
/// ion. Both US and UK spellings are read.
enum Direction: Hashable, Sendable {
  case into, outOf, neither
  /// A potential becomes more positive: depolarize, less negative, rises.
  case up
  /// A potential becomes more negative: hyperpolarize, falls.
  case down
  /// A concentration or quantity is higher / lower: enriched, depleted.
  case more, less
  case yes, no
  /// The mode of an exchanger or cotransporter: forward (as it normally runs: the Na⁺/Ca²⁺ exchanger extruding
  /// Ca²⁺) or reverse.
  case forward, reverse
  /// The cause of a depolarization when the Na⁺/K⁺ pump stops: the loss of its own electrogenic current, or the
  /// run-down of the ion gradients.
  case pumpCurrent, gradientRunDown
  /// An ion, by its formula without charge: `K`, `Na`, `Cl`, `Ca`.
  case ion(String)

  /// A second meaning to try when no option has the first: "higher" for a potential that rises, "lower" for one
  /// that falls.
  var alternative: Direction? {
    switch self {
    case .more: .up
    case .less: .down
    case .up: .more
    case .down: .less
    default: nil
    }
  }

  /// The meaning of a phrase, or nil. `phrase` is normalised by ``ChoiceText/normalize(_:)``.
  static func of(_ phrase: String) -> Direction? {
    if let d = table[phrase] { return d }
    var p = Substring(phrase)
    var stripped = true
    while stripped {
      stripped = false
      for prefix in prefixes where p.hasPrefix(prefix) && p.count > prefix.count {
        p = p.dropFirst(prefix.count)
        stripped = true
      }
    }
    if let d = table[String(p)] { return d }
    for suffix in [" current", " flux", " flow", " movement", " the cell", " cell", " at the surface", " there"]
    where p.hasSuffix(suffix) {
      p = p.dropLast(suffix.count)
    }
    return table[String(p)]
  }

  private static let prefixes = [
    "net ", "the ", "ions ", "ion ", "it ", "its ", "vm ", "membrane ", "potential ", "resting potential ", "e ",
    "will ", "would ", "becomes ", "become ", "gets ", "get ", "is ", "it is ", "they ", "to ",
  ]

  private static let table: [String: Direction] = {
    var t: [String: Direction] = [:]
    for w in [
      "in", "inward", "inwards", "into", "into the cell", "into cell", "in to the cell", "inside", "influx", "inflow",
      "enters", "enter", "entering", "entry", "flows in", "flow in", "moves in", "move in", "goes in", "go in",
      "comes in", "come in", "towards the inside", "toward the inside",
    ] { t[w] = .into }
    for w in [
      "out", "outward", "outwards", "out of", "out of the cell", "out of cell", "outside", "efflux", "outflow",
      "leaves", "leave", "leaving", "exits", "exit", "exiting", "flows out", "flow out", "moves out", "move out",
      "goes out", "go out", "comes out", "come out", "towards the outside", "toward the outside",
    ] { t[w] = .outOf }
    for w in [
      "none", "neither", "no net movement", "no movement", "no net flux", "no flux", "no net flow", "no flow",
      "no net current", "no current", "zero", "0", "equilibrium", "at equilibrium", "no net", "nothing",
      "unchanged", "no change", "not change", "does not change", "doesn t change", "wont change", "won t change",
      "stay the same", "stays the same", "remain the same", "remains the same", "the same", "same", "constant",
      "stay constant", "stays constant", "no effect", "unaffected",
    ] { t[w] = .neither }
    for stem in ["depolariz", "depolaris"] {
      for ending in ["e", "es", "ed", "ing", "ation", "ations"] { t[stem + ending] = .up }
    }
    for stem in ["hyperpolariz", "hyperpolaris"] {
      for ending in ["e", "es", "ed", "ing", "ation", "ations"] { t[stem + ending] = .down }
    }
    for w in [
      "less negative", "more positive", "positive", "rise", "rises", "goes up", "go up", "moves up", "move up",
      "more depolarized", "more depolarised", "less polarized", "less polarised",
    ] { t[w] = .up }
    for w in [
      "more negative", "less positive", "negative", "fall", "falls", "goes down", "go down", "moves down", "move down",
      "more polarized", "more polarised",
    ] { t[w] = .down }
    for w in [
      "enriched", "enrichment", "higher", "high", "increased", "increase", "increases", "raised", "more",
      "more concentrated", "concentrated", "accumulated", "accumulates", "greater", "larger",
    ] { t[w] = .more }
    for w in [
      "depleted", "depletion", "lower", "low", "decreased", "decrease", "decreases", "reduced", "less",
      "less concentrated", "diluted", "smaller",
    ] { t[w] = .less }
    for w in ["yes", "true", "spontaneous", "downhill", "yes it can", "it can", "can", "yes spontaneous"] {
      t[w] = .yes
    }
    for w in [
      "no", "false", "not spontaneous", "nonspontaneous", "non spontaneous", "uphill", "cannot", "can not", "can t",
      "no it cannot", "no it can t", "no not spontaneous",
    ] { t[w] = .no }
    for w in [
      "forward", "forwards", "forward mode", "forward exchange", "normal mode", "ca extrusion", "calcium extrusion",
      "ca2 extrusion", "extrudes ca", "extrudes ca2", "extrudes calcium", "ca out", "ca2 out", "calcium out",
    ] { t[w] = .forward }
    for w in [
      "reverse", "reversed", "reverse mode", "reversed mode", "reverse exchange", "backward", "backwards",
      "backward mode", "ca entry", "ca2 entry", "calcium entry", "ca influx", "ca2 influx", "calcium influx", "ca in",
      "ca2 in", "calcium in",
    ] { t[w] = .reverse }
    for w in [
      "electrogenic", "electrogenic current", "electrogenic effect", "electrogenic pump", "electrogenic pump current",
      "pump current", "loss of the pump current", "loss of pump current", "loss of the electrogenic current",
      "loss of the pump s current", "the pump s current", "pump s current",
    ] { t[w] = .pumpCurrent }
    for w in [
      "rundown", "run down", "running down", "run down of the gradients", "run down of gradients", "gradient run down",
      "gradients run down", "gradient rundown", "gradients rundown", "rundown of the gradients",
      "loss of the gradients",
      "loss of gradients", "loss of the ion gradients", "ion gradients", "concentration gradients", "gradients",
      "na accumulation", "sodium accumulation",
    ] { t[w] = .gradientRunDown }
    for (formula, words) in [
      ("K", ["k", "potassium", "k ion", "potassium ion", "potassium ions"]),
      ("Na", ["na", "sodium", "na ion", "sodium ion", "sodium ions"]),
      ("Cl", ["cl", "chloride", "cl ion", "chloride ion", "chloride ions", "cl1", "cl 1"]),
      ("Ca", ["ca", "calcium", "ca2", "ca 2", "ca2 ion", "calcium ion", "calcium ions"]),
    ] {
      for w in words { t[w] = .ion(formula) }
    }
    return t
  }()
}

/// Normalising free text for comparing choices and question texts.
enum ChoiceText {
  /// Lower case, letters and digits only, single spaces: "  Into the CELL! " → "into the cell".
  static func normalize(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      var bytes: [UInt8] = []
      bytes.reserveCapacity(text.utf8.count)
      var pendingSpace = false
      for var b in text.utf8 {
        if b >= 0x41 && b <= 0x5A { b += 0x20 }
        if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
          if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
          pendingSpace = false
          bytes.append(b)
        } else {
          pendingSpace = true
        }
      }
      return String(decoding: bytes, as: UTF8.self)
    }
    var out = ""
    var pendingSpace = false
    for ch in text.lowercased().unicodeScalars {
      if ch.properties.isAlphabetic || ("0"..."9").contains(ch) {
        if pendingSpace, !out.isEmpty { out += " " }
        pendingSpace = false
        out.unicodeScalars.append(ch)
      } else {
        pendingSpace = true
      }
    }
    return out
  }

  /// The parenthesised parts of the text, joined: "influx (into the cell)" → "into the cell".
  static func insideParentheses(_ text: String) -> String {
    var depth = 0
    var out = ""
    for ch in text {
      if ch == "(" {
        if depth == 0, !out.isEmpty { out.append(" ") }
        depth += 1
      } else if ch == ")" {
        depth = max(depth - 1, 0)
      } else if depth > 0 {
        out.append(ch)
      }
    }
    return out
  }

  /// The text without parenthesised parts: "influx (into the cell)" → "influx ".
  static func withoutParentheses(_ text: String) -> String {
    var depth = 0
    var out = ""
    for ch in text {
      if ch == "(" { depth += 1 } else if ch == ")" { depth = max(depth - 1, 0) } else if depth == 0 { out.append(ch) }
    }
    return out
  }
}
