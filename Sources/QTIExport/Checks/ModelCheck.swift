import Foundation
import QuizModel

/// Checks that need the quiz as well as the file: the file's key is the model's key, the model's own accepted
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

  static func checkQTI(_ item: QTIItemModel, variant: Variant, file: String) -> [XMLIssue] {
    var issues: [XMLIssue] = []
    func fail(_ message: String) { issues.append(XMLIssue(file: file, line: item.root.line, message: message)) }
    var allCorrect: [String: QTIValue] = [:]
    for r in item.responses { allCorrect[r.identifier] = item.correctValue(r.identifier) }
    do {
      let full = try item.run(allCorrect)["SCORE"]?.number ?? 0
      let feedbacks = QTI2Writer.feedbacks(variant)
      if !Explanation.sections(variant).isEmpty, !item.feedbacks.contains(where: {
        $0.outcome == Explanation.solution && $0.identifier == Explanation.solution && $0.showHide == "show"
      }) {
        fail("the worked explanation is not shown as modal feedback '\(Explanation.solution)'")
      }
      for answer in variant.answers {
        let identifier = QTI2Writer.responseIdentifier(answer)
        guard item.response(identifier) != nil else {
          fail("part '\(answer.id)' has no response declaration '\(identifier)'")
          continue
        }
        if let n = answer.numeric {
          if !isSame(allCorrect[identifier]?.number, n.interval.key) {
            fail("part '\(answer.id)': the file's key \(allCorrect[identifier]!) is not the model's \(DecimalText.exact(n.value))")
          }
          for bound in insideBounds(n) {
            var responses = allCorrect
            responses[identifier] = .float(bound)
            let s = try item.run(responses)["SCORE"]?.number ?? 0
            if !SelfCheck.isClose(s, full) {
              fail("part '\(answer.id)': \(DecimalText.exact(bound)), which the key accepts, scores \(DecimalText.exact(s)) of \(DecimalText.exact(full))")
            }
          }
        }
      }
      for feedback in feedbacks {
        var responses = allCorrect
        let identifier = QTI2Writer.responseIdentifier(feedback.answer)
        switch feedback.trigger {
        case let .value(v): responses[identifier] = .float(v)
        case let .option(o): responses[identifier] = .identifier(PlainText.identifier(o))
        }
        if try item.run(responses)["FEEDBACK"]?.contains(feedback.identifier) != true {
          fail("part '\(feedback.answer.id)': the misconception response does not fire feedback '\(feedback.identifier)'")
        }
      }
    } catch {
      issues.append(XMLIssue(file: file, line: error.line, message: error.message))
    }
    return issues
  }

  static func checkCanvas(_ item: CanvasItemModel, answer: Answer, file: String) -> [XMLIssue] {
    var issues: [XMLIssue] = []
    let name = item.item[attribute: "ident"] ?? "?"
    if answer.explanation != nil, !item.feedbackIdents.contains(Explanation.canvasGeneral) {
      issues.append(XMLIssue(file: file, line: item.item.line, message: "item '\(name)': the worked explanation is not carried as general feedback '\(Explanation.canvasGeneral)'"))
    }
    guard let n = answer.numeric else { return issues }
    do {
      let key = item.fullMarksCondition?.descendants("varequal").first?.textContent
      if key != n.interval.keyText {
        issues.append(XMLIssue(file: file, line: item.item.line, message: "item '\(name)': the file's key '\(key ?? "")' is not the model's \(DecimalText.exact(n.value))"))
      }
      for bound in insideBoundTexts(n) {
        let s = try item.run(bound).score
        if s != 100 {
          issues.append(XMLIssue(file: file, line: item.item.line, message: "item '\(name)': \(bound), which the key accepts, scores \(s)"))
        }
      }
    } catch {
      issues.append(XMLIssue(file: file, line: error.line, message: error.message))
    }
    return issues
  }
}
