/// A parameter value as the student sees it.
public enum ParameterValue: Hashable, Sendable {
  /// A number, already rounded to its display precision; `display` is how the stem shows it (`−70`, `0.0001`).
  case number(Double, display: String)
  /// A word or symbol: an ion (`K+`), a preset, a label.
  case text(String, display: String)

  /// The text shown in the stem.
  public var display: String {
    switch self {
    case let .number(_, display), let .text(_, display): display
    }
  }

  /// The number, if this is one.
  public var number: Double? { if case let .number(x, _) = self { x } else { nil } }
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

  public init(id: String, template: String, seed: UInt64, parameters: [(name: String, value: ParameterValue)],
              stem: String, answers: [Answer]) {
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
  /// Points for this item (each variant is worth this much).
  public var points: Double
  /// The variants, all distinct.
  public var variants: [Variant]

  public init(template: String, title: String, points: Double, variants: [Variant]) {
    self.template = template
    self.title = title
    self.points = points
    self.variants = variants
  }
}

/// A whole quiz drawn from a bank: its items in order.
public struct Quiz: Hashable, Sendable {
  /// The bank's title.
  public var title: String
  /// The bank seed the quiz was drawn with.
  public var seed: UInt64
  /// The items in bank order.
  public var items: [QuizItem]

  public init(title: String, seed: UInt64, items: [QuizItem]) {
    self.title = title
    self.seed = seed
    self.items = items
  }

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
