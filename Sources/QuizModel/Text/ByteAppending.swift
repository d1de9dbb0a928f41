/// Appending borrowed bytes to a byte buffer without pointers: the writers of key.jsonl, of numbers and of
/// CSV lines build their output in `[UInt8]` from `Span`s of the text they copy.
extension Array where Element == UInt8 {
  /// Appends every byte of `bytes`: one capacity check, then bounds-checked copies into the new space.
  @inlinable
  package mutating func append(span bytes: Span<UInt8>) {
    append(addingCapacity: bytes.count) { out in
      for i in bytes.indices { out.append(bytes[i]) }
    }
  }

  /// Appends `bytes[range]`.
  @inlinable
  package mutating func append(span bytes: Span<UInt8>, _ range: Range<Int>) {
    append(span: bytes.extracting(range))
  }

  /// Appends the UTF-8 bytes of `text`.
  @inlinable
  package mutating func append(utf8 text: String) {
    append(span: text.utf8.span)
  }
}

extension String {
  /// The text of `bytes` read as UTF-8, invalid sequences replaced by U+FFFD (as `String(decoding:as:)` does).
  package init(decodingUTF8 bytes: Span<UInt8>) {
    if let valid = try? UTF8Span(validating: bytes) {
      self.init(copying: valid)
    } else {
      self.init(
        decoding: [UInt8](capacity: bytes.count) { out in for i in bytes.indices { out.append(bytes[i]) } },
        as: UTF8.self)
    }
  }
}
