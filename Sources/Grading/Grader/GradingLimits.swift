/// The limits a grading run enforces on its inputs, so that hostile or broken files end in a clear error
/// (exit status 2, the limit and the file named) instead of a crash or an unbounded allocation.
///
/// See <doc:Limits> for the values and the `grade` flags that raise the ones a large course could reach.
public enum GradingLimits {
  /// The most parts (answers) one variant may have: a run tracks the parts a student answered in one
  /// 64-bit word per item.
  public static let maximumParts = 64
  /// The largest number of points an item, and the whole quiz, may be worth. Larger values (`points: 1e308`)
  /// would overflow totals to infinity.
  public static let maximumPoints = 1e9
}

extension KeyIndex {
  /// Throws when the key holds something a grading run cannot represent (too many parts in a variant,
  /// points too large to add up).
  func checkLimits() throws(GradingError) {
    if let v = oversizedVariant {
      throw GradingError("variant '\(v.id)' of template '\(v.template)' has \(v.parts) parts; a variant may have at most "
        + "\(GradingLimits.maximumParts) parts: split the template's answers over several templates")
    }
    if let p = unusablePoints {
      throw GradingError("the points of template '\(p.template)' (\(p.points)) are too large: an item, and all items "
        + "together, may be worth at most \(Int(GradingLimits.maximumPoints)) points")
    }
  }
}
