package import QuizModel

/// How one format's package delivers the quiz: the key's delivery records (``Delivery``), made chunk by chunk as
/// they are read instead of kept. They are as large as the quiz (Canvas's carry each question's HTML: about
/// 140 MB at 30,000 items, seven times the package), and only the key, written last, needs them.
///
/// Each format's writer makes the records of a slice of an item's variants (Canvas: of one part of them) from
/// the item, the quiz's title and seed alone, so the records of a quiz are those of its chunks one by one
/// (``QTIExportTests`` compare both ways), and chunks can be made on any thread (``ExportReport/deliveryChunks``).
package struct DeliveryMap: Sequence, Hashable, Sendable {
  /// The quiz exported.
  let quiz: Quiz
  /// The package's format.
  let format: QTIFormat

  /// Variants per chunk: a few hundred records at most.
  static let variantsPerChunk = 64

  /// A slice of the records: those of `variants` of item `item` (Canvas: of their part `part` alone, since a
  /// Canvas package delivers an item part by part; the other formats: of all their parts, `part` 0).
  struct Chunk: Hashable, Sendable {
    var item: Int
    var part: Int
    var variants: Range<Int>
  }

  /// Every chunk, in package order.
  var chunks: [Chunk] {
    var result: [Chunk] = []
    let size = DeliveryMap.variantsPerChunk
    for (number, item) in quiz.items.enumerated() {
      // Canvas delivers an item's parts as its first variant has them.
      let parts = format == .canvas ? item.variants.first?.answers.count ?? 0 : 1
      for part in 0..<parts {
        for start in stride(from: 0, to: item.variants.count, by: size) {
          result.append(Chunk(item: number, part: part, variants: start..<Swift.min(item.variants.count, start + size)))
        }
      }
    }
    return result
  }

  /// The records of one chunk, in package order: a slice of the format writer's records of the whole quiz.
  func deliveries(in chunk: Chunk) -> [Delivery] {
    let item = quiz.items[chunk.item]
    switch format {
    case .canvas:
      return CanvasWriter.deliveries(
        item, part: chunk.part, variants: chunk.variants, using: XMLWriter(indent: false, declaration: false))
    case .qti21, .qti30:
      return QTI2Writer.deliveries(item.variants[chunk.variants], format: format)
    case .moodle:
      // The records need only the quiz's title and seed; a writer of no items works out no answer's plan.
      let names = Quiz(title: quiz.title, seed: quiz.seed, items: [], grading: quiz.grading)
      return MoodleWriter(quiz: names).deliveries(item, variants: chunk.variants)
    }
  }

  /// Whether the package delivers nothing, without making any record: Canvas delivers an item's parts as its
  /// first variant has them; the other formats every part of every variant.
  var isEmpty: Bool {
    switch format {
    case .canvas: quiz.items.allSatisfy { $0.variants.first?.answers.isEmpty ?? true }
    case .qti21, .qti30, .moodle: quiz.items.allSatisfy { $0.variants.allSatisfy(\.answers.isEmpty) }
    }
  }

  package func makeIterator() -> Iterator { Iterator(map: self, chunks: chunks) }

  /// The records in package order, one chunk's at a time in memory.
  package struct Iterator: IteratorProtocol {
    let map: DeliveryMap
    let chunks: [Chunk]
    var chunk = 0
    var current: [Delivery] = []
    var index = 0

    package mutating func next() -> Delivery? {
      while index == current.count {
        guard chunk < chunks.count else { return nil }
        current = map.deliveries(in: chunks[chunk])
        chunk += 1
        index = 0
      }
      defer { index += 1 }
      return current[index]
    }
  }
}
