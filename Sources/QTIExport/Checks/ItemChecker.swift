import Foundation
import QuizModel

/// The self-checks of one exported QTI 2.1 / 3.0 item file: the file is read once from libxml2's SAX events
/// (``SAXReader``: one reusable parser context per worker, network, entities and DTDs off as in ``XMLReader``),
/// compiled from those elements (no libxml2 tree, no tree of Swift strings) and checked by ``QTIItemCheck``,
/// the checks `validate` runs, with the model's checks added. Not thread-safe: one checker per worker.
final class ItemChecker {
  private let reader = SAXReader()

  /// What the checks proved, and the errors they found (notes are left out). `feedbacks` are the variant's
  /// ``QTI2Writer/feedbacks(_:)``, if already worked out.
  func check(_ file: PackageFile, variant: Variant, feedbacks: [QTI2Writer.Feedback]? = nil) -> SelfCheckResult {
    let root: ReadElement
    switch reader.read(file.data, file: file.path) {
    case .failure(let list): return SelfCheckResult(issues: list.issues)
    case .success(let element): root = element
    }
    guard root.kind == .assessmentItem else {
      return SelfCheckResult(issues: [
        XMLIssue(
          file: file.path, line: root.line, message: "the root element is '\(root.name)', not an assessment item")
      ])
    }
    var result = QTIItemCheck.check(CompiledItem(root: root), file: file.path, variant: variant, feedbacks: feedbacks)
    result.issues.removeAll { $0.severity != .error }
    return result
  }
}
