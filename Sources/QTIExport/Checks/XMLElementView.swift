/// What the checks read of an element, from any source: the ``XMLNode`` tree `validate` builds, or the
/// ``ReadElement``s of a document read from SAX events during export.
///
/// Besides names and attributes as strings, an element answers by the small enumeration of the names the
/// Canvas check reads (``CanvasName``) and walks its descendants in document order; a source that interns
/// names as it reads (``ReadElement``) answers these without comparing or allocating strings.
protocol XMLElementView {
  associatedtype Elements: Sequence where Elements.Element == Self
  /// The local name.
  var name: String { get }
  /// The value of an attribute, by its name as written.
  subscript(attribute name: String) -> String? { get }
  /// The child elements, in document order.
  var elements: Elements { get }
  /// All the text inside, in document order.
  var textContent: String { get }
  /// The text inside, without leading and trailing XML whitespace.
  var trimmedText: String { get }
  /// The line it starts on.
  var line: Int { get }
  /// The local name as the Canvas check knows it; ``CanvasName/unknown`` for any other.
  var canvasName: CanvasName { get }
  /// The value of an unprefixed attribute, by its Canvas name (nil for ``CanvasName/unknown``).
  func canvasAttribute(_ name: CanvasName) -> String?
  /// Calls `body` with every descendant element, in document order (an element before its children).
  func forEachDescendant(_ body: (Self) -> Void)
}

extension XMLElementView {
  var canvasName: CanvasName { CanvasName.of(name) }

  func canvasAttribute(_ name: CanvasName) -> String? { name == .unknown ? nil : self[attribute: name.spelling] }

  func forEachDescendant(_ body: (Self) -> Void) {
    for child in elements {
      body(child)
      child.forEachDescendant(body)
    }
  }

  /// Every descendant element whose name is one of `names`, in document order.
  func descendants(named names: Set<String>) -> [Self] {
    var found: [Self] = []
    forEachDescendant { if names.contains($0.name) { found.append($0) } }
    return found
  }
}

/// The element and attribute names of Canvas QTI 1.2 that the Canvas check reads.
enum CanvasName: UInt8 {
  case item, qtimetadatafield, fieldlabel, fieldentry, presentation, responseLabel, resprocessing, respcondition
  case itemfeedback, conditionvar, setvar, displayfeedback, other, and, or, not, varequal, vargte, varlte, vargt
  case varlt
  // attributes
  case ident, varname, action, linkrefid, `continue`
  case unknown

  /// The name as written in the file.
  var spelling: String {
    switch self {
    case .item: "item"
    case .qtimetadatafield: "qtimetadatafield"
    case .fieldlabel: "fieldlabel"
    case .fieldentry: "fieldentry"
    case .presentation: "presentation"
    case .responseLabel: "response_label"
    case .resprocessing: "resprocessing"
    case .respcondition: "respcondition"
    case .itemfeedback: "itemfeedback"
    case .conditionvar: "conditionvar"
    case .setvar: "setvar"
    case .displayfeedback: "displayfeedback"
    case .other: "other"
    case .and: "and"
    case .or: "or"
    case .not: "not"
    case .varequal: "varequal"
    case .vargte: "vargte"
    case .varlte: "varlte"
    case .vargt: "vargt"
    case .varlt: "varlt"
    case .ident: "ident"
    case .varname: "varname"
    case .action: "action"
    case .linkrefid: "linkrefid"
    case .continue: "continue"
    case .unknown: ""
    }
  }

  /// Every name by its spelling.
  private static let bySpelling: [String: CanvasName] = {
    var table: [String: CanvasName] = [:]
    var raw: UInt8 = 0
    while let name = CanvasName(rawValue: raw), name != .unknown {
      table[name.spelling] = name
      raw += 1
    }
    return table
  }()

  /// The name for a spelling.
  static func of(_ spelling: String) -> CanvasName { bySpelling[spelling] ?? .unknown }
}
