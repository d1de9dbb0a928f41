import Foundation
import QuizModel

/// The numbers behind `report.html`: the score distribution, item facility and discrimination, Cronbach's α,
/// per-variant results and how often each misconception was matched.
struct ReportStatistics: Sendable {
  struct ItemStatistics: Sendable {
    var template: String
    var title: String
    var points: Double
    /// Students with an answer to some variant of the item.
    var answered: Int
    /// Mean score over all students divided by the item's points.
    var facility: Double?
    /// Correlation of the item score with the rest of the total (the total without this item).
    var discrimination: Double?
    /// Misconceptions matched in the item's responses: label and count, most frequent first.
    var misconceptions: [(id: String, label: String, count: Int)]
    /// Per part (question) across the variants, when the item has several parts.
    var parts: [PartStatistics]
    var variants: [VariantStatistics]
  }

  /// One part of a problem across its variants: the question each student answered once, from whichever
  /// variant they were given.
  struct PartStatistics: Sendable {
    /// The part's id (`driving_force`) and prompt.
    var id: String
    var prompt: String
    var points: Double
    var answered: Int
    var facility: Double?
    /// Correlation of the part's score with the rest of the total.
    var discrimination: Double?
    var misconceptions: [(id: String, label: String, count: Int)]
  }

  struct VariantStatistics: Sendable {
    var id: String
    var students: Int
    var meanFraction: Double?
    /// Per part: label and counts by verdict.
    var parts: [(label: String, verdicts: [Int])]
  }

  var students: Int
  var maximum: Double
  var totals: [Double]
  /// Ten bins of percent: [0, 10), …, [90, 100].
  var histogram: [Int]
  var mean: Double?
  var standardDeviation: Double?
  var alpha: Double?
  var items: [ItemStatistics]

  init(run: GradingRun, totals: [Double]) {
    let key = run.key
    students = totals.count
    maximum = key.maximum.value
    self.totals = totals
    histogram = Array(repeating: 0, count: 10)
    if maximum > 0 {
      for t in totals {
        let bin = (10 * t / maximum).rounded(.down)
        histogram[bin.isNaN ? 0 : Int(min(max(bin, 0), 9))] += 1
      }
    }
    mean = ReportStatistics.mean(totals)
    standardDeviation = ReportStatistics.variance(totals).map { $0.squareRoot() }
    let k = key.items.count
    var itemScores: [[Double]] = Array(repeating: [], count: k)
    var answered = Array(repeating: 0, count: k)
    for s in 0..<students {
      for (i, points) in run.itemPoints(student: s).enumerated() {
        itemScores[i].append(points?.value ?? 0)
        if points != nil { answered[i] += 1 }
      }
    }
    if k >= 2, let totalVariance = ReportStatistics.variance(totals), totalVariance > 0 {
      let sum = itemScores.compactMap(ReportStatistics.variance).reduce(0, +)
      alpha = Double(k) / Double(k - 1) * (1 - sum / totalVariance)
    }
    let builtinLabels = [
      "unit-slip": "unit slip (×10^±3)", "sign-reversed": "sign reversed",
      "significant-figures": "significant figures",
    ]
    let studentCount = totals.count
    items = key.items.enumerated().map { i, item in
      let rest = zip(totals, itemScores[i]).map { $0 - $1 }
      let parts: [PartStatistics] =
        item.slots.count < 2
        ? []
        : item.slots.enumerated().map { position, slot in
          let first = key.parts[key.variants[item.variants[0]].parts[position]]
          var scores: [Double] = []
          var answered = 0
          for s in 0..<studentCount {
            let state = run.slotStates[s * key.slotCount + slot]
            scores.append(state.points.value)
            if state.variant >= 0 { answered += 1 }
          }
          var counts: [String: Int] = [:]
          var labels: [String: String] = builtinLabels
          for v in item.variants where position < key.variants[v].parts.count {
            let p = key.variants[v].parts[position]
            for m in key.parts[p].answer.numeric?.misconceptions ?? key.parts[p].answer.choice?.misconceptions ?? [] {
              labels[m.id] = m.label
            }
            for (id, n) in run.partMisconceptions[p] { counts[id, default: 0] += n }
          }
          return PartStatistics(
            id: first.answer.id, prompt: first.answer.prompt, points: first.points.value, answered: answered,
            facility: first.points > .zero ? ReportStatistics.mean(scores).map { $0 / first.points.value } : nil,
            discrimination: ReportStatistics.correlation(scores, zip(totals, scores).map { $0 - $1 }),
            misconceptions: counts.map { (id: $0.key, label: labels[$0.key] ?? $0.key, count: $0.value) }
              .sorted { $0.count != $1.count ? $0.count > $1.count : $0.id < $1.id })
        }
      var labels: [String: String] = builtinLabels
      var counts: [String: Int] = [:]
      let variants = item.variants.map { v in
        let entry = key.variants[v]
        for p in entry.parts {
          let answer = key.parts[p].answer
          let outcomes = answer.numeric?.misconceptions ?? answer.choice?.misconceptions ?? []
          for m in outcomes { labels[m.id] = m.label }
          for (id, n) in run.partMisconceptions[p] { counts[id, default: 0] += n }
        }
        let possible = run.variantPossible[v].value
        return VariantStatistics(
          id: entry.id, students: run.variantStudents[v],
          meanFraction: possible > 0 ? run.variantPoints[v].value / possible : nil,
          parts: entry.parts.map { (key.parts[$0].label, run.partVerdicts[$0]) }
        )
      }
      let misconceptions = counts.map { (id: $0.key, label: labels[$0.key] ?? $0.key, count: $0.value) }
        .sorted { $0.count != $1.count ? $0.count > $1.count : $0.id < $1.id }
      return ItemStatistics(
        template: item.template, title: item.title, points: item.points.value, answered: answered[i],
        facility: item.points > .zero ? ReportStatistics.mean(itemScores[i]).map { $0 / item.points.value } : nil,
        discrimination: ReportStatistics.correlation(itemScores[i], rest),
        misconceptions: misconceptions, parts: parts, variants: variants
      )
    }
  }

  static func mean(_ x: [Double]) -> Double? {
    x.isEmpty ? nil : x.reduce(0, +) / Double(x.count)
  }

  /// The sample variance (n − 1), or nil for fewer than two values.
  static func variance(_ x: [Double]) -> Double? {
    guard x.count >= 2, let m = mean(x) else { return nil }
    return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
  }

  /// Pearson's correlation, or nil when either side does not vary.
  static func correlation(_ x: [Double], _ y: [Double]) -> Double? {
    guard x.count == y.count, x.count >= 2, let mx = mean(x), let my = mean(y) else { return nil }
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for (a, b) in zip(x, y) {
      sxy += (a - mx) * (b - my)
      sxx += (a - mx) * (a - mx)
      syy += (b - my) * (b - my)
    }
    guard sxx > 0, syy > 0 else { return nil }
    return sxy / (sxx * syy).squareRoot()
  }
}
