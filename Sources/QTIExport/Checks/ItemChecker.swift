import CLibXML2
import Foundation
import QuizModel

/// The self-checks of one exported QTI 2.1 / 3.0 item file: the file is re-read with libxml2 (one reusable
/// parser context per worker, network and entities off as in ``XMLReader``), compiled straight from the
/// libxml2 tree (``LibXMLElement``, no tree of Swift strings in between) and checked by ``QTIItemCheck``,
/// the checks `validate` runs, with the model's checks added. Not thread-safe: one checker per worker.
final class ItemChecker {
  private let context: xmlParserCtxtPtr
  private let names = QTINameCache()

  init() {
    _ = libxml2Initialized
    guard let context = xmlNewParserCtxt() else { preconditionFailure("libxml2 could not allocate a parser context") }
    self.context = context
  }

  deinit { xmlFreeParserCtxt(context) }

  /// What the checks proved, and the errors they found (notes are left out). `feedbacks` are the variant's
  /// ``QTI2Writer/feedbacks(_:)``, if already worked out.
  func check(_ file: PackageFile, variant: Variant, feedbacks: [QTI2Writer.Feedback]? = nil) -> SelfCheckResult {
    let collector = IssueCollector(file: file.path)
    let item = collector.collecting { () -> CompiledItem? in
      // Never NOENT, DTDLOAD, DTDATTR, DTDVALID or HUGE. Whitespace between elements is dropped (NOBLANKS) and
      // short text kept inside its node (COMPACT): the compiler reads trimmed text only.
      let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_COMPACT.rawValue)
      // The libxml2 boundary: the bytes are lent for the call only, with their count.
      let doc = file.data.withUnsafeBytes { raw -> xmlDocPtr? in
        guard let base = raw.baseAddress else { return nil }
        return xmlCtxtReadMemory(context, base.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, nil, options)
      }
      guard let doc else { return nil }
      defer { xmlFreeDoc(doc) }
      names.use(context.pointee.dict)
      guard !collector.issues.contains(where: { $0.severity == .error }), let root = xmlDocGetRootElement(doc) else {
        return nil
      }
      let element = LibXMLElement(node: root, names: names)
      return element.kind == .assessmentItem ? CompiledItem(root: element) : nil
    }
    guard let item else {
      // Not well-formed, or not an item: the generic reader says what is wrong and where.
      switch XMLReader.parse(file.data, file: file.path) {
      case .failure(let list): return SelfCheckResult(issues: list.issues)
      case .success(let root):
        return SelfCheckResult(issues: [
          XMLIssue(
            file: file.path, line: root.line, message: "the root element is '\(root.name)', not an assessment item")
        ])
      }
    }
    var result = QTIItemCheck.check(item, file: file.path, variant: variant, feedbacks: feedbacks)
    result.issues.removeAll { $0.severity != .error }
    return result
  }
}
