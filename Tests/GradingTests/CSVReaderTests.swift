import Foundation
import Grading
import TestSupport
import Testing

@Suite struct CSVReaderTests {
  func records(_ text: String, separator: UInt8? = nil) throws -> [[String]] {
    var reader = try CSVReader(bytes: Array(text.utf8), name: "test.csv", separator: separator)
    var out: [[String]] = []
    while try reader.next() { out.append(reader.strings) }
    return out
  }

  func rows(_ text: String) throws -> [Int] {
    var reader = try CSVReader(bytes: Array(text.utf8), name: "test.csv")
    var out: [Int] = []
    while try reader.next() { out.append(reader.row) }
    return out
  }

  // MARK: Separators and line ends

  @Test func commaSeparated() throws {
    #expect(try records("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
  }

  @Test func semicolonDetectedFromHeader() throws {
    #expect(
      try records("student;item;response\ns1;x;-95,3\n") == [["student", "item", "response"], ["s1", "x", "-95,3"]])
  }

  @Test func tabDetectedFromHeader() throws {
    #expect(
      try records("student\titem\tresponse\ns1\tx\t1,5\n") == [["student", "item", "response"], ["s1", "x", "1,5"]])
  }

  @Test func separatorsInsideQuotedHeaderFieldsDoNotCount() throws {
    #expect(try records("\"a;b;c;d\",e,f\n1,2,3\n")[1] == ["1", "2", "3"])
  }

  @Test func crlfAndCRLineEnds() throws {
    #expect(try records("a,b\r\n1,2\r\n3,4") == [["a", "b"], ["1", "2"], ["3", "4"]])
    #expect(try records("a,b\r1,2\r") == [["a", "b"], ["1", "2"]])
  }

  @Test func noFinalLineBreakAndTrailingEmptyField() throws {
    #expect(try records("a,b\n1,") == [["a", "b"], ["1", ""]])
  }

  // MARK: Quotes

  @Test func quotedFieldsWithSeparatorsQuotesAndNewlines() throws {
    let text = "a,b\n\"x, y\",\"he said \"\"−95\"\"\"\n\"line 1\r\nline 2\",z\n"
    #expect(try records(text) == [["a", "b"], ["x, y", "he said \"−95\""], ["line 1\r\nline 2", "z"]])
  }

  @Test func rowNumbersAreSpreadsheetRows() throws {
    #expect(try rows("h\n\"a\nb\"\n\nc\n") == [1, 2, 4])
  }

  @Test func spacesAfterAClosingQuoteAreAllowed() throws {
    #expect(try records("a,b\n\"x\"  ,y\n")[1] == ["x", "y"])
  }

  // MARK: Encodings

  @Test func utf8ByteOrderMarkIsDropped() throws {
    var reader = try CSVReader(bytes: [0xEF, 0xBB, 0xBF] + Array("student,item\ns,−1\n".utf8))
    #expect(try reader.next())
    #expect(reader.strings == ["student", "item"])
    #expect(try reader.next())
    #expect(reader.strings == ["s", "−1"])
  }

  @Test(arguments: [true, false])
  func utf16WithByteOrderMark(littleEndian: Bool) throws {
    let text = "student;item;response\r\ns1;x;−95 µV 𝛑\r\n"
    var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
    for unit in text.utf16 {
      let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
      bytes += littleEndian ? pair : pair.reversed()
    }
    var reader = try CSVReader(bytes: bytes)
    var out: [[String]] = []
    while try reader.next() { out.append(reader.strings) }
    #expect(out == [["student", "item", "response"], ["s1", "x", "−95 µV 𝛑"]])
  }

  @Test func utf16CutInTheMiddleOfACharacter() throws {
    #expect(throws: CSVError.self) {
      var reader = try CSVReader(bytes: [0xFF, 0xFE, 0x61, 0x00, 0x62])
      while try reader.next() {}
    }
  }

  @Test func largeFileAcrossChunks() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    var text = "student,item,response\n"
    for i in 0..<60_000 { text += "s\(i),\"item, \(i)\",\"−\(i).5\nmV\"\n" }
    let url = dir.url.appendingPathComponent("big.csv")
    try Data(text.utf8).write(to: url)
    var reader = try CSVReader(contentsOf: url)
    var count = 0
    var last: [String] = []
    while try reader.next() {
      count += 1
      last = reader.strings
    }
    #expect(count == 60_001)
    #expect(last == ["s59999", "item, 59999", "−59999.5\nmV"])
  }

  // MARK: Errors

  @Test func unterminatedQuoteNamesRowAndColumn() throws {
    let error = #expect(throws: CSVError.self) { try records("a,b,c\n1,2,3\n4,5,\"−95 mV\n6,7,8\n") }
    #expect(error?.code == .unterminatedQuote)
    #expect(error?.row == 3)
    #expect(error?.column == 3)
    #expect(
      error?.description
        == "test.csv:3:3: a quote opens a field but is never closed (from \"\"−95 mV\\n6,7,8\\n\")")
  }

  @Test func quoteInsideAnUnquotedField() throws {
    let error = #expect(throws: CSVError.self) { try records("a,b\n1,5\"3\n") }
    #expect(error?.code == .quoteInUnquotedField)
    #expect(error?.row == 2)
    #expect(error?.column == 2)
  }

  @Test func textAfterTheClosingQuote() throws {
    let error = #expect(throws: CSVError.self) { try records("a,b\n\"x\"y,2\n") }
    #expect(error?.code == .textAfterClosingQuote)
    #expect(error?.description == "test.csv:2:1: text \"y\" follows the closing quote of a quoted field")
  }

  @Test func missingFileIsAnError() {
    let error = #expect(throws: CSVError.self) {
      try CSVReader(contentsOf: URL(fileURLWithPath: "/nonexistent/none.csv"))
    }
    #expect(error?.code == .unreadableFile)
  }
}
