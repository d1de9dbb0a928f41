import QuizModel

/// A draw's parameters exactly: each value (a number by its bits) and how it is displayed. Two draws of one
/// template with equal keys have the same environment, since every derived value follows from the parameters.
struct ParameterKey: Hashable, Sendable {
  enum Part: Hashable, Sendable {
    case number(bits: UInt64, display: String)
    case text(String, display: String)
    case bool(Bool, display: String)
  }

  var parts: [Part]

  init(_ program: DrawProgram, _ environment: Environment) {
    parts = []
    parts.reserveCapacity(program.parameterSlots.count)
    for (index, slot) in program.parameterSlots.enumerated() {
      let display = environment.displays[index]
      switch environment.values[slot] {
      case .number(let x): parts.append(.number(bits: x.bitPattern, display: display))
      case .string(let s): parts.append(.text(s, display: display))
      case .bool(let b): parts.append(.bool(b, display: display))
      }
    }
  }
}

/// A candidate variant with the key of the parameters it was built from.
struct DrawnCandidate: Sendable {
  var variant: Variant
  var parameters: ParameterKey
}
