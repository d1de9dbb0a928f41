import QuizModel

/// A draw's parameters exactly: each value, a number by its bits. How a parameter is displayed follows from its
/// value (its format, its list entry, its ion or preset is fixed by the template), so two draws of one template with
/// equal keys have the same displays and, since every derived value follows from the parameters, the same
/// environment. Built and hashed without touching the displays' text.
struct ParameterKey: Hashable, Sendable {
  enum Part: Hashable, Sendable {
    case number(bits: UInt64)
    case text(String)
    case bool(Bool)
  }

  var parts: [Part]

  init(_ program: DrawProgram, _ environment: Environment) {
    parts = []
    parts.reserveCapacity(program.parameterSlots.count)
    for slot in program.parameterSlots {
      switch environment.values[slot] {
      case .number(let x): parts.append(.number(bits: x.bitPattern))
      case .string(let s): parts.append(.text(s))
      case .bool(let b): parts.append(.bool(b))
      }
    }
  }
}

/// A candidate variant with the key of the parameters it was built from.
struct DrawnCandidate: Sendable {
  var variant: Variant
  var parameters: ParameterKey
}
