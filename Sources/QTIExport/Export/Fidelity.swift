import Foundation
import QuizModel

/// Works out what one format keeps and loses for one template.
enum Fidelity {
  static func report(for item: QuizItem, format: QTIFormat) -> ExportReport.TemplateReport {
    var kept: [String] = []
    var lost: [String] = []
    var warnings: [String] = []
    let variants = item.variants
    let parts = variants.first?.answers ?? []
    let numericParts = parts.filter { $0.numeric != nil }

    // Tolerance.
    for part in numericParts {
      // Counted in place: a copy of every variant's answer would cost more than the count.
      var first: NumericAnswer?
      var count = 0
      var widened = 0
      for variant in variants {
        guard let answer = variant.answer(part.id)?.numeric else { continue }
        if first == nil { first = answer }
        count += 1
        if answer.interval.roundedUp { widened += 1 }
      }
      guard let first else { continue }
      let rule = describe(first.tolerance, unit: first.unit)
      // The half-width is written as a short decimal rounded up, by construction by at most a millionth of
      // itself: nothing a student could notice, but said, so the report is exact.
      let rounding =
        widened == 0
        ? ", exactly"
        : "; half-width rounded up to a short decimal in \(widened) of \(count) variants (by ≤ 10⁻⁶ of itself), bounds exactly key ± t"
      switch format {
      case .canvas:
        kept.append("tolerance of '\(part.id)': exact value with margin and range lo … hi (\(rule))" + rounding)
      case .qti21, .qti30:
        kept.append("tolerance of '\(part.id)': absolute ±t around the key (\(rule))" + rounding)
      case .moodle:
        break  // MoodleFidelity
      }
    }

    // Pools.
    switch format {
    case .canvas:
      let shares = parts.map(\.points.description).joined(separator: " + ")
      let worth = parts.count == 1 ? "\(shares) point\(item.points == 1 ? "" : "s")" : "parts worth \(shares) points"
      kept.append(
        "pool: question group per part, 1 of \(variants.count) variant\(variants.count == 1 ? "" : "s") drawn, \(worth)"
      )
    case .qti21, .qti30:
      kept.append(
        "pool: assessmentSection with selection select=\"1\" over \(variants.count) variant\(variants.count == 1 ? "" : "s"), \(item.points) point\(item.points == 1 ? "" : "s")"
      )
    case .moodle:
      break
    }

    // Multi-part.
    if parts.count > 1 {
      switch format {
      case .canvas:
        lost.append(
          "multi-part: \(parts.count) parts become \(parts.count) separate questions, each drawn from its own group, so one student may see different variants for different parts (each question repeats its stem)"
        )
      case .qti21, .qti30:
        kept.append(
          "multi-part: one item with \(parts.count) interactions (\(parts.map(\.id).joined(separator: ", ")))")
      case .moodle:
        break
      }
    }

    // Feedback.
    var numericFeedback = 0
    var numericUnreachable = 0
    var choiceFeedback = 0
    for variant in variants {
      for answer in variant.answers {
        switch answer.kind {
        case .numeric(let n):
          for m in n.misconceptions where m.value != nil {
            if n.accepts(m.value!) { numericUnreachable += 1 } else { numericFeedback += 1 }
          }
        case .choice(let c):
          choiceFeedback +=
            c.options.filter { o in
              o.id != c.correct && (o.feedback != nil || c.misconceptions.contains { $0.option == o.id })
            }.count
        }
      }
    }
    switch format {
    case .canvas:
      if numericFeedback > 0 {
        lost.append(
          "feedback: \(numericFeedback) numeric misconception messages dropped (Canvas numerical questions have no wrong-answer feedback)"
        )
      }
      if choiceFeedback > 0 { kept.append("feedback: \(choiceFeedback) distractor messages carried on the choices") }
    case .qti21, .qti30:
      if numericFeedback + choiceFeedback > 0 {
        kept.append("feedback: \(numericFeedback + choiceFeedback) misconception messages carried as modal feedback")
      }
    case .moodle:
      break
    }
    if numericUnreachable > 0 {
      lost.append(
        "feedback: \(numericUnreachable) misconception values fall inside the accepted interval and cannot be told apart from the key"
      )
    }
    if variants.contains(where: { $0.answers.contains { $0.explanation != nil } }) {
      switch format {
      case .canvas:
        kept.append(
          "explanations: the worked explanation as general feedback (itemfeedback '\(Explanation.canvasGeneral)'), shown after submission whatever the answer"
        )
      case .qti21, .qti30:
        kept.append(
          "explanations: the worked explanation as modal feedback '\(Explanation.solution)', shown whenever a response is given"
        )
      case .moodle:
        break
      }
    }

    if let warning = controlCharacterWarning(variants) { warnings.append(warning) }

    return ExportReport.TemplateReport(
      template: item.template, title: item.title, variants: variants.count,
      kept: kept, lost: lost, warnings: warnings)
  }

  /// The warning for characters XML cannot carry in the variants' texts (replaced by U+FFFD), if any: every
  /// format's report says it.
  static func controlCharacterWarning(_ variants: [Variant]) -> String? {
    var forbidden: [String] = []
    func scan(_ text: String) {
      // Sanitizing gives back the text itself, after one scan of its bytes, unless it holds a forbidden
      // character: only then are they named.
      guard XMLText.sanitized(text) != text else { return }
      for name in XMLText.forbiddenCharacters(in: text) where !forbidden.contains(name) { forbidden.append(name) }
    }
    for variant in variants {
      scan(variant.stem)
      for answer in variant.answers {
        scan(answer.prompt)
        for option in answer.choice?.options ?? [] { scan(option.text) }
      }
    }
    return forbidden.isEmpty
      ? nil
      : "control characters \(forbidden.joined(separator: ", ")) cannot appear in XML and were replaced by U+FFFD"
  }

  static func describe(_ t: Tolerance, unit: String) -> String {
    var parts: [String] = []
    if t.relative > 0 { parts.append(DecimalText.exact(t.relative * 100) + " % of |key|") }
    if t.absolute > 0 { parts.append(DecimalText.exact(t.absolute) + (unit.isEmpty ? "" : " " + unit)) }
    return parts.isEmpty ? "exact" : "t = " + parts.joined(separator: " + ")
  }
}
