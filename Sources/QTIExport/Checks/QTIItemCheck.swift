import QuizModel

/// The one set of checks of a QTI 2.1 / 3.0 item, on its ``CompiledItem``, returning what it proved and the
/// issues it found: the export self-checks and `validate` both run it.
///
/// Without the model (`validate`): the key scores full marks, a value just outside each accepted interval
/// and each wrong choice do not, every misconception branch sets its feedback and a modal feedback shows it,
/// and the solution shows whatever the response. With the model (export): also the file's key is the model's,
/// the model's whole interval scores full marks, every misconception of the model fires its feedback, and a
/// worked explanation is carried.
enum QTIItemCheck {
  /// Checks `item`, read from `file`; `variant` (with its ``QTI2Writer/feedbacks(_:)``, when already worked
  /// out) adds the checks against the model.
  static func check(
    _ item: CompiledItem, file: String, variant: Variant? = nil,
    feedbacks: [QTI2Writer.Feedback]? = nil
  ) -> SelfCheckResult {
    var result = SelfCheckResult()
    func fail(_ line: Int, _ message: String) {
      result.issues.append(XMLIssue(file: file, line: line, message: message))
    }
    func note(_ line: Int, _ message: String) {
      result.issues.append(XMLIssue(file: file, line: line, severity: .note, message: message))
    }
    if item.computesItsKey {
      note(item.line, "the item computes its key in templateProcessing, which the self-check does not evaluate")
      return result
    }
    guard let processingLine = item.processingLine else {
      fail(item.line, "the item has no response processing")
      return result
    }
    result.items += 1
    let allCorrect = item.correct
    for (index, r) in item.responses.enumerated() where allCorrect[index] == .null {
      fail(r.line, "the response '\(r.identifier)' has no usable correct response")
    }
    if let failure = item.processingFailure {
      fail(failure.line, failure.message)
      return result
    }
    let scoreSlot = item.outcomeIndex("SCORE")
    func score(_ responses: [QTIValue]) -> Double? { scoreSlot.flatMap { item.run(responses)[$0].number } }
    func outcome(_ name: String, _ responses: [QTIValue]) -> QTIValue? {
      item.outcomeIndex(name).map { item.run(responses)[$0] }
    }

    // The key scores full marks.
    let full = item.run(allCorrect)
    let maximum = item.outcomeIndex("MAXSCORE").flatMap { full[$0].number }
    guard let fullScore = scoreSlot.flatMap({ full[$0].number }) else {
      fail(processingLine, "the key leaves SCORE without a value")
      return result
    }
    if let maximum, !SelfCheck.isClose(fullScore, maximum) {
      fail(
        processingLine,
        "the key scores \(DecimalText.exact(fullScore)), not full marks (MAXSCORE \(DecimalText.exact(maximum)))")
    } else if maximum == nil, fullScore <= 0 {
      fail(processingLine, "the key scores \(DecimalText.exact(fullScore))")
    } else {
      result.proofs += 1
    }

    // Just outside the written interval does not, nor does a wrong choice.
    for (index, r) in item.responses.enumerated() {
      var others = allCorrect
      switch r.baseType {
      case "float", "integer":
        guard case .float(let key) = allCorrect[index] else { continue }
        guard
          let equal = item.equals.first(where: {
            $0.correctIdentifiers.contains(r.identifier) && $0.variableIdentifiers.contains(r.identifier)
          })
        else {
          note(
            r.line, "no 'equal' compares '\(r.identifier)' with its correct response; just-outside values not checked")
          continue
        }
        let mode = equal.mode
        let t0 = equal.t0
        let t1 = equal.t1
        if mode == "relative", key < 0 {
          fail(
            equal.line,
            "toleranceMode 'relative' on '\(r.identifier)': QTI's relative band x·(1 − t/100) … x·(1 + t/100) is empty for the negative key \(DecimalText.exact(key)); use 'absolute'"
          )
          continue
        }
        let lo = mode == "relative" ? key * (1 - t0 / 100) : key - t0
        let hi = mode == "relative" ? key * (1 + t1 / 100) : key + t1
        let delta = SelfCheck.justOutside(lo, hi)
        for outside in [lo - delta, hi + delta] {
          others[index] = .float(outside)
          if (score(others) ?? 0) < fullScore {
            result.proofs += 1
          } else {
            fail(
              equal.line,
              "'\(r.identifier)' = \(DecimalText.exact(outside)), just outside \(DecimalText.exact(lo)) … \(DecimalText.exact(hi)), still scores full marks"
            )
          }
        }
      case "identifier":
        guard case .identifier(let key) = allCorrect[index] else { continue }
        for option in item.choices[r.identifier] ?? [] where option != key {
          others[index] = .identifier(option)
          if (score(others) ?? 0) < fullScore {
            result.proofs += 1
          } else {
            fail(r.line, "the wrong choice '\(option)' for '\(r.identifier)' scores full marks")
          }
        }
      default:
        continue
      }
    }

    // Each misconception branch in the file sets its feedback, which a modal feedback shows.
    for trigger in item.triggers {
      var responses = allCorrect
      if let index = item.responseIndex(trigger.response) { responses[index] = trigger.value }
      if outcome(trigger.outcome, responses)?.contains(trigger.feedback) == true {
        result.proofs += 1
      } else {
        fail(
          trigger.line,
          "the response \(trigger.value) for '\(trigger.response)' does not set feedback '\(trigger.feedback)'")
      }
      if item.shows(trigger.feedback, whenHeldBy: trigger.outcome) {
        result.proofs += 1
      } else {
        fail(trigger.line, "no modal feedback shows '\(trigger.feedback)' when \(trigger.outcome) holds it")
      }
    }

    // The solution (the worked explanation) shows whenever a response is given: for the key and a wrong one.
    if item.shows(Explanation.solution, whenHeldBy: Explanation.solution) {
      var probes = [allCorrect]
      let first = item.responses.first.map { ($0.identifier, allCorrect[0]) }
      if let wrong = SelfCheck.solutionProbe(first, choices: item.choices),
        let index = item.responseIndex(wrong.identifier)
      {
        var responses = allCorrect
        responses[index] = wrong.value
        probes.append(responses)
      }
      for responses in probes {
        if outcome(Explanation.solution, responses)?.contains(Explanation.solution) == true {
          result.proofs += 1
        } else {
          let shown = zip(item.responses, responses).map { "\($0.identifier) = \($1)" }.joined(separator: ", ")
          fail(processingLine, "the solution feedback is not shown for the responses \(shown)")
        }
      }
    }
    if let variant {
      result.issues += modelIssues(item, variant: variant, feedbacks: feedbacks, fullScore: fullScore, file: file)
    }
    return result
  }

  /// The checks against the model: the file's key is the model's, the model's whole interval scores full
  /// marks, every misconception of the model fires its feedback, and the worked explanation is shown.
  private static func modelIssues(
    _ item: CompiledItem, variant: Variant, feedbacks: [QTI2Writer.Feedback]?,
    fullScore: Double, file: String
  ) -> [XMLIssue] {
    var issues: [XMLIssue] = []
    func fail(_ message: String) { issues.append(XMLIssue(file: file, line: item.line, message: message)) }
    let allCorrect = item.correct
    let scoreSlot = item.outcomeIndex("SCORE")
    if !Explanation.sections(variant).isEmpty, !item.shows(Explanation.solution, whenHeldBy: Explanation.solution) {
      fail("the worked explanation is not shown as modal feedback '\(Explanation.solution)'")
    }
    for answer in variant.answers {
      let identifier = QTI2Writer.responseIdentifier(answer)
      guard let index = item.responseIndex(identifier) else {
        fail("part '\(answer.id)' has no response declaration '\(identifier)'")
        continue
      }
      guard let n = answer.numeric else { continue }
      if !ModelCheck.isSame(allCorrect[index].number, n.interval.key) {
        fail(
          "part '\(answer.id)': the file's key \(allCorrect[index]) is not the model's \(DecimalText.exact(n.value))")
      }
      for bound in ModelCheck.insideBounds(n) {
        var responses = allCorrect
        responses[index] = .float(bound)
        let s = scoreSlot.flatMap { item.run(responses)[$0].number } ?? 0
        if !SelfCheck.isClose(s, fullScore) {
          fail(
            "part '\(answer.id)': \(DecimalText.exact(bound)), which the key accepts, scores \(DecimalText.exact(s)) of \(DecimalText.exact(fullScore))"
          )
        }
      }
    }
    let feedbackSlot = item.outcomeIndex("FEEDBACK")
    for feedback in feedbacks ?? QTI2Writer.feedbacks(variant) {
      var responses = allCorrect
      if let index = item.responseIndex(QTI2Writer.responseIdentifier(feedback.answer)) {
        switch feedback.trigger {
        case .value(let v): responses[index] = .float(v)
        case .option(let o): responses[index] = .identifier(PlainText.identifier(o))
        }
      }
      if feedbackSlot.map({ item.run(responses)[$0].contains(feedback.identifier) }) != true {
        fail("part '\(feedback.answer.id)': the misconception response does not fire feedback '\(feedback.identifier)'")
      }
    }
    return issues
  }
}
