/// How far a response may be from the key and still count as correct, as a template or bank writes it:
/// |s − c| ≤ relative·|c| + absolute, bounds inclusive.
///
/// The interval itself is worked out in one place, ``AcceptedInterval``:
///
/// ```swift
/// let t = Tolerance(relative: 0.02, absolute: 0.5)   // 2 % + 0.5 mV
/// AcceptedInterval(key: -95.02, tolerance: t)        // −97.4204 … −92.6196
/// ```
public struct Tolerance: Hashable, Sendable {
  /// The relative part, a fraction of |key| (0.02 = 2 %).
  public var relative: Double
  /// The absolute part, in the answer's unit.
  public var absolute: Double

  /// Creates a tolerance; both parts must be non-negative.
  public init(relative: Double = 0, absolute: Double = 0) {
    precondition(relative >= 0 && absolute >= 0, "Tolerances cannot be negative")
    self.relative = relative
    self.absolute = absolute
  }
}
