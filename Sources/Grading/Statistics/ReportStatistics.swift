package import QuizModel

/// The numbers behind `report.html`, as a grading run works them out: the score distribution, Cronbach's α,
/// each item's and each part's facility and discrimination, per-variant results and how often each
/// misconception was matched. Plain values: the Reports module renders the page from them.
///
/// Every statistic is over all students of the run; a student with no answer to an item scores 0 on it.
package struct ReportStatistics: Hashable, Sendable {
  /// How often a misconception was matched, with the label the key gives it (the built-in ones, `unit-slip`,
  /// `sign-reversed` and `significant-figures`, have labels of their own).
  package struct MisconceptionCount: Hashable, Sendable, Comparable {
    package var id: String
    package var label: String
    /// Responses that matched it.
    package var count: Int

    /// The report's order: most frequent first, ties by id.
    package static func < (a: Self, b: Self) -> Bool { a.count != b.count ? a.count > b.count : a.id < b.id }
  }

  /// How a question, or a whole item, went.
  package struct Analysis: Hashable, Sendable {
    /// What it is worth.
    package var points: Points
    /// Students with an answer to it, from whichever variant they were given.
    package var answered: Int
    /// The mean score over all students divided by ``points`` (higher is easier); nil when it is worth nothing.
    package var facility: Double?
    /// Pearson's correlation of its score with the rest of the total (the total without it); nil when either
    /// does not vary.
    package var discrimination: Double?
    /// The misconceptions matched in its responses, most frequent first (ties by id), as they compare.
    package var misconceptions: [MisconceptionCount]
  }

  /// One item (problem) across its variants.
  package struct Item: Hashable, Sendable {
    package var template: String
    package var title: String
    package var analysis: Analysis
    /// Its parts (questions), when it has several: each student answered a part once, from their variant.
    package var parts: [Part]
    package var variants: [VariantResult]
  }

  /// One part of an item across its variants.
  package struct Part: Hashable, Sendable {
    /// The part's answer id (`driving_force`), as its first variant has it.
    package var id: String
    /// The part's prompt, as its first variant has it.
    package var prompt: String
    package var analysis: Analysis
  }

  /// One variant: who answered it, how well, and each part's responses by verdict.
  package struct VariantResult: Hashable, Sendable {
    package var id: String
    /// Students who answered at least one of its parts.
    package var students: Int
    /// The points those students got divided by the points of the parts they answered; nil for none.
    package var meanFraction: Double?
    package var parts: [PartVerdicts]
  }

  /// A part of a variant (`variant-id#answer-id`) and its responses counted by verdict (verdicts with none
  /// left out).
  package struct PartVerdicts: Hashable, Sendable {
    package var label: String
    package var verdicts: [Verdict: Int]
  }

  /// Students graded.
  package var students = 0
  /// The quiz's points.
  package var maximum: Points = .zero
  /// Students by total in percent of ``maximum``, in ten bins: [0, 10), [10, 20), …, [90, 100].
  package var histogram = Array(repeating: 0, count: 10)
  /// The mean total, and its sample standard deviation (nil for fewer than two students).
  package var mean: Double?
  package var standardDeviation: Double?
  /// Cronbach's α of the item scores: k/(k − 1) · (1 − Σ item variances / total variance); nil for fewer
  /// than two items or totals that do not vary.
  package var alpha: Double?
  package var items: [Item] = []

  /// No students.
  package init() {}
}

// MARK: Formulas

extension ReportStatistics {
  /// Students by `totals` in percent of `maximum`, in ten bins (the last one includes 100 %).
  static func histogram(_ totals: [Double], maximum: Double) -> [Int] {
    var bins = Array(repeating: 0, count: 10)
    guard maximum > 0 else { return bins }
    for total in totals {
      let bin = (10 * total / maximum).rounded(.down)
      bins[bin.isNaN ? 0 : Int(min(max(bin, 0), 9))] += 1
    }
    return bins
  }

  /// Cronbach's α of the items' scores (one array per item, one score per student) against the totals.
  static func cronbachAlpha(items: [[Double]], totals: [Double]) -> Double? {
    let k = Double(items.count)
    guard k >= 2, let total = variance(totals), total > 0 else { return nil }
    let sum = items.compactMap(variance).reduce(0, +)
    return k / (k - 1) * (1 - sum / total)
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
