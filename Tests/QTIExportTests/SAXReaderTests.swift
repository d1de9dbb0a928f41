import Foundation
import QuizModel
import TestSupport
import Testing

@testable import QTIExport

struct SAXReaderTests {
  /// Every element of `read` matches the XMLNode `tree`: name, attributes as written and by their QTI and Canvas
  /// names, text, line, children, and descendants in document order.
  static func expectSame(_ read: ReadElement, _ tree: XMLNode, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(read.name == tree.name, sourceLocation: sourceLocation)
    #expect(read.line == tree.line, "\(tree.name)", sourceLocation: sourceLocation)
    #expect(read.textContent == tree.textContent, "\(tree.name)", sourceLocation: sourceLocation)
    #expect(read.trimmedText == tree.trimmedText, sourceLocation: sourceLocation)
    #expect(read.kind == tree.kind, sourceLocation: sourceLocation)
    for (name, value) in tree.attributes {
      #expect(read[attribute: name] == value, "\(tree.name) @\(name)", sourceLocation: sourceLocation)
      if !name.contains(":") {
        #expect(read.attribute(QTIName.of(name)) == tree.attribute(QTIName.of(name)))
        #expect(read.canvasAttribute(CanvasName.of(name)) == tree.canvasAttribute(CanvasName.of(name)))
      }
    }
    #expect(read.canvasName == tree.canvasName, sourceLocation: sourceLocation)
    var readDescendants: [(String, Int)] = []
    read.forEachDescendant { readDescendants.append(($0.name, $0.line)) }
    var treeDescendants: [(String, Int)] = []
    tree.forEachDescendant { treeDescendants.append(($0.name, $0.line)) }
    #expect(readDescendants.map(\.0) == treeDescendants.map(\.0), "\(tree.name)", sourceLocation: sourceLocation)
    #expect(readDescendants.map(\.1) == treeDescendants.map(\.1), "\(tree.name)", sourceLocation: sourceLocation)
    let children = Array(read.elements)
    #expect(children.count == tree.elements.count, "\(tree.name)", sourceLocation: sourceLocation)
    for (r, t) in zip(children, tree.elements) { expectSame(r, t, sourceLocation: sourceLocation) }
  }

  /// The export's reader and `validate`'s tree read the same elements from every file of every format, with one
  /// reader reused from file to file.
  @Test(arguments: QTIFormat.allCases)
  func readsEveryExportedFileAsTheTreeDoes(format: QTIFormat) throws {
    let quiz = Quiz(
      title: "Membranes & <ions>", seed: 7,
      items: SampleQuiz.Export.quiz.items + [SampleQuiz.Export.hostileItem])
    let package = try makePackage(quiz, format: format, baseName: "s", workers: 1)
    let reader = SAXReader()
    var files = 0
    for file in package.files where file.path.hasSuffix(".xml") {
      let tree = try XMLReader.parse(file.data, file: file.path).get()
      let read = try reader.read(file.data, file: file.path).get()
      Self.expectSame(read, tree)
      files += 1
    }
    #expect(files > 0)
  }

  @Test func textCDATAReferencesAndAttributesReadAsInTheTree() throws {
    let document = """
      <?xml version="1.0" encoding="UTF-8"?>
      <r xmlns:x="urn:x" a="1 &amp; 2 &#38; 3 &lt;&#x3C;&quot;" x:b="&#8722;">
        <!-- a comment --><?pi data?>
        <v>  &#45;95.<![CDATA[<01>]]><w>8</w>9&amp; </v>
        <e/>
      </r>
      """
    let data = Data(document.utf8)
    let tree = try XMLReader.parse(data, file: "r.xml").get()
    let reader = SAXReader()  // views are valid while their reader lives
    let read = try reader.read(data, file: "r.xml").get()
    Self.expectSame(read, tree)
    #expect(read[attribute: "a"] == "1 & 2 & 3 <<\"")
    #expect(read[attribute: "x:b"] == "−")
    #expect(read[attribute: "b"] == nil)
    #expect(read.elements.first { $0.name == "v" }?.trimmedText == "-95.<01>89&")
  }

  /// Text is trimmed over its bytes as the tree trims it, also where a stripped space borders a non-ASCII
  /// character (a combining mark after a space keeps the space).
  @Test(arguments: ["  x  ", " \t\r\n", "", "x", " \u{301}x ", " x\u{301} ", " \u{2212}5 ", "\u{2212} ", "a b"])
  func trimmedTextIsTheTreesTrimmedText(text: String) throws {
    let data = Data("<r><t>\(text)</t><u>\(text)<v>\(text)</v></u></r>".utf8)
    let tree = try XMLReader.parse(data, file: "t.xml").get()
    let reader = SAXReader()
    let read = try reader.read(data, file: "t.xml").get()
    Self.expectSame(read, tree)
    #expect(Array(read.elements).first?.trimmedText == XMLNode.trimmed(text))
  }

  @Test func malformedFilesGetTheTreeReadersDiagnostics() throws {
    let reader = SAXReader()
    for document in ["<a>\n  <b>x & y</b>\n</a>", "<a><b></a>", "", "<a>&undeclared;</a>", "<a/><b/>"] {
      let data = Data(document.utf8)
      let expected = try #require(XMLReader.parse(data, file: "bad.xml").failure)
      let issues = try #require(reader.read(data, file: "bad.xml").failure)
      #expect(issues == expected, "\(document.debugDescription)")
    }
    // The reader is usable again after a failure.
    let root = try reader.read(Data("<ok><x/></ok>".utf8), file: "ok.xml").get()
    #expect(root.name == "ok" && root.elements.map(\.name) == ["x"])
  }

  @Test func aDocumentWithADTDIsRefusedAndNothingIsExpanded() throws {
    let document =
      "<?xml version=\"1.0\"?>\n<!-- a comment -->\n<!DOCTYPE r [ <!ENTITY e \"EXPANDED\"> ]>\n<r a=\"&e;\">&e;</r>"
    let issues = try #require(SAXReader().read(Data(document.utf8), file: "dtd.xml").failure).issues
    #expect(issues.count == 1)
    #expect(issues.first?.description.hasPrefix("dtd.xml:3: error: the document has a DTD") == true)
  }
}
