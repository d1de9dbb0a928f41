import PhysicsCore
import QuizModel
import Synchronization

/// A template compiled for drawing, once: every name resolved to a slot of one array of values, every expression
/// and placeholder bound to those slots (``BoundExpression``, ``BoundText``), and what does not change from draw to
/// draw (a listed value's display and companions, an error's wording, which misconceptions belong to which
/// answer) worked out in advance. Drawing then reads and writes an array, with no name looked up and no string
/// built unless something fails.
///
/// The slots are the template's names in declaration order: each parameter followed by the companions it brings
/// along, then the derived values. An expression is bound to the names declared before it (as the parser
/// requires), so it can never read a slot not yet drawn.
struct DrawProgram: Sendable {
  /// The template's identifier, for errors.
  let templateID: String
  /// The names of the slots.
  let layout: [String]
  /// The slot of each parameter, in declaration order.
  let parameterSlots: [Int]
  let parameters: [Parameter]
  let derived: [Derived]
  let constraints: [Check]
  let stem: BoundText
  let stemLocation: FilePosition
  let answers: [AnswerPart]
  /// What ``Ion/init(symbol:)`` gives for each string the template can produce (its literals, listed texts, ion
  /// symbols and preset ids), looked up once.
  let ions: IonNames

  /// One parameter: where it goes and how it is drawn.
  struct Parameter: Sendable {
    enum Draw: Sendable {
      /// One of the listed values (choice, ion or preset), each with its display and companions ready.
      case listed([Listed], weights: [Double]?)
      case uniform(ClosedRange<Double>, NumberFormat?)
      case logUniform(ClosedRange<Double>, NumberFormat?)
      case integer(ClosedRange<Int>, NumberFormat)
      case computed(BoundExpression, jitter: Double?, format: NumberFormat?)
    }

    /// A value of a list, as drawing it sets the slots.
    struct Listed: Sendable {
      var value: ExpressionValue
      var display: String
      /// The companions' slots and values.
      var companions: [(slot: Int, value: ExpressionValue)]
    }

    let slot: Int
    let draw: Draw
    /// "parameter 'name'", for errors.
    let what: String
    let location: FilePosition
  }

  struct Derived: Sendable {
    let slot: Int
    let expression: BoundExpression
    let what: String
    let location: FilePosition
  }

  /// A constraint, or a misconception's `when:`: an expression that must give a boolean.
  struct Check: Sendable {
    let expression: BoundExpression
    let what: String
    let location: FilePosition
  }

  /// One answer with its texts bound and its misconceptions, in template order.
  struct AnswerPart: Sendable {
    enum Kind: Sendable {
      case numeric(value: BoundExpression, unit: String, tolerance: Tolerance, significantFigures: Int)
      case choice(options: [Option], ids: [String], correct: BoundExpression, shuffle: Bool)
    }

    struct Option: Sendable {
      let id: String
      let text: BoundText
      let feedback: BoundText?
      let what: String
      let feedbackWhat: String
    }

    let id: String
    let prompt: BoundText
    let explanation: BoundText?
    let kind: Kind
    let misconceptions: [Misconception]
    let location: FilePosition
    let promptWhat: String
    let explanationWhat: String
    let valueWhat: String
  }

  struct Misconception: Sendable {
    let id: String
    let label: String
    /// The wrong value (numeric answer) or the option chosen (choice answer).
    let outcome: BoundExpression
    /// Whether ``outcome`` is a value (`value:`) rather than an option (`option:`).
    let givesValue: Bool
    let condition: Check?
    let feedback: BoundText
    let feedbackWhat: String
    let location: FilePosition
  }
}

/// The ions strings name, as ``Ion/init(symbol:)`` reads them, worked out once per template.
struct IonNames: Sendable {
  private var known: [String: Ion?] = [:]

  init(_ strings: some Sequence<String>) {
    for s in strings where known[s] == nil { known[s] = .some(Ion(symbol: s)) }
  }

  /// The ion `s` names, if any.
  func ion(_ s: String) -> Ion? {
    if let found = known[s] { return found }
    return Ion(symbol: s)
  }
}

extension DrawProgram {
  /// Compiles `template`.
  ///
  /// - Throws: An evaluation ``GenerationError`` for an expression naming a value not declared before it (the
  ///   parser rules that out for a template read from a file).
  init(_ template: Template) throws(GenerationError) {
    var layout: [String] = []
    var parameterSlots: [Int] = []
    var strings: [String] = []
    func bind(_ expression: Expression, _ what: String, _ location: FilePosition) throws(GenerationError)
      -> BoundExpression
    {
      strings += expression.stringLiterals
      do { return try expression.bound(to: layout) } catch {
        throw GenerationError(
          template: template.id,
          reason: .evaluation(what: what, location: location.description, message: error.message))
      }
    }
    var parameters: [Parameter] = []
    for spec in template.parameters {
      let slot = layout.count
      let what = "parameter '\(spec.name)'"
      let draw: Parameter.Draw
      let companionNames = spec.companionNames
      func companionSlot(_ name: String) -> Int? {
        companionNames.firstIndex(of: name).map { slot + 1 + $0 }
      }
      switch spec.kind {
      case .choice(let values, let weights):
        draw = .listed(
          values.map { value in
            switch value {
            case .number(let x):
              let (v, display) = DrawProgram.displayed(x, format: spec.format, exactIfUnformatted: true)
              return Parameter.Listed(value: v, display: display, companions: [])
            case .text(let s):
              strings.append(s)
              return Parameter.Listed(value: .string(s), display: s, companions: [])
            }
          }, weights: weights)
      case .uniform(let range): draw = .uniform(range, spec.format)
      case .logUniform(let range): draw = .logUniform(range, spec.format)
      case .integer(let range): draw = .integer(range, spec.format ?? .decimals(0))
      case .ion(let ions, let weights, let preset):
        draw = .listed(
          ions.map { ion in
            strings.append(ion.symbol)
            let pair = preset.concentrations[ion]!  // the parser checked the preset has every listed ion
            return Parameter.Listed(
              value: .string(ion.symbol), display: ion.displayName,
              companions: [
                (slot + 1, .number(Double(ion.valence))), (slot + 2, .number(pair.inside.millimolar)),
                (slot + 3, .number(pair.outside.millimolar)),
              ])
          }, weights: weights)
      case .preset(let presets, let weights):
        draw = .listed(
          presets.map { preset in
            strings.append(preset.id)
            var companions: [(slot: Int, value: ExpressionValue)] = []
            func set(_ name: String, _ value: Double) {
              if let s = companionSlot(name) { companions.append((s, .number(value))) }
            }
            for (ion, pair) in preset.concentrations {
              set("\(spec.name)_\(ion.formula)_in", pair.inside.millimolar)
              set("\(spec.name)_\(ion.formula)_out", pair.outside.millimolar)
            }
            for (ion, p) in preset.relativePermeabilities { set("\(spec.name)_p\(ion.formula)", p) }
            set(spec.name + "_T_C", preset.temperature.celsius.rounded(toPlaces: 9))
            companions.sort { $0.slot < $1.slot }
            return Parameter.Listed(value: .string(preset.id), display: preset.name, companions: companions)
          }, weights: weights)
      case .computed(let expression, let jitter):
        draw = .computed(try bind(expression, what, spec.location), jitter: jitter, format: spec.format)
      }
      layout.append(spec.name)
      layout += companionNames
      parameterSlots.append(slot)
      parameters.append(Parameter(slot: slot, draw: draw, what: what, location: spec.location))
    }
    var derived: [Derived] = []
    for value in template.derived {
      let what = "derived value '\(value.name)'"
      let bound = try bind(value.expression, what, value.location)
      derived.append(Derived(slot: layout.count, expression: bound, what: what, location: value.location))
      layout.append(value.name)
    }
    let displaySlots = Dictionary(
      zip(template.parameters.map(\.name), parameterSlots.indices), uniquingKeysWith: { first, _ in first })
    func bind(_ text: TextTemplate, _ what: String, _ location: FilePosition) throws(GenerationError) -> BoundText {
      for (expression, _) in text.placeholders { strings += expression.stringLiterals }
      do { return try BoundText(text, layout: layout, parameterSlots: parameterSlots, displays: displaySlots) } catch {
        throw GenerationError(
          template: template.id,
          reason: .evaluation(what: what, location: location.description, message: error.message))
      }
    }
    func check(_ expression: Expression, _ what: String, _ location: FilePosition) throws(GenerationError) -> Check {
      Check(expression: try bind(expression, what, location), what: what, location: location)
    }
    var constraints: [Check] = []
    for constraint in template.constraints {
      constraints.append(
        try check(constraint.expression, "constraint '\(constraint.expression.source)'", constraint.location))
    }
    let stemLocation = template.stemLocation ?? FilePosition(file: template.file, line: 0, column: 0)
    let stem = try bind(template.stem, "the stem", stemLocation)
    var answers: [AnswerPart] = []
    for spec in template.answers {
      var misconceptions: [Misconception] = []
      for m in template.misconceptions where m.answer == spec.id {
        let outcome: Expression
        let givesValue: Bool
        switch m.outcome {
        case .value(let e): (outcome, givesValue) = (e, true)
        case .option(let e): (outcome, givesValue) = (e, false)
        }
        let feedbackWhat = "the feedback of '\(m.id)'"
        misconceptions.append(
          Misconception(
            id: m.id, label: m.label, outcome: try bind(outcome, "misconception '\(m.id)'", m.location),
            givesValue: givesValue,
            condition: try m.condition.map { e throws(GenerationError) in
              try check(e, "the 'when' of misconception '\(m.id)'", m.location)
            },
            feedback: try bind(m.feedback, feedbackWhat, m.location), feedbackWhat: feedbackWhat,
            location: m.location))
      }
      let kind: AnswerPart.Kind
      let valueWhat: String
      switch spec.kind {
      case .numeric(let n):
        valueWhat = "answer '\(spec.id)'"
        kind = .numeric(
          value: try bind(n.value, valueWhat, spec.location), unit: n.unit, tolerance: n.tolerance,
          significantFigures: n.significantFigures)
      case .choice(let c):
        var options: [AnswerPart.Option] = []
        for option in c.options {
          let what = "option '\(option.id)'"
          let feedbackWhat = "the feedback of option '\(option.id)'"
          options.append(
            AnswerPart.Option(
              id: option.id, text: try bind(option.text, what, spec.location),
              feedback: try option.feedback.map { t throws(GenerationError) in
                try bind(t, feedbackWhat, spec.location)
              }, what: what, feedbackWhat: feedbackWhat))
        }
        valueWhat = "the correct option of '\(spec.id)'"
        kind = .choice(
          options: options, ids: c.options.map(\.id), correct: try bind(c.correct, valueWhat, spec.location),
          shuffle: c.shuffle)
      }
      let promptWhat = "the prompt of '\(spec.id)'"
      let explanationWhat = "the explanation of '\(spec.id)'"
      answers.append(
        AnswerPart(
          id: spec.id, prompt: try bind(spec.prompt, promptWhat, spec.location),
          explanation: try spec.explanation.map { t throws(GenerationError) in
            try bind(t, explanationWhat, spec.location)
          }, kind: kind, misconceptions: misconceptions, location: spec.location, promptWhat: promptWhat,
          explanationWhat: explanationWhat,
          valueWhat: valueWhat))
    }
    self.templateID = template.id
    self.layout = layout
    self.parameterSlots = parameterSlots
    self.parameters = parameters
    self.derived = derived
    self.constraints = constraints
    self.stem = stem
    self.stemLocation = stemLocation
    self.answers = answers
    self.ions = IonNames(strings)
  }
}

/// A template's ``DrawProgram``, compiled when first drawn and shared by the copies of the template; a template
/// that is changed gets a new, empty cache (see ``Template``).
final class DrawProgramCache: Sendable {
  private let program = Mutex<Result<DrawProgram, GenerationError>?>(nil)

  /// The program of `template`, which must be the template this cache belongs to.
  func program(for template: Template) throws(GenerationError) -> DrawProgram {
    let result = program.withLock { cached in
      if let cached { return cached }
      let compiled = Result { () throws(GenerationError) in try DrawProgram(template) }
      cached = compiled
      return compiled
    }
    return try result.get()
  }
}
