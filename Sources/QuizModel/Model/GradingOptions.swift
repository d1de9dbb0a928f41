/// Per-bank grading options, as written in the bank's `grading:` section.
public struct GradingOptions: Hashable, Sendable {
  /// Credit (0…1) for an answer that is right but for a factor of 10^±3 (a unit slip). `nil`: none.
  public var unitSlipCredit: Double?
  /// Credit (0…1) for an answer matching a named misconception, by misconception id (`*` for all).
  public var misconceptionCredit: [String: Double]
  /// When set, correct answers given with fewer significant figures than the key's get this feedback and
  /// ``significantFiguresCredit`` of the points.
  public var checkSignificantFigures: Bool
  /// Credit (0…1) for a correct value with too few significant figures.
  public var significantFiguresCredit: Double

  public init(
    unitSlipCredit: Double? = nil, misconceptionCredit: [String: Double] = [:],
    checkSignificantFigures: Bool = false, significantFiguresCredit: Double = 1
  ) {
    self.unitSlipCredit = unitSlipCredit
    self.misconceptionCredit = misconceptionCredit
    self.checkSignificantFigures = checkSignificantFigures
    self.significantFiguresCredit = significantFiguresCredit
  }
}
