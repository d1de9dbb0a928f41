import QuizModel

/// The ways students say which way ions or current go, grouped by meaning.
enum Direction: Hashable, Sendable {
  case into, outOf, neither

  /// The direction a phrase means, or nil. `phrase` is normalised by ``ChoiceText/normalize(_:)``.
  static func of(_ phrase: String) -> Direction? {
    if let d = table[phrase] { return d }
    var p = Substring(phrase)
    for prefix in ["net ", "the ", "ions ", "ion ", "it "] where p.hasPrefix(prefix) { p = p.dropFirst(prefix.count) }
    for suffix in [" current", " flux", " flow", " movement", " the cell", " cell"] where p.hasSuffix(suffix) {
      p = p.dropLast(suffix.count)
    }
    return table[String(p)]
  }

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
    ] { t[w] = .neither }
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
