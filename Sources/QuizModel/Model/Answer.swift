/// A typical mistake, computed for one variant: what a student who makes it would answer, and what to tell
/// them.
public struct MisconceptionOutcome: Hashable, Sendable {
  /// A stable name: `log10-for-ln`, `inside-outside-swapped`, `valence-ignored`, …
  public var id: String
  /// A short description for reports: "used log10 instead of ln".
  public var label: String
  /// For a numeric answer, the value the mistake produces, in the answer's unit; `nil` for a choice answer.
  public var value: Double?
  /// For a choice answer, the option the mistake leads to; `nil` for a numeric answer.
  public var option: String?
  /// The feedback a student who made this mistake should read.
  public var feedback: String

  public init(id: String, label: String, value: Double? = nil, option: String? = nil, feedback: String) {
    self.id = id
    self.label = label
    self.value = value
    self.option = option
    self.feedback = feedback
  }
}

/// A numeric answer with its key, unit, tolerance and the values of the typical mistakes.
public struct NumericAnswer: Hashable, Sendable {
  /// The key, in ``unit``, computed from the parameters as displayed.
  public private(set) var value: Double
  /// The unit the answer is asked in: `mV`, `pA`, `pC`, `ions`, `ppm`, `kJ/mol`, `mM`.
  public var unit: String
  /// The accepted deviation, as the template or bank gives it.
  public private(set) var tolerance: Tolerance
  /// The accepted interval: the key ± t exactly, t worked out from ``tolerance`` once, by
  /// ``AcceptedInterval``, or read from a key file. Every format and the grader use it.
  public let interval: AcceptedInterval
  /// Significant figures to show the key with.
  public var significantFigures: Int
  /// Mistakes whose values fall outside the accepted interval (the others are dropped for this variant).
  public var misconceptions: [MisconceptionOutcome]

  /// An answer whose interval is worked out from `value` and `tolerance`.
  public init(
    value: Double, unit: String, tolerance: Tolerance, significantFigures: Int = 3,
    misconceptions: [MisconceptionOutcome] = []
  ) {
    self.init(
      value: value, unit: unit, tolerance: tolerance, interval: AcceptedInterval(key: value, tolerance: tolerance),
      significantFigures: significantFigures, misconceptions: misconceptions)
  }

  /// An answer with its interval as recorded (read from a key file).
  public init(
    value: Double, unit: String, tolerance: Tolerance, interval: AcceptedInterval, significantFigures: Int = 3,
    misconceptions: [MisconceptionOutcome] = []
  ) {
    self.value = value
    self.unit = unit
    self.tolerance = tolerance
    self.interval = interval
    self.significantFigures = significantFigures
    self.misconceptions = misconceptions
  }

  /// Whether `response` (in ``unit``) is accepted: within ``interval``, bounds inclusive.
  public func accepts(_ response: Double) -> Bool { interval.contains(response) }

  /// The interval a response must fall in to match the misconception worth `value`: the same half-width as
  /// the key's, around `value`.
  public func interval(ofMisconceptionAt value: Double) -> AcceptedInterval {
    AcceptedInterval(center: value, halfWidthOf: interval)
  }
}

/// One option of a choice answer.
public struct ChoiceOption: Hashable, Sendable {
  /// A stable identifier: `influx`.
  public var id: String
  /// What the student reads: "influx (into the cell)".
  public var text: String
  /// Feedback shown when this option is chosen (a distractor's misconception feedback), if any.
  public var feedback: String?
  /// The misconception that leads to this option, if it is a distractor produced by one.
  public var misconception: String?

  public init(id: String, text: String, feedback: String? = nil, misconception: String? = nil) {
    self.id = id
    self.text = text
    self.feedback = feedback
    self.misconception = misconception
  }
}

/// A choice answer: the options in display order and the correct one.
public struct ChoiceAnswer: Hashable, Sendable {
  /// The options, in the order shown.
  public var options: [ChoiceOption]
  /// The identifier of the correct option.
  public var correct: String
  /// The mistakes that lead to a wrong option (never to the correct one).
  public var misconceptions: [MisconceptionOutcome]

  public init(options: [ChoiceOption], correct: String, misconceptions: [MisconceptionOutcome] = []) {
    precondition(options.contains { $0.id == correct }, "The correct option must be one of the options")
    self.options = options
    self.correct = correct
    self.misconceptions = misconceptions
  }

  /// The correct option.
  public var correctOption: ChoiceOption { options.first { $0.id == correct }! }
}

/// One part of a problem that the student answers.
public struct Answer: Hashable, Sendable {
  /// What kind of answer, with its key.
  public enum Kind: Hashable, Sendable {
    case numeric(NumericAnswer)
    case choice(ChoiceAnswer)
  }

  /// The identifier within the variant: `E`, `driving_force`, `direction`.
  public var id: String
  /// The question for this part, as the student reads it: "Driving force Vm − E (mV)".
  public var prompt: String
  /// The key.
  public var kind: Kind
  /// Shown with the solution: how the key is obtained.
  public var explanation: String?
  /// What this part is worth: its share of the problem's points (``Points/split(_:into:)``), set when the
  /// variant becomes part of a ``QuizItem`` and recorded in the key.
  public var points: Points

  public init(id: String, prompt: String, kind: Kind, explanation: String? = nil, points: Points = .zero) {
    self.id = id
    self.prompt = prompt
    self.kind = kind
    self.explanation = explanation
    self.points = points
  }

  /// The numeric key, if this is a numeric answer.
  public var numeric: NumericAnswer? { if case .numeric(let n) = kind { n } else { nil } }
  /// The choice key, if this is a choice answer.
  public var choice: ChoiceAnswer? { if case .choice(let c) = kind { c } else { nil } }
}
