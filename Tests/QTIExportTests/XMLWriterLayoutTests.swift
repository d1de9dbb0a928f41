import CLibXML2
import Foundation
import TestSupport
import Testing

@testable import QTIExport

/// ``XMLWriter`` lays out indentation itself; its bytes must be those of libxml2's own indenting writer.
struct XMLWriterLayoutTests {
  /// libxml2's text writer with its own indentation on (two spaces), as the export used it before.
  final class Reference {
    let buffer = xmlBufferCreate()!
    let writer: xmlTextWriterPtr

    init() {
      writer = xmlNewTextWriterMemory(buffer, 0)!
      xmlTextWriterSetIndent(writer, 1)
      xmlTextWriterSetIndentString(writer, "  ")
      xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
    }

    deinit {
      xmlFreeTextWriter(writer)
      xmlBufferFree(buffer)
    }

    func finish() -> Data {
      xmlTextWriterEndDocument(writer)
      xmlTextWriterFlush(writer)
      return Data(bytes: xmlBufferContent(buffer)!, count: Int(xmlBufferLength(buffer)))
    }
  }

  /// Writes the same random document (elements nested up to 8 deep, empty elements, attributes, text and empty
  /// text, mixed content written inline, inline inside inline) with both writers.
  static func write(seed: UInt64, _ ours: XMLWriter, _ reference: Reference) {
    var random = SplitMix(seed)
    let names = ["a", "item", "p", "mattext"]
    let texts = ["", "x", "1 < 2 & 3", " two words "]
    func element(depth: Int) {
      let name = names.randomElement(using: &random)!
      ours.start(name)
      xmlTextWriterStartElement(reference.writer, name)
      if Bool.random(using: &random) {
        ours.attribute("k", "v&\"")
        xmlTextWriterWriteAttribute(reference.writer, "k", "v&\"")
      }
      for _ in 0..<Int.random(in: 0...3, using: &random) {
        switch Int.random(in: 0..<4, using: &random) {
        case 0 where depth < 8:
          element(depth: depth + 1)
        case 1:
          let text = texts.randomElement(using: &random)!
          ours.text(text)
          xmlTextWriterWriteString(reference.writer, text)
        case 2 where depth < 8:
          xmlTextWriterSetIndent(reference.writer, 0)
          ours.inline { element(depth: depth + 1) }
          xmlTextWriterSetIndent(reference.writer, 1)
        default:
          break
        }
      }
      ours.end()
      xmlTextWriterEndElement(reference.writer)
    }
    element(depth: 0)
  }

  @Test func indentationIsLibxml2sIndentingWritersForRandomDocuments() {
    let ours = XMLWriter()
    var differing: [UInt64] = []
    for seed in UInt64(0)..<2000 {
      ours.startIfFinished()
      let reference = Reference()
      Self.write(seed: seed, ours, reference)
      if ours.finish() != reference.finish() { differing.append(seed) }
    }
    #expect(differing.isEmpty, "seeds \(differing.prefix(5))")
  }

  @Test func aFragmentHasTheBytesItHasInTheWholeDocument() {
    let w = XMLWriter()
    let fragment = w.fragment(depth: 2) {
      w.element("item", [("ident", "q")]) { w.element("p", text: "a") }
    }
    let whole = XMLWriter()
    whole.element("r") {
      whole.element("s") {
        whole.element("f")
        whole.element("item", [("ident", "q")]) { whole.element("p", text: "a") }
      }
    }
    let text = String(decoding: whole.finish(), as: UTF8.self)
    #expect(text.contains(String(decoding: fragment, as: UTF8.self)))
    #expect(String(decoding: fragment, as: UTF8.self) == "    <item ident=\"q\">\n      <p>a</p>\n    </item>\n")
  }
}
