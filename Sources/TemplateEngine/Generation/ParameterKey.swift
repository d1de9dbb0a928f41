import QuizModel

/// A draw's parameters exactly: each value (a number by its bits) and how it is displayed. Two draws of one
/// template with equal keys have the same environment, since every derived value follows from the parameters.
struct ParameterKey: Hashable, Sendable {
  enum Part: Hashable, Sendable {
    case number(bits: UInt64, display: String)
    case text(String, display: String)
    case bool(Bool, display: String)
    case missing
  }

  var parts: [Part]

  init(_ parameters: [ParameterSpec], _ environment: Environment) {
    parts = parameters.map { p in
      let display = environment.displays[p.name]
      switch environment.values[p.name] {
      case .number(let x)?: return .number(bits: x.bitPattern, display: display ?? "")
      case .string(let s)?: return .text(s, display: display ?? s)
      case .bool(let b)?: return .bool(b, display: display ?? "")
      case nil: return .missing
      }
    }
  }
}

/// A candidate variant with the key of the parameters it was built from.
struct DrawnCandidate: Sendable {
  var variant: Variant
  var parameters: ParameterKey
}
