import QuizModel

/// What ``Template/check(variants:seed:progress:)`` found: how hard the template is to satisfy, what its
/// answers range over, whether its variants are distinct, and any problem that would reach students.
package struct TemplateCheckReport: Sendable, CustomStringConvertible {
  /// What one answer ranged over.
  package struct AnswerSummary: Sendable {
    package var id: String
    package var unit: String?
    /// Smallest and largest numeric key.
    package var range: ClosedRange<Double>?
    /// How often each option was correct, for a choice answer.
    package var correctOptions: [String: Int]
    /// How often each misconception applied (was not dropped).
    package var misconceptionsApplied: [String: Int]
    /// For a numeric answer, the most frequent key written to 3 significant figures and how many variants had it.
    package var commonestKey: (key: String, count: Int)?
  }

  package var template: String
  /// Variants drawn.
  package var variants: Int
  /// Draws made, including those rejected by constraints.
  package var draws: Int
  /// Rejections per constraint.
  package var rejections: [String: Int]
  /// Distinct stems among the variants.
  package var distinctStems: Int
  /// Distinct problems among the variants: no two with the same stem, displayed parameters, or answers to 3
  /// significant figures (which also catches concentrations scaled by a common factor), as a bank draws them.
  package var distinctProblems: Int = 0
  package var answers: [AnswerSummary]
  /// Things that make the template unusable: it fails the check.
  package var problems: [String]
  /// Things worth a look.
  package var warnings: [String]

  /// Whether the template passed.
  package var passed: Bool { problems.isEmpty }

  /// The fraction of draws rejected by constraints.
  package var rejectionRate: Double { draws == 0 ? 0 : Double(draws - variants) / Double(draws) }

  package var description: String {
    var lines = [
      "\(template): \(passed ? "ok" : "FAILED") — \(variants) variants, \(distinctStems) distinct stems, "
        + "\(distinctProblems) distinct problems, "
        + "\(NumberFormat.significantFigures(2).plain(rejectionRate * 100))% of draws rejected"
    ]
    for (constraint, count) in rejections.sorted(by: { $0.value > $1.value }) {
      lines.append("  constraint \(constraint): rejected \(count) draws")
    }
    for answer in answers {
      if let range = answer.range {
        let f = NumberFormat.significantFigures(3)
        var line = "  \(answer.id): \(f.string(range.lowerBound)) … \(f.string(range.upperBound)) \(answer.unit ?? "")"
        if let (key, count) = answer.commonestKey, count > 1 { line += "; commonest key \(key) in \(count)" }
        lines.append(line)
      } else {
        let options = answer.correctOptions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
          separator: ", ")
        lines.append("  \(answer.id): correct option \(options)")
      }
      if !answer.misconceptionsApplied.isEmpty {
        let list = answer.misconceptionsApplied.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
          separator: ", ")
        lines.append("    misconceptions applied: \(list)")
      }
    }
    lines += warnings.map { "  warning: \($0)" }
    lines += problems.map { "  problem: \($0)" }
    return lines.joined(separator: "\n")
  }
}

extension Template {
  /// Draws many variants and reports rejection rates, answer ranges, duplicates and problems: an expression
  /// that fails, a key too small for LMSs to store (|key| < 10⁻⁴), an interval that accepts nothing but an
  /// exact zero, a choice whose correct option never varies.
  ///
  /// - Parameters:
  ///   - variants: How many variants to draw.
  ///   - seed: The seed of the check's own stream of variant seeds.
  ///   - progress: Called with the number of variants drawn so far, now and then.
  package func check(variants: Int = 500, seed: UInt64 = 1, progress: ((Int) -> Void)? = nil) -> TemplateCheckReport {
    var statistics = DrawStatistics()
    var stems: Set<String> = []
    var problemsSeen = DuplicateFilter()
    var distinctProblems = 0
    var ranges: [String: ClosedRange<Double>] = [:]
    var correctOptions: [String: [String: Int]] = [:]
    var applied: [String: [String: Int]] = [:]
    var keys: [String: [String: Int]] = [:]
    var problems: Set<String> = []
    var warnings: [String] = []
    var drawn = 0
    for index in 0..<variants {
      if index % 100 == 0 { progress?(index) }
      let variant: Variant
      do {
        variant = try drawVariant(
          seed: SeededGenerator.derivedSeed(from: seed, path: [.label(id), .index(UInt64(index))]),
          id: "\(id)-check-\(index)", statistics: &statistics)
      } catch {
        problems.insert(error.description)
        break
      }
      drawn += 1
      stems.insert(variant.stem)
      if problemsSeen.insert(variant) { distinctProblems += 1 }
      for answer in variant.answers {
        switch answer.kind {
        case .numeric(let n):
          let range =
            ranges[answer.id].map { min($0.lowerBound, n.value)...max($0.upperBound, n.value) } ?? n.value...n.value
          ranges[answer.id] = range
          keys[answer.id, default: [:]][NumberFormat.significantFigures(3).string(n.value), default: 0] += 1
          if n.value != 0, abs(n.value) < 1e-4 {
            problems.insert(
              "answer '\(answer.id)' has a key of \(n.value) \(n.unit): LMSs round numbers below 10⁻⁴; ask in a smaller unit"
            )
          }
          if n.value == 0, n.tolerance.absolute == 0 {
            problems.insert(
              "answer '\(answer.id)' has a key of 0 with no absolute tolerance: only an exact 0 would be accepted")
          }
          for m in n.misconceptions { applied[answer.id, default: [:]][m.id, default: 0] += 1 }
        case .choice(let c):
          correctOptions[answer.id, default: [:]][c.correct, default: 0] += 1
          for m in c.misconceptions { applied[answer.id, default: [:]][m.id, default: 0] += 1 }
        }
      }
    }
    progress?(drawn)
    if drawn > 0 {
      for (answer, counts) in correctOptions where counts.count == 1 && drawn >= 20 {
        warnings.append("the correct option of '\(answer)' is always '\(counts.keys.first!)'")
      }
      for spec in answers {
        if let counts = correctOptions[spec.id], counts.count > 1,
          let (option, count) = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
          Double(count) > 0.7 * Double(drawn)
        {
          warnings.append(
            "unbalanced choice '\(spec.id)': option '\(option)' is correct in \(count) of \(drawn) variants (more than 70 %)"
          )
        }
        if let counts = keys[spec.id],
          let (key, count) = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
          drawn >= 20, Double(count) > 0.5 * Double(drawn)
        {
          warnings.append("the key of '\(spec.id)' is \(key) in \(count) of \(drawn) variants (more than half)")
        }
      }
      for (pair, count) in statistics.coincidences.sorted(by: { $0.key < $1.key }) {
        warnings.append(
          "misconceptions \(pair) coincide in \(count) variant\(count == 1 ? "" : "s"): the second one's feedback is never shown there"
        )
      }
      for spec in misconceptions where applied[spec.answer]?[spec.id] == nil {
        warnings.append(
          "misconception '\(spec.id)' never applied (its value always fell inside the accepted interval or failed)")
      }
      if Double(stems.count) < 0.5 * Double(drawn) {
        warnings.append(
          "only \(stems.count) of \(drawn) stems are distinct: banks can ask for at most about \(stems.count) variants")
      }
      let rate = Double(statistics.draws - drawn) / Double(max(statistics.draws, 1))
      if rate > 0.9 {
        warnings.append("constraints reject \(Int(rate * 100))% of draws: drawing is slow; narrow the parameter ranges")
      }
    }
    return TemplateCheckReport(
      template: id, variants: drawn, draws: statistics.draws, rejections: statistics.rejections,
      distinctStems: stems.count,
      distinctProblems: distinctProblems,
      answers: answers.map { spec in
        var unit: String?
        if case .numeric(let n) = spec.kind { unit = n.unit }
        let commonest = keys[spec.id]?.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }
        return .init(
          id: spec.id, unit: unit, range: ranges[spec.id], correctOptions: correctOptions[spec.id] ?? [:],
          misconceptionsApplied: applied[spec.id] ?? [:], commonestKey: commonest.map { ($0.key, $0.value) })
      },
      problems: problems.sorted(), warnings: warnings)
  }
}
