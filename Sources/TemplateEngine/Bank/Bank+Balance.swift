import PhysicsCore
import QuizModel

/// How a bank item's pool is spread over the values of its `balance:` entries: one cell per combination of
/// values (first entry varying slowest), and variant *s* of the pool drawn for cell *s* mod the number of cells,
/// so each value comes up equally often and the extra variants go to the values listed first.
///
/// A cell's variants are drawn normally, from seeds of their own, and kept only when they have the cell's values:
/// so every variant is still reproduced by its template and its seed alone.
struct BalancePlan {
  /// One requirement: a parameter's value (as the bank names it) or a choice answer's correct option.
  struct Requirement {
    var name: String
    var value: String
    var isAnswer: Bool

    func holds(for variant: Variant) -> Bool {
      if isAnswer { return variant.answer(name)?.choice?.correct == value }
      switch variant.parameter(name) {
      case .text(let s, _)?: return s == value
      case .number(let x, _)?: return NumberFormat.exact(x) == value
      case nil: return false
      }
    }
  }

  /// Per cell, what a variant must have.
  var cells: [[Requirement]]

  var isBalanced: Bool { cells.count > 1 || !(cells.first?.isEmpty ?? true) }

  /// What a cell means, for error messages: "ion = Ca2+, direction = efflux".
  func describe(_ cell: Int) -> String? {
    isBalanced ? cells[cell].map { "\($0.name) = \($0.value)" }.joined(separator: ", ") : nil
  }
}

extension Bank {
  /// The plan of an item: a single unconstrained cell when it balances nothing.
  func balancePlan(for item: Item, template: Template) throws(QuizError) -> BalancePlan {
    var cells: [[BalancePlan.Requirement]] = [[]]
    for name in item.balance {
      let values: [String]
      let isAnswer: Bool
      if let parameter = template.parameters.first(where: { $0.name == name }), let listed = parameter.listedValues {
        (values, isAnswer) = (listed, false)
      } else if let answer = template.answer(name), case .choice(let choice) = answer.kind {
        (values, isAnswer) = (choice.options.map(\.id), true)
      } else {
        let candidates =
          template.parameters.filter { $0.listedValues != nil }.map(\.name)
          + template.answers.filter { if case .choice = $0.kind { true } else { false } }.map(\.id)
        throw .bank(
          TemplateError(
            file: item.location.file, line: item.location.line, column: item.location.column,
            message:
              "balance: '\(name)' is not a choice, ion or preset parameter or a choice answer of '\(template.id)'"
              + (candidates.isEmpty ? "" : " (it has \(candidates.joined(separator: ", ")))")))
      }
      cells = cells.flatMap { cell in values.map { cell + [.init(name: name, value: $0, isAnswer: isAnswer)] } }
    }
    return BalancePlan(cells: cells)
  }
}

/// The candidates of one cell of a pool, drawn in batches (in parallel when asked) and handed out in order, so
/// the quiz is the same whatever the number of workers.
struct CandidateStream {
  let itemSeed: UInt64
  /// The cell, or nil for an unbalanced item (whose seeds are those of earlier versions).
  let cell: Int?
  /// Candidates handed out so far.
  private(set) var drawn = 0
  /// Variants this cell still has to supply.
  var remaining: Int
  /// Candidates allowed before giving up.
  let limit: Int
  private var buffer: [Result<BankCandidate?, GenerationError>] = []
  private var position = 0
  /// The most candidates drawn at once: 256 at first, so that later batches skip the parameters the earlier ones
  /// gave; doubled (up to 4096) after a batch of which skipping spared fewer than 1 in 16, since then a larger batch
  /// wastes nothing more and starts and waits for the threads less often.
  private var batchLimit = 256

  init(seed: UInt64, cell: Int?, needed: Int) {
    itemSeed = seed
    self.cell = cell
    remaining = needed
    limit = needed * 20 + 100
  }

  /// The next candidate, its parts worth their share of `points`, or `nil` when its parameters are among `known`
  /// (drawn in batches: a batch skips what was known when it was drawn).
  mutating func next(_ template: Template, skipping known: Set<ParameterKey>, points: Points, workers: Int)
    throws(GenerationError) -> BankCandidate?
  {
    if position == buffer.count {
      let skipped = buffer.count { if case .success(nil) = $0 { true } else { false } }
      if !buffer.isEmpty, skipped * 16 < buffer.count { batchLimit = min(2 * batchLimit, 4096) }
      let batch = min(max(remaining, workers > 1 ? 64 : 1), batchLimit, limit - drawn)
      let seeds = (drawn..<(drawn + batch)).map { j in
        let path: [SeedPathComponent] =
          cell.map { [.label("balance"), .index(UInt64($0)), .label("variant"), .index(UInt64(j))] }
          ?? [.label("variant"), .index(UInt64(j))]
        return SeededGenerator.derivedSeed(from: itemSeed, path: path)
      }
      buffer = Bank.draw(template, seeds: seeds, skipping: known, points: points, workers: workers)
      position = 0
    }
    let result = buffer[position]
    position += 1
    drawn += 1
    return try result.get()
  }
}

/// Remembers the variants of a quiz so that none repeats another: the same stem, the same displayed parameters,
/// or (for a variant with a numeric answer) the same answers to 3 significant figures, which also catches the same
/// problem with every concentration scaled by a common factor.
struct DuplicateFilter {
  private var stems: Set<ByteKey> = []
  private var parameters: Set<ByteKey> = []
  private var answers: Set<ByteKey> = []

  /// Adds `variant` and returns true, or returns false when it duplicates one already added.
  mutating func insert(_ variant: Variant) -> Bool { insert(DuplicateKeys(variant)) }

  /// Adds the variant these keys were made from and returns true, or returns false when it duplicates one
  /// already added.
  mutating func insert(_ keys: DuplicateKeys) -> Bool {
    guard !stems.contains(keys.stem), !parameters.contains(keys.parameters),
      keys.answers.map({ !answers.contains($0) }) ?? true
    else { return false }
    stems.insert(keys.stem)
    parameters.insert(keys.parameters)
    if let key = keys.answers { answers.insert(key) }
    return true
  }
}

/// What ``DuplicateFilter`` compares of a variant, made (and hashed) where the variant is drawn, so that the thread
/// that keeps variants in order only looks the keys up.
struct DuplicateKeys: Sendable {
  /// The stem.
  let stem: ByteKey
  /// The template and the displayed parameters.
  let parameters: ByteKey
  /// The template and the answers, numbers to 3 significant figures; nil without a numeric answer.
  let answers: ByteKey?

  init(_ variant: Variant) {
    let separator = UInt8(0x1F)
    var parameterBytes = Array(variant.template.utf8)
    for index in variant.parameters.indices {
      parameterBytes.append(separator)
      parameterBytes += variant.parameters[index].name.utf8
      parameterBytes.append(UInt8(ascii: "="))
      parameterBytes += variant.parameters[index].value.display.utf8
    }
    parameters = ByteKey(bytes: parameterBytes)
    var hasNumeric = false
    var answerBytes = Array(variant.template.utf8)
    for index in variant.answers.indices {
      answerBytes.append(separator)
      answerBytes += variant.answers[index].id.utf8
      answerBytes.append(UInt8(ascii: "="))
      switch variant.answers[index].kind {
      case .numeric(let numeric):
        hasNumeric = true
        NumberFormat.significantFigures(3).append(numeric.value, to: &answerBytes)
      case .choice(let choice):
        answerBytes += choice.correct.utf8
      }
    }
    answers = hasNumeric ? ByteKey(bytes: answerBytes) : nil
    stem = ByteKey(variant.stem)
  }
}

/// Text as its UTF-8 bytes, hashed once and compared byte for byte (cheaper than a `String`, which hashes and
/// compares through Unicode normalization; the texts compared here are built from the same template text, so equal
/// texts have equal bytes).
struct ByteKey: Hashable, Sendable {
  let bytes: [UInt8]
  /// The hash of ``bytes``, worked out once.
  private let hash: Int

  init(_ text: String) { self.init(bytes: Array(text.utf8)) }

  init(bytes: [UInt8]) {
    self.bytes = bytes
    var hasher = Hasher()
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    hash = hasher.finalize()
  }

  static func == (a: ByteKey, b: ByteKey) -> Bool { a.hash == b.hash && a.bytes == b.bytes }

  func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}

extension ParameterSpec {
  /// The values of a choice, ion or preset parameter as a bank names them (`K+`, `37`, `squid-giant-axon`), in
  /// listed order; nil for other kinds.
  var listedValues: [String]? {
    switch kind {
    case .choice(let values, _):
      values.map { value in
        switch value {
        case .number(let x): NumberFormat.exact(x)
        case .text(let s): s
        }
      }
    case .ion(let ions, _, _): ions.map(\.symbol)
    case .preset(let presets, _): presets.map(\.id)
    default: nil
    }
  }
}

/// Why a bank's `only:` cannot be applied.
struct RestrictionError: Error {
  var message: String
}

extension Template {
  /// Restricts a choice, ion or preset parameter to `values` (in that order), keeping their weights.
  mutating func restrict(_ name: String, to values: [String]) throws(RestrictionError) {
    guard let index = parameters.firstIndex(where: { $0.name == name }) else {
      throw RestrictionError(message: "'\(name)' is not a parameter of '\(id)'")
    }
    guard let listed = parameters[index].listedValues else {
      throw RestrictionError(
        message: "'\(name)' is not drawn from a list: only restricts choice, ion and preset parameters")
    }
    func position(of value: String) -> Int? {
      switch parameters[index].kind {
      case .ion(let ions, _, _):
        guard let ion = Ion(symbol: value) else { return nil }
        return ions.firstIndex(of: ion)
      case .preset(let presets, _):
        guard let preset = IonPreset.named(value) else { return nil }
        return presets.firstIndex(of: preset)
      case .choice(let choices, _):
        return choices.firstIndex { choice in
          switch choice {
          case .number(let x): Double(value) == x
          case .text(let s): s == value
          }
        }
      default:
        return nil
      }
    }
    var kept: [Int] = []
    for value in values {
      guard let i = position(of: value) else {
        throw RestrictionError(
          message: "'\(name)' has no value '\(value)' (its values are \(listed.joined(separator: ", ")))")
      }
      if !kept.contains(i) { kept.append(i) }
    }
    switch parameters[index].kind {
    case .choice(let choices, let weights):
      parameters[index].kind = .choice(kept.map { choices[$0] }, weights: weights.map { w in kept.map { w[$0] } })
    case .ion(let ions, let weights, let preset):
      parameters[index].kind = .ion(
        kept.map { ions[$0] }, weights: weights.map { w in kept.map { w[$0] } }, preset: preset)
    case .preset(let presets, let weights):
      parameters[index].kind = .preset(kept.map { presets[$0] }, weights: weights.map { w in kept.map { w[$0] } })
    default:
      break
    }
    if case .choice(_, let weights?) = parameters[index].kind, !weights.contains(where: { $0 > 0 }) {
      throw RestrictionError(message: "'\(name)' would keep only values of weight 0")
    }
    if case .ion(_, let weights?, _) = parameters[index].kind, !weights.contains(where: { $0 > 0 }) {
      throw RestrictionError(message: "'\(name)' would keep only values of weight 0")
    }
    if case .preset(_, let weights?) = parameters[index].kind, !weights.contains(where: { $0 > 0 }) {
      throw RestrictionError(message: "'\(name)' would keep only values of weight 0")
    }
  }
}
