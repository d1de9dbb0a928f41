/// What the QTI item compiler reads of an element: the ``XMLElementView`` (name, child elements in order, text,
/// line) with names read as QTI names. The compiler (``CompiledItem/init(root:)``) sees documents only through
/// this view, so any source of elements can feed it: during export the ``ReadElement``s of a file read once
/// from libxml2's SAX events (``SAXReader``), in `validate` the ``XMLNode`` tree.
protocol QTIElement: XMLElementView {
  /// The name as QTI 2.1 spells it (QTI 3.0's `qti-…` kebab-case names read as their QTI 2.1 equivalents);
  /// ``QTIName/other`` for a name the compiler does not know.
  var kind: QTIName { get }
  /// The value of an unprefixed attribute, by its QTI 2.1 name.
  func attribute(_ name: QTIName) -> String?
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

extension XMLNode: QTIElement {
  var kind: QTIName { QTIName.of(name) }

  func attribute(_ wanted: QTIName) -> String? {
    attributes.first { !$0.name.contains(":") && QTIName.of($0.name) == wanted }?.value
  }
}
