import QuizModel

/// What the pages show of one part: the prompt, and for a page with answers, the key, the accepted interval,
/// the typical mistakes and the explanation. Shared by the preview and the answer keys.
enum AnswerContext {
  /// The part as a student reads it: prompt, answer box with its unit, or the options as tick boxes.
  static func question(_ answer: Answer, label: String? = nil) -> [String: Any] {
    var context: [String: Any] = [
      "prompt": PageText.keepingUnits(answer.prompt), "hasPrompt": !answer.prompt.isEmpty,
      "points": answer.points.description,
    ]
    if let label { context["label"] = label }
    switch answer.kind {
    case .numeric(let n):
      context["numeric"] = ["unit": n.unit]
    case .choice(let c):
      context["choice"] = ["options": c.options.map { ["text": PageText.keepingUnits($0.text)] }]
    }
    return context
  }

  /// The part with its key: ``question(_:label:)`` and `key` (the key with its unit, the accepted interval,
  /// the tolerance, the typical mistakes), the options marked correct or not, and the explanation.
  static func withKey(_ answer: Answer, label: String? = nil) -> [String: Any] {
    var context = question(answer, label: label)
    switch answer.kind {
    case .numeric(let n):
      let figures = NumberFormat.significantFigures(n.significantFigures)
      let bounds = NumberFormat.significantFigures(max(n.significantFigures + 1, 4))
      let mistakes: [[String: Any]] = n.misconceptions.map { m in
        [
          "label": m.label, "value": m.value.map { figures.string($0) + "\u{A0}" + n.unit } ?? "",
          "feedback": m.feedback,
        ]
      }
      context["key"] =
        [
          "value": figures.string(n.value) + "\u{A0}" + n.unit,
          "low": bounds.string(n.interval.lower), "high": bounds.string(n.interval.upper), "unit": n.unit,
          "tolerance":
            "±\(NumberFormat.exact(n.tolerance.relative * 100))\u{A0}% + \(NumberFormat.exact(n.tolerance.absolute))\u{A0}\(n.unit)",
          "mistakes": mistakes, "hasMistakes": !mistakes.isEmpty,
        ] as [String: Any]
    case .choice(let c):
      context["choice"] = [
        "options": c.options.map { option -> [String: Any] in
          var o: [String: Any] = ["text": PageText.keepingUnits(option.text), "correct": option.id == c.correct]
          if let feedback = option.feedback { o["feedback"] = feedback }
          return o
        }
      ]
      context["key"] = ["value": PageText.keepingUnits(c.correctOption.text)] as [String: Any]
    }
    if let explanation = answer.explanation { context["explanation"] = PageText.keepingUnits(explanation) }
    return context
  }
}
