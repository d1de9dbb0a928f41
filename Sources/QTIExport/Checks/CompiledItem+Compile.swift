import CLibXML2
import Foundation

// MARK: Compiling from the libxml2 tree

/// The element and attribute names the compiled checks read, in QTI 2.1 spelling.
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
}

/// Reads names of one libxml2 parser context. Names are interned in the context's dictionary, which lives as
/// long as the context, so a name's pointer identifies it.
/// Names not in the dictionary are looked up each time.
struct QTINameCache {
  private var known: [UnsafeRawPointer: QTIName] = [:]
  /// The parser context's dictionary.
  private var dictionary: xmlDictPtr?

  /// Reads names of a document parsed with this dictionary (a new dictionary empties the cache).
  mutating func use(_ dictionary: xmlDictPtr?) {
    if dictionary != self.dictionary {
      known = [:]
      recent = [(key: UnsafeRawPointer?, name: QTIName)](repeating: (nil, .other), count: 256)
    }
    self.dictionary = dictionary
  }

  /// A direct-mapped cache in front of `known`: a name's pointer picks its slot.
  private var recent = [(key: UnsafeRawPointer?, name: QTIName)](repeating: (nil, .other), count: 256)

  mutating func name(_ raw: UnsafePointer<xmlChar>?) -> QTIName {
    guard let raw else { return .other }
    let key = UnsafeRawPointer(raw)
    let slot = (Int(bitPattern: key) >> 3) & 255
    if recent[slot].key == key { return recent[slot].name }
    if let found = known[key] {
      recent[slot] = (key, found)
      return found
    }
    let text = String(cString: raw)
    let name = QTIName.bySpelling[text] ?? QTIName.bySpelling[QTIDialect.camel(text)] ?? .other
    if let dictionary, xmlDictOwns(dictionary, raw) == 1 { known[key] = name }
    return name
  }
}

extension CompiledItem {
  /// Compiles `root`; nil when the item holds anything the fast checks do not cover.
  init?(root: xmlNodePtr, names: inout QTINameCache) {
    var reader = TreeReader(names: names)
    defer { names = reader.names }
    guard reader.name(root) == .assessmentItem, let compiled = try? reader.compileItem(root) else { return nil }
    self = compiled
  }
}

/// Walks one libxml2 tree. Every unsupported shape throws ``CompiledItem/Unsupported``.
private struct TreeReader {
  typealias Unsupported = CompiledItem.Unsupported
  var names: QTINameCache
  var item = CompiledItem()
  var processing: xmlNodePtr?
  var branchNodes: (ifs: [xmlNodePtr], elseIfs: [xmlNodePtr]) = ([], [])

  mutating func name(_ node: xmlNodePtr) -> QTIName { names.name(node.pointee.name) }

  /// The child elements, in document order, without collecting them.
  func elements(_ node: xmlNodePtr) -> ChildElements { ChildElements(first: node.pointee.children) }

  /// The first child element.
  func firstElement(_ node: xmlNodePtr) -> xmlNodePtr? {
    var iterator = elements(node).makeIterator()
    return iterator.next()
  }

  /// The first child element with this name.
  mutating func child(_ node: xmlNodePtr, _ wanted: QTIName) -> xmlNodePtr? {
    var child = node.pointee.children
    while let c = child {
      if c.pointee.type == XML_ELEMENT_NODE, name(c) == wanted { return c }
      child = c.pointee.next
    }
    return nil
  }

  /// The value of an attribute (names as the generic reader normalizes them; prefixed names never match).
  mutating func attribute(_ node: xmlNodePtr, _ wanted: QTIName) throws(Unsupported) -> String? {
    var attribute = node.pointee.properties
    while let a = attribute {
      if a.pointee.ns?.pointee.prefix == nil, names.name(a.pointee.name) == wanted {
        // A value that is one text node (always so without entities) is read directly.
        guard let text = a.pointee.children, text.pointee.type == XML_TEXT_NODE, text.pointee.next == nil,
              let content = text.pointee.content
        else {
          if a.pointee.children == nil { return "" }
          throw Unsupported()
        }
        return String(cString: content)
      }
      attribute = a.pointee.next
    }
    return nil
  }

  /// The trimmed text of an element that holds only text.
  func text(_ node: xmlNodePtr) throws(Unsupported) -> String {
    if let only = node.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE,
       let content = only.pointee.content {
      let bytes = UnsafeBufferPointer(start: content, count: strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self)))
      let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
      guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
      else { return "" }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[first...last]), as: UTF8.self)
    }
    var child = node.pointee.children
    var bytes: [UInt8] = []
    while let c = child {
      switch c.pointee.type {
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = c.pointee.content {
          var p = content
          while p.pointee != 0 { bytes.append(p.pointee); p += 1 }
        }
      case XML_COMMENT_NODE, XML_PI_NODE:
        break
      default:
        throw Unsupported()
      }
      child = c.pointee.next
    }
    let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(decoding: bytes[first...last], as: UTF8.self)
  }

  static func baseType(_ text: String?) -> CompiledItem.BaseType {
    switch text {
    case "float", "integer": .float
    case "boolean": .boolean
    case "identifier": .identifier
    default: .other
    }
  }

  mutating func compileItem(_ root: xmlNodePtr) throws(Unsupported) -> CompiledItem {
    for node in elements(root) {
      switch name(node) {
      case .responseDeclaration:
        guard let identifier = try attribute(node, .identifier), item.responseIndex(identifier) == nil else { throw Unsupported() }
        let baseType = try attribute(node, .baseType) ?? ""
        var correct: QTIValue = .null
        if let c = child(node, .correctResponse), let v = child(c, .value) {
          correct = QTIItemModel.value(try text(v), baseType: baseType)
        }
        item.responseIdentifiers.append(identifier)
        item.responseTypes.append(TreeReader.baseType(baseType))
        item.correct.append(correct)
      case .outcomeDeclaration:
        let identifier = try attribute(node, .identifier) ?? ""
        let baseType = try attribute(node, .baseType) ?? "float"
        let cardinality = try attribute(node, .cardinality) ?? "single"
        var values: [QTIValue] = []
        if let d = child(node, .defaultValue) {
          for v in elements(d) where name(v) == .value { values.append(QTIItemModel.value(try text(v), baseType: baseType)) }
        }
        let value: QTIValue = cardinality == "single" ? (values.first ?? .null) : (values.isEmpty ? .null : .multiple(values))
        if let i = item.outcomeIndex(identifier) { item.defaults[i] = value } else {
          item.outcomeIdentifiers.append(identifier)
          item.defaults.append(value)
        }
      case .responseProcessing:
        processing = node
      case .modalFeedback:
        let showHide = try attribute(node, .showHide) ?? "show"
        if showHide == "show" {
          item.shownFeedback.append((try attribute(node, .outcomeIdentifier) ?? "", try attribute(node, .identifier) ?? ""))
        }
      case .templateProcessing:
        throw Unsupported()
      default:
        break
      }
    }
    try collectChoices(root)
    guard let processing else { throw Unsupported() }
    if try attribute(processing, .template) != nil { throw Unsupported() }
    if try attribute(processing, .templateLocation) != nil { throw Unsupported() }
    item.rules = try elements(processing).map { (r) throws(Unsupported) in try compileRule(r) }
    for branch in branchNodes.ifs + branchNodes.elseIfs { try collectTriggers(branch) }
    return item
  }

  /// Every `choiceInteraction` under `node`, with its `simpleChoice` identifiers.
  mutating func collectChoices(_ node: xmlNodePtr) throws(Unsupported) {
    for e in elements(node) {
      if name(e) == .choiceInteraction {
        var options: [String] = []
        try collectSimpleChoices(e, into: &options)
        item.choices[try attribute(e, .responseIdentifier) ?? ""] = options
      } else {
        try collectChoices(e)
      }
    }
  }

  mutating func collectSimpleChoices(_ node: xmlNodePtr, into options: inout [String]) throws(Unsupported) {
    for e in elements(node) {
      if name(e) == .simpleChoice, let id = try attribute(e, .identifier) { options.append(id) }
      if name(e) == .choiceInteraction { throw Unsupported() }
      try collectSimpleChoices(e, into: &options)
    }
  }

  mutating func compileRule(_ node: xmlNodePtr) throws(Unsupported) -> CompiledItem.Rule {
    switch name(node) {
    case .responseCondition:
      var branches: [CompiledItem.Branch] = []
      for b in elements(node) {
        switch name(b) {
        case .responseIf, .responseElseIf:
          if name(b) == .responseIf { branchNodes.ifs.append(b) } else { branchNodes.elseIfs.append(b) }
          let parts = elements(b)
          guard let first = firstElement(b) else { throw Unsupported() }
          let condition = try compileExpression(first)
          let rules = try parts.dropFirst().map { (r) throws(Unsupported) in try compileRule(r) }
          branches.append(.init(condition: condition, rules: rules))
        case .responseElse:
          let rules = try elements(b).map { (r) throws(Unsupported) in try compileRule(r) }
          branches.append(.init(condition: nil, rules: rules))
        default:
          throw Unsupported()
        }
      }
      return .condition(branches)
    case .setOutcomeValue:
      guard let identifier = try attribute(node, .identifier), let first = firstElement(node),
            let slot = item.outcomeIndex(identifier)
      else { throw Unsupported() }
      return .set(slot, try compileExpression(first))
    default:
      throw Unsupported()
    }
  }

  mutating func compileExpression(_ node: xmlNodePtr) throws(Unsupported) -> CompiledItem.Expression {
    let kind = name(node)
    func operands() throws(Unsupported) -> [CompiledItem.Expression] {
      try elements(node).map { (e) throws(Unsupported) in try compileExpression(e) }
    }
    func two() throws(Unsupported) -> (CompiledItem.Expression, CompiledItem.Expression) {
      let list = try operands()
      guard list.count == 2 else { throw Unsupported() }
      return (list[0], list[1])
    }
    switch kind {
    case .baseValue:
      return .constant(QTIItemModel.value(try text(node), baseType: try attribute(node, .baseType) ?? ""))
    case .variable:
      let identifier = try attribute(node, .identifier) ?? ""
      if let i = item.responseIndex(identifier) { return .response(i) }
      if let i = item.outcomeIndex(identifier) { return .outcome(i) }
      throw Unsupported()
    case .correct:
      guard let i = item.responseIndex(try attribute(node, .identifier) ?? "") else { throw Unsupported() }
      return .correct(i)
    case .isNull:
      return .isNull(try operands())
    case .equal:
      let mode = try attribute(node, .toleranceMode)
      let tolerance = try attribute(node, .tolerance)
      var info = CompiledItem.EqualInfo(mode: mode ?? "exact", tolerance: tolerance ?? "0", correctIdentifiers: [],
                                        variableIdentifiers: [])
      for e in elements(node) {
        switch name(e) {
        case .correct: if let id = try attribute(e, .identifier) { info.correctIdentifiers.append(id) }
        case .variable: if let id = try attribute(e, .identifier) { info.variableIdentifiers.append(id) }
        default: break
        }
      }
      item.equals.append(info)
      var band: CompiledItem.Band?
      switch mode ?? "exact" {
      case "exact": band = nil
      case "absolute", "relative":
        let parts = (tolerance ?? "").split(separator: " ").compactMap { Double($0) }
        guard let t0 = parts.first else { throw Unsupported() }
        band = CompiledItem.Band(absolute: mode == "absolute", t0: t0, t1: parts.count > 1 ? parts[1] : t0,
                                 includeLower: try attribute(node, .includeLowerBound) != "false",
                                 includeUpper: try attribute(node, .includeUpperBound) != "false")
      default:
        throw Unsupported()
      }
      let (x, y) = try two()
      return .equal(band, x, y)
    case .match:
      let (x, y) = try two()
      return .match(x, y)
    case .sum: return .sum(try operands())
    case .multiple: return .multiple(try operands())
    case .and: return .and(try operands())
    case .or: return .or(try operands())
    case .not: return .not(try operands())
    case .gte, .lte, .gt, .lt:
      let (x, y) = try two()
      let op: CompiledItem.Comparison = kind == .gte ? .gte : kind == .lte ? .lte : kind == .gt ? .gt : .lt
      return .compare(op, x, y)
    default:
      throw Unsupported()
    }
  }

  /// The feedback triggers of one `responseIf`/`responseElseIf`, as ``SelfCheck/feedbackTriggers(in:)`` finds them.
  mutating func collectTriggers(_ branch: xmlNodePtr) throws(Unsupported) {
    let parts = elements(branch)
    guard let condition = firstElement(branch), name(condition) == .equal || name(condition) == .match else { return }
    let operands = Array(elements(condition))
    guard let variable = operands.first(where: { name($0) == .variable }),
          let response = try attribute(variable, .identifier),
          let constant = operands.first(where: { name($0) == .baseValue })
    else { return }
    let value = QTIItemModel.value(try text(constant), baseType: try attribute(constant, .baseType) ?? "")
    for set in parts.dropFirst() where name(set) == .setOutcomeValue {
      guard let outcome = try attribute(set, .identifier), outcome != "SCORE" else { continue }
      var found: [xmlNodePtr] = []
      descendants(set, .baseValue, into: &found)
      for id in found where try attribute(id, .baseType) == "identifier" {
        guard let slot = item.responseIndex(response) else { throw Unsupported() }
        item.triggers.append(.init(response: slot, value: value, outcome: outcome, feedback: try text(id)))
      }
    }
  }

  mutating func descendants(_ node: xmlNodePtr, _ wanted: QTIName, into found: inout [xmlNodePtr]) {
    for e in elements(node) {
      if name(e) == wanted { found.append(e) }
      descendants(e, wanted, into: &found)
    }
  }
}

/// The child elements of a libxml2 node, walked in place.
struct ChildElements: Sequence, IteratorProtocol {
  typealias Element = xmlNodePtr
  private var upcoming: xmlNodePtr?

  init(first: xmlNodePtr?) { upcoming = first }

  mutating func next() -> xmlNodePtr? {
    while let node = upcoming {
      upcoming = node.pointee.next
      if node.pointee.type == XML_ELEMENT_NODE { return node }
    }
    return nil
  }
}
