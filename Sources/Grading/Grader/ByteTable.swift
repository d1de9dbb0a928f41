import Foundation
import QuizModel

/// A hash table from byte strings to values, looked up with bytes borrowed from the CSV reader so that the
/// hot path makes no `String` for a student or an item name.
///
/// Open addressing with linear probing; keys are stored back to back in one array.
struct ByteTable<Value> {
  private var keyBytes: [UInt8] = []
  private var keyBounds: [(start: Int, end: Int)] = []
  private var hashes: [UInt64] = []
  private(set) var values: [Value] = []
  /// Entry index + 1, or 0 for an empty slot.
  private var slots: [Int32]
  private var mask: Int

  init(capacity: Int = 64) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: 0, count: size)
    mask = size - 1
  }

  /// The number of entries.
  var count: Int { values.count }

  /// FNV-1a, 64 bits.
  @inline(__always)
  static func hash(_ key: ByteView) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    let bytes = key.storage.span.extracting(key.range)
    for i in bytes.indices {
      h ^= UInt64(bytes[i])
      h = h &* 0x0000_0100_0000_01B3
    }
    return h ^ (h >> 29)
  }

  /// The entry index of `key`, if present.
  func find(_ key: ByteView) -> Int? {
    find(key, hash: ByteTable.hash(key))
  }

  private func find(_ key: ByteView, hash: UInt64) -> Int? {
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = Int(slots[slot]) - 1
      if entry < 0 { return nil }
      if hashes[entry] == hash {
        let bounds = keyBounds[entry]
        if bounds.end - bounds.start == key.count,
          bytesEqual(keyBytes.span, from: bounds.start, key.storage.span.extracting(key.range))
        {
          return entry
        }
      }
      slot = (slot + 1) & mask
    }
  }

  /// The value of `key`, if present.
  func value(for key: ByteView) -> Value? {
    find(key).map { values[$0] }
  }

  /// The value of `key` (a `String`), if present.
  func value(for key: String) -> Value? {
    value(for: ByteView(Array(key.utf8)))
  }

  /// Adds `key` (which must not be present) and returns its entry index.
  @discardableResult
  mutating func insert(_ key: ByteView, value: Value) -> Int {
    if (values.count + 1) * 2 > slots.count { grow() }
    let h = ByteTable.hash(key)
    let entry = values.count
    keyBounds.append((keyBytes.count, keyBytes.count + key.count))
    keyBytes.append(contentsOf: key.slice)
    hashes.append(h)
    values.append(value)
    place(entry, hash: h)
    return entry
  }

  /// Adds `key` (a `String`) unless present.
  mutating func insert(_ key: String, value: Value) {
    let bytes = ByteView(Array(key.utf8))
    if find(bytes) == nil { insert(bytes, value: value) }
  }

  private mutating func place(_ entry: Int, hash: UInt64) {
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = Int32(entry + 1)
  }

  private mutating func grow() {
    slots = Array(repeating: 0, count: slots.count * 2)
    mask = slots.count - 1
    for entry in values.indices { place(entry, hash: hashes[entry]) }
  }
}

extension ByteTable: Sendable where Value: Sendable {}

/// Whether `key` equals the bytes of `stored` from `start` (which holds at least `key.count` of them).
@inline(__always)
func bytesEqual(_ stored: Span<UInt8>, from start: Int, _ key: Span<UInt8>) -> Bool {
  for i in key.indices where stored[start + i] != key[i] { return false }
  return true
}
