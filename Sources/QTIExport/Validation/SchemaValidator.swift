import CLibXML2
package import Foundation
import Synchronization

/// XSD validation against a folder of the official schemas (laid out as `shared/qti-schemas`: `catalog.xml`,
/// `qti12/`, `qti21/`, `drivers/qti30-item-sbac.xsd`, `imscp/`, `qti30/`).
///
/// Compiled schemas are cached for the life of the process, so the QTI 3.0 driver, which takes seconds to
/// compile, is compiled once however many files are checked.
package struct SchemaFolder: Hashable, Sendable {
  /// The folder.
  package var url: URL

  /// Uses the schemas in `url`.
  package init(url: URL) { self.url = url }

  /// Whether the folder looks like a schema folder (it has `catalog.xml` and the QTI 2.1 XSD).
  package var isUsable: Bool {
    FileManager.default.fileExists(atPath: url.appendingPathComponent("catalog.xml").path)
      && FileManager.default.fileExists(atPath: url.appendingPathComponent("qti21/imsqti_v2p1.xsd").path)
  }

  /// The schema file for a root element's namespace, relative to the folder, and a name for people.
  static func schema(forNamespace namespace: String?) -> (path: String, name: String)? {
    switch namespace {
    case "http://www.imsglobal.org/xsd/ims_qtiasiv1p2": ("qti12/ims_qtiasiv1p2p1.xsd", "QTI 1.2.1 ASI XSD")
    case "http://www.imsglobal.org/xsd/imsqti_v2p1": ("qti21/imsqti_v2p1.xsd", "QTI 2.1 XSD")
    case "http://www.imsglobal.org/xsd/imsqti_v2p2": ("qti22/imsqti_v2p2.xsd", "QTI 2.2 XSD")
    case "http://www.imsglobal.org/xsd/imsqtiasi_v3p0":
      ("drivers/qti30-item-sbac.xsd", "QTI 3.0 ASI XSD (SBAC profile, the closest available)")
    case "http://www.imsglobal.org/xsd/imscp_v1p1": ("imscp/imscp_v1p1.xsd", "IMS CP 1.1 XSD")
    case "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1":
      ("qti30/imsqtiv3p0_imscpv1p2_v1p0.xsd", "IMS CP 1.2 QTI 3.0 profile XSD")
    default: nil
    }
  }
}

/// A compiled schema, owned for the life of the process. Validation with one schema is serialized, since
/// libxml2 does not promise that a schema can be shared by threads validating at the same time.
final class CompiledSchema: Sendable {
  nonisolated(unsafe) let schema: xmlSchemaPtr
  let lock = Mutex(())

  init(_ schema: xmlSchemaPtr) { self.schema = schema }

  deinit { xmlSchemaFree(schema) }
}

enum SchemaCache {
  static let compiled = Mutex<[String: CompiledSchema]>([:])
  static let catalogs = Mutex<Set<String>>([])

  /// The compiled schema at `path`, compiling it (and loading the folder's catalog) the first time.
  static func schema(at path: String, catalog: String) -> Result<CompiledSchema, XMLIssueList> {
    _ = libxml2Initialized
    catalogs.withLock { loaded in
      if !loaded.contains(catalog), FileManager.default.fileExists(atPath: catalog) {
        xmlLoadCatalog(catalog)
        loaded.insert(catalog)
      }
    }
    return compiled.withLock { cache -> Result<CompiledSchema, XMLIssueList> in
      if let schema = cache[path] { return .success(schema) }
      let collector = IssueCollector(file: path)
      let schema: xmlSchemaPtr? = collector.collecting {
        guard let parser = xmlSchemaNewParserCtxt(path) else { return nil }
        defer { xmlSchemaFreeParserCtxt(parser) }
        xmlSchemaSetParserStructuredErrors(parser, issueCallback, collector.context)
        return xmlSchemaParse(parser)
      }
      guard let schema else {
        let errors = collector.issues.filter { $0.severity == .error }
        return .failure(
          XMLIssueList(errors.isEmpty ? [XMLIssue(file: path, message: "the schema did not compile")] : errors))
      }
      let result = CompiledSchema(schema)
      cache[path] = result
      return .success(result)
    }
  }
}

extension SchemaFolder {
  /// Validates one file against the schema its root namespace calls for.
  ///
  /// Canvas writes `margin` and `margintype` on `varequal`, which the QTI 1.2.1 XSD does not declare; those two
  /// attributes are set aside before validation and a note says how many.
  ///
  /// - Returns: The issues (errors with file and line), empty when the file is valid.
  func validate(_ data: Data, file: String) -> [XMLIssue] {
    let result = XMLReader.withParsedDocument(data, file: file) { doc -> Result<[XMLIssue], XMLIssueList> in
      guard let root = xmlDocGetRootElement(doc) else {
        return .success([XMLIssue(file: file, message: "the document has no root element")])
      }
      let namespace = root.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } }
      guard let (relative, name) = SchemaFolder.schema(forNamespace: namespace) else {
        return .success([
          XMLIssue(
            file: file, line: Int(xmlGetLineNo(root)), severity: .note,
            message: "no schema is known for the namespace '\(namespace ?? "")'; not validated")
        ])
      }
      var issues: [XMLIssue] = []
      if relative.hasPrefix("qti12/") {
        let removed = SchemaFolder.removeCanvasMargins(root)
        if removed > 0 {
          issues.append(
            XMLIssue(
              file: file, severity: .note,
              message:
                "\(removed) Canvas margin/margintype attributes on varequal are not in the QTI 1.2.1 XSD and were set aside for validation"
            ))
        }
      }
      let schemaPath = url.appendingPathComponent(relative).path
      switch SchemaCache.schema(at: schemaPath, catalog: url.appendingPathComponent("catalog.xml").path) {
      case .failure(let list):
        return .success(issues + list.issues)
      case .success(let compiled):
        let collector = IssueCollector(file: file)
        compiled.lock.withLock { _ in
          collector.collecting {
            guard let validator = xmlSchemaNewValidCtxt(compiled.schema) else { return }
            defer { xmlSchemaFreeValidCtxt(validator) }
            xmlSchemaSetValidStructuredErrors(validator, issueCallback, collector.context)
            if xmlSchemaValidateDoc(validator, doc) != 0, collector.issues.isEmpty {
              collector.issues.append(XMLIssue(file: file, message: "not valid against the \(name)"))
            }
          }
        }
        return .success(
          issues
            + collector.issues.map { issue in
              var copy = issue
              copy.message = "\(name): " + issue.message
              return copy
            })
      }
    }
    switch result {
    case .success(let issues): return issues
    case .failure(let list): return list.issues
    }
  }

  /// Removes `margin` and `margintype` from every `varequal` below `node`; returns how many were removed.
  static func removeCanvasMargins(_ node: xmlNodePtr) -> Int {
    var removed = 0
    var child = node.pointee.children
    while let c = child {
      if c.pointee.type == XML_ELEMENT_NODE {
        if String(cString: c.pointee.name) == "varequal" {
          for attribute in ["margin", "margintype"] where xmlHasProp(c, attribute) != nil {
            xmlUnsetProp(c, attribute)
            removed += 1
          }
        }
        removed += removeCanvasMargins(c)
      }
      child = c.pointee.next
    }
    return removed
  }
}
