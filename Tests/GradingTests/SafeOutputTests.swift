import Foundation
import TestSupport
import Testing

@testable import Grading

/// Output CSVs are safe to open: no cell runs as a formula, invalid UTF-8 is replaced the same way everywhere.
@Suite struct SafeOutputTests {
  func field(_ text: String) -> String {
    var line: [UInt8] = []
    line.appendCSVField(text)
    return String(decoding: line, as: UTF8.self)
  }

  func field(bytes: [UInt8]) -> [UInt8] {
    var line: [UInt8] = []
    line.appendCSVField(ByteView(bytes))
    return line
  }

  @Test(arguments: [
    ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
    ("=1+1", "'=1+1"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-95 mV", "'-95 mV"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"),
    ("\rx", "\"'\rx\""),
    ("-95", "-95"),
    ("+1.5e-3", "+1.5e-3"),
    ("-0.02", "-0.02"),
    ("-.5", "-.5"),
    ("95 mV", "95 mV"),
    ("a=b", "a=b"),
    ("-", "'-"),
    ("", ""),
  ])
  func formulaCellsGetAQuotePrefixNumbersDoNot(text: String, written: String) {
    #expect(field(text) == written)
  }

  @Test func invalidUTF8IsReplacedAsStringDecodingDoes() {
    let bytes: [UInt8] = [0x73, 0xFF, 0x31, 0xE2, 0x82]  // "s", bad, "1", a cut 3-byte sequence
    #expect(field(bytes: bytes) == Array(String(decoding: bytes, as: UTF8.self).utf8))
    #expect(String(decoding: field(bytes: bytes), as: UTF8.self) == "s\u{FFFD}1\u{FFFD}")
  }

  @Test func gradedOutputsGuardFormulasAndAgreeOnReplacedIDs() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("in.csv")
    var bytes = Array("student,item,response\n".utf8)
    bytes += Array("\"=HYPERLINK(\"\"http://evil\"\")\",nernst-potential-01,-95 mV\n".utf8)
    bytes += Array("s".utf8) + [0xFF] + Array(",nernst-potential-01,=1+1\n".utf8)
    try Data(bytes).write(to: input)
    let out = dir.url.appendingPathComponent("out")
    _ = try Grader(quiz: SampleQuiz.Grading.quiz).grade(submissionsAt: input, format: .long, into: out)
    let responses = try Data(contentsOf: out.appendingPathComponent("responses.csv"))
    let grades = try Data(contentsOf: out.appendingPathComponent("grades.csv"))
    for data in [responses, grades] {
      let text = try #require(String(data: data, encoding: .utf8))  // valid UTF-8
      #expect(text.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""))
      #expect(text.contains("s\u{FFFD},"))
      #expect(!text.contains("\n=") && !text.contains(",="))
    }
    let text = String(decoding: responses, as: UTF8.self)
    #expect(text.contains(",'-95 mV,"))
    #expect(text.contains(",'=1+1,"))
  }
}

@Suite struct AmbiguousStudentTests {
  @Test func idsThatReadTheSameOnceReplacedAreFlagged() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("in.csv")
    var bytes = Array("student,item,response\n".utf8)
    bytes += Array("s".utf8) + [0xFF] + Array(",nernst-potential-01,-95 mV\n".utf8)
    bytes += Array("s".utf8) + [0xFE] + Array(",nernst-potential-01,-95 mV\n".utf8)
    try Data(bytes).write(to: input)
    let summary = try Grader(quiz: SampleQuiz.Grading.quiz).grade(
      submissionsAt: input, format: .long, into: dir.url.appendingPathComponent("out"))
    #expect(summary.students == 2)
    #expect(summary.ambiguousStudents == ["s\u{FFFD}"])
    #expect(summary.exitStatus == 1)
    #expect(summary.description.contains("1 student id read the same once invalid UTF-8 is replaced: \"s\u{FFFD}\""))
  }
}

@Suite struct LaterBlankRowTests {
  @Test func aLaterBlankRowOfAStudentWhoAnsweredEverythingKeepsItsLine() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("wide.csv")
    try Data(
      """
      student,nernst-potential-01,driving-force-01#driving_force,driving-force-01#direction,ohmic-current-01
      erin,-95.02 mV,25 mV,efflux,0.3 pA
      erin,,,,

      """.utf8
    ).write(to: input)
    let out = dir.url.appendingPathComponent("out")
    let summary = try Grader(quiz: SampleQuiz.Grading.quiz).grade(submissionsAt: input, format: .wide, into: out)
    #expect(summary.rowsIn == 2)
    #expect(summary.rowsIn == summary.rowsGraded + summary.rowsFlagged)
    let rows = try readCSV(out.appendingPathComponent("responses.csv")).dropFirst().map { $0[0] }
    #expect(Set(rows) == ["2", "3"])
  }
}
