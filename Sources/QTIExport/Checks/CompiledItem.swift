import CLibXML2
import Foundation

/// A QTI 2.1 or 3.0 item compiled straight from the libxml2 tree of its re-read file: declarations, response
/// processing as a small expression tree with variables resolved to slots, and what the self-checks need
/// (`equal` comparisons in document order, feedback triggers, modal feedback, choices).
///
/// It evaluates exactly what ``QTIItemModel`` evaluates, without building a tree of Swift strings first. It
/// covers only well-formed items in the exported subset: `init` returns nil for anything else (an unknown
/// element, a missing attribute, a construct the generic evaluator would reject), and the caller then runs the
/// generic checks, which say what is wrong and where.
struct CompiledItem {
  enum BaseType { case float, identifier, boolean, other }

  indirect enum Expression {
    case constant(QTIValue)
    case response(Int)
    case outcome(Int)
    case correct(Int)
    case isNull([Expression])
    case equal(Band?, Expression, Expression)
    case match(Expression, Expression)
    case sum([Expression])
    case multiple([Expression])
    case and([Expression])
    case or([Expression])
    case not([Expression])
    case compare(Comparison, Expression, Expression)
  }

  enum Comparison { case gte, lte, gt, lt }

  /// An `equal` tolerance band (nil band: exact).
  struct Band {
    var absolute: Bool
    var t0: Double
    var t1: Double
    var includeLower: Bool
    var includeUpper: Bool

    /// Whether `b` lies in the band around `a`, as a QTI player computes it in binary floating point: the
    /// bounds a − t0 and a + t1 each carry the rounding of one operation, so a value written exactly at
    /// key ± t (``AcceptedInterval``) is within two units in the last place of the computed bound, and
    /// counts as on it. Anything a written digit further out is outside.
    func contains(_ b: Double, around a: Double) -> Bool {
      let lo = absolute ? a - t0 : a * (1 - t0 / 100)
      let hi = absolute ? a + t1 : a * (1 + t1 / 100)
      let slack = 2 * max(abs(a), abs(b), abs(lo), abs(hi)).ulp
      let aboveLo = includeLower ? b >= lo - slack : b > lo + slack
      let belowHi = includeUpper ? b <= hi + slack : b < hi - slack
      return aboveLo && belowHi
    }
  }

  indirect enum Rule {
    case condition([Branch])
    case set(Int, Expression)
  }

  struct Branch {
    /// nil for `responseElse`.
    var condition: Expression?
    var rules: [Rule]
  }

  /// An `equal` element of the response processing, as the key comparison search reads it.
  struct EqualInfo {
    var mode: String
    var tolerance: String
    var correctIdentifiers: [String]
    var variableIdentifiers: [String]
  }

  struct Trigger {
    var response: Int
    var value: QTIValue
    var outcome: String
    var feedback: String
  }

  var responseIdentifiers: [String] = []
  var responseTypes: [BaseType] = []
  var correct: [QTIValue] = []
  var outcomeIdentifiers: [String] = []
  var defaults: [QTIValue] = []
  var rules: [Rule] = []
  var equals: [EqualInfo] = []
  var triggers: [Trigger] = []
  /// Modal feedback shown (`showHide="show"`): outcome and identifier.
  var shownFeedback: [(outcome: String, identifier: String)] = []
  var choices: [String: [String]] = [:]

  func responseIndex(_ identifier: String) -> Int? { responseIdentifiers.firstIndex(of: identifier) }
  func outcomeIndex(_ identifier: String) -> Int? { outcomeIdentifiers.firstIndex(of: identifier) }

  // MARK: Evaluation

  struct Unsupported: Error {}

  /// Runs the response processing for these responses (one per response slot) and returns the outcomes.
  func run(_ responses: [QTIValue]) throws(Unsupported) -> [QTIValue] {
    var outcomes = defaults
    try execute(rules, responses, &outcomes)
    return outcomes
  }

  private func execute(_ rules: [Rule], _ responses: [QTIValue], _ outcomes: inout [QTIValue]) throws(Unsupported) {
    for rule in rules {
      switch rule {
      case let .set(slot, expression):
        outcomes[slot] = try evaluate(expression, responses, outcomes)
      case let .condition(branches):
        for branch in branches {
          if let condition = branch.condition {
            if try evaluate(condition, responses, outcomes) == .bool(true) {
              try execute(branch.rules, responses, &outcomes)
              break
            }
          } else {
            try execute(branch.rules, responses, &outcomes)
            break
          }
        }
      }
    }
  }

  private func evaluate(_ e: Expression, _ responses: [QTIValue], _ outcomes: [QTIValue]) throws(Unsupported) -> QTIValue {
    func all(_ list: [Expression]) throws(Unsupported) -> [QTIValue] {
      var result: [QTIValue] = []
      result.reserveCapacity(list.count)
      for x in list { result.append(try evaluate(x, responses, outcomes)) }
      return result
    }
    switch e {
    case let .constant(v): return v
    case let .response(i): return responses[i]
    case let .outcome(i): return outcomes[i]
    case let .correct(i): return correct[i]
    case let .isNull(list):
      let v = try all(list)
      return .bool(v.first == .null || v.first == .multiple([]))
    case let .equal(band, x, y):
      guard let a = try evaluate(x, responses, outcomes).number, let b = try evaluate(y, responses, outcomes).number
      else { return .null }
      guard let band else { return .bool(a == b) }
      return .bool(band.contains(b, around: a))
    case let .match(x, y):
      let a = try evaluate(x, responses, outcomes), b = try evaluate(y, responses, outcomes)
      if a == .null || b == .null { return .null }
      return .bool(a == b)
    case let .sum(list):
      var total = 0.0
      for v in try all(list) {
        guard let n = v.number else { return .null }
        total += n
      }
      return .float(total)
    case let .multiple(list):
      var items: [QTIValue] = []
      for v in try all(list) {
        switch v {
        case .null: continue
        case let .multiple(inner): items += inner
        default: items.append(v)
        }
      }
      return items.isEmpty ? .null : .multiple(items)
    case let .and(list):
      let v = try all(list)
      if v.contains(.null) { return .null }
      return .bool(v.allSatisfy { $0 == .bool(true) })
    case let .or(list):
      let v = try all(list)
      if v.contains(.null) { return .null }
      return .bool(v.contains(.bool(true)))
    case let .not(list):
      let v = try all(list)
      guard case let .bool(b)? = v.first else { return .null }
      return .bool(!b)
    case let .compare(op, x, y):
      guard let a = try evaluate(x, responses, outcomes).number, let b = try evaluate(y, responses, outcomes).number
      else { return .null }
      switch op {
      case .gte: return .bool(a >= b)
      case .lte: return .bool(a <= b)
      case .gt: return .bool(a > b)
      case .lt: return .bool(a < b)
      }
    }
  }
}

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
