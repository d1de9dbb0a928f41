public import QuizModel

extension SampleQuiz {
  /// A small quiz built by hand: negative keys, a key near zero, a two-part driving-force item with a choice
  /// answer, and the usual misconceptions.
  ///
  /// | item             | variants                           | points |
  /// |------------------|------------------------------------|--------|
  /// | nernst-potential | -01 (K⁺, −95.02 mV), -02 (Ca²⁺, +132.3 mV) | 2 |
  /// | driving-force    | -01 (25.02 mV, efflux), two parts  | 2      |
  /// | ohmic-current    | -01 (0.3 pA), -02 (−0.02 pA, interval spans 0) | 1 |
  public enum Grading {
    public static let tolerance = Tolerance(relative: 0.02, absolute: 0.5)

    public static let potassium = Variant(
      id: "nernst-potential-01", template: "nernst-potential", seed: 11,
      parameters: [
        ("ion", .text("K+", display: "K⁺")), ("inside", .number(140, display: "140")),
        ("outside", .number(4, display: "4")),
      ],
      stem: "At 37 °C, [K⁺] is 140 mM inside and 4 mM outside. What is the Nernst potential of K⁺?",
      answers: [
        Answer(
          id: "E", prompt: "E (mV)",
          kind: .numeric(
            NumericAnswer(
              value: -95.02, unit: "mV", tolerance: tolerance, significantFigures: 3,
              misconceptions: [
                MisconceptionOutcome(
                  id: "log10-for-ln", label: "used log10 instead of ln", value: -41.27,
                  feedback: "The Nernst equation uses the natural logarithm (ln), not log10."),
                MisconceptionOutcome(
                  id: "inside-outside-swapped", label: "inside and outside swapped", value: 95.02,
                  feedback: "The ratio is [outside]/[inside]."),
              ])))
      ])

    public static let calcium = Variant(
      id: "nernst-potential-02", template: "nernst-potential", seed: 12,
      parameters: [
        ("ion", .text("Ca2+", display: "Ca²⁺")), ("inside", .number(0.0001, display: "0.0001")),
        ("outside", .number(2, display: "2")),
      ],
      stem: "At 37 °C, [Ca²⁺] is 0.0001 mM inside and 2 mM outside. What is the Nernst potential of Ca²⁺?",
      answers: [
        Answer(
          id: "E", prompt: "E (mV)",
          kind: .numeric(
            NumericAnswer(
              value: 132.3, unit: "mV", tolerance: tolerance, significantFigures: 4,
              misconceptions: [
                MisconceptionOutcome(
                  id: "valence-ignored", label: "valence ignored", value: 264.6,
                  feedback: "Divide by the valence z = 2."),
                MisconceptionOutcome(
                  id: "celsius-as-kelvin", label: "°C used as K", value: 15.78,
                  feedback: "T is in kelvin: 37 °C is 310.15 K."),
                MisconceptionOutcome(
                  id: "log10-for-ln", label: "used log10 instead of ln", value: 57.46,
                  feedback: "The Nernst equation uses the natural logarithm (ln), not log10."),
              ])))
      ])

    public static let drivingForce = Variant(
      id: "driving-force-01", template: "driving-force", seed: 21,
      parameters: [("Vm", .number(-70, display: "−70")), ("E", .number(-95.02, display: "−95.02"))],
      stem: "A neuron rests at −70 mV; E_K is −95.02 mV.",
      answers: [
        Answer(
          id: "driving_force", prompt: "Driving force Vm − E (mV)",
          kind: .numeric(
            NumericAnswer(
              value: 25.02, unit: "mV", tolerance: Tolerance(absolute: 0.5),
              misconceptions: [
                MisconceptionOutcome(
                  id: "sign-reversed", label: "E − Vm instead of Vm − E", value: -25.02,
                  feedback: "The driving force is Vm − E.")
              ]))),
        Answer(
          id: "direction", prompt: "Net movement of K⁺",
          kind: .choice(
            ChoiceAnswer(
              options: [
                ChoiceOption(
                  id: "influx", text: "influx (into the cell)", feedback: "A positive Vm − E pushes cations out.",
                  misconception: "sign-reversed"),
                ChoiceOption(id: "efflux", text: "efflux (out of the cell)"),
              ],
              correct: "efflux",
              misconceptions: [
                MisconceptionOutcome(
                  id: "sign-reversed", label: "E − Vm instead of Vm − E", option: "influx",
                  feedback: "A positive Vm − E pushes cations out.")
              ]))),
      ])

    public static let smallCurrent = Variant(
      id: "ohmic-current-01", template: "ohmic-current", seed: 31,
      parameters: [("g", .number(0.012, display: "0.012")), ("df", .number(25, display: "25"))],
      stem: "A channel of 0.012 nS sees a driving force of 25 mV.",
      answers: [
        Answer(
          id: "I", prompt: "Current (pA)",
          kind: .numeric(
            NumericAnswer(
              value: 0.3, unit: "pA", tolerance: Tolerance(relative: 0.05, absolute: 0.01))))
      ])

    public static let nearZeroCurrent = Variant(
      id: "ohmic-current-02", template: "ohmic-current", seed: 32,
      parameters: [("g", .number(0.001, display: "0.001")), ("df", .number(-20, display: "−20"))],
      stem: "A channel of 0.001 nS sees a driving force of −20 mV.",
      answers: [
        Answer(
          id: "I", prompt: "Current (pA)",
          kind: .numeric(
            NumericAnswer(
              value: -0.02, unit: "pA", tolerance: Tolerance(relative: 0, absolute: 0.05))))
      ])

    public static let quiz = Quiz(
      title: "Membrane potentials", seed: 2026,
      items: [
        QuizItem(template: "nernst-potential", title: "Nernst potential", points: 2, variants: [potassium, calcium]),
        QuizItem(template: "driving-force", title: "Driving force", points: 2, variants: [drivingForce]),
        QuizItem(
          template: "ohmic-current", title: "Ohmic current", points: 1, variants: [smallCurrent, nearZeroCurrent]),
      ])

    /// The question text of a part, as the Canvas export writes it.
    public static func questionText(_ variant: Variant, _ answer: String) -> String {
      variant.questionText(for: variant.answer(answer)!)
    }
  }
}
