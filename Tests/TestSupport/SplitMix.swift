/// SplitMix64: the small seeded generator of the tests (fuzz mutations, random texts, test students), the same
/// numbers for the same seed on every machine.
public struct SplitMix: RandomNumberGenerator {
  public var state: UInt64

  /// A generator starting at `state`.
  public init(state: UInt64) { self.state = state }

  /// A generator starting at `seed`.
  public init(_ seed: UInt64) { state = seed }

  /// The next number.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<n` (n > 0), as `next() % n`.
  public mutating func next(below n: Int) -> Int { Int(next() % UInt64(n)) }
}
