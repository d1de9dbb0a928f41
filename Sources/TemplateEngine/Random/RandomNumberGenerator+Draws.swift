import Foundation
import QuizModel

// Draws whose algorithms are fixed here, so that a seed gives the same values on every toolchain. They use
// only `next()`; the standard library's `random(in:using:)` and `shuffled(using:)` are avoided on purpose.

extension RandomNumberGenerator {
  /// A double in [0, 1) from the top 53 bits of one output: `Double(next() >> 11) · 2⁻⁵³`. Every value is a
  /// multiple of 2⁻⁵³.
  package mutating func unitInterval() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A double drawn uniformly from a closed range: `a + u·(b − a)` with `u` from ``unitInterval()``,
  /// clamped to the range against rounding.
  ///
  /// ```swift
  /// var g = SeededGenerator(seed: 1)
  /// let vm = g.uniform(in: -90.0 ... -50.0)
  /// ```
  ///
  /// - Precondition: Both bounds are finite.
  package mutating func uniform(in range: ClosedRange<Double>) -> Double {
    precondition(
      range.lowerBound.isFinite && range.upperBound.isFinite, "uniform(in:) needs finite bounds, got \(range)")
    let u = unitInterval()
    let (a, b) = (range.lowerBound, range.upperBound)
    let width = b - a
    let x = width.isFinite ? a + u * width : (1 - u) * a + u * b
    return Swift.min(Swift.max(x, a), b)
  }

  /// A double whose logarithm is uniform: `exp(uniform(in: ln a ... ln b))`, clamped to the range. Suits
  /// quantities spread over decades (cell diameters, concentrations of Ca²⁺).
  ///
  /// `exp` and `log` come from the platform's math library, which may differ in the last bit between
  /// platforms; values rounded for display are unaffected.
  ///
  /// - Precondition: Both bounds are finite and the lower bound is positive.
  package mutating func logUniform(in range: ClosedRange<Double>) -> Double {
    precondition(
      range.lowerBound > 0 && range.upperBound.isFinite, "logUniform(in:) needs finite positive bounds, got \(range)")
    let x = Foundation.exp(uniform(in: Foundation.log(range.lowerBound)...Foundation.log(range.upperBound)))
    return Swift.min(Swift.max(x, range.lowerBound), range.upperBound)
  }

  /// An integer drawn uniformly from a closed range, without bias, by Lemire's multiply-and-reject method
  /// (“Fast random integer generation in an interval”, ACM TOMACS 29(1), 2019): the high half of
  /// `next() × n` is the draw, and the rare products whose low half is below `2⁶⁴ mod n` are drawn again.
  ///
  /// ```swift
  /// var g = SeededGenerator(seed: 1)
  /// let z = g.integer(in: -2...2)
  /// ```
  package mutating func integer(in range: ClosedRange<Int>) -> Int {
    let span = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound)) &+ 1
    if span == 0 { return Int(truncatingIfNeeded: Int64(bitPattern: next())) }  // the whole of Int
    var product = next().multipliedFullWidth(by: span)
    if product.low < span {
      let threshold = (0 &- span) % span
      while product.low < threshold { product = next().multipliedFullWidth(by: span) }
    }
    return range.lowerBound &+ Int(truncatingIfNeeded: product.high)
  }

  /// An index from `0..<count`, uniformly.
  ///
  /// - Precondition: `count > 0`.
  package mutating func index(below count: Int) -> Int {
    precondition(count > 0, "index(below:) needs a positive count, got \(count)")
    return integer(in: 0...(count - 1))
  }

  /// `true` with the given probability: `unitInterval() < probability`.
  package mutating func bernoulli(probability: Double) -> Bool {
    unitInterval() < probability
  }

  /// An element drawn uniformly, or `nil` from an empty collection.
  package mutating func choice<C: Collection>(_ elements: C) -> C.Element? {
    guard !elements.isEmpty else { return nil }
    return elements[elements.index(elements.startIndex, offsetBy: index(below: elements.count))]
  }

  /// An element drawn with probability proportional to its weight, or `nil` from an empty collection.
  ///
  /// One uniform draw `u` in [0, total) picks the first element whose running sum of weights exceeds `u`;
  /// an element of weight 0 is never picked.
  ///
  /// ```swift
  /// var g = SeededGenerator(seed: 1)
  /// let ion = g.choice(["K+", "Na+", "Cl-"], weights: [2, 1, 1])
  /// ```
  ///
  /// - Precondition: As many weights as elements, each finite and not negative, and at least one positive.
  package mutating func choice<C: Collection>(_ elements: C, weights: [Double]) -> C.Element? {
    precondition(
      weights.count == elements.count, "choice(_:weights:) got \(weights.count) weights for \(elements.count) elements")
    guard !elements.isEmpty else { return nil }
    precondition(
      weights.allSatisfy { $0.isFinite && $0 >= 0 }, "choice(_:weights:) needs finite weights ≥ 0, got \(weights)")
    var total = weights.reduce(0, +)
    precondition(total > 0, "choice(_:weights:) needs a positive total weight, got \(weights)")
    // Weights so large that their sum overflows are scaled down by the largest one.
    let scale = total.isFinite ? 1 : weights.max()!
    if !total.isFinite { total = weights.reduce(0) { $0 + $1 / scale } }
    let u = unitInterval() * total
    var sum = 0.0
    var last = elements.startIndex
    for (index, weight) in zip(elements.indices, weights) where weight > 0 {
      sum += weight / scale
      last = index
      if u < sum { return elements[index] }
    }
    return elements[last]  // u rounded up to the total: the last element with a positive weight
  }

  /// Shuffles a collection in place by Fisher–Yates, drawing indices with ``integer(in:)``.
  package mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ elements: inout C) {
    guard elements.count > 1 else { return }
    var i = elements.count - 1
    while i > 0 {
      let j = integer(in: 0...i)
      elements.swapAt(
        elements.index(elements.startIndex, offsetBy: i), elements.index(elements.startIndex, offsetBy: j))
      i -= 1
    }
  }

  /// The elements in a random order (Fisher–Yates, see ``shuffle(_:)``).
  package mutating func shuffled<S: Sequence>(_ elements: S) -> [S.Element] {
    var array = Array(elements)
    shuffle(&array)
    return array
  }
}
