package import Foundation
import QuizModel

/// Reads CSV records one at a time from a file or from bytes in memory, without holding more than one chunk
/// of the input and one record.
///
/// It accepts UTF-8 with or without a byte-order mark and UTF-16 with one; comma, semicolon or tab separators
/// (detected from the header row unless given); LF, CRLF or CR line ends; and quoted fields holding
/// separators, doubled quotes and line breaks. Empty lines are skipped (but counted, so row numbers match what
/// a spreadsheet shows). A malformed record throws a ``CSVError`` naming the row and column.
///
/// ```swift
/// var reader = try CSVReader(contentsOf: url)
/// while try reader.next() {
///   print(reader.row, reader.string(at: 0))
/// }
/// ```
///
/// Fields are bytes (UTF-8); ``string(at:)`` makes a `String`, and ``withField(_:_:)`` lends the bytes
/// without copying.
package struct CSVReader {
  /// The largest field, record and number of fields a reader accepts: past them, ``next()`` throws a
  /// ``CSVError`` with ``CSVError/Code/tooLarge`` instead of growing without bound (a file with no line break,
  /// an unclosed quote at the start of a large file, `/dev/zero`).
  package struct Limits: Hashable, Sendable {
    /// The most bytes in one field: 1 MiB by default.
    package var maximumFieldBytes: Int
    /// The most bytes in one record (all its fields): 16 MiB by default.
    package var maximumRecordBytes: Int
    /// The most fields in one record: 100,000 by default (a wide file with a column for every part of every
    /// variant of a large bank stays well under).
    package var maximumFields: Int

    /// Creates limits; the defaults are those above.
    package init(maximumFieldBytes: Int = 1 << 20, maximumRecordBytes: Int = 16 << 20, maximumFields: Int = 100_000) {
      self.maximumFieldBytes = maximumFieldBytes
      self.maximumRecordBytes = maximumRecordBytes
      self.maximumFields = maximumFields
    }
  }

  /// The limits this reader enforces.
  package let limits: Limits
  var source: ByteSource
  var chunk: [UInt8] = []
  var position = 0
  var atEnd = false
  private var fieldBytes: [UInt8] = []
  private var fieldEnds: [Int] = []
  /// Where the current record starts in ``fieldBytes`` and ``fieldEnds``: 0 unless records are appended to
  /// lent storage (see ``lendStorage(bytes:ends:)``). Field ends are relative to ``recordStart``.
  private(set) var recordStart = 0
  private(set) var endsStart = 0
  private var appending = false
  var nextRow = 1

  /// The field separator: `,`, `;` or tab.
  package private(set) var separator: UInt8
  /// The row number of the current record as a spreadsheet shows it: the header is row 1, a record with
  /// line breaks inside quotes is one row, and empty lines count as rows.
  package private(set) var row = 0
  /// The file's name, for messages.
  package var fileName: String { source.name }

  /// Opens a file. With `separator` nil, the separator is the most frequent of `,`, `;` and tab outside
  /// quotes in the first row (comma on a tie).
  ///
  /// - Throws: ``CSVError`` when the file cannot be read.
  package init(contentsOf url: URL, separator: UInt8? = nil, limits: Limits = Limits()) throws(CSVError) {
    self.limits = limits
    source = try ByteSource(file: url)
    self.separator = separator ?? 0
    try start(separator: separator)
  }

  /// Reads CSV text already in memory (UTF-8 or UTF-16 with a byte-order mark).
  ///
  /// - Throws: ``CSVError`` for UTF-16 text cut in the middle of a character.
  package init(bytes: [UInt8], name: String = "input", separator: UInt8? = nil, limits: Limits = Limits())
    throws(CSVError)
  {
    self.limits = limits
    source = ByteSource(bytes: bytes, name: name)
    self.separator = separator ?? 0
    try start(separator: separator)
  }

  /// A reader of the records of `piece` (see ``nextPiece(minimumBytes:)``), numbered as in the whole input, with
  /// the separator and limits of the reader it came from: it reads them exactly as that reader would have.
  init(piece: Piece) {
    limits = piece.limits
    source = ByteSource(bytes: [], name: piece.name)
    separator = piece.separator
    chunk = piece.bytes
    atEnd = true
    nextRow = piece.firstRow
  }

  /// A reader of the same file or bytes, from the header again, with the same separator and limits (a grading
  /// run reads the input twice when a student's repeated answers are kept by a rule other than the first).
  package func restarted() throws(CSVError) -> CSVReader {
    var reader = self
    reader.source = try source.restarted()
    reader.chunk = []
    reader.position = 0
    reader.atEnd = false
    reader.fieldBytes = []
    reader.fieldEnds = []
    reader.recordStart = 0
    reader.endsStart = 0
    reader.appending = false
    reader.nextRow = 1
    reader.row = 0
    try reader.start(separator: separator)
    return reader
  }

  private mutating func start(separator given: UInt8?) throws(CSVError) {
    atEnd = try !source.read(into: &chunk)
    separator = given ?? CSVReader.detectSeparator(in: chunk)
  }

  static func detectSeparator(in bytes: [UInt8]) -> UInt8 {
    var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
    var quoted = false
    for b in bytes {
      if b == UInt8(ascii: "\"") {
        quoted.toggle()
        continue
      }
      if quoted { continue }
      if b == 10 || b == 13 { break }
      if counts[b] != nil { counts[b]! += 1 }
    }
    let comma = counts[UInt8(ascii: ",")]!
    let semicolon = counts[UInt8(ascii: ";")]!
    let tab = counts[UInt8(ascii: "\t")]!
    if tab > comma, tab >= semicolon { return UInt8(ascii: "\t") }
    if semicolon > comma { return UInt8(ascii: ";") }
    return UInt8(ascii: ",")
  }

  /// The number of fields in the current record.
  package var fieldCount: Int { fieldEnds.count - endsStart }

  /// The field at `index` as a `String` (empty past the last field).
  package func string(at index: Int) -> String {
    withField(index) { String(decoding: $0, as: UTF8.self) }
  }

  /// The field at `index` without leading and trailing spaces, tabs and line breaks.
  package func trimmedString(at index: Int) -> String {
    withField(index) { bytes in
      var start = bytes.startIndex
      var end = bytes.endIndex
      while start < end, isASCIISpace(bytes[start]) { start += 1 }
      while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
      return String(decoding: bytes[start..<end], as: UTF8.self)
    }
  }

  /// Every field of the current record as strings.
  package var strings: [String] { (0..<fieldCount).map(string(at:)) }

  /// Lends the bytes of the field at `index` (empty past the last field): a slice of the reader's buffer,
  /// bounds-checked and without a copy, valid for the call.
  package func withField<R>(_ index: Int, _ body: (ArraySlice<UInt8>) throws -> R) rethrows -> R {
    guard index < fieldCount else { return try body([]) }
    let start = recordStart + (index == 0 ? 0 : fieldEnds[endsStart + index - 1])
    let end = recordStart + fieldEnds[endsStart + index]
    return try body(fieldBytes[start..<end])
  }

  /// Lends every field of the current record at once.
  func withFields<R>(_ body: (CSVFields) throws -> R) rethrows -> R {
    try body(
      CSVFields(storage: fieldBytes, start: recordStart, ends: fieldEnds, endStart: endsStart, count: fieldCount))
  }

  /// Whether every field of the current record is empty.
  package var isBlank: Bool { fieldBytes.count == recordStart }

  /// Makes ``next()`` append each record's bytes and field ends (relative to the record's start) to
  /// `bytes` and `ends` instead of replacing the last record, until ``returnStorage(bytes:ends:)``: records
  /// land where a batch keeps them, without a copy.
  mutating func lendStorage(bytes: inout [UInt8], ends: inout [Int]) {
    precondition(!appending, "Storage is already lent")
    swap(&fieldBytes, &bytes)
    swap(&fieldEnds, &ends)
    recordStart = fieldBytes.count
    endsStart = fieldEnds.count
    appending = true
  }

  /// Gives back the storage lent by ``lendStorage(bytes:ends:)``, with the records appended since; the
  /// reader then has no current record.
  mutating func returnStorage(bytes: inout [UInt8], ends: inout [Int]) {
    precondition(appending, "No storage is lent")
    swap(&fieldBytes, &bytes)
    swap(&fieldEnds, &ends)
    fieldBytes.removeAll(keepingCapacity: true)
    fieldEnds.removeAll(keepingCapacity: true)
    recordStart = 0
    endsStart = 0
    appending = false
  }

  @inline(__always)
  mutating func peek() throws(CSVError) -> UInt8? {
    if position == chunk.count {
      if atEnd { return nil }
      position = 0
      if try !source.read(into: &chunk) {
        atEnd = true
        return nil
      }
    }
    return chunk[position]
  }

  /// Moves to the next non-empty record.
  ///
  /// - Returns: false at the end of the input.
  /// - Throws: ``CSVError`` for an unclosed quote, a quote inside an unquoted field, or text after a
  ///   closing quote.
  package mutating func next() throws(CSVError) -> Bool {
    while true {
      guard try peek() != nil else { return false }
      try readRecord()
      if !(fieldEnds.count - endsStart == 1 && fieldBytes.count == recordStart) { return true }
      fieldEnds.removeLast()
    }
  }

  /// Where the field being read starts in ``fieldBytes``.
  private var fieldStart: Int { recordStart + (fieldEnds.count > endsStart ? fieldEnds[fieldEnds.count - 1] : 0) }

  private mutating func readRecord() throws(CSVError) {
    if appending {
      recordStart = fieldBytes.count
      endsStart = fieldEnds.count
    } else {
      fieldBytes.removeAll(keepingCapacity: true)
      fieldEnds.removeAll(keepingCapacity: true)
    }
    row = nextRow
    let quote = UInt8(ascii: "\"")
    let lf: UInt8 = 10
    let cr: UInt8 = 13
    let sep = separator
    while true {
      // One field.
      if try peek() == quote {
        position += 1
        while true {
          guard let b = try peek() else {
            throw CSVError(
              .unterminatedQuote, file: fileName, row: row, column: fieldEnds.count - endsStart + 1,
              message:
                "a quote opens a field but is never closed (from \(quoted("\"" + String(decoding: fieldBytes[fieldStart...], as: UTF8.self))))"
            )
          }
          position += 1
          if b == quote {
            if try peek() == quote {
              position += 1
              fieldBytes.append(quote)
            } else {
              break
            }
          } else {
            fieldBytes.append(b)
          }
          if fieldBytes.count - fieldStart > limits.maximumFieldBytes { try tooLarge() }
        }
        // After the closing quote: spaces, then a separator or the end of the line.
        while let b = try peek(), b == 32 || (b == 9 && sep != 9) { position += 1 }
        if let b = try peek(), b != sep, b != lf, b != cr {
          var rest: [UInt8] = []
          while let c = try peek(), c != sep, c != lf, c != cr, rest.count < 40 {
            rest.append(c)
            position += 1
          }
          throw CSVError(
            .textAfterClosingQuote, file: fileName, row: row, column: fieldEnds.count - endsStart + 1,
            message: "text \(quoted(String(decoding: rest, as: UTF8.self))) follows the closing quote of a quoted field"
          )
        }
      } else {
        // Unquoted: scan the chunk directly.
        scan: while true {
          if position == chunk.count, try peek() == nil { break scan }
          // The scanner's inner loop, on the chunk's storage: `i` starts at `position` (≤ `buffer.count`) and
          // reads only while below `n` = `buffer.count`, and the ranges appended lie in `position...n`.
          let found: UInt8? = chunk.withUnsafeBufferPointer { buffer in
            var i = position
            let n = buffer.count
            while i < n {
              let b = buffer[i]
              if b == sep || b == lf || b == cr || b == quote {
                fieldBytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position..<i]))
                position = i
                return b
              }
              i += 1
            }
            fieldBytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position..<n]))
            position = n
            return nil
          }
          if fieldBytes.count - fieldStart > limits.maximumFieldBytes { try tooLarge() }
          if let found {
            if found == quote {
              let start = fieldStart
              throw CSVError(
                .quoteInUnquotedField, file: fileName, row: row, column: fieldEnds.count - endsStart + 1,
                message:
                  "a quote appears inside the unquoted field \(quoted(String(decoding: fieldBytes[start...], as: UTF8.self) + "\"")); quote the whole field and double the quote"
              )
            }
            break scan
          }
        }
      }
      fieldEnds.append(fieldBytes.count - recordStart)
      if fieldBytes.count - recordStart > limits.maximumRecordBytes
        || fieldEnds.count - endsStart > limits.maximumFields
      {
        try tooLarge()
      }
      // After the field.
      guard let b = try peek() else { break }
      position += 1
      if b == sep {
        if try peek() == nil {
          fieldEnds.append(fieldBytes.count - recordStart)
          break
        } else {
          continue
        }
      }
      if b == cr, try peek() == lf { position += 1 }
      break
    }
    nextRow = row + 1
  }
}

extension CSVReader {
  /// Throws the error for a field, record or field count past ``limits``.
  fileprivate func tooLarge() throws(CSVError) -> Never {
    let column = fieldEnds.count - endsStart + 1
    if fieldEnds.count - endsStart > limits.maximumFields {
      throw CSVError(
        .tooLarge, file: fileName, row: row, column: 0,
        message: "the row has more than \(limits.maximumFields) fields; is the separator right?")
    }
    if fieldBytes.count - recordStart > limits.maximumRecordBytes {
      throw CSVError(
        .tooLarge, file: fileName, row: row, column: column - 1,
        message:
          "the row is longer than \(byteText(limits.maximumRecordBytes)); is a quote left open, or is this not a CSV file?"
      )
    }
    throw CSVError(
      .tooLarge, file: fileName, row: row, column: column,
      message:
        "the field is longer than \(byteText(limits.maximumFieldBytes)); is a quote left open, or is this not a CSV file?"
    )
  }
}

/// `1 MiB`, `16 MiB`, `300 bytes`.
func byteText(_ n: Int) -> String {
  if n >= 1 << 20, n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
  if n >= 1 << 10, n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
  return "\(n) bytes"
}

@inline(__always)
func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
