import CLibXML2
package import Foundation

/// An element or a run of text from a parsed XML file, with its line: a plain Swift copy of what libxml2
/// parsed, so that the checks never hold a libxml2 pointer.
package struct XMLNode: Hashable, Sendable {
  /// The element's local name (`assessmentItem`, `qti-equal`), or `#text` for text.
  package var name: String
  /// The element's namespace URI, if any.
  package var namespace: String?
  /// The attributes in document order, names as written (`xml:lang` keeps its prefix).
  package var attributes: [(name: String, value: String)]
  /// Child elements and text runs in document order.
  package var children: [XMLNode]
  /// For a text node, its text; empty for elements.
  package var text: String
  /// The line the node starts on.
  package var line: Int

  /// Creates a node.
  package init(
    name: String, namespace: String? = nil, attributes: [(name: String, value: String)] = [],
    children: [XMLNode] = [], text: String = "", line: Int = 0
  ) {
    self.name = name
    self.namespace = namespace
    self.attributes = attributes
    self.children = children
    self.text = text
    self.line = line
  }

  /// Whether this is a run of text.
  package var isText: Bool { name == "#text" }

  /// The value of an attribute.
  package subscript(attribute name: String) -> String? { attributes.first { $0.name == name }?.value }

  /// The child elements (text left out).
  package var elements: [XMLNode] { children.filter { !$0.isText } }

  /// The first child element with this name.
  package func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

  /// Every child element with this name.
  package func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

  /// Every descendant element with this name, in document order.
  package func descendants(_ name: String) -> [XMLNode] {
    var found: [XMLNode] = []
    collect(name, into: &found)
    return found
  }

  private func collect(_ name: String, into found: inout [XMLNode]) {
    for child in children where !child.isText {
      if child.name == name { found.append(child) }
      child.collect(name, into: &found)
    }
  }

  /// The text inside without leading and trailing XML whitespace (space, tab, newline, carriage return).
  package var trimmedText: String { XMLNode.trimmed(textContent) }

  /// `text` without leading and trailing XML whitespace (space, tab, newline, carriage return).
  static func trimmed(_ text: String) -> String {
    // Over bytes, unless a stripped space borders a non-ASCII scalar, which might make one character with it
    // that is not a space (a combining mark after it, a prepended mark before it).
    let bytes = text.utf8
    let isSpaceByte: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    guard let first = bytes.firstIndex(where: { !isSpaceByte($0) }) else { return "" }  // all ASCII spaces
    let last = bytes.lastIndex(where: { !isSpaceByte($0) })!
    let trimsStart = first != bytes.startIndex
    let trimsEnd = bytes.index(after: last) != bytes.endIndex
    guard (!trimsStart || bytes[first] < 0x80) && (!trimsEnd || bytes[last] < 0x80) else {
      return trimmedByCharacters(text)
    }
    if !trimsStart, !trimsEnd { return text }
    return String(decoding: bytes[first...last], as: UTF8.self)
  }

  /// ``trimmedText`` over characters (`"\r\n"` is one character).
  static func trimmedByCharacters(_ text: String) -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(text[first...last])
  }

  /// All the text inside, concatenated in document order.
  package var textContent: String {
    if isText { return text }
    if children.count == 1 { return children[0].textContent }
    return children.map(\.textContent).joined()
  }

  /// Same name, namespace, attributes (in order), text and children.
  package static func == (a: XMLNode, b: XMLNode) -> Bool {
    a.name == b.name && a.namespace == b.namespace && a.text == b.text && a.children == b.children
      && a.attributes.map(\.name) == b.attributes.map(\.name) && a.attributes.map(\.value) == b.attributes.map(\.value)
  }

  /// Hashes the name, text and children.
  package func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    hasher.combine(text)
    hasher.combine(children)
  }
}

/// Reads XML safely with libxml2: no network, no entity substitution, no DTD loading.
package enum XMLReader {
  /// Parses `data` and returns its root element, or the parse errors with their lines and columns.
  ///
  /// External entities are never fetched and entity references are never expanded: an entity reference
  /// stays out of the tree, so a document cannot pull a local file or a URL into what is checked.
  ///
  /// - Parameters:
  ///   - data: The file's bytes.
  ///   - file: The name to report issues under.
  /// - Returns: The root element, or the issues that made the file unreadable.
  package static func parse(_ data: Data, file: String) -> Result<XMLNode, XMLIssueList> {
    withParsedDocument(data, file: file) { doc in
      guard let root = xmlDocGetRootElement(doc) else {
        return .failure(XMLIssueList([XMLIssue(file: file, message: "the document has no root element")]))
      }
      return .success(copy(root))
    }
  }

  /// Parses `data` and hands the libxml2 document to `body`; errors go to the result.
  static func withParsedDocument<T>(
    _ data: Data, file: String, _ body: (xmlDocPtr) -> Result<T, XMLIssueList>
  ) -> Result<T, XMLIssueList> {
    _ = libxml2Initialized
    if let line = XMLReader.doctypeLine(in: data) {
      return .failure(XMLIssueList([XMLIssue(file: file, line: line, message: XMLReader.doctypeMessage)]))
    }
    let collector = IssueCollector(file: file)
    return collector.collecting {
      let options = Int32(XML_PARSE_NONET.rawValue)  // never NOENT, DTDLOAD, DTDATTR, DTDVALID or HUGE
      let doc = data.withUnsafeBytes { raw -> xmlDocPtr? in
        guard let base = raw.baseAddress else { return nil }
        return xmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(raw.count), file, nil, options)
      }
      guard let doc else {
        let issues =
          collector.issues.isEmpty
          ? [XMLIssue(file: file, message: "the file is empty or not XML")] : collector.issues
        return .failure(XMLIssueList(issues))
      }
      defer { xmlFreeDoc(doc) }
      if doc.pointee.intSubset != nil || doc.pointee.extSubset != nil {
        return .failure(XMLIssueList([XMLIssue(file: file, message: XMLReader.doctypeMessage)]))
      }
      if !collector.issues.filter({ $0.severity == .error }).isEmpty { return .failure(XMLIssueList(collector.issues)) }
      return body(doc)
    }
  }

  /// Why a document with a DTD is refused.
  static let doctypeMessage =
    "the document has a DTD (<!DOCTYPE …>); QTI needs none, and a DTD can declare entities "
    + "that expand or point at other files, so it is refused"

  /// The line of a `<!DOCTYPE` in the prolog of `data` (before the root element), if there is one. Comments,
  /// processing instructions, a byte-order mark and spaces are skipped; the scan stops at the first element.
  ///
  /// - Complexity: O(length of the prolog).
  static func doctypeLine(in data: Data) -> Int? {
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int? in
      let bytes = raw.bindMemory(to: UInt8.self)
      var i = 0
      var line = 1
      let n = bytes.count
      func starts(_ text: StaticString, at index: Int) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= n else { return false }
        for k in 0..<count where bytes[index + k] != text.utf8Start[k] { return false }
        return true
      }
      func skip(past end: StaticString) {
        while i < n, !starts(end, at: i) {
          if bytes[i] == 0x0A { line += 1 }
          i += 1
        }
        i = min(n, i + end.utf8CodeUnitCount)
      }
      if starts("\u{FEFF}", at: 0) { i = 3 }
      while i < n {
        switch bytes[i] {
        case 0x0A:
          line += 1
          i += 1
        case 0x20, 0x09, 0x0D: i += 1
        case UInt8(ascii: "<"):
          if starts("<?", at: i) {
            skip(past: "?>")
          } else if starts("<!--", at: i) {
            skip(past: "-->")
          } else if starts("<!DOCTYPE", at: i) {
            return line
          } else {
            return nil
          }
        default: return nil
        }
      }
      return nil
    }
  }

  private static func copy(_ node: xmlNodePtr) -> XMLNode {
    let element = node.pointee
    var result = XMLNode(
      name: String(cString: element.name),
      namespace: element.ns.flatMap { $0.pointee.href.map { String(cString: $0) } },
      line: Int(xmlGetLineNo(node))
    )
    var attribute = element.properties
    while let a = attribute {
      var name = String(cString: a.pointee.name)
      if let prefix = a.pointee.ns?.pointee.prefix { name = String(cString: prefix) + ":" + name }
      // The text pieces only: never xmlNodeListGetString(…, 1), which substitutes entity references.
      var value = ""
      var piece = a.pointee.children
      while let p = piece {
        if p.pointee.type == XML_TEXT_NODE, let content = p.pointee.content { value += String(cString: content) }
        piece = p.pointee.next
      }
      result.attributes.append((name, value))
      attribute = a.pointee.next
    }
    var child = element.children
    while let c = child {
      switch c.pointee.type {
      case XML_ELEMENT_NODE:
        result.children.append(copy(c))
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        let text = c.pointee.content.map { String(cString: $0) } ?? ""
        if let last = result.children.last, last.isText {
          result.children[result.children.count - 1].text += text
        } else {
          result.children.append(XMLNode(name: "#text", text: text, line: Int(xmlGetLineNo(c))))
        }
      default:
        break  // comments, processing instructions and unexpanded entity references carry nothing we read
      }
      child = c.pointee.next
    }
    return result
  }
}

/// Issues that made a file unusable, as an error.
package struct XMLIssueList: Error, Hashable, Sendable, CustomStringConvertible {
  /// The issues, in the order libxml2 reported them.
  package var issues: [XMLIssue]

  /// Wraps `issues`.
  package init(_ issues: [XMLIssue]) { self.issues = issues }

  /// One issue per line.
  package var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// Collects libxml2's structured errors for one synchronous call. The C callback captures nothing; the
/// collector arrives through the context pointer.
final class IssueCollector {
  let file: String
  var issues: [XMLIssue] = []

  init(file: String) { self.file = file }

  /// Runs `body` with this collector installed as the thread's libxml2 error handler.
  func collecting<T>(_ body: () -> T) -> T {
    let context = Unmanaged.passUnretained(self).toOpaque()
    xmlSetStructuredErrorFunc(context, issueCallback)
    defer { xmlSetStructuredErrorFunc(nil, nil) }
    return withExtendedLifetime(self) { body() }
  }

  var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

  func append(line: Int, column: Int, level: xmlErrorLevel, message: String) {
    let severity: XMLIssue.Severity = level == XML_ERR_WARNING ? .warning : .error
    issues.append(XMLIssue(file: file, line: line, column: column, severity: severity, message: message))
  }
}

/// The C-callable error handler: copies the message (libxml2 owns it) into the collector.
let issueCallback: xmlStructuredErrorFunc = { context, error in
  guard let context, let error = error?.pointee else { return }
  let collector = Unmanaged<IssueCollector>.fromOpaque(context).takeUnretainedValue()
  var message = error.message.map { String(cString: $0) } ?? "unknown libxml2 error"
  while message.last?.isNewline == true || message.last == " " { message.removeLast() }
  let column = error.domain == XML_FROM_PARSER.rawValue ? Int(error.int2) : 0
  collector.append(line: Int(error.line), column: column, level: error.level, message: message)
}
