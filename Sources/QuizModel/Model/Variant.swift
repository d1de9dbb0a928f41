/// A parameter value as the student sees it.
public enum ParameterValue: Hashable, Sendable {
  /// A number, already rounded to its display precision; `display` is how the stem shows it (`−70`, `0.0001`).
  case number(Double, display: String)
  /// A word or symbol: an ion (`K+`), a preset, a label.
  case text(String, display: String)

  /// The text shown in the stem.
  public var display: String {
    switch self {
    case .number(_, let display), .text(_, let display): display
    }
  }

  /// The number, if this is one.
  public var number: Double? { if case .number(let x, _) = self { x } else { nil } }
}

/// One drawn problem: parameters, stem, answer keys.
public struct Variant: Hashable, Sendable {
  /// Unique within a quiz: `nernst-potential-03` (the template id and the variant's number in its group).
  public var id: String
  /// The template it was drawn from.
  public var template: String
  /// The seed that reproduces exactly this variant from its template.
  public var seed: UInt64
  /// The parameters in declaration order, with the values as displayed.
  public var parameters: [(name: String, value: ParameterValue)]
  /// The question, plain UTF-8 text (Unicode minus signs, superscripts).
  public var stem: String
  /// The parts to answer, in order.
  public var answers: [Answer]

  public init(
    id: String, template: String, seed: UInt64, parameters: [(name: String, value: ParameterValue)],
    stem: String, answers: [Answer]
  ) {
    self.id = id
    self.template = template
    self.seed = seed
    self.parameters = parameters
    self.stem = stem
    self.answers = answers
  }

  /// The answer with this identifier.
  public func answer(_ id: String) -> Answer? { answers.first { $0.id == id } }

  /// The parameter with this name.
  public func parameter(_ name: String) -> ParameterValue? { parameters.first { $0.name == name }?.value }

  public static func == (a: Variant, b: Variant) -> Bool {
    a.id == b.id && a.template == b.template && a.seed == b.seed && a.stem == b.stem && a.answers == b.answers
      && a.parameters.map(\.name) == b.parameters.map(\.name) && a.parameters.map(\.value) == b.parameters.map(\.value)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(seed)
    hasher.combine(stem)
  }
}

/// One entry of a bank: a template, the variants drawn from it, and what each is worth. Each student gets
/// one of the variants.
public struct QuizItem: Hashable, Sendable {
  /// The template's identifier.
  public var template: String
  /// The template's title, for headings and LMS question-group names.
  public var title: String
  /// Points for this item (each variant is worth this much, split over its parts).
  public var points: Points
  /// The variants, all distinct; each answer carries its share of ``points``.
  public var variants: [Variant]
  /// The template's learning objective, when known (drawn from a bank; a key file does not record it):
  /// Moodle shows it as the category's description.
  public var objective: String?

  /// An item whose variants' parts get their share of `points` (``Points/split(_:into:)``).
  public init(template: String, title: String, points: Points, variants: [Variant]) {
    self.init(template: template, title: title, points: points, variants: variants, partPoints: .split)
  }

  /// How the parts' points are set.
  public enum PartPoints: Sendable {
    /// Split `points` over each variant's parts.
    case split
    /// As the variants already carry them (read from a key file).
    case asGiven
  }

  /// An item whose parts' points are split from `points` or kept as given.
  public init(template: String, title: String, points: Points, variants: [Variant], partPoints: PartPoints) {
    self.template = template
    self.title = title
    self.points = points
    self.variants = variants
    if case .split = partPoints {
      for v in self.variants.indices {
        let shares = Points.split(points, into: self.variants[v].answers.count)
        for a in self.variants[v].answers.indices { self.variants[v].answers[a].points = shares[a] }
      }
    }
  }
}

/// A whole quiz drawn from a bank: its items in order, and how its answers are to be graded.
public struct Quiz: Hashable, Sendable {
  /// The bank's title.
  public var title: String
  /// The bank seed the quiz was drawn with (the `--seed` given, or the bank's own).
  public var seed: UInt64
  /// The items in bank order.
  public var items: [QuizItem]
  /// The bank's grading policy (partial credit, significant figures), recorded in the key.
  public var grading: GradingOptions
  /// A content digest of each template used, in item order (recorded in the key, so a later change of a
  /// template is seen).
  public var templateDigests: [TemplateDigest]

  public init(
    title: String, seed: UInt64, items: [QuizItem], grading: GradingOptions = GradingOptions(),
    templateDigests: [TemplateDigest] = []
  ) {
    self.title = title
    self.seed = seed
    self.items = items
    self.grading = grading
    self.templateDigests = templateDigests
  }

  /// The most one student can score: one variant of every item.
  public var maximum: Points { items.reduce(.zero) { $0 + $1.points } }

  /// Every variant, in item order.
  public var variants: [Variant] { items.flatMap(\.variants) }
}

extension Variant {
  /// The plain text of the question for one part, as an LMS shows it when each part is its own question
  /// (Canvas): the stem, a blank line, then the part's prompt. Exporters write this text and graders match
  /// report columns against it, so both must use this one definition.
  public func questionText(for answer: Answer) -> String {
    answer.prompt.isEmpty ? stem : stem + "\n\n" + answer.prompt
  }
}

/// A template's identity and a digest of its file's content, as recorded in the key.
public struct TemplateDigest: Hashable, Sendable {
  /// The template's identifier.
  public var id: String
  /// `fnv1a64:` and 16 hexadecimal digits of the FNV-1a hash of the file's bytes: enough to see that a
  /// template changed, not a security measure.
  public var digest: String

  public init(id: String, digest: String) {
    self.id = id
    self.digest = digest
  }

  /// The digest of a template file's bytes.
  public static func digest(of bytes: some Sequence<UInt8>) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      hash ^= UInt64(b)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
  }
}
