import QuizModel

/// A draw's parameters exactly: each value, a number by its bits. How a parameter is displayed follows from its
/// value (its format, its list entry, its ion or preset is fixed by the template), so two draws of one template with
/// equal keys have the same displays and, since every derived value follows from the parameters, the same
/// environment. Built and hashed without touching the displays' text, hashed once (on the thread that drew it).
struct ParameterKey: Hashable, Sendable {
  enum Part: Hashable, Sendable {
    case number(bits: UInt64)
    case text(String)
    case bool(Bool)
  }

  let parts: [Part]
  /// The hash of ``parts``, worked out once.
  private let hash: Int

  init(_ program: DrawProgram, _ environment: Environment) {
    var parts: [Part] = []
    parts.reserveCapacity(program.parameterSlots.count)
    for slot in program.parameterSlots {
      switch environment.values[slot] {
      case .number(let x): parts.append(.number(bits: x.bitPattern))
      case .string(let s): parts.append(.text(s))
      case .bool(let b): parts.append(.bool(b))
      }
    }
    self.parts = parts
    var hasher = Hasher()
    hasher.combine(parts)
    hash = hasher.finalize()
  }

  static func == (a: ParameterKey, b: ParameterKey) -> Bool { a.hash == b.hash && a.parts == b.parts }

  func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}

/// A candidate variant with the key of the parameters it was built from.
struct DrawnCandidate: Sendable {
  var variant: Variant
  var parameters: ParameterKey
}

/// A candidate as a bank's draw hands it over: its parts worth their points, and its keys for
/// ``DuplicateFilter`` made on the thread that drew it.
struct BankCandidate: Sendable {
  var variant: Variant
  var parameters: ParameterKey
  var keys: DuplicateKeys
}
