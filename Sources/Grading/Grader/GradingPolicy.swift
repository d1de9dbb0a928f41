package import QuizModel

/// How a bank wants its answers scored beyond right and wrong: partial credit for a unit slip or for a named
/// misconception, and an optional check of significant figures. The bank file sets it; the default gives no
/// partial credit and does not check significant figures.
///
/// ```swift
/// var policy = GradingPolicy()
/// policy.unitSlipCredit = 0.5                          // half the points for −0.095 where −95 mV was asked
/// policy.misconceptionCredit["log10-for-ln"] = 0.25    // a quarter for using log10 instead of ln
/// policy.significantFigures = .init(slack: 1, credit: 0.9)
/// ```
package struct GradingPolicy: Hashable, Sendable {
  /// The fraction of a part's points for an answer that is right but for a factor of 10^±3 (a unit-prefix
  /// slip, such as V for mV). 0 gives none.
  package var unitSlipCredit: Double
  /// The fraction of a part's points for an answer that matches a named misconception, by misconception id
  /// (`log10-for-ln`, `sign-reversed`, …); the key `*` applies to every misconception not listed. Without
  /// either, none.
  package var misconceptionCredit: [String: Double]
  /// When set, correct answers are also checked for their number of significant figures.
  package var significantFigures: SignificantFigureCheck?

  /// The check of significant figures on correct numeric answers.
  package struct SignificantFigureCheck: Hashable, Sendable {
    /// How many figures more or fewer than the key's are still fine (1: a key to 3 s.f. accepts 2 to 4).
    package var slack: Int
    /// The fraction of the points kept by a correct answer with too many or too few figures (1 only gives
    /// feedback).
    package var credit: Double
    /// Whether too many figures are flagged too (otherwise only too few).
    package var checksTooMany: Bool

    /// Creates a check; `credit` is clamped to 0...1.
    package init(slack: Int = 1, credit: Double = 1, checksTooMany: Bool = true) {
      self.slack = max(slack, 0)
      self.credit = min(max(credit, 0), 1)
      self.checksTooMany = checksTooMany
    }
  }

  /// Creates a policy; credits are clamped to 0...1.
  package init(
    unitSlipCredit: Double = 0, misconceptionCredit: [String: Double] = [:],
    significantFigures: SignificantFigureCheck? = nil
  ) {
    self.unitSlipCredit = min(max(unitSlipCredit, 0), 1)
    self.misconceptionCredit = misconceptionCredit.mapValues { min(max($0, 0), 1) }
    self.significantFigures = significantFigures
  }
}

extension GradingPolicy {
  /// The policy a bank's `grading:` section asks for: unit-slip and misconception credit as written, and
  /// when `significant_figures.check` is on, fewer figures than the key's lose part of the points.
  package init(options: GradingOptions) {
    self.init(
      unitSlipCredit: options.unitSlipCredit ?? 0,
      misconceptionCredit: options.misconceptionCredit,
      significantFigures: options.checkSignificantFigures
        ? SignificantFigureCheck(slack: 0, credit: options.significantFiguresCredit, checksTooMany: false) : nil
    )
  }

  /// The fraction of the points for the misconception `id`: its own credit, else the `*` credit, else 0.
  package func credit(forMisconception id: String) -> Double {
    misconceptionCredit[id] ?? misconceptionCredit["*"] ?? 0
  }
}
