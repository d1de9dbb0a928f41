import CLibXML2
import Foundation

/// Reads a document from libxml2's SAX2 events into flat arrays (elements, attributes, text bytes) and hands
/// out views of its elements (``ReadElement``): what the export self-checks read, parsed once, without a
/// libxml2 tree or a tree of Swift strings.
///
/// The safety settings are ``XMLReader``'s: no network (`XML_PARSE_NONET`), entity references never
/// substituted (they stay out of the text, as in the tree), a document with a DTD refused (before parsing, and
/// again if the parser reports an internal subset), libxml2's default limits (never `XML_PARSE_HUGE`). A
/// document that is not well-formed, or has a DTD, gets the diagnostics ``XMLReader/parse(_:file:)`` gives
/// (file, line, column). Lines are those of libxml2's tree (the line where the start tag ends), not capped at
/// 65,535.
///
/// One parser context and its buffers are reused from document to document; the views of a document are
/// valid until the next ``read(_:file:)``. Not thread-safe: one reader per worker.
final class SAXReader {
  /// The document read last. Its arrays are mutated through one access per event, not one per array; the
  /// reader is used by one thread and never lends the document while an event mutates it, so the accesses are
  /// not checked at run time.
  @exclusivity(unchecked) fileprivate(set) var document = SAXDocument()
  private let context: xmlParserCtxtPtr

  init() {
    _ = libxml2Initialized
    guard let context = xmlNewParserCtxt() else { preconditionFailure("libxml2 could not allocate a parser context") }
    self.context = context
    // The default SAX2 handler, with the tree-building events replaced by ours and the DTD events off. Comments,
    // processing instructions and entity references carry nothing the checks read.
    let sax = context.pointee.sax!
    sax.pointee.startElementNs = saxStartElement
    sax.pointee.endElementNs = saxEndElement
    sax.pointee.characters = saxCharacters
    sax.pointee.ignorableWhitespace = saxCharacters
    sax.pointee.cdataBlock = saxCharacters
    sax.pointee.internalSubset = saxInternalSubset
    sax.pointee.externalSubset = nil
    sax.pointee.entityDecl = nil
    sax.pointee.unparsedEntityDecl = nil
    sax.pointee.notationDecl = nil
    sax.pointee.attributeDecl = nil
    sax.pointee.elementDecl = nil
    sax.pointee.reference = nil
    sax.pointee.comment = nil
    sax.pointee.processingInstruction = nil
    sax.pointee.startElement = nil
    sax.pointee.endElement = nil
  }

  deinit { xmlFreeParserCtxt(context) }

  /// Parses `data` and returns its root element, or the issues that made it unreadable (errors only, as
  /// ``XMLReader/parse(_:file:)`` reports them).
  func read(_ data: Data, file: String) -> Result<ReadElement, XMLIssueList> {
    document.removeAll()
    var wellFormed = XMLReader.doctypeLine(in: data) == nil
    if wellFormed {
      let collector = IssueCollector(file: file)
      collector.collecting {
        context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        defer { context.pointee._private = nil }
        // Never NOENT, DTDLOAD, DTDATTR, DTDVALID or HUGE.
        let options = Int32(XML_PARSE_NONET.rawValue)
        // The libxml2 boundary: the bytes are lent for the call only, with their count.
        let doc = data.withUnsafeBytes { raw -> xmlDocPtr? in
          guard let base = raw.baseAddress else { return nil }
          return xmlCtxtReadMemory(
            context, base.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, nil, options)
        }
        // The default start-of-document handler made an empty document; nothing else is in it.
        if let doc { xmlFreeDoc(doc) }
      }
      wellFormed =
        context.pointee.wellFormed != 0 && !document.sawSubset && !document.entries.isEmpty
        && document.open.isEmpty
        && !collector.issues.contains { $0.severity == .error }
    }
    guard wellFormed else {
      // The tree reader says what is wrong and where, as `validate` does.
      if case .failure(let list) = XMLReader.parse(data, file: file) { return .failure(list) }
      return .failure(XMLIssueList([XMLIssue(file: file, message: "the file could not be read")]))
    }
    return .success(ReadElement(reader: self, index: 0))
  }

  /// The reader of a parser context's events (set for the duration of ``read(_:file:)``).
  fileprivate static func of(_ context: UnsafeMutableRawPointer?) -> SAXReader? {
    guard let context, let reader = context.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else {
      return nil
    }
    return Unmanaged<SAXReader>.fromOpaque(reader).takeUnretainedValue()
  }
}

/// The elements, attributes and text of one document as ``SAXReader`` read them, in flat arrays.
struct SAXDocument {
  /// An element: its name (an index into `names`), its links, its attributes, the bytes of all the text
  /// inside it (descendants' text included: it lies contiguously in `text`), and its line. Its descendants are
  /// the entries after it up to `end` (entries are in document order).
  struct Entry {
    var name: Int
    var end = -1
    var firstChild = -1
    var lastChild = -1
    var nextSibling = -1
    var attributes: Range<Int>
    var textStart: Int
    var textEnd: Int
    var line: Int
  }

  /// An attribute: its local name and its prefix (indexes into `names`; -1: no prefix), and its value's bytes.
  struct Attribute {
    var name: Int
    var prefix: Int
    var value: Range<Int>
  }

  private(set) var entries: [Entry] = []
  private(set) var attributes: [Attribute] = []
  /// The text of the document in order (character data and CDATA).
  private(set) var text: [UInt8] = []
  /// Attribute values, one after another.
  private(set) var values: [UInt8] = []
  /// Names as written and as the QTI compiler knows them, by index.
  private(set) var names: [String] = []
  private(set) var kinds: [QTIName] = []
  private(set) var canvasKinds: [CanvasName] = []
  /// The elements open at this point of the read.
  private(set) var open: [Int] = []
  /// Whether the parser reported a DTD.
  private(set) var sawSubset = false
  private var nameIndex: [UnsafeRawPointer: Int] = [:]
  /// A direct-mapped cache in front of `nameIndex`: a slot per few bits of a name's pointer.
  private var recentNames = [(key: UnsafeRawPointer?, index: Int)](repeating: (nil, 0), count: 256)
  private var dictionary: xmlDictPtr?

  /// Empties the arrays for the next document, keeping their capacity (and the names).
  mutating func removeAll() {
    entries.removeAll(keepingCapacity: true)
    attributes.removeAll(keepingCapacity: true)
    text.removeAll(keepingCapacity: true)
    values.removeAll(keepingCapacity: true)
    open.removeAll(keepingCapacity: true)
    sawSubset = false
  }

  mutating func start(
    _ localName: UnsafePointer<xmlChar>, attributeCount: Int,
    _ attributeList: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
    line: Int, dictionary dict: xmlDictPtr?
  ) {
    let index = entries.count
    if let parent = open.last {
      if entries[parent].lastChild >= 0 {
        entries[entries[parent].lastChild].nextSibling = index
      } else {
        entries[parent].firstChild = index
      }
      entries[parent].lastChild = index
    }
    let firstAttribute = attributes.count
    // libxml2 gives five pointers per attribute: local name, prefix, namespace, value start, value end.
    if let attributeList {
      for k in 0..<attributeCount {
        let base = attributeList + 5 * k
        guard let name = base[0], let start = base[3], let end = base[4] else { continue }
        let from = values.count
        appendValue(UnsafeBufferPointer(start: start, count: end - start))
        attributes.append(
          Attribute(
            name: nameNumber(name, dict), prefix: base[1].map { nameNumber($0, dict) } ?? -1,
            value: from..<values.count))
      }
    }
    entries.append(
      Entry(
        name: nameNumber(localName, dict), attributes: firstAttribute..<attributes.count, textStart: text.count,
        textEnd: text.count, line: line))
    open.append(index)
  }

  /// Appends an attribute value. Without entity substitution libxml2 hands a `&` (written `&amp;` or `&#38;`)
  /// over as `&#38;`, for the tree builder to decode; no other `&` can reach here (other entities need a DTD).
  private mutating func appendValue(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.contains(UInt8(ascii: "&")) else {
      values.append(contentsOf: bytes)
      return
    }
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      values.append(b)
      i += b == UInt8(ascii: "&") && bytes[(i + 1)...].starts(with: "#38;".utf8) ? 5 : 1
    }
  }

  mutating func end() {
    guard let index = open.popLast() else { return }
    entries[index].textEnd = text.count
    entries[index].end = entries.count
  }

  mutating func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
    guard !open.isEmpty else { return }
    text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
  }

  mutating func subset() { sawSubset = true }

  /// The index of a name. Names are interned in the context's dictionary, so a name's pointer identifies it;
  /// a name outside the dictionary is looked up by its text.
  private mutating func nameNumber(_ raw: UnsafePointer<xmlChar>, _ dict: xmlDictPtr?) -> Int {
    let key = UnsafeRawPointer(raw)
    if dict == dictionary {
      let slot = (Int(bitPattern: key) >> 3) & 255
      if recentNames[slot].key == key { return recentNames[slot].index }
      if let found = nameIndex[key] {
        recentNames[slot] = (key, found)
        return found
      }
    } else {
      nameIndex = [:]
      for slot in recentNames.indices { recentNames[slot] = (nil, 0) }
      dictionary = dict
    }
    let name = String(cString: raw)
    let index = names.firstIndex(of: name) ?? names.count
    if index == names.count {
      names.append(name)
      kinds.append(QTIName.of(name))
      canvasKinds.append(CanvasName.of(name))
    }
    if let dict, xmlDictOwns(dict, raw) == 1 { nameIndex[key] = index }
    return index
  }
}

// The C-callable event handlers. The default SAX2 handler's user data is the parser context, which carries the
// reader in `_private`; every pointer libxml2 passes is valid for the call, with its count.

private let saxStartElement: startElementNsSAX2Func = {
  context, localName, _, _, _, _, attributeCount, _, attributeList in
  guard let localName, let reader = SAXReader.of(context) else { return }
  let parser = context!.assumingMemoryBound(to: xmlParserCtxt.self).pointee
  let line = parser.input.map { Int($0.pointee.line) } ?? 0
  reader.document.start(
    localName, attributeCount: Int(attributeCount), attributeList, line: line, dictionary: parser.dict)
}

private let saxEndElement: endElementNsSAX2Func = { context, _, _, _ in SAXReader.of(context)?.document.end() }

private let saxCharacters: charactersSAXFunc = { context, bytes, count in
  guard let bytes, count > 0 else { return }
  SAXReader.of(context)?.document.characters(bytes, count: Int(count))
}

private let saxInternalSubset: internalSubsetSAXFunc = { context, _, _, _ in SAXReader.of(context)?.document.subset() }

/// An element of the document a ``SAXReader`` read last: valid until its next read. The reader is held without
/// reference counting; views exist only while their reader's owner uses them.
struct ReadElement {
  unowned(unsafe) let reader: SAXReader
  let index: Int

  private var entry: SAXDocument.Entry { reader.document.entries[index] }

  /// The element's local name.
  var name: String { reader.document.names[entry.name] }

  /// The line it starts on.
  var line: Int { entry.line }

  /// The value of an attribute, by its name as written (`xsi:type` with its prefix).
  subscript(attribute wanted: String) -> String? {
    for a in reader.document.attributes[entry.attributes] {
      let name = reader.document.names[a.name]
      if a.prefix >= 0 {
        let prefix = reader.document.names[a.prefix]
        guard wanted.utf8.count == prefix.utf8.count + 1 + name.utf8.count, wanted == prefix + ":" + name else {
          continue
        }
      } else if name != wanted {
        continue
      }
      return value(a)
    }
    return nil
  }

  fileprivate func value(_ a: SAXDocument.Attribute) -> String {
    reader.document.values.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[a.value]), as: UTF8.self)
    }
  }

  /// All the text inside, in document order.
  var textContent: String {
    let e = entry
    return reader.document.text.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[e.textStart..<e.textEnd]), as: UTF8.self)
    }
  }

  /// The text inside without leading and trailing XML whitespace, trimmed over the bytes before one String is
  /// made (``XMLNode/trimmed(_:)`` decides when a stripped space borders a non-ASCII byte).
  var trimmedText: String {
    let e = entry
    return reader.document.text.withUnsafeBufferPointer { all in
      func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
      var lo = e.textStart
      var hi = e.textEnd
      while lo < hi, isSpace(all[lo]) { lo += 1 }
      while hi > lo, isSpace(all[hi - 1]) { hi -= 1 }
      if lo == hi { return "" }
      if (lo > e.textStart && all[lo] >= 0x80) || (hi < e.textEnd && all[hi - 1] >= 0x80) {
        return XMLNode.trimmed(
          String(decoding: UnsafeBufferPointer(rebasing: all[e.textStart..<e.textEnd]), as: UTF8.self))
      }
      return String(decoding: UnsafeBufferPointer(rebasing: all[lo..<hi]), as: UTF8.self)
    }
  }

  /// The child elements, in document order.
  var elements: ReadChildren { ReadChildren(reader: reader, upcoming: entry.firstChild) }
}

/// The child elements of a ``ReadElement``.
struct ReadChildren: Sequence, IteratorProtocol {
  unowned(unsafe) let reader: SAXReader
  var upcoming: Int

  mutating func next() -> ReadElement? {
    guard upcoming >= 0 else { return nil }
    let element = ReadElement(reader: reader, index: upcoming)
    upcoming = reader.document.entries[upcoming].nextSibling
    return element
  }
}

extension ReadElement: QTIElement {
  var kind: QTIName { reader.document.kinds[reader.document.entries[index].name] }

  func attribute(_ wanted: QTIName) -> String? {
    for a in reader.document.attributes[entry.attributes]
    where a.prefix < 0 && reader.document.kinds[a.name] == wanted {
      return value(a)
    }
    return nil
  }
}

// The Canvas check's reads, from the names interned at SAX time and the entries' document order.
extension ReadElement {
  var canvasName: CanvasName { reader.document.canvasKinds[reader.document.entries[index].name] }

  func canvasAttribute(_ wanted: CanvasName) -> String? {
    guard wanted != .unknown else { return nil }
    for a in reader.document.attributes[entry.attributes]
    where a.prefix < 0 && reader.document.canvasKinds[a.name] == wanted {
      return value(a)
    }
    return nil
  }

  /// The entries after this one up to its end, in order: its descendants in document order.
  func forEachDescendant(_ body: (ReadElement) -> Void) {
    let end = entry.end
    var i = index + 1
    while i < end {
      body(ReadElement(reader: reader, index: i))
      i += 1
    }
  }
}
