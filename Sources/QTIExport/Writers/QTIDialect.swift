/// The vocabulary of QTI 2.1 or QTI 3.0. Both writers and checks speak QTI 2.1 names (`responseElseIf`,
/// `toleranceMode`); the dialect spells them for the file (`qti-response-else-if`, `tolerance-mode`).
struct QTIDialect: Sendable {
  /// Which QTI version.
  var format: QTIFormat
  /// The item, test and section namespace.
  var namespace: String
  /// `xsi:schemaLocation` for items and tests.
  var schemaLocation: String
  /// The content-package manifest namespace.
  var manifestNamespace: String
  /// `xsi:schemaLocation` for the manifest.
  var manifestSchemaLocation: String
  /// The manifest's `<schema>` and `<schemaversion>`.
  var manifestSchema: (name: String, version: String)
  /// Resource types for items and tests.
  var itemResourceType: String
  var testResourceType: String

  static let qti21 = QTIDialect(
    format: .qti21,
    namespace: "http://www.imsglobal.org/xsd/imsqti_v2p1",
    schemaLocation: "http://www.imsglobal.org/xsd/imsqti_v2p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd",
    manifestNamespace: "http://www.imsglobal.org/xsd/imscp_v1p1",
    manifestSchemaLocation: "http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd",
    manifestSchema: ("QTIv2.1 Package", "1.0.0"),
    itemResourceType: "imsqti_item_xmlv2p1",
    testResourceType: "imsqti_test_xmlv2p1"
  )

  static let qti30 = QTIDialect(
    format: .qti30,
    namespace: "http://www.imsglobal.org/xsd/imsqtiasi_v3p0",
    schemaLocation:
      "http://www.imsglobal.org/xsd/imsqtiasi_v3p0 https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd",
    manifestNamespace: "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1",
    manifestSchemaLocation:
      "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1 https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd",
    manifestSchema: ("QTI Package", "3.0.0"),
    itemResourceType: "imsqti_item_xmlv3p0",
    testResourceType: "imsqti_test_xmlv3p0"
  )

  /// The dialect of a format (nil for Canvas and Moodle).
  static func of(_ format: QTIFormat) -> QTIDialect? {
    switch format {
    case .canvas, .moodle: nil
    case .qti21: .qti21
    case .qti30: .qti30
    }
  }

  /// XHTML elements keep their names in both versions.
  static let htmlElements: Set<String> = ["div", "p", "span", "br", "sub", "sup", "em", "strong"]

  /// The element name as the file spells it.
  func element(_ name: String) -> String {
    guard format == .qti30 else { return name }
    if let known = QTIDialect.qti30Elements[name] { return known }
    guard !QTIDialect.htmlElements.contains(name) else { return name }
    return "qti-" + QTIDialect.kebab(name)
  }

  /// The attribute name as the file spells it.
  func attribute(_ name: String) -> String {
    guard format == .qti30 else { return name }
    if let known = QTIDialect.kebabNames[name] { return known }
    guard !name.contains(":"), name != "xmlns" else { return name }
    return QTIDialect.kebab(name)
  }

  /// QTI 3.0 element names of the names the exporter writes, worked out once.
  static let qti30Elements: [String: String] = Dictionary(
    uniqueKeysWithValues: knownCamelNames.map { name in
      (name, htmlElements.contains(name) ? name : "qti-" + convertToKebab(name))
    })

  /// The names the exporter writes and the checks read, converted once.
  static let knownCamelNames = [
    "assessmentItem", "assessmentTest", "assessmentSection", "assessmentItemRef", "testPart", "selection",
    "responseDeclaration", "outcomeDeclaration", "correctResponse", "defaultValue", "value", "itemBody",
    "textEntryInteraction", "choiceInteraction", "simpleChoice", "prompt", "responseProcessing", "responseCondition",
    "responseIf", "responseElseIf", "responseElse", "setOutcomeValue", "equal", "match", "correct", "variable",
    "baseValue", "sum", "multiple", "and", "or", "not", "gte", "lte", "gt", "lt", "isNull", "modalFeedback",
    "contentBody", "templateProcessing", "identifier", "title", "adaptive", "timeDependent", "cardinality",
    "baseType", "toleranceMode", "tolerance", "responseIdentifier", "expectedLength", "shuffle", "maxChoices",
    "outcomeIdentifier", "showHide", "navigationMode", "submissionMode", "visible", "select", "href",
    "includeLowerBound", "includeUpperBound", "template", "templateLocation",
  ]
  static let kebabNames: [String: String] = Dictionary(
    uniqueKeysWithValues: knownCamelNames.map { ($0, convertToKebab($0)) })
  static let camelNames: [String: String] = Dictionary(
    knownCamelNames.flatMap { [("qti-" + convertToKebab($0), $0), (convertToKebab($0), $0)] },
    uniquingKeysWith: { a, _ in a })

  /// `responseElseIf` → `response-else-if`.
  static func kebab(_ name: String) -> String { kebabNames[name] ?? convertToKebab(name) }

  private static func convertToKebab(_ name: String) -> String {
    var result = ""
    for c in name {
      if c.isUppercase {
        result += "-" + c.lowercased()
      } else {
        result.append(c)
      }
    }
    return result
  }

  /// `qti-response-else-if` → `responseElseIf`, `tolerance-mode` → `toleranceMode`; other names unchanged.
  static func camel(_ name: String) -> String {
    guard name.utf8.contains(UInt8(ascii: "-")) else { return name }
    return camelNames[name] ?? convertToCamel(name)
  }

  private static func convertToCamel(_ name: String) -> String {
    var body = Substring(name)
    if body.hasPrefix("qti-") { body = body.dropFirst(4) }
    guard body.contains("-") else { return String(body) }
    var result = ""
    var upper = false
    for c in body {
      if c == "-" {
        upper = true
      } else {
        result += upper ? c.uppercased() : String(c)
        upper = false
      }
    }
    return result
  }
}

/// An ``XMLWriter`` that spells QTI 2.1 names in a dialect.
struct DialectWriter {
  let w: XMLWriter
  let dialect: QTIDialect

  func element(_ name: String, _ attributes: [(String, String)] = [], text: String) {
    w.start(dialect.element(name))
    for (key, value) in attributes { w.attribute(dialect.attribute(key), value) }
    w.text(text)
    w.end()
  }

  func element(_ name: String, _ attributes: [(String, String)] = [], _ body: () -> Void = {}) {
    w.start(dialect.element(name))
    for (key, value) in attributes { w.attribute(dialect.attribute(key), value) }
    body()
    w.end()
  }

  func text(_ value: String) { w.text(value) }

  // Element by element, for the parts written for every item: no attribute array, no closure.

  func start(_ name: String) { w.start(dialect.element(name)) }

  func attribute(_ key: String, _ value: String) { w.attribute(dialect.attribute(key), value) }

  func end() { w.end() }

  /// An element with one attribute and nothing inside.
  func empty(_ name: String, _ key: String, _ value: String) {
    w.start(dialect.element(name))
    w.attribute(dialect.attribute(key), value)
    w.end()
  }

  /// An element with one attribute and text.
  func textElement(_ name: String, _ key: String, _ value: String, text: String) {
    w.start(dialect.element(name))
    w.attribute(dialect.attribute(key), value)
    w.text(text)
    w.end()
  }

  /// An element with mixed content, written without indentation inside.
  func inlineElement(_ name: String, _ attributes: [(String, String)] = [], _ body: () -> Void) {
    w.start(dialect.element(name))
    for (key, value) in attributes { w.attribute(dialect.attribute(key), value) }
    w.inline(body)
    w.text("")  // ends on text, so libxml2 does not indent the closing tag
    w.end()
  }
}
