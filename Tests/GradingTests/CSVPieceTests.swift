import Foundation
import TestSupport
import Testing

@testable import Grading

/// The input cut into pieces of whole records (``CSVReader/nextPiece(minimumBytes:)``), each read by a reader of
/// its own on a grading thread, reads exactly as one reader reads the whole input: the same records, row
/// numbers and errors, whatever falls on the boundaries of the 1 MiB chunks the file is read in.
@Suite struct CSVPieceTests {
  /// What one reader reads: each record's row and fields, then the error that stopped it, if any.
  struct Reading: Equatable {
    var records: [(Int, [String])] = []
    var error: CSVError?

    static func == (a: Reading, b: Reading) -> Bool {
      a.error == b.error && a.records.count == b.records.count
        && zip(a.records, b.records).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }
  }

  func wholeReading(_ bytes: [UInt8]) throws -> Reading {
    var reader = try CSVReader(bytes: bytes, name: "t.csv", separator: UInt8(ascii: ","))
    var out = Reading()
    do {
      while try reader.next() { out.records.append((reader.row, reader.strings)) }
    } catch { out.error = error }
    return out
  }

  /// Reads the input as the grading pipeline does: pieces read by readers of their own, and the records of a
  /// `.sequential` outcome by the whole input's reader; stops at the first error.
  func pieceReading(_ bytes: [UInt8], minimumBytes: Int) throws -> (Reading, pieces: Int, sequential: Int) {
    var reader = try CSVReader(bytes: bytes, name: "t.csv", separator: UInt8(ascii: ","))
    var out = Reading()
    var pieces = 0
    var sequential = 0
    do {
      loop: while true {
        switch try reader.nextPiece(minimumBytes: minimumBytes) {
        case .end: break loop
        case .sequential:
          sequential += 1
          guard try reader.next() else { break loop }
          out.records.append((reader.row, reader.strings))
        case .piece(let piece):
          pieces += 1
          var own = CSVReader(piece: piece)
          while try own.next() { out.records.append((own.row, own.strings)) }
        }
      }
    } catch { out.error = error }
    return (out, pieces, sequential)
  }

  /// A random CSV text of about `size` bytes: plain and quoted fields holding separators, doubled quotes and
  /// every kind of line break, records ended by LF, CR or CRLF, and empty lines.
  func randomCSV(size: Int, seed: UInt64) -> [UInt8] {
    var random = SplitMix(seed)
    var out: [UInt8] = Array("student,item,response\n".utf8)
    let lineEnds: [[UInt8]] = [[10], [13], [13, 10]]
    while out.count < size {
      for column in 0..<3 {
        if column > 0 { out.append(UInt8(ascii: ",")) }
        switch random.next() % 6 {
        case 0: break  // empty
        case 1, 2: out += Array("s\(random.next() % 1000)-−95,3".utf8.filter { $0 != UInt8(ascii: ",") })
        case 3: out += Array("\"a, \"\"quoted\"\" b\"".utf8)
        case 4: out += [UInt8(ascii: "\"")] + lineEnds[Int(random.next() % 3)] + Array("x,\"\"\"".utf8)
        default: out += Array("\"y\"  ".utf8)
        }
      }
      out += lineEnds[Int(random.next() % 3)]
      if random.next() % 20 == 0 { out += lineEnds[Int(random.next() % 3)] }
    }
    return out
  }

  @Test(arguments: [1, 100, 32_768])
  func piecesReadTheSameRecordsAsOneReader(minimumBytes: Int) throws {
    // About 2.5 MiB, so that records and line breaks (a CR and its LF too) fall on the 1 MiB chunk boundaries.
    let bytes = randomCSV(size: 5 << 19, seed: UInt64(minimumBytes))
    let whole = try wholeReading(bytes)
    let (pieces, count, _) = try pieceReading(bytes, minimumBytes: minimumBytes)
    #expect(whole.error == nil)
    #expect(whole.records.count > 10_000)
    #expect(pieces == whole)
    #expect(count > 1)
  }

  @Test func aQuotedFieldAcrossAChunkBoundaryIsOneField() throws {
    // A quoted field of 900 KB holding line breaks, starting just before the first 1 MiB boundary, then a CRLF
    // cut by the second one.
    var text = "a,b\n"
    text += String(repeating: "x", count: (1 << 20) - 100) + ",1\n"
    let long = String(repeating: "line,\n\"\"", count: 100_000)
    text += "\"" + long + "\",2\n"
    text += String(repeating: "y", count: (2 << 20) - text.utf8.count - 1) + "\r\nlast,3"
    let bytes = Array(text.utf8)
    let whole = try wholeReading(bytes)
    #expect(whole.records.count == 5)
    #expect(whole.records[2].1 == [long.replacingOccurrences(of: "\"\"", with: "\""), "2"])
    #expect(whole.records[4].0 == 5)
    #expect(try pieceReading(bytes, minimumBytes: 32_768).0 == whole)
  }

  @Test func aRecordLongerThanThePieceLimitIsReadByTheWholeInputsReader() throws {
    // Spaces after a closing quote count toward no limit: a record of 5 MiB that no piece may hold.
    let text = "a,b\n1,2\n\"q\"" + String(repeating: " ", count: 5 << 20) + ",3\n4,5\n"
    let bytes = Array(text.utf8)
    let whole = try wholeReading(bytes)
    #expect(whole.records.map(\.1) == [["a", "b"], ["1", "2"], ["q", "3"], ["4", "5"]])
    let read = try pieceReading(bytes, minimumBytes: 32_768)
    #expect(read.0 == whole)
    #expect(read.sequential >= 1, "the long record is read by the whole input's reader, not from a piece")
  }

  @Test(arguments: [
    "a,b\n1,2\n3,4\"5\n6,7\n",  // a quote inside an unquoted field
    "a,b\n1,2\n\"x\"y,2\n3,4\n",  // text after a closing quote
    "a,b\n1,2\n3,\"unclosed\n4,5\n",  // a quote never closed
    "a,b\n1,2\r\n\r\n3,\"x\"\"\r\n\"\r4,5\"",  // a quote never closed after CR and CRLF rows
  ])
  func aMalformedRecordThrowsTheSameErrorFromItsPiece(text: String) throws {
    let bytes = Array(String(repeating: "s,1\n", count: 20_000).utf8) + Array(text.utf8)
    let whole = try wholeReading(bytes)
    #expect(whole.error != nil)
    for minimumBytes in [1, 4096] {
      #expect(try pieceReading(bytes, minimumBytes: minimumBytes).0 == whole)
    }
  }
}
