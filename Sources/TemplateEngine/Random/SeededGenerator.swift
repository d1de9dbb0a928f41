import QuizModel

/// The random number generator of the template engine: xoshiro256** seeded by SplitMix64, so the same seed
/// draws the same quiz on every run, machine and toolchain.
///
/// xoshiro256** is the all-purpose 64-bit generator of Blackman and Vigna (“Scrambled linear pseudorandom
/// number generators”, ACM Transactions on Mathematical Software 47(4), 2021; reference C code at
/// <https://prng.di.unimi.it/xoshiro256starstar.c>). Its 256-bit state is filled with four consecutive
/// outputs of ``SplitMix64`` started at the seed, as the authors recommend; that state is never all zero.
/// Each step outputs `rotl(s1 * 5, 7) * 9` and advances the state by shifts, xors and a rotation.
///
/// ```swift
/// var generator = SeededGenerator(seed: 42)
/// let vm = generator.uniform(in: -90.0 ... -50.0)
/// let item = SeededGenerator(seed: 42, path: ["nernst-k", 3])   // an independent stream for variant 3
/// ```
///
/// Children derived from a seed and a path of labels and indices (``init(seed:path:)``, ``split(_:)``) are
/// independent of each other and of the draws made from the parent, so adding a draw to one item never
/// changes another. The draw helpers (``RandomNumberGenerator/uniform(in:)``, ``RandomNumberGenerator/integer(in:)``,
/// …) use only ``next()`` and arithmetic fixed here, never the standard library's `random(in:using:)`,
/// whose algorithms may change between toolchains.
///
/// Not cryptographically secure.
package struct SeededGenerator: RandomNumberGenerator, Hashable, Sendable {
  /// The seed this generator was created with (for a derived generator, the derived seed).
  package let seed: UInt64
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// Creates a generator from a seed: the state is the next four outputs of ``SplitMix64`` seeded with it.
  package init(seed: UInt64) {
    self.seed = seed
    var splitMix = SplitMix64(seed: seed)
    s0 = splitMix.next()
    s1 = splitMix.next()
    s2 = splitMix.next()
    s3 = splitMix.next()
  }

  /// Creates a generator with a given raw state, for checking against the reference implementation's
  /// published outputs. The state must not be all zero.
  init(rawState: (UInt64, UInt64, UInt64, UInt64)) {
    precondition(rawState != (0, 0, 0, 0), "xoshiro256** needs a state that is not all zero")
    seed = 0
    (s0, s1, s2, s3) = rawState
  }

  /// Creates the generator of a child stream: the one seeded with ``derivedSeed(from:path:)``.
  ///
  /// ```swift
  /// var variant = SeededGenerator(seed: 2026, path: ["bank/nernst.yaml", "nernst-k", 7])
  /// ```
  package init(seed: UInt64, path: [SeedPathComponent]) {
    self.init(seed: Self.derivedSeed(from: seed, path: path))
  }

  /// The next 64 random bits (xoshiro256**).
  package mutating func next() -> UInt64 {
    let result = rotateLeft(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotateLeft(s3, 45)
    return result
  }

  @inline(__always)
  private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// A generator for an independent child stream, derived from this generator's ``seed`` (not from its
  /// current state) and `component`.
  ///
  /// ```swift
  /// let root = SeededGenerator(seed: 7)
  /// var forItem = root.split("membrane-charge")
  /// var forVariant = forItem.split(2)
  /// ```
  package func split(_ component: SeedPathComponent) -> SeededGenerator {
    SeededGenerator(seed: seed, path: [component])
  }

  /// The seed of a child stream, computed from a seed and a path without any per-process hashing:
  ///
  ///     for each component c of the path:
  ///         seed = SplitMix64.mix(seed ^ SplitMix64.mix(FNV-1a-64(bytes(c)) + 0x9E3779B97F4A7C15))
  ///
  /// where `bytes(c)` is `0x01` followed by the UTF-8 of a label, or `0x02` followed by the eight
  /// little-endian bytes of an index, and FNV-1a-64 uses offset basis 0xCBF29CE484222325 and prime
  /// 0x100000001B3. The tag bytes keep the label `"3"` and the index `3` apart. An empty path gives the
  /// seed back.
  package static func derivedSeed(from seed: UInt64, path: [SeedPathComponent]) -> UInt64 {
    var result = seed
    for component in path {
      let digest = component.fnv1a64
      result = SplitMix64.mix(result ^ SplitMix64.mix(digest &+ 0x9E37_79B9_7F4A_7C15))
    }
    return result
  }
}

/// One step of the path that derives a child seed: a label (a bank file, an item id) or an index (a
/// variant number).
///
/// Literals work: `["nernst-k", 3]`.
package enum SeedPathComponent: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
  /// A name, hashed by its UTF-8 bytes.
  case label(String)
  /// A number, hashed by its eight little-endian bytes.
  case index(UInt64)

  /// A label from a literal.
  package init(stringLiteral value: String) { self = .label(value) }
  /// An index from a literal (a negative literal is taken modulo 2⁶⁴).
  package init(integerLiteral value: Int) { self = .index(UInt64(bitPattern: Int64(value))) }

  /// The 64-bit FNV-1a hash of the tagged bytes (see ``SeededGenerator/derivedSeed(from:path:)``).
  var fnv1a64: UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    func add(_ byte: UInt8) {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01B3
    }
    switch self {
    case .label(let text):
      add(0x01)
      for byte in text.utf8 { add(byte) }
    case .index(let value):
      add(0x02)
      for shift in stride(from: 0, to: 64, by: 8) { add(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
    return hash
  }
}
