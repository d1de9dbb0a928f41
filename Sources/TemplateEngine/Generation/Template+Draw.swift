import Foundation
import PhysicsCore
package import QuizModel

extension Template {
  /// Draws one variant, reproducibly: the same template and seed always give the same variant, on every
  /// machine.
  ///
  /// Parameters are drawn in order and rounded to their display precision *before* anything is computed from
  /// them, so every key follows from the numbers the student reads. Draws that break a constraint are
  /// redrawn from the same random stream, up to ``maximumAttempts``.
  ///
  /// - Parameters:
  ///   - seed: The variant's seed (recorded in the key).
  ///   - id: The identifier to give the variant.
  /// - Throws: ``GenerationError`` when no draw satisfies the constraints or an expression fails.
  package func drawVariant(seed: UInt64, id: String) throws(GenerationError) -> Variant {
    var statistics = DrawStatistics()
    return try drawVariant(seed: seed, id: id, statistics: &statistics)
  }

  /// As ``drawVariant(seed:id:)``, also counting rejected draws per constraint.
  ///
  /// Besides the constraints, a draw is rejected when a numeric misconception's value falls inside the accepted
  /// interval without being the key itself: a named wrong method must never be marked right. (A misconception
  /// that gives exactly the key, such as leaving out z = 1, does not apply to that variant.)
  func drawVariant(seed: UInt64, id: String, statistics: inout DrawStatistics) throws(GenerationError) -> Variant {
    // Nothing is skipped, so a candidate always comes back.
    try drawCandidate(seed: seed, id: id, statistics: &statistics, skipping: [])!.variant
  }

  /// As ``drawVariant(seed:id:statistics:)``, but `nil`, before any answer, misconception or text of the variant
  /// is computed, when the draw's parameters are among `known`.
  ///
  /// `known` holds the parameters of variants this template (with the same overrides) already gave: a draw
  /// with the same parameters has the same environment, so it passes the misconception check as that variant
  /// did and is the candidate's final draw. The candidate is then that variant again, which the bank discards
  /// as a repeat of displayed parameters: skipping it changes nothing but the work done. Every other draw
  /// consumes the random stream as before.
  func drawCandidate(seed: UInt64, id: String, statistics: inout DrawStatistics, skipping known: Set<ParameterKey>)
    throws(GenerationError) -> DrawnCandidate?
  {
    var rng = SeededGenerator(seed: seed)
    var rejections = Array(repeating: 0, count: constraints.count)
    var misconceptionRejections: [String: Int] = [:]
    for _ in 0..<maximumAttempts {
      statistics.draws += 1
      let environment = try drawEnvironment(using: &rng)
      if let failed = try firstFailedConstraint(in: environment) {
        rejections[failed] += 1
        statistics.rejections[constraints[failed].expression.source, default: 0] += 1
        continue
      }
      let key = ParameterKey(parameters, environment)
      if known.contains(key) { return nil }
      var rejection: String?
      var attempt = DrawStatistics()  // coincidences count for the variant kept only
      let variant = try buildVariant(
        id: id, seed: seed, environment: environment, rng: &rng, statistics: &attempt,
        rejection: &rejection)
      if let rejection {
        misconceptionRejections[rejection, default: 0] += 1
        statistics.rejections[rejection, default: 0] += 1
        continue
      }
      statistics.coincidences.merge(attempt.coincidences, uniquingKeysWith: +)
      return DrawnCandidate(variant: variant, parameters: key)
    }
    let worst = rejections.indices.max { rejections[$0] < rejections[$1] }
    if let (reason, count) = misconceptionRejections.max(by: {
      $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key)
    }),
      worst.map({ rejections[$0] < count }) ?? true
    {
      throw GenerationError(
        template: self.id, reason: .unsatisfiable(constraint: reason, location: file, attempts: maximumAttempts))
    }
    let index = worst ?? 0
    throw GenerationError(
      template: self.id,
      reason: .unsatisfiable(
        constraint: constraints[index].description ?? constraints[index].expression.source,
        location: constraints[index].location.description, attempts: maximumAttempts))
  }

  // MARK: - Parameters and derived values

  private func drawEnvironment(using rng: inout SeededGenerator) throws(GenerationError) -> Environment {
    var environment = Environment()
    for parameter in parameters {
      let (value, display) = try draw(parameter, environment: &environment, using: &rng)
      environment.values[parameter.name] = value
      environment.displays[parameter.name] = display
    }
    for value in derived {
      environment.values[value.name] = try evaluate(
        value.expression, environment, what: "derived value '\(value.name)'",
        at: value.location)
    }
    return environment
  }

  private func draw(_ parameter: ParameterSpec, environment: inout Environment, using rng: inout SeededGenerator)
    throws(GenerationError) -> (ExpressionValue, String)
  {
    switch parameter.kind {
    case .choice(let values, let weights):
      let index = weights.map { rng.choice(values.indices, weights: $0)! } ?? rng.integer(in: 0...(values.count - 1))
      switch values[index] {
      case .number(let x):
        return number(x, format: parameter.format, exactIfUnformatted: true)
      case .text(let s):
        return (.string(s), s)
      }
    case .uniform(let range):
      return number(rng.uniform(in: range), format: parameter.format)
    case .logUniform(let range):
      return number(rng.logUniform(in: range), format: parameter.format)
    case .integer(let range):
      return number(Double(rng.integer(in: range)), format: parameter.format ?? .decimals(0))
    case .ion(let ions, let weights, let preset):
      let index = weights.map { rng.choice(ions.indices, weights: $0)! } ?? rng.integer(in: 0...(ions.count - 1))
      let ion = ions[index]
      let pair = preset.concentrations[ion]!  // the parser checked the preset has every listed ion
      environment.values[parameter.name + "_z"] = .number(Double(ion.valence))
      environment.values[parameter.name + "_in"] = .number(pair.inside.millimolar)
      environment.values[parameter.name + "_out"] = .number(pair.outside.millimolar)
      return (.string(ion.symbol), ion.displayName)
    case .preset(let presets, let weights):
      let index = weights.map { rng.choice(presets.indices, weights: $0)! } ?? rng.integer(in: 0...(presets.count - 1))
      let preset = presets[index]
      for (ion, pair) in preset.concentrations {
        environment.values["\(parameter.name)_\(ion.formula)_in"] = .number(pair.inside.millimolar)
        environment.values["\(parameter.name)_\(ion.formula)_out"] = .number(pair.outside.millimolar)
      }
      for (ion, p) in preset.relativePermeabilities {
        environment.values["\(parameter.name)_p\(ion.formula)"] = .number(p)
      }
      environment.values[parameter.name + "_T_C"] = .number(preset.temperature.celsius.rounded(toPlaces: 9))
      return (.string(preset.id), preset.name)
    case .computed(let expression, let jitter):
      let value = try evaluate(expression, environment, what: "parameter '\(parameter.name)'", at: parameter.location)
      switch value {
      case .number(var x):
        if let jitter, jitter > 0 { x *= 1 + rng.uniform(in: -jitter...jitter) }
        return number(x, format: parameter.format, exactIfUnformatted: jitter == nil)
      case .string(let s): return (.string(s), Ion(symbol: s)?.displayName ?? s)
      case .bool(let b): return (.bool(b), b ? "true" : "false")
      }
    }
  }

  /// Rounds `x` to its display precision; the rounded value is what everything else is computed from.
  private func number(_ x: Double, format: NumberFormat?, exactIfUnformatted: Bool = false) -> (ExpressionValue, String)
  {
    if let format {
      let rounded = format.rounded(x)
      return (.number(rounded), format.string(rounded))
    }
    if exactIfUnformatted { return (.number(x), NumberFormat.exact(x)) }
    let format = NumberFormat.significantFigures(3)
    let rounded = format.rounded(x)
    return (.number(rounded), format.string(rounded))
  }

  private func firstFailedConstraint(in environment: Environment) throws(GenerationError) -> Int? {
    for (index, constraint) in constraints.enumerated() {
      let holds = try evaluate(
        constraint.expression, environment, what: "constraint '\(constraint.expression.source)'",
        at: constraint.location, expecting: "true or false (a constraint)", \.bool)
      if !holds { return index }
    }
    return nil
  }

  // MARK: - The variant

  private func buildVariant(
    id variantID: String, seed: UInt64, environment: Environment, rng: inout SeededGenerator,
    statistics: inout DrawStatistics, rejection: inout String?
  ) throws(GenerationError) -> Variant {
    let stem = try render(
      self.stem, environment, what: "the stem", at: stemLocation ?? FilePosition(file: file, line: 0, column: 0))
    var answers: [Answer] = []
    for spec in self.answers {
      let prompt = try render(spec.prompt, environment, what: "the prompt of '\(spec.id)'", at: spec.location)
      let explanation = try spec.explanation.map { text throws(GenerationError) in
        try render(text, environment, what: "the explanation of '\(spec.id)'", at: spec.location)
      }
      let kind: Answer.Kind
      switch spec.kind {
      case .numeric(let numeric):
        kind = .numeric(try numericAnswer(spec, numeric, environment, statistics: &statistics, rejection: &rejection))
      case .choice(let choice):
        kind = .choice(try choiceAnswer(spec, choice, environment, rng: &rng))
      }
      answers.append(Answer(id: spec.id, prompt: prompt, kind: kind, explanation: explanation))
    }
    let parameters = self.parameters.map { p in
      (
        name: p.name,
        value: environment.values[p.name].map { value -> ParameterValue in
          switch value {
          case .number(let x): .number(x, display: environment.displays[p.name] ?? "")
          case .string(let s): .text(s, display: environment.displays[p.name] ?? s)
          case .bool(let b): .text(b ? "true" : "false", display: b ? "true" : "false")
          }
        } ?? .text("", display: "")
      )
    }
    return Variant(id: variantID, template: id, seed: seed, parameters: parameters, stem: stem, answers: answers)
  }

  private func numericAnswer(
    _ spec: AnswerSpec, _ numeric: NumericSpec, _ environment: Environment,
    statistics: inout DrawStatistics, rejection: inout String?
  ) throws(GenerationError) -> NumericAnswer {
    let value = try evaluateNumber(numeric.value, environment, what: "answer '\(spec.id)'", at: spec.location)
    guard AcceptedInterval.canHold(value) else {
      throw GenerationError(
        template: id,
        reason: .evaluation(
          what: "answer '\(spec.id)'", location: spec.location.description,
          message: "the key is \(value): an answer must be 0 or between 1e-60 and 1e60 in size"))
    }
    var answer = NumericAnswer(
      value: value, unit: numeric.unit, tolerance: numeric.tolerance,
      significantFigures: numeric.significantFigures)
    func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(a), abs(b)) }
    for misconception in misconceptions where misconception.answer == spec.id {
      guard try applies(misconception, environment),
        case .value(let expression) = misconception.outcome,
        // A mistake that cannot be computed for this variant (ln of a negative, …) simply does not apply.
        case .number(let wrong)? = try? expression.evaluate(with: environment.values), wrong.isFinite,
        // A mistake that gives the key itself is no mistake in this variant.
        !same(wrong, value)
      else { continue }
      // A mistake that lands inside the accepted interval would be marked right: the draw is rejected.
      if answer.accepts(wrong) {
        if rejection == nil {
          rejection = "misconception '\(misconception.id)' of '\(spec.id)' inside the accepted interval"
        }
        continue
      }
      // Two mistakes giving the same value (to rounding noise) cannot be told apart: keep the first, and count it
      // for `check`.
      if let earlier = answer.misconceptions.first(where: { same($0.value!, wrong) }) {
        statistics.coincidences["'\(earlier.id)' and '\(misconception.id)' of '\(spec.id)'", default: 0] += 1
        continue
      }
      answer.misconceptions.append(
        MisconceptionOutcome(
          id: misconception.id, label: misconception.label, value: wrong,
          feedback: try render(
            misconception.feedback, environment, what: "the feedback of '\(misconception.id)'",
            at: misconception.location)))
    }
    return answer
  }

  private func choiceAnswer(
    _ spec: AnswerSpec, _ choice: ChoiceSpec, _ environment: Environment,
    rng: inout SeededGenerator
  ) throws(GenerationError) -> ChoiceAnswer {
    let ids = choice.options.map(\.id)
    let correct = try evaluateString(
      choice.correct, environment, what: "the correct option of '\(spec.id)'", at: spec.location)
    guard ids.contains(correct) else {
      throw GenerationError(template: id, reason: .unknownOption(answer: spec.id, option: correct, options: ids))
    }
    var options: [ChoiceOption] = []
    for option in choice.options {
      options.append(
        ChoiceOption(
          id: option.id,
          text: try render(option.text, environment, what: "option '\(option.id)'", at: spec.location),
          feedback: try option.feedback.map { text throws(GenerationError) in
            try render(text, environment, what: "the feedback of option '\(option.id)'", at: spec.location)
          }))
    }
    var outcomes: [MisconceptionOutcome] = []
    for misconception in misconceptions where misconception.answer == spec.id {
      guard try applies(misconception, environment), case .option(let expression) = misconception.outcome,
        case .string(let chosen)? = try? expression.evaluate(with: environment.values)
      else { continue }
      guard ids.contains(chosen) else {
        throw GenerationError(template: id, reason: .unknownOption(answer: spec.id, option: chosen, options: ids))
      }
      // The correct option is never a distractor.
      guard chosen != correct else { continue }
      let feedback = try render(
        misconception.feedback, environment, what: "the feedback of '\(misconception.id)'",
        at: misconception.location)
      outcomes.append(
        MisconceptionOutcome(
          id: misconception.id, label: misconception.label, option: chosen,
          feedback: feedback))
      if let index = options.firstIndex(where: { $0.id == chosen }), options[index].misconception == nil {
        options[index].misconception = misconception.id
        options[index].feedback = feedback
      }
    }
    if choice.shuffle { rng.shuffle(&options) }
    return ChoiceAnswer(options: options, correct: correct, misconceptions: outcomes)
  }

  /// Whether a misconception's `when:` holds for this variant (true when it has none).
  private func applies(_ misconception: MisconceptionSpec, _ environment: Environment) throws(GenerationError) -> Bool {
    guard let condition = misconception.condition else { return true }
    return try evaluate(
      condition, environment, what: "the 'when' of misconception '\(misconception.id)'",
      at: misconception.location, expecting: "true or false", \.bool)
  }

  // MARK: - Evaluation with context

  private func evaluate(_ expression: Expression, _ environment: Environment, what: String, at location: FilePosition)
    throws(GenerationError) -> ExpressionValue
  {
    do { return try expression.evaluate(with: environment.values) } catch {
      throw GenerationError(
        template: id,
        reason: .evaluation(
          what: what, location: location.description,
          message: error.message))
    }
  }

  /// Evaluates `expression` and takes the value out with `extract`, or throws naming what was expected.
  private func evaluate<T>(
    _ expression: Expression, _ environment: Environment, what: String, at location: FilePosition,
    expecting expected: String, _ extract: (ExpressionValue) -> T?
  ) throws(GenerationError) -> T {
    let value = try evaluate(expression, environment, what: what, at: location)
    guard let result = extract(value) else {
      throw GenerationError(
        template: id,
        reason: .evaluation(
          what: what, location: location.description,
          message: "expected \(expected), got \(value)"))
    }
    return result
  }

  private func evaluateNumber(
    _ expression: Expression, _ environment: Environment, what: String,
    at location: FilePosition
  ) throws(GenerationError) -> Double {
    try evaluate(expression, environment, what: what, at: location, expecting: "a number", \.number)
  }

  private func evaluateString(
    _ expression: Expression, _ environment: Environment, what: String,
    at location: FilePosition
  ) throws(GenerationError) -> String {
    try evaluate(expression, environment, what: what, at: location, expecting: "an option id (text)", \.string)
  }

  private func render(_ text: TextTemplate, _ environment: Environment, what: String, at location: FilePosition)
    throws(GenerationError) -> String
  {
    do { return try text.render(with: environment) } catch {
      throw GenerationError(
        template: id,
        reason: .evaluation(
          what: what, location: location.description,
          message: error.message))
    }
  }
}

extension Double {
  /// Rounds away binary noise such as 310.15 − 273.15 = 37.000000000000057.
  func rounded(toPlaces places: Int) -> Double {
    let scale = pow(10, Double(places))
    return (self * scale).rounded() / scale
  }
}

/// Counts kept while drawing, for `nernstquiz check`.
struct DrawStatistics: Sendable {
  var draws = 0
  /// Rejected draws, by constraint source or misconception-inside-the-interval reason.
  var rejections: [String: Int] = [:]
  /// Variants in which two misconceptions of one numeric answer gave the same value, by pair.
  var coincidences: [String: Int] = [:]
}
