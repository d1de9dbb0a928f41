public import QuizModel

extension SampleQuiz {
  /// Small hand-built quizzes covering every kind of item the exporter writes.
  public enum Export {
    /// E_K ≈ −95.02 mV with 2 % + 0.5 mV, and two misconceptions.
    public static func nernstVariant(_ n: Int, key: Double = -95.0189, stem: String? = nil) -> Variant {
      Variant(
        id: "nernst-k-0\(n)", template: "nernst-k", seed: UInt64(100 + n),
        parameters: [
          ("ion", .text("K+", display: "K⁺")), ("inside", .number(140, display: "140")),
          ("outside", .number(4, display: "4")),
        ],
        stem: stem ?? "At 37 °C, [K⁺]in = 140 mM and [K⁺]out = 4 mM.\n\nWhat is the equilibrium potential of K⁺?",
        answers: [
          Answer(
            id: "E", prompt: "E_K (mV)",
            kind: .numeric(
              NumericAnswer(
                value: key, unit: "mV", tolerance: Tolerance(relative: 0.02, absolute: 0.5), significantFigures: 4,
                misconceptions: [
                  MisconceptionOutcome(
                    id: "log10-for-ln", label: "used log10 instead of ln", value: key / 2.302585,
                    feedback: "Nernst uses the natural logarithm, or 2.303 × log10."),
                  MisconceptionOutcome(
                    id: "inside-outside-swapped", label: "swapped inside and outside", value: -key,
                    feedback: "E = (RT/zF) ln([out]/[in]): outside over inside."),
                ])),
            explanation: "E = (RT/F) ln(4/140)")
        ]
      )
    }

    /// Driving force (numeric) and direction of K⁺ movement (choice).
    public static func multiPartVariant(_ n: Int) -> Variant {
      Variant(
        id: "k-flux-0\(n)", template: "k-flux", seed: UInt64(200 + n),
        parameters: [("vm", .number(-70, display: "−70"))],
        stem: "A cell rests at Vm = −70 mV; E_K = −95.02 mV.",
        answers: [
          Answer(
            id: "driving_force", prompt: "Driving force Vm − E (mV)",
            kind: .numeric(
              NumericAnswer(
                value: 25.02, unit: "mV", tolerance: Tolerance(absolute: 0.5),
                misconceptions: [
                  MisconceptionOutcome(
                    id: "sign-flipped", label: "E − Vm", value: -25.02, feedback: "Driving force is Vm − E, not E − Vm."
                  )
                ]))),
          Answer(
            id: "direction", prompt: "Net K⁺ movement",
            kind: .choice(
              ChoiceAnswer(
                options: [
                  ChoiceOption(id: "influx", text: "influx (into the cell)", misconception: "sign-flipped"),
                  ChoiceOption(id: "efflux", text: "efflux (out of the cell)"),
                  ChoiceOption(id: "none", text: "no net movement"),
                ],
                correct: "efflux",
                misconceptions: [
                  MisconceptionOutcome(
                    id: "sign-flipped", label: "sign", option: "influx",
                    feedback: "A positive driving force pushes cations out.")
                ]))),
        ])
    }

    /// Q = C·ΔV ≈ 7.854 pC, exponent-prone in other units.
    public static func chargeVariant() -> Variant {
      Variant(
        id: "charge-01", template: "charge", seed: 301, parameters: [("d", .number(50, display: "50"))],
        stem: "A spherical cell 50 µm across, 1 µF/cm², is depolarized by 100 mV. What charge moved?",
        answers: [
          Answer(
            id: "Q", prompt: "Q (pC)",
            kind: .numeric(
              NumericAnswer(
                value: 7.853981633974483, unit: "pC", tolerance: Tolerance(relative: 0.02))))
        ])
    }

    /// A key of 1.05 × 10⁻⁵ (too small for Canvas).
    public static func tinyVariant() -> Variant {
      Variant(
        id: "tiny-01", template: "tiny", seed: 401, parameters: [],
        stem: "What is the charge in coulombs?",
        answers: [
          Answer(
            id: "Q", prompt: "Q (C)",
            kind: .numeric(
              NumericAnswer(
                value: 1.05e-5, unit: "C", tolerance: Tolerance(relative: 0.02))))
        ])
    }

    /// A stem with `<`, `&`, quotes, `]]>` and control characters.
    public static let hostileStem =
      "If [K⁺]out < 5 & [K⁺]in > 100 mM, is \"E\" 'negative'? ]]> <![CDATA[x]]> &amp; \u{1}\u{7}end\n\nSecond <p>paragraph</p>."

    public static let nernstItem = QuizItem(
      template: "nernst-k", title: "Nernst potential of K⁺", points: 2,
      variants: [nernstVariant(1), nernstVariant(2, key: -89.06)])
    public static let multiPartItem = QuizItem(
      template: "k-flux", title: "Driving force and direction", points: 3,
      variants: [multiPartVariant(1), multiPartVariant(2)])
    public static let chargeItem = QuizItem(
      template: "charge", title: "Capacitive charge", points: 1, variants: [chargeVariant()])
    public static let hostileItem = QuizItem(
      template: "hostile", title: "Escaping <&> \"test\"", points: 1,
      variants: [nernstVariant(9, stem: hostileStem)])

    /// Every exportable kind in one quiz.
    public static let quiz = Quiz(
      title: "Membrane potentials", seed: 42, items: [nernstItem, multiPartItem, chargeItem])

    /// The quiz with a key Canvas cannot hold.
    public static let tinyQuiz = Quiz(
      title: "Tiny", seed: 7,
      items: [
        QuizItem(
          template: "tiny", title: "Tiny", points: 1,
          variants: [tinyVariant()])
      ])

    /// A quiz with a hostile stem.
    public static let hostileQuiz = Quiz(title: "Hostile & <quiz>", seed: 9, items: [hostileItem])
  }
}

extension SampleQuiz.Export {
  /// Ten templates of `variants / 10` Nernst variants each, keys a thousandth apart: a quiz large enough for
  /// several workers to share.
  public static func manyVariants(_ variants: Int) -> Quiz {
    let items = (0..<10).map { t in
      QuizItem(
        template: "t\(t)", title: "Template \(t)", points: 1,
        variants: (0..<(variants / 10)).map { v in
          var variant = nernstVariant(0, key: -95.0189 + Double(v) * 0.001)
          variant.id = "t\(t)-\(v)"
          return variant
        })
    }
    return Quiz(title: "Many variants", seed: 1, items: items)
  }
}
