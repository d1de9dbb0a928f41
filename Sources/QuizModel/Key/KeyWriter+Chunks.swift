/// Delivery records made a chunk at a time, on any thread: how the key takes deliveries that cost something to
/// make (Canvas's carry each question's HTML), so that the workers writing the key make them too.
///
/// ```swift
/// let chunks = DeliveryChunks(deliveries)   // records already made, 256 to a chunk
/// try quiz.writeKeyJSONLines(deliveries: chunks, workers: 2) { piece in try file.write(contentsOf: piece) }
/// ```
public struct DeliveryChunks: Sendable {
  /// Records per chunk when they are cut from an array or a sequence.
  public static let defaultSize = 256

  /// The formats among the records, in the order of their first record (the quiz record lists them).
  public var formats: [String]
  /// How many chunks.
  public var count: Int
  /// The records of chunk `index` (in `0..<count`), in key order. Called on any thread, once per chunk.
  public var records: @Sendable (_ index: Int) -> [Delivery]

  /// Chunks made by `records`.
  public init(formats: [String], count: Int, records: @escaping @Sendable (_ index: Int) -> [Delivery]) {
    self.formats = formats
    self.count = count
    self.records = records
  }

  /// Records already made, ``defaultSize`` to a chunk, with their formats in order of first appearance.
  public init(_ deliveries: [Delivery]) {
    var formats: [String] = []
    for d in deliveries where !formats.contains(d.format) { formats.append(d.format) }
    let size = DeliveryChunks.defaultSize
    self.init(formats: formats, count: (deliveries.count + size - 1) / size) { index in
      Array(deliveries[index * size..<min(deliveries.count, (index + 1) * size)])
    }
  }
}

/// One piece of the key, encoded on a worker.
private enum KeyPiece: Sendable {
  case quiz
  /// The records of `range` of item `item`'s variants.
  case variants(item: Int, range: Range<Int>)
  case students(Range<Int>)
  /// Chunk `index` of the ``DeliveryChunks``.
  case chunk(Int)
}

extension Quiz {
  /// Variant records per piece: a few hundred kilobytes of JSON.
  static let variantsPerPiece = 48
  /// Students per piece.
  static let studentsPerPiece = 1024

  /// Writes the key's records in order: the quiz record, the variants, the students, then the deliveries of
  /// `chunks`. Pieces are encoded on `workers` threads and handed to `write` in order; after `write` fails
  /// nothing more is made.
  func writeKeyPieces<Failure: Error>(
    _ chunks: DeliveryChunks, students: [RosterStudent], tool: String, workers: Int,
    to write: ([UInt8]) throws(Failure) -> Void
  ) throws(Failure) {
    var plan: [KeyPiece] = [.quiz]
    for (number, item) in items.enumerated() {
      for start in stride(from: 0, to: item.variants.count, by: Quiz.variantsPerPiece) {
        plan.append(.variants(item: number, range: start..<min(item.variants.count, start + Quiz.variantsPerPiece)))
      }
    }
    for start in stride(from: 0, to: students.count, by: Quiz.studentsPerPiece) {
      plan.append(.students(start..<min(students.count, start + Quiz.studentsPerPiece)))
    }
    plan += (0..<chunks.count).map(KeyPiece.chunk)
    var next = 0
    var failure: Failure?
    let quiz = self
    OrderedWork.pipeline(
      workers: workers,
      produce: { () -> KeyPiece? in
        guard failure == nil, next < plan.count else { return nil }
        defer { next += 1 }
        return plan[next]
      },
      state: { JSONWriter(capacity: 1 << 18) },
      transform: { json, piece in
        json.bytes.removeAll(keepingCapacity: true)
        quiz.encode(piece, chunks: chunks, students: students, tool: tool, to: &json)
        return json.bytes
      },
      consume: { bytes in
        guard failure == nil, !bytes.isEmpty else { return }
        do throws(Failure) { try write(bytes) } catch { failure = error }
      })
    if let failure { throw failure }
  }

  /// Encodes the lines of `piece` into `json`.
  private func encode(
    _ piece: KeyPiece, chunks: DeliveryChunks, students: [RosterStudent], tool: String,
    to json: inout JSONWriter
  ) {
    switch piece {
    case .quiz:
      quizRecord(deliveryFormats: chunks.formats, tool: tool).write(to: &json)
      json.endLine()
    case .variants(let item, let range):
      for variant in items[item].variants[range] {
        variant.writeKeyRecord(item: item + 1, to: &json)
        json.endLine()
      }
    case .students(let range):
      for student in students[range] {
        student.writeKeyRecord(to: &json)
        json.endLine()
      }
    case .chunk(let index):
      for delivery in chunks.records(index) {
        delivery.writeKeyRecord(to: &json)
        json.endLine()
      }
    }
  }
}
