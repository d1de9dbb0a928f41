/// Splitting the input into pieces of whole records, so that records are parsed on the threads that grade them
/// while the reading thread only looks for where records end.
extension CSVReader {
  /// Raw input bytes (UTF-8) holding whole records, starting at a record's first byte, with what a
  /// ``CSVReader/init(piece:)`` needs to read them as the whole input's reader would.
  struct Piece: Sendable {
    var bytes: [UInt8]
    /// The row number of the piece's first line.
    var firstRow: Int
    var separator: UInt8
    var limits: Limits
    var name: String
  }

  /// What ``nextPiece(minimumBytes:)`` found.
  enum PieceOutcome {
    case piece(Piece)
    /// No more input.
    case end
    /// No record ends within ``pieceLimit`` bytes: read the next records with ``next()`` instead.
    case sequential
  }

  /// The most bytes ``nextPiece(minimumBytes:)`` holds while it looks for the end of a record.
  static let pieceLimit = 4 * ByteSource.chunkSize

  /// Takes the next whole records of the input, at least `minimumBytes` of them when the buffered input allows,
  /// without parsing their fields: a record ends at a line break outside quotes (quotes toggle being inside
  /// one, doubled quotes twice). The last piece holds the rest of the input, whatever it is. For a well-formed
  /// file the pieces are exactly the records ``next()`` reads; for a malformed one, the records before the
  /// first malformed one are, and reading that one's piece throws the error ``next()`` would throw (pieces
  /// after it are not meant to be read). The row numbers carry over.
  ///
  /// - Throws: ``CSVError`` when the input cannot be read.
  mutating func nextPiece(minimumBytes: Int) throws(CSVError) -> PieceOutcome {
    guard try peek() != nil else { return .end }
    while true {
      let start = position
      let n = chunk.count
      let (boundary, rows) = CSVReader.lastRecordEnd(in: chunk, from: start, minimumBytes: minimumBytes)
      if boundary >= 0 {
        return .piece(takePiece(upTo: boundary, rows: rows))
      }
      // No record ends in the buffer: add the next input to what is left, unless that grows too large.
      if n - start > CSVReader.pieceLimit { return .sequential }
      var more: [UInt8] = []
      if try source.read(into: &more) {
        chunk.removeSubrange(0..<start)
        chunk.append(contentsOf: more)
        position = 0
      } else {
        atEnd = true
        return .piece(takePiece(upTo: n, rows: 0))
      }
    }
  }

  /// Where the last record that ends in `bytes` after `start` (a record's first byte, so outside quotes) ends,
  /// stopping at the first end at least `minimumBytes` away, and how many line ends lie before it; −1 and 0
  /// when none does. A CR last in `bytes` is left undecided (CRLF or CR alone), as if no line ended there.
  static func lastRecordEnd(in bytes: [UInt8], from start: Int, minimumBytes: Int) -> (end: Int, rows: Int) {
    let quote = UInt8(ascii: "\"")
    let lf: UInt8 = 10
    let cr: UInt8 = 13
    // Eight bytes at a time: a word with no quote, CR or LF (most of them) is skipped whole.
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
    @inline(__always) func mayHoldBreakOrQuote(_ w: UInt64) -> Bool {
      hasZeroByte(w ^ (ones &* UInt64(quote))) || hasZeroByte(w ^ (ones &* UInt64(lf)))
        || hasZeroByte(w ^ (ones &* UInt64(cr)))
    }
    // The scan's inner loop, on the array's storage: `i` starts at `start` (≤ `n` = `buffer.count`); a word is
    // loaded only when `i + 8 ≤ n`, and a byte only when `i < n`, `i + 1 < n` checked before reading `i + 1`.
    return bytes.withUnsafeBufferPointer { buffer -> (end: Int, rows: Int) in
      let n = buffer.count
      guard let base = buffer.baseAddress else { return (-1, 0) }
      let raw = UnsafeRawPointer(base)
      var inQuotes = false
      var rows = 0
      var boundary = -1
      var boundaryRows = 0
      var i = start
      while i < n {
        if i + 8 <= n, !mayHoldBreakOrQuote(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
          i += 8
          continue
        }
        let b = buffer[i]
        if b == quote {
          inQuotes.toggle()
        } else if !inQuotes, b == lf || b == cr {
          if b == cr {
            if i + 1 == n { break }
            if buffer[i + 1] == lf { i += 1 }
          }
          rows += 1
          boundary = i + 1
          boundaryRows = rows
          if boundary - start >= minimumBytes { break }
        }
        i += 1
      }
      return (boundary, boundaryRows)
    }
  }

  /// The bytes from ``position`` to `end` as a piece holding `rows` line ends; moves past them.
  private mutating func takePiece(upTo end: Int, rows: Int) -> Piece {
    let piece = Piece(
      bytes: Array(chunk[position..<end]), firstRow: nextRow, separator: separator, limits: limits, name: fileName)
    position = end
    nextRow += rows
    return piece
  }
}
