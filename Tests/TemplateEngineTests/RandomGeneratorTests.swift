import Testing

@testable import TemplateEngine

// Expected values. SplitMix64 from seed 0 and 1234567: the outputs published with the algorithm and on
// Rosetta Code ("Pseudo-random numbers/Splitmix64"). xoshiro256** from the state {1, 2, 3, 4}: the outputs of
// the reference C implementation (xoshiro256starstar.c) as the Rust crate rand_xoshiro records them. All of
// them, and the seeded xoshiro256** streams and derived seeds below (which nobody publishes), were also
// recomputed with an independent Python implementation of the same algorithms, which agreed.

@Suite struct SplitMix64Tests {
  @Test func firstOutputsFromSeedZeroMatchTheReference() {
    var g = SplitMix64(seed: 0)
    let outputs = (0..<4).map { _ in g.next() }
    #expect(outputs == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC])
  }

  @Test func firstOutputsFromSeed1234567MatchTheReference() {
    var g = SplitMix64(seed: 1_234_567)
    let outputs = (0..<5).map { _ in g.next() }
    #expect(
      outputs == [
        6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
        4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
      ])
  }
}

@Suite struct SeededGeneratorTests {
  @Test func rawStateOneTwoThreeFourMatchesTheReferenceImplementation() {
    var g = SeededGenerator(rawState: (1, 2, 3, 4))
    let outputs = (0..<10).map { _ in g.next() }
    #expect(
      outputs == [
        11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360, 607_988_272_756_665_600,
        16_172_922_978_634_559_625, 8_476_171_486_693_032_832, 10_595_114_339_597_558_777, 2_904_607_092_377_533_576,
      ])
  }

  static let seededStreams: [(seed: UInt64, outputs: [UInt64])] = [
    (
      0, [11_091_344_671_253_066_420, 13_793_997_310_169_335_082, 1_900_383_378_846_508_768, 7_684_712_102_626_143_532]
    ),
    (
      42,
      [1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009, 17_057_574_109_182_124_193]
    ),
  ]

  @Test(arguments: seededStreams)
  func seedingThroughSplitMix64GivesTheKnownStream(seed: UInt64, outputs: [UInt64]) {
    var g = SeededGenerator(seed: seed)
    #expect((0..<4).map { _ in g.next() } == outputs)
  }

  @Test func sameSeedSameStream() {
    var a = SeededGenerator(seed: 987_654_321)
    var b = SeededGenerator(seed: 987_654_321)
    for _ in 0..<1000 { #expect(a.next() == b.next()) }
  }

  @Test func neighbouringSeedsGiveUnrelatedStreams() {
    var a = SeededGenerator(seed: 1)
    var b = SeededGenerator(seed: 2)
    let same = (0..<100).filter { _ in a.next() == b.next() }.count
    #expect(same == 0)
  }

  // MARK: Derived seeds

  @Test func derivedSeedsMatchTheDocumentedMix() {
    #expect(SeededGenerator.derivedSeed(from: 42, path: []) == 42)
    #expect(SeededGenerator.derivedSeed(from: 42, path: ["nernst-k"]) == 0xEEF4_209F_5E4C_4B2A)
    #expect(SeededGenerator.derivedSeed(from: 42, path: ["nernst-k", 3]) == 0xE9FD_AAF2_2BFA_5CD6)
    #expect(SeededGenerator.derivedSeed(from: 42, path: [3]) == 0x69A1_126A_B52B_8B10)
    #expect(SeededGenerator.derivedSeed(from: 42, path: ["3"]) == 0x53B2_A732_6904_6CD4)
  }

  @Test func labelAndIndexOfTheSameDigitsDiffer() {
    #expect(SeededGenerator.derivedSeed(from: 7, path: ["3"]) != SeededGenerator.derivedSeed(from: 7, path: [3]))
  }

  @Test func pathOrderMatters() {
    #expect(
      SeededGenerator.derivedSeed(from: 7, path: ["a", "b"]) != SeededGenerator.derivedSeed(from: 7, path: ["b", "a"]))
  }

  @Test func splitDependsOnTheSeedNotOnDrawsMade() {
    var parent = SeededGenerator(seed: 99)
    var before = parent.split("item")
    for _ in 0..<17 { _ = parent.next() }
    var after = parent.split("item")
    #expect((0..<8).map { _ in before.next() } == (0..<8).map { _ in after.next() })
  }

  @Test func splitEqualsInitWithPath() {
    var a = SeededGenerator(seed: 5).split("x").split(2)
    var b = SeededGenerator(seed: 5, path: ["x", 2])
    #expect(a.next() == b.next())
    #expect(a.seed == b.seed)
  }

  @Test func childrenOfManyIndicesAreDistinct() {
    let seeds = Set((0..<10_000).map { SeededGenerator.derivedSeed(from: 2026, path: ["item", .index(UInt64($0))]) })
    #expect(seeds.count == 10_000)
  }

  @Test func fnv1aOfATaggedLabelIsTheHashOfItsBytes() {
    // FNV-1a-64 of the bytes 0x01 'a' (offset basis 0xCBF29CE484222325, prime 0x100000001B3), by hand.
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte: UInt8 in [0x01, 0x61] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
    #expect(SeedPathComponent.label("a").fnv1a64 == hash)
  }
}
