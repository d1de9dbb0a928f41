package import QuizModel

/// How one format's package delivers the quiz: the key's delivery records (``Delivery``), made item by item as
/// they are read instead of kept. They are as large as the quiz (Canvas's carry each question's HTML: about
/// 140 MB at 30,000 items, seven times the package), and only the key, written last, needs them.
///
/// Each format's writer makes an item's records from the item, the quiz's title and seed alone, so the records
/// of a quiz are those of its items one by one (``QTIExportTests`` compare both ways).
package struct DeliveryMap: Sequence, Hashable, Sendable {
  /// The quiz exported.
  let quiz: Quiz
  /// The package's format.
  let format: QTIFormat

  /// The records of one item, in package order: the format writer's records of a quiz of that item alone.
  func deliveries(of item: QuizItem) -> [Delivery] {
    let alone = Quiz(title: quiz.title, seed: quiz.seed, items: [item], grading: quiz.grading)
    switch format {
    case .canvas: return CanvasWriter(quiz: alone).deliveries()
    case .qti21, .qti30: return QTI2Writer(quiz: alone, dialect: QTIDialect.of(format)!).deliveries()
    case .moodle: return MoodleWriter(quiz: alone).deliveries()
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

  package func makeIterator() -> Iterator { Iterator(map: self) }

  /// The records in package order, one item's at a time in memory.
  package struct Iterator: IteratorProtocol {
    let map: DeliveryMap
    var item = 0
    var current: [Delivery] = []
    var index = 0

    package mutating func next() -> Delivery? {
      while index == current.count {
        guard item < map.quiz.items.count else { return nil }
        current = map.deliveries(of: map.quiz.items[item])
        item += 1
        index = 0
      }
      defer { index += 1 }
      return current[index]
    }
  }
}
