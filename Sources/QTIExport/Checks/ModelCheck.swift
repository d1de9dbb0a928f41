import Foundation
import QuizModel

/// Checks that need the quiz as well as the file (QTI 2.1 and 3.0 items: ``QTIItemCheck``): the file's key is the model's key, the model's own accepted
/// interval scores full marks at both ends (the file never rejects what the key accepts), and every
/// misconception the model lists fires feedback where the format carries it.
enum ModelCheck {
  /// Whether the file's key is the model's, to the 15 significant digits the file carries.
  static func isSame(_ written: Double?, _ key: Double) -> Bool {
    guard let written else { return false }
    return abs(written - key) <= abs(key) * 1e-14
  }

  /// The model's accepted bounds, key ± t, as the nearest doubles.
  static func insideBounds(_ n: NumericAnswer) -> [Double] { [n.interval.lower, n.interval.upper] }

  /// The model's accepted bounds, key ± t, as written (exact decimals).
  static func insideBoundTexts(_ n: NumericAnswer) -> [String] { [n.interval.lowerText, n.interval.upperText] }

  static func checkCanvas(_ item: CanvasItemModel, answer: Answer, file: String) -> [XMLIssue] {
    var issues: [XMLIssue] = []
    let name = item.ident ?? "?"
    if answer.explanation != nil, !item.feedbackIdents.contains(Explanation.canvasGeneral) {
      issues.append(
        XMLIssue(
          file: file, line: item.line,
          message:
            "item '\(name)': the worked explanation is not carried as general feedback '\(Explanation.canvasGeneral)'"))
    }
    guard let n = answer.numeric else { return issues }
    do {
      let key = item.fullMarksCondition?.firstEqual?.content
      if key != n.interval.keyText {
        issues.append(
          XMLIssue(
            file: file, line: item.line,
            message: "item '\(name)': the file's key '\(key ?? "")' is not the model's \(DecimalText.exact(n.value))"))
      }
      for bound in insideBoundTexts(n) {
        let s = try item.run(bound).score
        if s != 100 {
          issues.append(
            XMLIssue(
              file: file, line: item.line, message: "item '\(name)': \(bound), which the key accepts, scores \(s)")
          )
        }
      }
    } catch {
      issues.append(XMLIssue(file: file, line: error.line, message: error.message))
    }
    return issues
  }
}
