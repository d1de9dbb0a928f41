import Foundation
import TestSupport
import Testing

@testable import QTIExport

/// The Canvas assessment is written, proven and deflated a question at a time; the pieces must give the bytes
/// the whole file would.
struct StreamedExportTests {
  @Test(arguments: [1, 7, 4096, 100_000])
  func aFileDeflatedInPiecesIsTheFileDeflatedWhole(pieceSize: Int) {
    var text = ""
    for i in 0..<20_000 { text += "<item ident=\"v\(i)\">\(i * 7919 % 1000)</item>\n" }
    let data = Data(text.utf8)
    let stream = Deflater.Stream(Deflater())
    var start = 0
    while start < data.count {
      let end = min(data.count, start + pieceSize)
      stream.append(data.subdata(in: start..<end))
      start = end
    }
    let streamed = stream.finish(path: "a.xml")
    let whole = ZipWriter.Entry(path: "a.xml", data: data)
    #expect(streamed.body == whole.body)
    #expect(streamed.crc == whole.crc)
    #expect(streamed.size == data.count)
  }

  @Test func questionFragmentsJoinedAreTheWholeAssessment() throws {
    let writer = CanvasWriter(quiz: SampleQuiz.Export.quiz)
    let joined = writer.assessment()
    // The whole file re-read as one document holds every question, in order, as the fragments do.
    let root = try XMLReader.parse(joined, file: "a.xml").get()
    let idents = root.descendants("item").map { $0[attribute: "ident"] ?? "" }
    let w = XMLWriter()
    let fragments = writer.questions().map { question -> String in
      let node = try? XMLReader.parse(writer.fragment(question, using: w), file: "q.xml").get()
      return node?[attribute: "ident"] ?? ""
    }
    #expect(!idents.isEmpty)
    #expect(idents == fragments)
  }
}
