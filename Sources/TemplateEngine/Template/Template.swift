package import PhysicsCore
package import QuizModel

/// A problem template: how to draw parameters, what to compute, how to word the question, what the answers
/// are, how much slack they get, and which typical mistakes to recognize. Read from `Templates/*.yaml` by
/// ``TemplateParser``; drawn into ``Variant``s by ``Template/drawVariant(seed:id:)``.
package struct Template: Sendable {
  /// The format version this parser understands.
  package static let formatVersion = 1

  /// Stable identifier, also the file's base name: `nernst-potential`.
  package var id: String { didSet { drawProgramCache = DrawProgramCache() } }
  /// A title for people: "Nernst potential of a single ion".
  package var title: String
  /// The topic it belongs to: "equilibrium potential".
  package var topic: String
  /// What a student who solves it can do.
  package var objective: String
  /// How hard it is.
  package var difficulty: Difficulty
  /// Citations for the ranges and facts the template uses ("Hille B (2001) Ion Channels of Excitable
  /// Membranes, 3rd ed., ch. 1"), in the order written; shown in the preview. Empty when the file gives none.
  package var sources: [String] = []
  /// Parameters, in draw order (later ones may use earlier ones).
  package var parameters: [ParameterSpec] { didSet { drawProgramCache = DrawProgramCache() } }
  /// Values computed from the parameters, in order.
  package var derived: [NamedExpression] { didSet { drawProgramCache = DrawProgramCache() } }
  /// Conditions a variant must satisfy; it is redrawn until they hold.
  package var constraints: [Constraint] { didSet { drawProgramCache = DrawProgramCache() } }
  /// The question text with placeholders.
  package var stem: TextTemplate { didSet { drawProgramCache = DrawProgramCache() } }
  /// The parts to answer.
  package var answers: [AnswerSpec] { didSet { drawProgramCache = DrawProgramCache() } }
  /// Typical mistakes.
  package var misconceptions: [MisconceptionSpec] { didSet { drawProgramCache = DrawProgramCache() } }
  /// How many draws a variant may take before the template is declared unsatisfiable.
  package var maximumAttempts: Int
  /// The file the template came from.
  package var file: String { didSet { drawProgramCache = DrawProgramCache() } }
  /// A digest of the file's content (``TemplateDigest/digest(of:)``), recorded in the answer key.
  package var digest: String = ""
  /// Where the stem was written, for errors found while rendering it.
  package var stemLocation: FilePosition? = nil { didSet { drawProgramCache = DrawProgramCache() } }
  /// The ``DrawProgram`` of this template, compiled when first drawn; replaced by an empty one whenever what it is
  /// compiled from changes, so copies of one template share it and a changed copy never uses a stale one.
  var drawProgramCache = DrawProgramCache()

  /// The answer spec with this identifier.
  package func answer(_ id: String) -> AnswerSpec? { answers.first { $0.id == id } }
}

/// How hard a problem is.
package enum Difficulty: String, Sendable, CaseIterable, Comparable {
  case introductory, intermediate, advanced

  package static func < (a: Difficulty, b: Difficulty) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// An expression with a name and the place it was written.
package struct NamedExpression: Sendable {
  package var name: String
  package var expression: Expression
  package var location: FilePosition
}

/// One parameter and how it is drawn.
package struct ParameterSpec: Sendable {
  /// How the value is drawn.
  package enum Kind: Sendable {
    /// One of the listed values, optionally weighted.
    case choice([ChoiceValue], weights: [Double]?)
    /// Uniform on [low, high].
    case uniform(ClosedRange<Double>)
    /// Log-uniform on [low, high] (each decade equally likely): for concentrations spanning orders of magnitude.
    case logUniform(ClosedRange<Double>)
    /// A whole number in [low, high], each equally likely.
    case integer(ClosedRange<Int>)
    /// An ion from the PhysicsCore table, optionally weighted. Its companions `<name>_z`, `<name>_in` and
    /// `<name>_out` (typical concentrations in mM from `preset`) are available to later expressions.
    case ion([Ion], weights: [Double]?, preset: IonPreset)
    /// A cell type from the PhysicsCore presets, optionally weighted. Its companions `<name>_<ion>_in`,
    /// `<name>_<ion>_out` (mM), `<name>_p<ion>` (relative permeability) and `<name>_T_C` are available to
    /// later expressions, with `<ion>` the formula: K, Na, Cl, Ca, Mg, H, HCO3.
    case preset([IonPreset], weights: [Double]?)
    /// Computed from earlier parameters, optionally varied by a relative jitter (0.1 = ±10 %, uniform).
    case computed(Expression, jitter: Double?)
  }

  /// A literal a choice parameter can take.
  package enum ChoiceValue: Hashable, Sendable {
    case number(Double)
    case text(String)
  }

  package var name: String
  package var kind: Kind
  /// How the value is shown, and so rounded before anything is computed from it. `nil`: numbers in a
  /// choice list are shown as written, integers as integers, other draws to 3 significant figures.
  package var format: NumberFormat?
  /// The names of the companion values this parameter brings along (see ``Kind``).
  package var companionNames: [String] {
    switch kind {
    case .ion: return ParameterSpec.ionCompanions(of: name)
    case .preset(let presets, _): return ParameterSpec.presetCompanions(of: name, presets: presets)
    default: return []
    }
  }

  static func ionCompanions(of name: String) -> [String] { [name + "_z", name + "_in", name + "_out"] }

  /// Companions common to every preset of the list (an ion missing from one preset is not offered).
  static func presetCompanions(of name: String, presets: [IonPreset]) -> [String] {
    let ions = Ion.all.filter { ion in presets.allSatisfy { $0.concentrations[ion] != nil } }
    var names = ions.flatMap { ["\(name)_\($0.formula)_in", "\(name)_\($0.formula)_out"] }
    let permeant = Ion.all.filter { ion in presets.allSatisfy { $0.relativePermeabilities[ion] != nil } }
    names += permeant.map { "\(name)_p\($0.formula)" }
    return names + [name + "_T_C"]
  }

  /// The unit, for the preview and documentation (the stem writes its own units).
  package var unit: String?
  package var location: FilePosition
}

/// A condition on a variant, with an optional explanation for error messages.
package struct Constraint: Sendable {
  package var expression: Expression
  package var description: String?
  package var location: FilePosition
}

/// One answer of a template.
package struct AnswerSpec: Sendable {
  package enum Kind: Sendable {
    case numeric(NumericSpec)
    case choice(ChoiceSpec)
  }

  package var id: String
  package var prompt: TextTemplate
  package var kind: Kind
  package var explanation: TextTemplate?
  package var location: FilePosition
}

/// How a numeric answer is computed and judged.
package struct NumericSpec: Sendable {
  /// The key, in ``unit``.
  package var value: Expression
  package var unit: String
  package var tolerance: Tolerance
  package var significantFigures: Int
}

/// The options of a choice answer and which one is right.
package struct ChoiceSpec: Sendable {
  package struct Option: Sendable {
    package var id: String
    package var text: TextTemplate
    package var feedback: TextTemplate?
  }

  package var options: [Option]
  /// Evaluates to the identifier of the correct option.
  package var correct: Expression
  /// Whether to shuffle the options per variant (seeded).
  package var shuffle: Bool
}

/// A typical mistake: an alternative computation and the feedback it deserves.
package struct MisconceptionSpec: Sendable {
  package enum Outcome: Sendable {
    /// For a numeric answer: what the mistaken computation gives, in the answer's unit.
    case value(Expression)
    /// For a choice answer: the option the mistake leads to.
    case option(Expression)
  }

  package var id: String
  package var label: String
  /// The answer it applies to.
  package var answer: String
  package var outcome: Outcome
  package var feedback: TextTemplate
  /// `when:` — the mistake applies only to variants where this is true (`nil`: to every variant). For a
  /// mistake that coincides with the right answer, or with another mistake, by construction in some variants
  /// (leaving out z = 1; the 61.5 mV rule at 37 °C).
  package var condition: Expression? = nil
  package var location: FilePosition
}
