import QuizModel

/// SplitMix64, the 64-bit generator of Steele, Lea and Flood (“Fast splittable pseudorandom number
/// generators”, OOPSLA 2014), in the form Vigna publishes at <https://prng.di.unimi.it/splitmix64.c>:
///
///     state += 0x9E3779B97F4A7C15
///     z = state
///     z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
///     z = (z ^ (z >> 27)) * 0x94D049BB133111EB
///     return z ^ (z >> 31)
///
/// It is used here to seed ``SeededGenerator`` from one `UInt64` and to mix seeds when deriving child
/// seeds, not to draw values.
package struct SplitMix64: RandomNumberGenerator, Hashable, Sendable {
  /// The current state; each call to ``next()`` adds the golden gamma to it.
  package private(set) var state: UInt64

  /// Creates a generator whose first output is `mix(seed &+ 0x9E3779B97F4A7C15)`.
  package init(seed: UInt64) { state = seed }

  /// The next 64 bits.
  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return Self.mix(state)
  }

  /// The output function of SplitMix64 (a variant of the MurmurHash3 finalizer): a bijection of `UInt64`
  /// that sends nearby inputs far apart.
  @inline(__always)
  package static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
