/// Seeded mutations of a valid input, for the fuzz tests: each call makes a few edits (delete, duplicate or
/// move a range, insert a token, flip a byte), the same ones for the same seed.
public struct Mutator {
  private var random: SplitMix
  /// Tokens worth inserting: the syntax of the formats under test.
  public var tokens: [[UInt8]]

  /// Creates a mutator with a seed and the tokens to insert.
  public init(seed: UInt64, tokens: [String]) {
    random = SplitMix(seed)
    self.tokens = tokens.map { Array($0.utf8) }
  }

  /// The next pseudo-random number (SplitMix64).
  public mutating func next() -> UInt64 { random.next() }

  /// A number in `0..<bound` (bound > 0).
  public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

  /// `input` with one to `maximumEdits` random edits.
  public mutating func mutate(_ input: [UInt8], maximumEdits: Int = 4) -> [UInt8] {
    var bytes = input
    for _ in 0...below(maximumEdits) {
      let at = below(bytes.count + 1)
      switch below(6) {
      case 0 where !bytes.isEmpty:  // delete a range
        let end = min(bytes.count, at + 1 + below(16))
        if at < end { bytes.removeSubrange(at..<end) }
      case 1 where !bytes.isEmpty:  // duplicate a range
        let end = min(bytes.count, at + 1 + below(64))
        if at < end { bytes.insert(contentsOf: bytes[at..<end], at: at) }
      case 2, 3:  // insert a token, sometimes many times
        let token = tokens[below(tokens.count)]
        let times = below(8) == 0 ? 1 + below(200) : 1
        for _ in 0..<times { bytes.insert(contentsOf: token, at: min(at, bytes.count)) }
      case 4 where !bytes.isEmpty:  // flip a byte
        let i = min(at, bytes.count - 1)
        bytes[i] ^= UInt8(truncatingIfNeeded: 1 << below(8))
      default:  // truncate
        if below(4) == 0 { bytes.removeSubrange(min(at, bytes.count)...) }
      }
    }
    return bytes
  }
}
