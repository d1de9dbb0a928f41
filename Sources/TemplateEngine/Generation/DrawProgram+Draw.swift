import PhysicsCore
import QuizModel

extension DrawProgram {
  /// Slots for one draw, filled by ``drawEnvironment(_:using:)``.
  func emptyEnvironment() -> Environment {
    Environment(
      values: Array(repeating: .bool(false), count: layout.count),
      displays: Array(repeating: "", count: parameters.count))
  }

  // MARK: - Parameters and derived values

  /// Draws the parameters in order, then computes the derived values, into `environment`.
  func drawEnvironment(_ environment: inout Environment, using rng: inout SeededGenerator) throws(GenerationError) {
    for (index, parameter) in parameters.enumerated() {
      let (value, display) = try draw(parameter, environment: &environment, using: &rng)
      environment.values[parameter.slot] = value
      environment.displays[index] = display
    }
    for value in derived {
      environment.values[value.slot] = try evaluate(value.expression, environment, value.what, value.location)
    }
  }

  private func draw(_ parameter: Parameter, environment: inout Environment, using rng: inout SeededGenerator)
    throws(GenerationError) -> (ExpressionValue, String)
  {
    switch parameter.draw {
    case .listed(let values, let weights):
      let index = weights.map { rng.choice(values.indices, weights: $0)! } ?? rng.integer(in: 0...(values.count - 1))
      let listed = values[index]
      for (slot, value) in listed.companions { environment.values[slot] = value }
      return (listed.value, listed.display)
    case .uniform(let range, let format):
      return Self.displayed(rng.uniform(in: range), format: format)
    case .logUniform(let range, let format):
      return Self.displayed(rng.logUniform(in: range), format: format)
    case .integer(let range, let format):
      return Self.displayed(Double(rng.integer(in: range)), format: format)
    case .computed(let expression, let jitter, let format):
      switch try evaluate(expression, environment, parameter.what, parameter.location) {
      case .number(var x):
        if let jitter, jitter > 0 { x *= 1 + rng.uniform(in: -jitter...jitter) }
        return Self.displayed(x, format: format, exactIfUnformatted: jitter == nil)
      case .string(let s): return (.string(s), ions.ion(s)?.displayName ?? s)
      case .bool(let b): return (.bool(b), b ? "true" : "false")
      }
    }
  }

  /// `x` rounded to its display precision, and how it is displayed: the rounded value is what everything else is
  /// computed from. Without a format, `x` as it is (`exactIfUnformatted`) or to 3 significant figures.
  static func displayed(_ x: Double, format: NumberFormat?, exactIfUnformatted: Bool = false)
    -> (ExpressionValue, String)
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

  /// The index of the first constraint that does not hold, if any.
  func firstFailedConstraint(in environment: Environment) throws(GenerationError) -> Int? {
    for (index, constraint) in constraints.enumerated() {
      if try !isTrue(constraint, environment, expecting: "true or false (a constraint)") { return index }
    }
    return nil
  }

  // MARK: - The variant

  /// The variant the drawn `environment` gives. `rejection` is set when a numeric misconception falls inside the
  /// accepted interval (the draw must then be redrawn); coincident misconceptions are counted in `statistics`.
  func buildVariant(
    id variantID: String, seed: UInt64, environment: Environment, rng: inout SeededGenerator,
    statistics: inout DrawStatistics, rejection: inout String?
  ) throws(GenerationError) -> Variant {
    var scratch: [UInt8] = []
    scratch.reserveCapacity(1024)
    let stem = try render(self.stem, environment, "the stem", stemLocation, &scratch)
    var answers: [Answer] = []
    answers.reserveCapacity(self.answers.count)
    for part in self.answers {
      let prompt = try render(part.prompt, environment, part.promptWhat, part.location, &scratch)
      let explanation = try part.explanation.map { text throws(GenerationError) in
        try render(text, environment, part.explanationWhat, part.location, &scratch)
      }
      let kind: Answer.Kind
      switch part.kind {
      case .numeric(let value, let unit, let tolerance, let significantFigures):
        let key = try evaluate(value, environment, part.valueWhat, part.location, expecting: "a number", \.number)
        kind = .numeric(
          try numericAnswer(
            part, NumericAnswer(value: key, unit: unit, tolerance: tolerance, significantFigures: significantFigures),
            environment, &scratch, statistics: &statistics, rejection: &rejection))
      case .choice(let options, let ids, let correct, let shuffle):
        kind = .choice(
          try choiceAnswer(part, options, ids, correct, shuffle, environment, &scratch, rng: &rng))
      }
      answers.append(Answer(id: part.id, prompt: prompt, kind: kind, explanation: explanation))
    }
    var parameters: [(name: String, value: ParameterValue)] = []
    parameters.reserveCapacity(parameterSlots.count)
    for (index, slot) in parameterSlots.enumerated() {
      let display = environment.displays[index]
      let value: ParameterValue =
        switch environment.values[slot] {
        case .number(let x): .number(x, display: display)
        case .string(let s): .text(s, display: display)
        case .bool(let b): .text(b ? "true" : "false", display: b ? "true" : "false")
        }
      parameters.append((name: layout[slot], value: value))
    }
    return Variant(
      id: variantID, template: templateID, seed: seed, parameters: parameters, stem: stem, answers: answers)
  }

  /// `answer` with the misconceptions of `part` that apply to this variant.
  private func numericAnswer(
    _ part: AnswerPart, _ answer: NumericAnswer, _ environment: Environment, _ scratch: inout [UInt8],
    statistics: inout DrawStatistics, rejection: inout String?
  ) throws(GenerationError) -> NumericAnswer {
    let value = answer.value
    guard AcceptedInterval.canHold(value) else {
      throw GenerationError(
        template: templateID,
        reason: .evaluation(
          what: part.valueWhat, location: part.location.description,
          message: "the key is \(value): an answer must be 0 or between 1e-60 and 1e60 in size"))
    }
    var answer = answer
    func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(a), abs(b)) }
    for misconception in part.misconceptions {
      guard try applies(misconception, environment), misconception.givesValue,
        // A mistake that cannot be computed for this variant (ln of a negative, …) simply does not apply.
        case .number(let wrong)? = try? misconception.outcome.evaluate(with: environment.values), wrong.isFinite,
        // A mistake that gives the key itself is no mistake in this variant.
        !same(wrong, value)
      else { continue }
      // A mistake that lands inside the accepted interval would be marked right: the draw is rejected.
      if answer.accepts(wrong) {
        if rejection == nil {
          rejection = "misconception '\(misconception.id)' of '\(part.id)' inside the accepted interval"
        }
        continue
      }
      // Two mistakes giving the same value (to rounding noise) cannot be told apart: keep the first, and count it
      // for `check`.
      if let earlier = answer.misconceptions.first(where: { same($0.value!, wrong) }) {
        statistics.coincidences["'\(earlier.id)' and '\(misconception.id)' of '\(part.id)'", default: 0] += 1
        continue
      }
      answer.misconceptions.append(
        MisconceptionOutcome(
          id: misconception.id, label: misconception.label, value: wrong,
          feedback: try render(
            misconception.feedback, environment, misconception.feedbackWhat, misconception.location, &scratch)))
    }
    return answer
  }

  private func choiceAnswer(
    _ part: AnswerPart, _ choices: [AnswerPart.Option], _ ids: [String], _ correctExpression: BoundExpression,
    _ shuffle: Bool, _ environment: Environment, _ scratch: inout [UInt8], rng: inout SeededGenerator
  ) throws(GenerationError) -> ChoiceAnswer {
    let correct = try evaluate(
      correctExpression, environment, part.valueWhat, part.location,
      expecting: "an option id (text)", \.string)
    guard ids.contains(correct) else {
      throw GenerationError(
        template: templateID, reason: .unknownOption(answer: part.id, option: correct, options: ids))
    }
    var options: [ChoiceOption] = []
    options.reserveCapacity(choices.count)
    for option in choices {
      let text = try render(option.text, environment, option.what, part.location, &scratch)
      let feedback = try option.feedback.map { text throws(GenerationError) in
        try render(text, environment, option.feedbackWhat, part.location, &scratch)
      }
      options.append(ChoiceOption(id: option.id, text: text, feedback: feedback))
    }
    var outcomes: [MisconceptionOutcome] = []
    for misconception in part.misconceptions {
      guard try applies(misconception, environment), !misconception.givesValue,
        case .string(let chosen)? = try? misconception.outcome.evaluate(with: environment.values)
      else { continue }
      guard ids.contains(chosen) else {
        throw GenerationError(
          template: templateID, reason: .unknownOption(answer: part.id, option: chosen, options: ids))
      }
      // The correct option is never a distractor.
      guard chosen != correct else { continue }
      let feedback = try render(
        misconception.feedback, environment, misconception.feedbackWhat, misconception.location, &scratch)
      outcomes.append(
        MisconceptionOutcome(id: misconception.id, label: misconception.label, option: chosen, feedback: feedback))
      if let index = options.firstIndex(where: { $0.id == chosen }), options[index].misconception == nil {
        options[index].misconception = misconception.id
        options[index].feedback = feedback
      }
    }
    if shuffle { rng.shuffle(&options) }
    return ChoiceAnswer(options: options, correct: correct, misconceptions: outcomes)
  }

  /// Whether a misconception's `when:` holds for this variant (true when it has none).
  private func applies(_ misconception: Misconception, _ environment: Environment) throws(GenerationError) -> Bool {
    guard let condition = misconception.condition else { return true }
    return try isTrue(condition, environment, expecting: "true or false")
  }

  // MARK: - Evaluation with context

  private func isTrue(_ check: Check, _ environment: Environment, expecting expected: String)
    throws(GenerationError) -> Bool
  {
    try evaluate(check.expression, environment, check.what, check.location, expecting: expected, \.bool)
  }

  private func evaluate(
    _ expression: BoundExpression, _ environment: Environment, _ what: String, _ location: FilePosition
  ) throws(GenerationError) -> ExpressionValue {
    do { return try expression.evaluate(with: environment.values) } catch {
      throw failure(what, location, error.message)
    }
  }

  /// Evaluates `expression` and takes the value out with `extract`, or throws naming what was expected.
  private func evaluate<T>(
    _ expression: BoundExpression, _ environment: Environment, _ what: String, _ location: FilePosition,
    expecting expected: String, _ extract: (ExpressionValue) -> T?
  ) throws(GenerationError) -> T {
    let value = try evaluate(expression, environment, what, location)
    guard let result = extract(value) else { throw failure(what, location, "expected \(expected), got \(value)") }
    return result
  }

  private func render(
    _ text: BoundText, _ environment: Environment, _ what: String, _ location: FilePosition,
    _ scratch: inout [UInt8]
  ) throws(GenerationError) -> String {
    do { return try text.render(environment, ions: ions, scratch: &scratch) } catch {
      throw failure(what, location, error.message)
    }
  }

  private func failure(_ what: String, _ location: FilePosition, _ message: String) -> GenerationError {
    GenerationError(
      template: templateID, reason: .evaluation(what: what, location: location.description, message: message))
  }
}
