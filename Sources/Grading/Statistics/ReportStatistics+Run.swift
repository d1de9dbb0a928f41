import QuizModel

/// Working out a run's statistics from what it counted.
extension ReportStatistics {
  /// The labels of the misconceptions the grader finds on its own, whatever the key says.
  static let builtinLabels = [
    "unit-slip": "unit slip (×10^±3)", "sign-reversed": "sign reversed", "significant-figures": "significant figures",
  ]

  /// The statistics of `run`, whose students' totals are `totals` (in student order).
  init(run: GradingRun, totals: [Double]) {
    let key = run.key
    students = totals.count
    maximum = key.maximum
    histogram = ReportStatistics.histogram(totals, maximum: maximum.value)
    mean = ReportStatistics.mean(totals)
    standardDeviation = ReportStatistics.variance(totals).map { $0.squareRoot() }
    var itemScores: [[Double]] = Array(repeating: [], count: key.items.count)
    var answered = Array(repeating: 0, count: key.items.count)
    for s in 0..<students {
      for (i, points) in run.itemPoints(student: s).enumerated() {
        itemScores[i].append(points?.value ?? 0)
        if points != nil { answered[i] += 1 }
      }
    }
    alpha = ReportStatistics.cronbachAlpha(items: itemScores, totals: totals)
    items = key.items.enumerated().map { i, item in
      let parts =
        item.slots.count < 2
        ? []
        : item.slots.enumerated().map { position, slot in
          ReportStatistics.part(position: position, slot: slot, of: item, run: run, totals: totals)
        }
      return Item(
        template: item.template, title: item.title,
        analysis: Analysis(
          points: item.points, scores: itemScores[i], answered: answered[i], totals: totals,
          misconceptions: ReportStatistics.misconceptions(
            in: item.variants.flatMap { key.variants[$0].parts }, run: run)),
        parts: parts, variants: item.variants.map { ReportStatistics.variant($0, run: run) })
    }
  }

  /// The part at `position` of the item's variants, answered in `slot`.
  private static func part(position: Int, slot: Int, of item: KeyIndex.ItemEntry, run: GradingRun, totals: [Double])
    -> Part
  {
    let key = run.key
    let first = key.parts[key.variants[item.variants[0]].parts[position]]
    var scores: [Double] = []
    scores.reserveCapacity(totals.count)
    var answered = 0
    for s in totals.indices {
      let state = run.slotStates[s * key.slotCount + slot]
      scores.append(state.points.value)
      if state.variant >= 0 { answered += 1 }
    }
    let parts = item.variants.compactMap { v in
      key.variants[v].parts.indices.contains(position) ? key.variants[v].parts[position] : nil
    }
    return Part(
      id: first.answer.id, prompt: first.answer.prompt,
      analysis: Analysis(
        points: first.points, scores: scores, answered: answered, totals: totals,
        misconceptions: misconceptions(in: parts, run: run)))
  }

  private static func variant(_ v: Int, run: GradingRun) -> VariantResult {
    let entry = run.key.variants[v]
    let possible = run.variantPossible[v].value
    return VariantResult(
      id: entry.id, students: run.variantStudents[v],
      meanFraction: possible > 0 ? run.variantPoints[v].value / possible : nil,
      parts: entry.parts.map { p in
        var verdicts: [Verdict: Int] = [:]
        for verdict in Verdict.allCases where run.partVerdicts[p][verdict.index] > 0 {
          verdicts[verdict] = run.partVerdicts[p][verdict.index]
        }
        return PartVerdicts(label: run.key.parts[p].label, verdicts: verdicts)
      })
  }

  /// The misconceptions matched in the responses to `parts` (indices into the key's parts), added up, with
  /// the labels the key gives them; most frequent first, ties by id.
  private static func misconceptions(in parts: [Int], run: GradingRun) -> [MisconceptionCount] {
    var labels = builtinLabels
    var counts: [String: Int] = [:]
    for p in parts {
      let answer = run.key.parts[p].answer
      for m in answer.numeric?.misconceptions ?? answer.choice?.misconceptions ?? [] { labels[m.id] = m.label }
      for (id, n) in run.partMisconceptions[p] { counts[id, default: 0] += n }
    }
    return counts.map { MisconceptionCount(id: $0.key, label: labels[$0.key] ?? $0.key, count: $0.value) }
      .sorted()
  }
}

extension ReportStatistics.Analysis {
  /// The analysis of a question or item worth `points`, whose scores (one per student, 0 for no answer) are
  /// `scores`, against the students' `totals`.
  init(
    points: Points, scores: [Double], answered: Int, totals: [Double],
    misconceptions: [ReportStatistics.MisconceptionCount]
  ) {
    self.init(
      points: points, answered: answered,
      facility: points > .zero ? ReportStatistics.mean(scores).map { $0 / points.value } : nil,
      discrimination: ReportStatistics.correlation(scores, zip(totals, scores).map { $0 - $1 }),
      misconceptions: misconceptions)
  }
}
