import QuizModel
import Foundation

/// What the self-checks of one file proved, and what failed.
struct SelfCheckResult {
  /// Items (QTI items, Canvas questions) whose scoring was evaluated.
  var items = 0
  /// Individual proofs that passed (key scores full marks, just-outside values do not, feedback fires).
  var proofs = 0
  /// What failed or could not be checked.
  var issues: [XMLIssue] = []
}

/// The self-checks that need nothing but the file: the key scores full marks, values just outside the accepted
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
      var result = SelfCheckResult()
      checkQTI(QTIItemModel(root: root), file: file, into: &result)
      return result
    default:
      return SelfCheckResult()
    }
  }

  // MARK: Canvas

  static func checkCanvas(_ node: XMLNode, file: String, into result: inout SelfCheckResult) {
    let item = CanvasItemModel(item: node)
    let name = node[attribute: "ident"] ?? "?"
    func fail(_ line: Int, _ message: String) {
      result.issues.append(XMLIssue(file: file, line: line, message: "item '\(name)': \(message)"))
    }
    guard let full = item.fullMarksCondition else {
      fail(node.line, "no response condition gives full marks (SCORE 100)")
      return
    }
    result.items += 1
    // Responses to show the general feedback for: the key and a wrong answer.
    var probes: [String] = []
    do {
      if item.isNumeric {
        let lowerNode = full.descendants("vargte").first
        let upperNode = full.descendants("varlte").first
        guard let lo = lowerNode.flatMap({ Double($0.textContent) }), let hi = upperNode.flatMap({ Double($0.textContent) })
        else {
          fail(full.line, "the full-marks condition has no numeric 'vargte'/'varlte' bounds")
          return
        }
        // An exact answer has a varequal key; a range answer has only the bounds, and its middle is checked.
        let key = full.descendants("varequal").first.flatMap { Double($0.textContent) } ?? (lo + (hi - lo) / 2)
        if !(lo <= key && key <= hi) {
          fail(lowerNode!.line, "the bounds \(DecimalText.exact(lo)) … \(DecimalText.exact(hi)) do not hold the key \(DecimalText.exact(key)) (are they sorted?)")
        }
        let keyScore = try item.run(DecimalText.exact(key)).score
        if keyScore == 100 { result.proofs += 1 } else { fail(full.line, "the key \(DecimalText.exact(key)) scores \(DecimalText.exact(keyScore)), not 100") }
        let (low, high) = (min(lo, hi), max(lo, hi))
        let delta = justOutside(low, high)
        probes = [DecimalText.exact(key), DecimalText.exact(high + delta)]
        for outside in [low - delta, high + delta] {
          let score = try item.run(DecimalText.exact(outside)).score
          if score < 100 { result.proofs += 1 } else {
            fail(full.line, "the value \(DecimalText.exact(outside)), just outside \(DecimalText.exact(low)) … \(DecimalText.exact(high)), scores \(DecimalText.exact(score))")
          }
        }
      } else {
        guard let correct = full.descendants("varequal").first?.trimmedText else {
          fail(full.line, "the full-marks condition has no 'varequal'")
          return
        }
        let keyScore = try item.run(correct).score
        if keyScore == 100 { result.proofs += 1 } else { fail(full.line, "the correct answer '\(correct)' scores \(DecimalText.exact(keyScore)), not 100") }
        probes = [correct] + item.labels.filter { $0 != correct }.prefix(1)
        for label in item.labels where label != correct {
          let (score, feedback) = try item.run(label)
          if score < 100 { result.proofs += 1 } else { fail(full.line, "the wrong answer '\(label)' scores \(DecimalText.exact(score))") }
          for link in feedback {
            if item.feedbackIdents.contains(link) { result.proofs += 1 } else {
              fail(node.line, "answer '\(label)' displays the feedback '\(link)', which the item does not define")
            }
          }
        }
      }
      // The general feedback (the worked explanation) shows whatever the answer.
      if item.feedbackIdents.contains(Explanation.canvasGeneral) {
        for probe in probes {
          if try item.run(probe).feedback.contains(Explanation.canvasGeneral) { result.proofs += 1 } else {
            fail(node.line, "the general feedback '\(Explanation.canvasGeneral)' is not shown for the answer '\(probe)'")
          }
        }
      }
    } catch {
      fail(error.line, error.message)
    }
  }

  // MARK: QTI 2.1 / 3.0

  static func checkQTI(_ item: QTIItemModel, file: String, into result: inout SelfCheckResult) {
    func fail(_ line: Int, _ message: String) {
      result.issues.append(XMLIssue(file: file, line: line, message: message))
    }
    if item.root.child("templateProcessing") != nil {
      result.issues.append(XMLIssue(file: file, line: item.root.line, severity: .note,
        message: "the item computes its key in templateProcessing, which the self-check does not evaluate"))
      return
    }
    guard let processing = item.processing else {
      fail(item.root.line, "the item has no response processing")
      return
    }
    result.items += 1
    var allCorrect: [String: QTIValue] = [:]
    for r in item.responses {
      let value = item.correctValue(r.identifier)
      if value == .null { fail(r.line, "the response '\(r.identifier)' has no usable correct response") }
      allCorrect[r.identifier] = value
    }
    do {
      let full = try item.run(allCorrect)
      let maximum = full["MAXSCORE"]?.number
      guard let score = full["SCORE"]?.number else {
        fail(processing.line, "the key leaves SCORE without a value")
        return
      }
      if let maximum, !isClose(score, maximum) {
        fail(processing.line, "the key scores \(DecimalText.exact(score)), not full marks (MAXSCORE \(DecimalText.exact(maximum)))")
      } else if maximum == nil, score <= 0 {
        fail(processing.line, "the key scores \(DecimalText.exact(score))")
      } else {
        result.proofs += 1
      }
      let fullScore = score

      for r in item.responses {
        var others = allCorrect
        switch r.baseType {
        case "float", "integer":
          guard case let .float(key)? = allCorrect[r.identifier] else { continue }
          guard let equal = keyComparison(in: processing, response: r.identifier) else {
            result.issues.append(XMLIssue(file: file, line: r.line, severity: .note,
              message: "no 'equal' compares '\(r.identifier)' with its correct response; just-outside values not checked"))
            continue
          }
          let mode = equal[attribute: "toleranceMode"] ?? "exact"
          let parts = (equal[attribute: "tolerance"] ?? "0").split(separator: " ").compactMap { Double($0) }
          let t0 = mode == "exact" ? 0 : (parts.first ?? 0)
          let t1 = mode == "exact" ? 0 : (parts.count > 1 ? parts[1] : t0)
          if mode == "relative", key < 0 {
            fail(equal.line, "toleranceMode 'relative' on '\(r.identifier)': QTI's relative band x·(1 − t/100) … x·(1 + t/100) is empty for the negative key \(DecimalText.exact(key)); use 'absolute'")
            continue
          }
          let lo = mode == "relative" ? key * (1 - t0 / 100) : key - t0
          let hi = mode == "relative" ? key * (1 + t1 / 100) : key + t1
          let delta = justOutside(lo, hi)
          for outside in [lo - delta, hi + delta] {
            others[r.identifier] = .float(outside)
            let s = try item.run(others)["SCORE"]?.number ?? 0
            if s < fullScore { result.proofs += 1 } else {
              fail(equal.line, "'\(r.identifier)' = \(DecimalText.exact(outside)), just outside \(DecimalText.exact(lo)) … \(DecimalText.exact(hi)), still scores full marks")
            }
          }
        case "identifier":
          guard case let .identifier(key)? = allCorrect[r.identifier] else { continue }
          for option in item.choices[r.identifier] ?? [] where option != key {
            others[r.identifier] = .identifier(option)
            let s = try item.run(others)["SCORE"]?.number ?? 0
            if s < fullScore { result.proofs += 1 } else { fail(r.line, "the wrong choice '\(option)' for '\(r.identifier)' scores full marks") }
          }
        default:
          continue
        }
      }

      for trigger in feedbackTriggers(in: processing) {
        var responses = allCorrect
        responses[trigger.response] = trigger.value
        let outcomes = try item.run(responses)
        if outcomes[trigger.outcome]?.contains(trigger.feedback) == true { result.proofs += 1 } else {
          fail(trigger.line, "the response \(trigger.value) for '\(trigger.response)' does not set feedback '\(trigger.feedback)'")
        }
        if item.feedbacks.contains(where: { $0.outcome == trigger.outcome && $0.identifier == trigger.feedback && $0.showHide == "show" }) {
          result.proofs += 1
        } else {
          fail(trigger.line, "no modal feedback shows '\(trigger.feedback)' when \(trigger.outcome) holds it")
        }
      }

      // The solution (the worked explanation) shows whenever a response is given: for the key and a wrong one.
      if item.feedbacks.contains(where: { $0.outcome == Explanation.solution && $0.identifier == Explanation.solution && $0.showHide == "show" }) {
        var probes = [allCorrect]
        if let wrong = solutionProbe(item.responses.first.map { ($0.identifier, allCorrect[$0.identifier] ?? .null) }, choices: item.choices) {
          var responses = allCorrect
          responses[wrong.identifier] = wrong.value
          probes.append(responses)
        }
        for responses in probes {
          if try item.run(responses)[Explanation.solution]?.contains(Explanation.solution) == true { result.proofs += 1 } else {
            fail(processing.line, "the solution feedback is not shown for the responses \(responses)")
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
    -> (identifier: String, value: QTIValue)? {
    guard let first else { return nil }
    switch first.key {
    case let .float(k): return (first.identifier, .float(k + 1000 * max(1, abs(k))))
    case let .identifier(k):
      return (choices[first.identifier] ?? []).first { $0 != k }.map { (first.identifier, QTIValue.identifier($0)) }
    default: return nil
    }
  }

  static func isClose(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

  /// The `equal` comparing a response with its correct value.
  static func keyComparison(in processing: XMLNode, response: String) -> XMLNode? {
    processing.descendants("equal").first { e in
      e.elements.contains { $0.name == "correct" && $0[attribute: "identifier"] == response }
        && e.elements.contains { $0.name == "variable" && $0[attribute: "identifier"] == response }
    }
  }

  struct FeedbackTrigger {
    var response: String
    var value: QTIValue
    var outcome: String
    var feedback: String
    var line: Int
  }

  /// Each branch that compares a response with a constant (`equal` or `match` with a `baseValue`) and adds
  /// an identifier to an outcome shown by modal feedback.
  static func feedbackTriggers(in processing: XMLNode) -> [FeedbackTrigger] {
    var triggers: [FeedbackTrigger] = []
    for branch in processing.descendants("responseIf") + processing.descendants("responseElseIf") {
      guard let condition = branch.elements.first, condition.name == "equal" || condition.name == "match" else { continue }
      guard let variable = condition.elements.first(where: { $0.name == "variable" })?[attribute: "identifier"],
            let constant = condition.elements.first(where: { $0.name == "baseValue" }) else { continue }
      let value = QTIItemModel.value(constant.trimmedText,
                                     baseType: constant[attribute: "baseType"] ?? "")
      for set in branch.elements.dropFirst() where set.name == "setOutcomeValue" {
        guard let outcome = set[attribute: "identifier"], outcome != "SCORE" else { continue }
        for id in set.descendants("baseValue") where id[attribute: "baseType"] == "identifier" {
          triggers.append(FeedbackTrigger(response: variable, value: value, outcome: outcome,
                                          feedback: id.trimmedText, line: condition.line))
        }
      }
    }
    return triggers
  }
}
