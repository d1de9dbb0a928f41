/// How far a response may be from the key and still count as correct:
/// |s − c| ≤ relative·|c| + absolute, bounds inclusive.
///
/// ```swift
/// let t = Tolerance(relative: 0.02, absolute: 0.5)   // 2 % + 0.5 mV
/// t.interval(around: -95.02)                         // −97.4204 ... −92.6196
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

  /// The half-width of the accepted interval around `key`.
  public func halfWidth(around key: Double) -> Double { relative * abs(key) + absolute }

  /// The accepted interval around `key`, lower bound first whatever the sign of the key.
  public func interval(around key: Double) -> ClosedRange<Double> {
    let h = halfWidth(around: key)
    return (key - h)...(key + h)
  }
}
