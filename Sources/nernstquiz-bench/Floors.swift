import CLibXML2
import CZlibSystem
import Foundation
import QTIExport
import QuizModel

/// The floor of exporting one item: what zlib and libxml2 themselves cost, on this machine, for one typical item
/// of a QTI 2.1 package (a nernst-potential variant, written by our own writer): deflate at level 1, writing it
/// with libxml2's text writer, and parsing it into a tree and with SAX. A package cannot cost less per item than
/// the pieces it uses.
enum FloorPiece: String, CaseIterable {
  case deflate = "floor: zlib deflate level 1 of one item"
  case write = "floor: libxml2 text writer, one item"
  case treeParse = "floor: libxml2 tree parse, one item"
  case saxParse = "floor: libxml2 SAX parse, one item"

  /// Iterations per timed run.
  static let iterations = 2_000

  /// One typical item's XML: the QTI 2.1 item file of the median size in a package of the default bank's
  /// templates, one variant each.
  static func typicalItem(_ workload: Workload) throws -> [UInt8] {
    let quiz = try workload.quiz(perTemplate: 1)
    let package = try makePackage(quiz, format: .qti21, baseName: "floor", workers: 1)
    let items = package.files.filter { $0.path != "imsmanifest.xml" && $0.path.hasSuffix(".xml") }.map(\.data)
      .sorted { $0.count < $1.count }
    guard !items.isEmpty else { throw WorkloadError("the QTI 2.1 package has no item file") }
    return [UInt8](items[items.count / 2])
  }

  /// Runs the piece `count` times on `item`; returns a number that depends on the work (so none is skipped).
  func run(_ item: [UInt8], count: Int) throws -> Int {
    switch self {
    case .deflate: return try FloorPiece.deflate(item, count: count)
    case .write: return try FloorPiece.write(item, count: count)
    case .treeParse: return try FloorPiece.treeParse(item, count: count)
    case .saxParse: return try FloorPiece.saxParse(item, count: count)
    }
  }

  private static func deflate(_ item: [UInt8], count: Int) throws -> Int {
    var stream = z_stream()
    guard czlib_deflate_init_raw(&stream, 1) == Z_OK else { throw WorkloadError("deflateInit2 failed") }
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(item.count))) + 64)
    var total = 0
    var input = item
    for _ in 0..<count {
      deflateReset(&stream)
      let status = input.withUnsafeMutableBufferPointer { source in
        output.withUnsafeMutableBufferPointer { target in
          stream.next_in = source.baseAddress
          stream.avail_in = uInt(source.count)
          stream.next_out = target.baseAddress
          stream.avail_out = uInt(target.count)
          return CZlibSystem.deflate(&stream, Z_FINISH)
        }
      }
      guard status == Z_STREAM_END else { throw WorkloadError("deflate failed (\(status))") }
      total += Int(stream.total_out)
    }
    return total
  }

  /// Parses `item` once (not timed) and writes its tree with the text writer `count` times.
  private static func write(_ item: [UInt8], count: Int) throws -> Int {
    guard let document = parse(item) else { throw WorkloadError("libxml2 cannot parse the item") }
    defer { xmlFreeDoc(document) }
    var total = 0
    for _ in 0..<count {
      guard let buffer = xmlBufferCreate() else { throw WorkloadError("xmlBufferCreate failed") }
      defer { xmlBufferFree(buffer) }
      guard let writer = xmlNewTextWriterMemory(buffer, 0) else { throw WorkloadError("xmlNewTextWriterMemory failed") }
      xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
      writeNode(xmlDocGetRootElement(document), with: writer)
      xmlTextWriterEndDocument(writer)
      xmlFreeTextWriter(writer)
      total += Int(xmlBufferLength(buffer))
    }
    return total
  }

  private static func writeNode(_ node: xmlNodePtr?, with writer: xmlTextWriterPtr) {
    guard let node else { return }
    switch node.pointee.type {
    case XML_ELEMENT_NODE:
      xmlTextWriterStartElement(writer, node.pointee.name)
      if node.pointee.nsDef != nil, let href = node.pointee.nsDef.pointee.href {
        xmlTextWriterWriteAttribute(writer, "xmlns", href)
      }
      var attribute = node.pointee.properties
      while let a = attribute {
        if let value = xmlNodeGetContent(UnsafeMutableRawPointer(a).assumingMemoryBound(to: xmlNode.self)) {
          xmlTextWriterWriteAttribute(writer, a.pointee.name, value)
          clibxml2_free(value)
        }
        attribute = a.pointee.next
      }
      var child = node.pointee.children
      while let c = child {
        writeNode(c, with: writer)
        child = c.pointee.next
      }
      xmlTextWriterEndElement(writer)
    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
      if let content = node.pointee.content { xmlTextWriterWriteString(writer, content) }
    default:
      break
    }
  }

  private static func parse(_ item: [UInt8]) -> xmlDocPtr? {
    item.withUnsafeBufferPointer { bytes in
      bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
        xmlReadMemory(chars, Int32(bytes.count), "item.xml", nil, Int32(XML_PARSE_NONET.rawValue))
      }
    }
  }

  /// Tree parses through one reused parser context, as a checker reading many items would.
  private static func treeParse(_ item: [UInt8], count: Int) throws -> Int {
    guard let context = xmlNewParserCtxt() else { throw WorkloadError("xmlNewParserCtxt failed") }
    defer { xmlFreeParserCtxt(context) }
    var total = 0
    for _ in 0..<count {
      let document = item.withUnsafeBufferPointer { bytes in
        bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
          xmlCtxtReadMemory(context, chars, Int32(bytes.count), "item.xml", nil, Int32(XML_PARSE_NONET.rawValue))
        }
      }
      guard let document else { throw WorkloadError("libxml2 cannot parse the item") }
      total += document.pointee.children == nil ? 0 : 1
      xmlFreeDoc(document)
    }
    return total
  }

  /// SAX parses counting the elements and the text bytes.
  private static func saxParse(_ item: [UInt8], count: Int) throws -> Int {
    var handler = xmlSAXHandler()
    handler.initialized = UInt32(XML_SAX2_MAGIC)
    handler.startElementNs = { context, _, _, _, _, _, _, _, _ in
      context?.assumingMemoryBound(to: Int.self).pointee += 1
    }
    handler.characters = { context, _, length in
      context?.assumingMemoryBound(to: Int.self).pointee += Int(length)
    }
    var total = 0
    for _ in 0..<count {
      let status = item.withUnsafeBufferPointer { bytes in
        bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
          withUnsafeMutablePointer(to: &total) { counter in
            xmlSAXUserParseMemory(&handler, counter, chars, Int32(bytes.count))
          }
        }
      }
      guard status == 0 else { throw WorkloadError("SAX parse failed (\(status))") }
    }
    return total
  }
}
