import Testing

@testable import QuizModel

/// `key.jsonl` written on several threads: the same bytes as on one, piece by piece in order.
struct KeyWorkersTests {
  /// ``KeyFixture``'s variants copied under new ids into three items of 100 variants, so that variants,
  /// students and deliveries each span several pieces; with every kind of answer and several parts.
  static let large: (quiz: Quiz, deliveries: [Delivery], students: [RosterStudent]) = {
    let originals = KeyFixture.quiz.variants
    let items = (0..<3).map { number in
      QuizItem(
        template: "t\(number)", title: "Item \(number)", points: 2,
        variants: (0..<100).map { index in
          var variant = originals[(number + index) % originals.count]
          variant.id = "t\(number)-\(index)"
          return variant
        })
    }
    let quiz = Quiz(
      title: KeyFixture.quiz.title, seed: KeyFixture.quiz.seed, items: items, grading: KeyFixture.quiz.grading,
      templateDigests: KeyFixture.quiz.templateDigests)
    let deliveries = (0..<700).map { index in
      var delivery = KeyFixture.deliveries[index % KeyFixture.deliveries.count]
      delivery.variant = "t\(index % 3)-\(index % 100)"
      return delivery
    }
    let students = (0..<2500).map { RosterStudent(id: "s\($0)", name: "Student \($0)", section: "A") }
    return (quiz, deliveries, students)
  }()

  static func key(workers: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    large.quiz.writeKeyJSONLines(
      deliveries: large.deliveries, students: large.students, workers: workers
    ) { bytes += $0 }
    return bytes
  }

  @Test func theKeyOnThreeWorkersIsTheKeyOnOneByteForByte() {
    let one = KeyWorkersTests.key(workers: 1)
    let three = KeyWorkersTests.key(workers: 3)
    #expect(three == one)
    // One line per record: the quiz, the variants, the students, the deliveries.
    #expect(one.filter { $0 == 0x0A }.count == 1 + 300 + 2500 + 700)
    #expect(String(decoding: one, as: UTF8.self).contains("\"record\":\"student\",\"id\":\"s2499\""))
  }

  @Test func everyPieceEndsAWholeLine() {
    var pieces: [[UInt8]] = []
    KeyWorkersTests.large.quiz.writeKeyJSONLines(
      deliveries: KeyWorkersTests.large.deliveries, students: KeyWorkersTests.large.students, workers: 2
    ) { pieces.append($0) }
    #expect(pieces.count > 3)
    #expect(pieces.allSatisfy { $0.last == 0x0A })
  }

  @Test(arguments: [1, 2, 3])
  func deliveriesInUnevenChunksGiveTheSameKey(workers: Int) {
    let (quiz, deliveries, _) = KeyWorkersTests.large
    let expected = quiz.keyJSONLinesBytes(deliveries: deliveries)
    // Uneven chunks of 37 records, made on the workers.
    let chunks = DeliveryChunks(formats: ["canvas", "qti21", "moodle"], count: (deliveries.count + 36) / 37) {
      Array(deliveries[$0 * 37..<min(deliveries.count, $0 * 37 + 37)])
    }
    var chunked: [UInt8] = []
    quiz.writeKeyJSONLines(deliveries: chunks, workers: workers) { chunked += $0 }
    #expect(chunked == expected)
  }

  struct Full: Error, Equatable {}

  @Test(arguments: [1, 3])
  func aFailingWriteStopsTheKeyAndIsThrown(workers: Int) {
    var written = 0
    #expect(throws: Full.self) {
      try KeyWorkersTests.large.quiz.writeKeyJSONLines(
        deliveries: KeyWorkersTests.large.deliveries, students: KeyWorkersTests.large.students, workers: workers
      ) { (piece: [UInt8]) throws(Full) in
        guard written < 2 else { throw Full() }
        written += 1
      }
    }
    #expect(written == 2)
  }
}
