import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

@testable import QTIExport

struct XMLReaderTests {
  @Test func parseErrorsCarryLineAndColumn() throws {
    let result = XMLReader.parse(Data("<a>\n  <b>x & y</b>\n</a>".utf8), file: "bad.xml")
    let issues = try #require(result.failure).issues
    #expect(issues.first?.file == "bad.xml")
    #expect(issues.first?.line == 2)
    #expect((issues.first?.column ?? 0) > 0)
    #expect(issues.first?.description.hasPrefix("bad.xml:2:") == true)
  }

  @Test func externalEntitiesAreNeverFetchedOrExpanded() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let secret = directory.url.appendingPathComponent("secret.txt")
    try Data("TOP-SECRET-CONTENT".utf8).write(to: secret)
    let document = """
      <?xml version="1.0"?>
      <!DOCTYPE r [
        <!ENTITY file SYSTEM "\(secret.absoluteString)">
        <!ENTITY net SYSTEM "http://127.0.0.1:9/entity.txt">
        <!ENTITY inner "EXPANDED">
      ]>
      <r>before &file; &net; &inner; after</r>
      """
    let file = directory.url.appendingPathComponent("xxe.xml")
    try Data(document.utf8).write(to: file)
    if case .success(let root) = XMLReader.parse(Data(document.utf8), file: "xxe.xml") {
      #expect(!root.textContent.contains("TOP-SECRET"))
      #expect(!root.textContent.contains("EXPANDED"))
    }
    let report = try validatePackage(at: file, schemas: nil)
    #expect(!report.description.contains("TOP-SECRET"))
  }

  @Test func aDocumentWithADTDIsRefusedWithItsLine() throws {
    let document =
      "<?xml version=\"1.0\"?>\n<!-- a comment -->\n<!DOCTYPE r [ <!ENTITY e \"x\"> ]>\n<r a=\"&e;\">&e;</r>"
    let issues = try #require(XMLReader.parse(Data(document.utf8), file: "dtd.xml").failure).issues
    #expect(issues.count == 1)
    #expect(issues.first?.line == 3)
    #expect(issues.first?.description.hasPrefix("dtd.xml:3: error: the document has a DTD") == true)
  }

  @Test func aDoctypeAfterTheRootIsNotADTD() throws {
    let root = try XMLReader.parse(Data("<r><!-- <!DOCTYPE x> --><a/></r>".utf8), file: "ok.xml").get()
    #expect(root.elements.map(\.name) == ["a"])
  }

  /// The attribute reader used to substitute entities (a 160 KB file grew past 600 MB); with DTDs refused
  /// such a file never reaches it, and an attribute holding an entity reference keeps only its text.
  @Test func attributesAreReadWithoutEntitySubstitution() throws {
    let references = String(repeating: "&big;", count: 20_000)
    let document = "<!DOCTYPE r [ <!ENTITY big \"\(String(repeating: "x", count: 1000))\"> ]>\n<r a=\"\(references)\"/>"
    let start = Date()
    #expect(XMLReader.parse(Data(document.utf8), file: "laughs.xml").failure != nil)
    #expect(Date().timeIntervalSince(start) < 2)
    let root = try XMLReader.parse(Data("<r a=\"x &amp; y &#65;\"/>".utf8), file: "a.xml").get()
    #expect(root[attribute: "a"] == "x & y A")
  }

  @Test func textAndElementsKeepDocumentOrder() throws {
    let root = try XMLReader.parse(Data("<p>E = <i r=\"1\"/> mV</p>".utf8), file: "p.xml").get()
    #expect(root.children.map(\.name) == ["#text", "i", "#text"])
    #expect(root.textContent == "E =  mV")
    #expect(root.child("i")?[attribute: "r"] == "1")
  }
}

extension Result {
  var failure: Failure? { if case .failure(let f) = self { f } else { nil } }
}

struct XMLNodeTextTests {
  @Test func trimmingOverBytesMatchesTrimmingOverCharacters() {
    let pieces = ["a", " ", "\t", "\n", "\r\n", "\r", "\u{301}", "\u{600}", "é", "⁺", "x"]
    var state: UInt64 = 99
    for _ in 0..<3000 {
      var text = ""
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      for _ in 0..<Int((state >> 60) + 1) {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        text += pieces[Int((state >> 33) % UInt64(pieces.count))]
      }
      let node = XMLNode(name: "value", children: [XMLNode(name: "#text", text: text)])
      #expect(node.trimmedText == XMLNode.trimmedByCharacters(text), "\(text.debugDescription)")
    }
  }
}
