/// Bytes borrowed from a byte array: a bounds-checked view of `storage[range]`, indexed from 0 like the field
/// it is, that shares the array's storage (no copy). Fields, trimmed ids and answer texts travel through grading
/// as views.
struct ByteView: RandomAccessCollection, Sendable {
  /// The array viewed (shared, not copied).
  let storage: [UInt8]
  /// The bytes of ``storage`` viewed.
  let range: Range<Int>

  /// A view of `storage[range]`.
  init(_ storage: [UInt8], _ range: Range<Int>) {
    precondition(range.lowerBound >= 0 && range.upperBound <= storage.count, "A view lies inside its array")
    self.storage = storage
    self.range = range
  }

  /// A view of all of `bytes`.
  init(_ bytes: [UInt8]) { self.init(bytes, 0..<bytes.count) }

  /// No bytes.
  init() { self.init([], 0..<0) }

  var startIndex: Int { 0 }
  var endIndex: Int { range.count }

  subscript(position: Int) -> UInt8 {
    precondition(position >= 0 && position < range.count, "Index out of range")
    return storage[range.lowerBound + position]
  }

  subscript(bounds: Range<Int>) -> ByteView {
    precondition(bounds.lowerBound >= 0 && bounds.upperBound <= range.count, "Range out of range")
    return ByteView(storage, (range.lowerBound + bounds.lowerBound)..<(range.lowerBound + bounds.upperBound))
  }

  /// The bytes as a slice of ``storage``, for appending (one copy).
  var slice: ArraySlice<UInt8> { storage[range] }
}

/// The fields of one record, borrowed from a ``CSVReader`` or a ``RecordBatch``: the field ends of the record
/// (relative to its first byte) in `ends` from `endStart`, its bytes in `storage` from `start`.
struct CSVFields {
  let storage: [UInt8]
  let start: Int
  let ends: [Int]
  let endStart: Int
  /// The number of fields.
  let count: Int

  /// The bytes of field `index` (empty past the last field).
  subscript(index: Int) -> ByteView {
    guard index < count else { return ByteView() }
    let first = index == 0 ? 0 : ends[endStart + index - 1]
    return ByteView(storage, (start + first)..<(start + ends[endStart + index]))
  }

  /// Field `index` without surrounding spaces, as a `String`.
  func trimmedString(_ index: Int) -> String { String(decoding: trimmed(self[index]), as: UTF8.self) }
}
