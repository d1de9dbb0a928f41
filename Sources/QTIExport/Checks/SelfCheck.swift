import Foundation
import QuizModel

/// What the self-checks of one file proved, and what failed.
struct SelfCheckResult {
  /// Items (QTI items, Canvas questions) whose scoring was evaluated.
  var items = 0
  /// Individual proofs that passed (key scores full marks, just-outside values do not, feedback fires).
  var proofs = 0
  /// What failed or could not be checked.
  var issues: [XMLIssue] = []
}

/// The self-checks that need nothing but the file (QTI 2.1 and 3.0 items: ``QTIItemCheck``): the key scores full marks, values just outside the accepted
/// interval do not, every misconception value or distractor fires its feedback, and that feedback exists.
enum SelfCheck {
  /// A distance that is "just outside" an interval from lo to hi: a thousandth of its width, at least a
  /// relative 10⁻¹² of the bounds.
  static func justOutside(_ lo: Double, _ hi: Double) -> Double {
    max((hi - lo) * 1e-3, max(abs(lo), abs(hi)) * 1e-12, Double.leastNormalMagnitude)
  }

  /// Checks a parsed file, choosing the checks by its root element.
  static func check(_ root: XMLNode, file: String) -> SelfCheckResult {
    switch root.name {
    case "questestinterop":
      var result = SelfCheckResult()
      for item in root.descendants("item") { checkCanvas(item, file: file, into: &result) }
      return result
    case "assessmentItem", "qti-assessment-item":
      return QTIItemCheck.check(CompiledItem(root: root), file: file)
    default:
      return SelfCheckResult()
    }
  }

  // MARK: Canvas

  static func checkCanvas(_ node: some XMLElementView, file: String, into result: inout SelfCheckResult) {
    checkCanvas(CanvasItemModel(item: node), file: file, into: &result)
  }

  static func checkCanvas(_ item: CanvasItemModel, file: String, into result: inout SelfCheckResult) {
    let name = item.ident ?? "?"
    func fail(_ line: Int, _ message: String) {
      result.issues.append(XMLIssue(file: file, line: line, message: "item '\(name)': \(message)"))
    }
    guard let full = item.fullMarksCondition else {
      fail(item.line, "no response condition gives full marks (SCORE 100)")
      return
    }
    result.items += 1
    // Responses to show the general feedback for: the key and a wrong answer.
    var probes: [String] = []
    do {
      if item.isNumeric {
        let lowerNode = full.firstLower
        guard let lo = lowerNode.flatMap({ Double($0.content) }),
          let hi = full.firstUpper.flatMap({ Double($0.content) })
        else {
          fail(full.line, "the full-marks condition has no numeric 'vargte'/'varlte' bounds")
          return
        }
        // An exact answer has a varequal key; a range answer has only the bounds, and its middle is checked.
        let key = full.firstEqual.flatMap { Double($0.content) } ?? (lo + (hi - lo) / 2)
        // `inf`, `nan` or bounds near the largest double read as numbers, but nothing can be proven with them.
        let reach = justOutside(min(lo, hi), max(lo, hi))
        guard [lo, hi, key, min(lo, hi) - reach, max(lo, hi) + reach].allSatisfy(\.isFinite) else {
          fail(
            lowerNode!.line,
            "the bounds '\(lowerNode!.content)' … '\(full.firstUpper!.content)' and the key are not all finite "
              + "numbers within the range of a double")
          return
        }
        if !(lo <= key && key <= hi) {
          fail(
            lowerNode!.line,
            "the bounds \(DecimalText.exact(lo)) … \(DecimalText.exact(hi)) do not hold the key \(DecimalText.exact(key)) (are they sorted?)"
          )
        }
        let keyText = DecimalText.exact(key)
        let keyScore = try item.run(keyText).score
        if keyScore == 100 {
          result.proofs += 1
        } else {
          fail(full.line, "the key \(keyText) scores \(DecimalText.exact(keyScore)), not 100")
        }
        let (low, high) = (min(lo, hi), max(lo, hi))
        let delta = justOutside(low, high)
        let outsideTexts = [DecimalText.exact(low - delta), DecimalText.exact(high + delta)]
        probes = [keyText, outsideTexts[1]]
        for outside in outsideTexts {
          let score = try item.run(outside).score
          if score < 100 {
            result.proofs += 1
          } else {
            fail(
              full.line,
              "the value \(outside), just outside \(DecimalText.exact(low)) … \(DecimalText.exact(high)), scores \(DecimalText.exact(score))"
            )
          }
        }
      } else {
        guard let correct = full.firstEqual?.trimmed else {
          fail(full.line, "the full-marks condition has no 'varequal'")
          return
        }
        let keyScore = try item.run(correct).score
        if keyScore == 100 {
          result.proofs += 1
        } else {
          fail(full.line, "the correct answer '\(correct)' scores \(DecimalText.exact(keyScore)), not 100")
        }
        probes = [correct] + item.labels.filter { $0 != correct }.prefix(1)
        for label in item.labels where label != correct {
          let (score, feedback) = try item.run(label)
          if score < 100 {
            result.proofs += 1
          } else {
            fail(full.line, "the wrong answer '\(label)' scores \(DecimalText.exact(score))")
          }
          for link in feedback {
            if item.feedbackIdents.contains(link) {
              result.proofs += 1
            } else {
              fail(item.line, "answer '\(label)' displays the feedback '\(link)', which the item does not define")
            }
          }
        }
      }
      // The general feedback (the worked explanation) shows whatever the answer.
      if item.feedbackIdents.contains(Explanation.canvasGeneral) {
        for probe in probes {
          if try item.run(probe).feedback.contains(Explanation.canvasGeneral) {
            result.proofs += 1
          } else {
            fail(
              item.line, "the general feedback '\(Explanation.canvasGeneral)' is not shown for the answer '\(probe)'")
          }
        }
      }
    } catch {
      fail(error.line, error.message)
    }
  }

  /// A wrong response to prove the solution feedback with: the first response set far from its key, or to
  /// another choice; nil when there is none.
  static func solutionProbe(_ first: (identifier: String, key: QTIValue)?, choices: [String: [String]])
    -> (identifier: String, value: QTIValue)?
  {
    guard let first else { return nil }
    switch first.key {
    case .float(let k): return (first.identifier, .float(k + 1000 * max(1, abs(k))))
    case .identifier(let k):
      return (choices[first.identifier] ?? []).first { $0 != k }.map { (first.identifier, QTIValue.identifier($0)) }
    default: return nil
    }
  }

  static func isClose(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }
}
