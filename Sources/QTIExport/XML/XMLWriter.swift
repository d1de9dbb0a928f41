import CLibXML2
import Foundation

/// Writes one XML document through libxml2's text writer into a memory buffer. libxml2 does all the escaping;
/// text and attribute values go through ``XMLText/sanitized(_:)`` first, so characters that XML 1.0 cannot
/// carry (C0 controls other than tab, newline and carriage return) never reach the file.
///
/// Indentation is libxml2's, laid out here: libxml2's own indentation stays off, and the line breaks and
/// spaces its indenting writer would put before and after each tag (the rules of `xmlwriter.c`: a line break
/// after a start tag followed by an element and after every end tag, two spaces per enclosing element before a
/// start tag and before an end tag that follows an element, none around text) are handed to it as raw text in
/// one call. libxml2 would write them two bytes at a time after counting its open elements, which costs more
/// than the rest of the tag; the bytes are the same (the golden files and the tests of this writer compare them
/// with libxml2's indenting writer).
final class XMLWriter {
  private let buffer: xmlBufferPtr
  private let writer: xmlTextWriterPtr
  private var finished = false
  /// The state libxml2's indenting writer keeps: whether it indents now (off inside ``inline(_:)``), the open
  /// elements, whether the innermost has only its start tag so far, and its `doindent` flag.
  private var indentsNow: Bool
  private var depth = 0
  private var openTagOnly = false
  private var indentsEndTag = true
  /// The bytes of ``text(finishing:)``, reused.
  private var scratch: [UInt8] = []
  private let indenting: Bool
  private let declaration: Bool

  /// - Parameters:
  ///   - indent: Indent nested elements by two spaces.
  ///   - declaration: Start with `<?xml version="1.0" encoding="UTF-8"?>`.
  init(indent: Bool = true, declaration: Bool = true) {
    _ = libxml2Initialized
    guard let buffer = xmlBufferCreate(), let writer = xmlNewTextWriterMemory(buffer, 0) else {
      preconditionFailure("libxml2 could not allocate a text writer")
    }
    self.buffer = buffer
    self.writer = writer
    indenting = indent
    indentsNow = indent
    self.declaration = declaration
    if declaration { xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil) }
  }

  deinit {
    xmlFreeTextWriter(writer)
    xmlBufferFree(buffer)
  }

  // Strings reach libxml2 through `withXMLChars`, which hands small strings over from the stack; the implicit
  // String-to-pointer conversion would copy each of them to the heap first.

  /// Opens an element.
  func start(_ name: String) {
    if indentsNow {
      // After the parent's start tag (closed by libxml2 before raw text), a line break; then the indentation.
      let lineBreak = openTagOnly && depth > 0
      writeLayout(lineBreak: lineBreak, spaces: depth)
    }
    name.withXMLChars { _ = xmlTextWriterStartElement(writer, $0) }
    depth += 1
    openTagOnly = true
  }

  /// Writes a line break (when `lineBreak`) and `spaces` levels of indentation as raw text, if any.
  private func writeLayout(lineBreak: Bool, spaces levels: Int) {
    let count = (lineBreak ? 1 : 0) + 2 * levels
    guard count > 0 else { return }
    let start = lineBreak ? 0 : 1
    if start + count <= XMLWriter.layout.count {
      XMLWriter.layout.withUnsafeBufferPointer {
        _ = xmlTextWriterWriteRawLen(writer, $0.baseAddress! + start, Int32(count))
      }
    } else {
      let bytes = (lineBreak ? [0x0A] : []) + [UInt8](repeating: 0x20, count: 2 * levels)
      bytes.withUnsafeBufferPointer { _ = xmlTextWriterWriteRawLen(writer, $0.baseAddress!, Int32(count)) }
    }
  }

  /// A line break and spaces, from which every layout up to 127 levels deep is a slice.
  private static let layout: [UInt8] = [0x0A] + [UInt8](repeating: 0x20, count: 254)

  /// Adds an attribute to the element just opened.
  func attribute(_ name: String, _ value: String) {
    name.withXMLChars { n in
      XMLText.sanitized(value).withXMLChars { v in _ = xmlTextWriterWriteAttribute(writer, n, v) }
    }
  }

  /// Writes escaped text.
  func text(_ value: String) {
    XMLText.sanitized(value).withXMLChars { _ = xmlTextWriterWriteString(writer, $0) }
    wroteText()
  }

  /// After text: the element has content, and its end tag follows the text without indentation.
  private func wroteText() {
    openTagOnly = false
    if indentsNow { indentsEndTag = false }
  }

  /// Closes the innermost open element.
  func end() {
    if openTagOnly {
      if indentsNow { indentsEndTag = true }
    } else {
      if indentsNow && indentsEndTag { writeLayout(lineBreak: false, spaces: depth - 1) }
      indentsEndTag = true
    }
    xmlTextWriterEndElement(writer)
    depth -= 1
    openTagOnly = false
    // After the root, the line break is the one libxml2 ends the document with.
    if indentsNow && depth > 0 { _ = xmlTextWriterWriteRawLen(writer, "\n", 1) }
  }

  /// `<name a="v">text</name>`.
  func element(_ name: String, _ attributes: [(String, String)] = [], text: String) {
    start(name)
    for (key, value) in attributes { attribute(key, value) }
    self.text(text)
    end()
  }

  /// `<name a="v">…</name>`, the content written by `body`; empty elements close as `<name/>`.
  func element(_ name: String, _ attributes: [(String, String)] = [], _ body: () -> Void = {}) {
    start(name)
    for (key, value) in attributes { attribute(key, value) }
    body()
    end()
  }

  /// Writes mixed content (text and elements in one paragraph) without indentation, so no whitespace is
  /// added inside it.
  func inline(_ body: () -> Void) {
    // Switching libxml2's indentation on or off also sets its `doindent` flag.
    indentsNow = false
    indentsEndTag = true
    body()
    indentsNow = indenting
    indentsEndTag = true
  }

  /// A writer of HTML fragments for this writer's thread (no indentation, no declaration), made on first use
  /// and reused: see ``CanvasWriter/html(_:using:)``.
  private(set) lazy var htmlWriter = XMLWriter(indent: false, declaration: false)

  /// Starts the next document if the last one is finished.
  func startIfFinished() { if finished { restart() } }

  /// Ends the document and returns its bytes.
  func finish() -> Data {
    precondition(!finished, "XMLWriter.finish() called twice")
    finished = true
    xmlTextWriterEndDocument(writer)
    xmlTextWriterFlush(writer)
    let count = Int(xmlBufferLength(buffer))
    guard let bytes = xmlBufferContent(buffer) else { return Data() }
    return Data(bytes: bytes, count: count)
  }

  /// Starts the next document in the same writer and buffer, after ``finish()``: the bytes are those a new
  /// writer would give, without allocating libxml2's writer and buffers again.
  func restart() {
    precondition(finished, "XMLWriter.restart() before finish()")
    finished = false
    xmlBufferEmpty(buffer)
    indentsNow = indenting
    indentsEndTag = true
    depth = 0
    openTagOnly = false
    if declaration { xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil) }
  }

  /// The bytes `body` writes as an element `depth` elements deep in an indented document, after a sibling:
  /// exactly the bytes that element has inside the whole document (its indentation and the newline after it
  /// included), so documents can be written in pieces and joined. The writer is reset before and after; it
  /// must write the declaration as the whole document does, since the declared encoding decides whether
  /// libxml2 writes non-ASCII characters as they are or as character references.
  func fragment(depth: Int, _ body: () -> Void) -> Data {
    startIfFinished()
    for _ in 0..<depth { start("f") }
    element("f")
    let from = flushedCount()
    body()
    let to = flushedCount()
    xmlTextWriterEndDocument(writer)
    finished = true
    guard let bytes = xmlBufferContent(buffer) else { return Data() }
    return Data(bytes: bytes + from, count: to - from)
  }

  /// How many bytes the document has so far.
  func flushedCount() -> Int {
    xmlTextWriterFlush(writer)
    return Int(xmlBufferLength(buffer))
  }

  /// Ends the fragment and returns it as a string, without a trailing newline.
  func finishString() -> String { withFinishedBytes { String(decoding: $0, as: UTF8.self) } }

  /// Ends the document and calls `body` with its bytes, without the line break libxml2 ends every document
  /// with (a document ends with a tag, so only line feeds and carriage returns can end it). The bytes are valid
  /// for the call only.
  func withFinishedBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
    precondition(!finished, "XMLWriter.finish() called twice")
    finished = true
    xmlTextWriterEndDocument(writer)
    xmlTextWriterFlush(writer)
    var count = Int(xmlBufferLength(buffer))
    guard let bytes = xmlBufferContent(buffer) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
    while count > 0, bytes[count - 1] == 0x0A || bytes[count - 1] == 0x0D { count -= 1 }
    return body(UnsafeBufferPointer(start: bytes, count: count))
  }

  /// Writes as escaped text the document `other` has written since it started, ended and without its final line
  /// break: what `text(other.finishString())` writes, without making the string. `other` is a different writer.
  func text(finishing other: XMLWriter) {
    precondition(other !== self, "XMLWriter.text(finishing:) of itself")
    other.withFinishedBytes { bytes in
      // libxml2 wrote the document from sanitized text, so it has nothing to sanitize unless a byte is suspect.
      guard !XMLText.hasSuspectByte(bytes) else {
        text(String(decoding: bytes, as: UTF8.self))
        return
      }
      // libxml2 takes the text NUL-terminated: a copy in a reused buffer.
      scratch.removeAll(keepingCapacity: true)
      scratch.append(contentsOf: bytes)
      scratch.append(0)
      scratch.withUnsafeBufferPointer { _ = xmlTextWriterWriteString(writer, $0.baseAddress) }
    }
    wroteText()
  }
}

extension String {
  /// Calls `body` with the string as a NUL-terminated UTF-8 `xmlChar` buffer.
  func withXMLChars<T>(_ body: (UnsafePointer<xmlChar>) -> T) -> T {
    withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
  }
}

/// Text as XML 1.0 can carry it.
enum XMLText {
  /// Whether XML 1.0 allows this scalar in text and attribute values.
  static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }

  /// Whether a byte of `bytes` may begin a scalar XML 1.0 forbids: a C0 control other than tab, line feed and
  /// carriage return, or 0xEF (which starts U+FFFE and U+FFFF).
  static func hasSuspectByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for byte in bytes where (byte < 0x20 && byte != 0x9 && byte != 0xA && byte != 0xD) || byte == 0xEF {
      return true
    }
    return false
  }

  /// `text` with every character XML 1.0 forbids replaced by U+FFFD (the replacement character).
  static func sanitized(_ text: String) -> String {
    // Only bytes below 0x20 (C0 controls) and 0xEF (which starts U+FFFE and U+FFFF) can begin a forbidden scalar:
    // one scan over the bytes, in place, decides for almost every text.
    let suspect = text.utf8.withContiguousStorageIfAvailable { hasSuspectByte($0) } ?? true
    if !suspect { return text }
    if text.unicodeScalars.allSatisfy(isAllowed) { return text }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars { scalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}") }
    return String(scalars)
  }

  /// The forbidden characters in `text`, as `U+0001` strings, in order of appearance without repeats.
  static func forbiddenCharacters(in text: String) -> [String] {
    var seen: [String] = []
    for scalar in text.unicodeScalars where !isAllowed(scalar) {
      let name = String(format: "U+%04X", scalar.value)
      if !seen.contains(name) { seen.append(name) }
    }
    return seen
  }
}

/// libxml2's one-time set-up: initialize the parser, and refuse every network fetch (schema imports and
/// external entities resolve through the local catalog or not at all).
let libxml2Initialized: Void = {
  xmlInitParser()
  xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader)
}()
