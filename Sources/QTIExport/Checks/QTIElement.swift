import CLibXML2
import Foundation

/// What the QTI item compiler reads of an element: its name, its attributes, its child elements in order, its
/// text and its line. The compiler (``CompiledItem/init(root:)``) sees documents only through this view, so
/// any source of elements can feed it: today the libxml2 tree of a file re-read during export
/// (``LibXMLElement``) and the ``XMLNode`` tree `validate` builds; a streaming (SAX or reader) source could
/// build its elements as they close.
protocol QTIElement {
  associatedtype Elements: Sequence where Elements.Element == Self
  /// The name as QTI 2.1 spells it (QTI 3.0's `qti-…` kebab-case names read as their QTI 2.1 equivalents);
  /// ``QTIName/other`` for a name the compiler does not know.
  var kind: QTIName { get }
  /// The name as written, for messages.
  var name: String { get }
  /// The value of an unprefixed attribute, by its QTI 2.1 name.
  func attribute(_ name: QTIName) -> String?
  /// The child elements, in document order.
  var elements: Elements { get }
  /// The text inside, without leading and trailing XML whitespace.
  var trimmedText: String { get }
  /// The line it starts on.
  var line: Int { get }
}

/// The element and attribute names the compiler reads, in QTI 2.1 spelling.
enum QTIName: UInt8 {
  case assessmentItem, responseDeclaration, outcomeDeclaration, correctResponse, defaultValue, value
  case responseProcessing, responseCondition, responseIf, responseElseIf, responseElse, setOutcomeValue
  case baseValue, variable, correct, isNull, equal, match, sum, multiple, and, or, not, gte, lte, gt, lt
  case modalFeedback, choiceInteraction, simpleChoice, templateProcessing, itemBody
  // attributes
  case identifier, baseType, cardinality, toleranceMode, tolerance, includeLowerBound, includeUpperBound
  case responseIdentifier, outcomeIdentifier, showHide, template, templateLocation
  case other

  /// Every name by both spellings (QTI 2.1 camel case, QTI 3.0 kebab case with and without `qti-`).
  static let bySpelling: [String: QTIName] = {
    let camel: [(String, QTIName)] = [
      ("assessmentItem", .assessmentItem), ("responseDeclaration", .responseDeclaration),
      ("outcomeDeclaration", .outcomeDeclaration), ("correctResponse", .correctResponse),
      ("defaultValue", .defaultValue), ("value", .value), ("responseProcessing", .responseProcessing),
      ("responseCondition", .responseCondition), ("responseIf", .responseIf), ("responseElseIf", .responseElseIf),
      ("responseElse", .responseElse), ("setOutcomeValue", .setOutcomeValue), ("baseValue", .baseValue),
      ("variable", .variable), ("correct", .correct), ("isNull", .isNull), ("equal", .equal), ("match", .match),
      ("sum", .sum), ("multiple", .multiple), ("and", .and), ("or", .or), ("not", .not), ("gte", .gte),
      ("lte", .lte), ("gt", .gt), ("lt", .lt), ("modalFeedback", .modalFeedback),
      ("choiceInteraction", .choiceInteraction), ("simpleChoice", .simpleChoice),
      ("templateProcessing", .templateProcessing), ("itemBody", .itemBody), ("identifier", .identifier),
      ("baseType", .baseType), ("cardinality", .cardinality), ("toleranceMode", .toleranceMode),
      ("tolerance", .tolerance), ("includeLowerBound", .includeLowerBound), ("includeUpperBound", .includeUpperBound),
      ("responseIdentifier", .responseIdentifier), ("outcomeIdentifier", .outcomeIdentifier), ("showHide", .showHide),
      ("template", .template), ("templateLocation", .templateLocation),
    ]
    var table: [String: QTIName] = [:]
    for (name, value) in camel {
      table[name] = value
    }
    // Mirror QTIDialect.camel: any spelling it maps to a camel name we know.
    for (spelling, camelName) in QTIDialect.camelNames {
      if let value = table[camelName], table[spelling] == nil { table[spelling] = value }
    }
    return table
  }()

  /// The name for any spelling.
  static func of(_ spelling: String) -> QTIName {
    bySpelling[spelling] ?? bySpelling[QTIDialect.camel(spelling)] ?? .other
  }
}

// MARK: The XMLNode tree (validate)

extension XMLNode: QTIElement {
  var kind: QTIName { QTIName.of(name) }

  func attribute(_ wanted: QTIName) -> String? {
    attributes.first { !$0.name.contains(":") && QTIName.of($0.name) == wanted }?.value
  }
}

// MARK: The libxml2 tree (export)

/// Reads names of one libxml2 parser context. Names are interned in the context's dictionary, which lives as
/// long as the context, so a name's pointer identifies it. Names not in the dictionary are looked up each time.
final class QTINameCache {
  private var known: [UnsafeRawPointer: QTIName] = [:]
  /// The parser context's dictionary.
  private var dictionary: xmlDictPtr?
  /// A direct-mapped cache in front of `known`: a name's pointer picks its slot.
  private var recent = [(key: UnsafeRawPointer?, name: QTIName)](repeating: (nil, .other), count: 256)

  /// Reads names of a document parsed with this dictionary (a new dictionary empties the cache).
  func use(_ dictionary: xmlDictPtr?) {
    if dictionary != self.dictionary {
      known = [:]
      recent = [(key: UnsafeRawPointer?, name: QTIName)](repeating: (nil, .other), count: 256)
    }
    self.dictionary = dictionary
  }

  func name(_ raw: UnsafePointer<xmlChar>?) -> QTIName {
    guard let raw else { return .other }
    let key = UnsafeRawPointer(raw)
    let slot = (Int(bitPattern: key) >> 3) & 255
    if recent[slot].key == key { return recent[slot].name }
    if let found = known[key] {
      recent[slot] = (key, found)
      return found
    }
    let name = QTIName.of(String(cString: raw))
    if let dictionary, xmlDictOwns(dictionary, raw) == 1 { known[key] = name }
    return name
  }
}

/// An element of a libxml2 tree, read in place. The libxml2 boundary: every pointer read here is a node,
/// attribute or string of a document that the caller keeps alive (``ItemChecker`` frees it only after the
/// compiled item, which holds Swift values only, is built); libxml2 ends every string with a NUL and every
/// list with a nil `next`, which bound each walk. `names` is the checker's cache, which outlives every view
/// of its documents (views exist only inside ``ItemChecker/check(_:variant:feedbacks:)``), so it is held
/// without reference counting.
struct LibXMLElement: QTIElement {
  let node: xmlNodePtr
  unowned(unsafe) let names: QTINameCache

  var kind: QTIName { names.name(node.pointee.name) }
  var name: String { String(cString: node.pointee.name) }
  var line: Int { Int(xmlGetLineNo(node)) }
  var elements: ChildElements { ChildElements(first: node.pointee.children, names: names) }

  func attribute(_ wanted: QTIName) -> String? {
    var attribute = node.pointee.properties
    while let a = attribute {
      if a.pointee.ns?.pointee.prefix == nil, names.name(a.pointee.name) == wanted {
        // The text pieces only, as the XMLNode reader takes them: entity references are never substituted.
        var value = ""
        var piece = a.pointee.children
        while let p = piece {
          if p.pointee.type == XML_TEXT_NODE, let content = p.pointee.content { value += String(cString: content) }
          piece = p.pointee.next
        }
        return value
      }
      attribute = a.pointee.next
    }
    return nil
  }

  var trimmedText: String { XMLNode(name: "#text", text: untrimmedText).trimmedText }

  private var untrimmedText: String {
    // Most elements hold one text node (COMPACT keeps short text inside it).
    if let only = node.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE,
      let content = only.pointee.content
    {
      return String(cString: content)
    }
    var text = ""
    var child = node.pointee.children
    while let c = child {
      if c.pointee.type == XML_TEXT_NODE || c.pointee.type == XML_CDATA_SECTION_NODE, let content = c.pointee.content {
        text += String(cString: content)
      } else if c.pointee.type == XML_ELEMENT_NODE {
        text += LibXMLElement(node: c, names: names).untrimmedText
      }
      child = c.pointee.next
    }
    return text
  }
}

/// The child elements of a libxml2 node, walked in place.
struct ChildElements: Sequence, IteratorProtocol {
  private var upcoming: xmlNodePtr?
  /// As in ``LibXMLElement``: the checker's cache outlives the walk.
  private unowned(unsafe) let names: QTINameCache

  init(first: xmlNodePtr?, names: QTINameCache) {
    upcoming = first
    self.names = names
  }

  mutating func next() -> LibXMLElement? {
    while let node = upcoming {
      upcoming = node.pointee.next
      if node.pointee.type == XML_ELEMENT_NODE { return LibXMLElement(node: node, names: names) }
    }
    return nil
  }
}
