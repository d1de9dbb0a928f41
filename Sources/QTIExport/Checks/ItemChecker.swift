import CLibXML2
import Foundation
import QuizModel

/// The self-checks of one exported QTI 2.1 / 3.0 item file, done fast: the file is re-read with libxml2 (one
/// reusable parser context per thread, network and entities off as in ``XMLReader``), compiled straight from
/// the libxml2 tree (``CompiledItem``), and every check of ``SelfCheck/checkQTI(_:file:into:)`` and
/// ``ModelCheck/checkQTI(_:variant:file:)`` is evaluated on the compiled item, sharing the full-marks run.
///
/// It only confirms: when any check would fail, or the file holds anything outside the exported subset,
/// ``check(_:variant:)`` returns nil and the caller runs the generic checks, which say what is wrong.
/// Not thread-safe: one checker per thread.
final class ItemChecker {
  private let context: xmlParserCtxtPtr
  private var names = QTINameCache()

  init() {
    _ = libxml2Initialized
    guard let context = xmlNewParserCtxt() else { preconditionFailure("libxml2 could not allocate a parser context") }
    self.context = context
  }

  deinit { xmlFreeParserCtxt(context) }

  /// The number of proofs that passed, or nil when the generic checks must decide. `feedbacks` are the
  /// variant's ``QTI2Writer/feedbacks(_:)``, if already worked out.
  func check(_ data: Data, variant: Variant, feedbacks: [QTI2Writer.Feedback]? = nil) -> Int? {
    let collector = IssueCollector(file: "")
    return collector.collecting { () -> Int? in
      // Never NOENT, DTDLOAD, DTDATTR, DTDVALID or HUGE. Whitespace between elements is dropped (NOBLANKS) and
      // short text kept inside its node (COMPACT): the compiled checks read trimmed text only.
      let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_COMPACT.rawValue)
      let doc = data.withUnsafeBytes { raw -> xmlDocPtr? in
        guard let base = raw.baseAddress else { return nil }
        return xmlCtxtReadMemory(context, base.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, nil, options)
      }
      guard let doc else { return nil }
      defer { xmlFreeDoc(doc) }
      names.use(context.pointee.dict)
      guard !collector.issues.contains(where: { $0.severity == .error }), let root = xmlDocGetRootElement(doc),
            let item = CompiledItem(root: root, names: &names)
      else { return nil }
      return try? ItemChecker.proofs(item, variant: variant, feedbacks: feedbacks ?? QTI2Writer.feedbacks(variant))
    }
  }

  /// Runs every check; returns the proofs, or throws when one fails.
  static func proofs(_ item: CompiledItem, variant: Variant, feedbacks: [QTI2Writer.Feedback]) throws(CompiledItem.Unsupported)
    -> Int {
    let failed = CompiledItem.Unsupported()
    guard let scoreSlot = item.outcomeIndex("SCORE") else { throw failed }
    let maximumSlot = item.outcomeIndex("MAXSCORE")
    let allCorrect = item.correct
    if allCorrect.contains(.null) { throw failed }
    var proofs = 0

    // SelfCheck: the key scores full marks.
    let full = try item.run(allCorrect)
    guard let score = full[scoreSlot].number else { throw failed }
    if let slot = maximumSlot, let maximum = full[slot].number {
      guard SelfCheck.isClose(score, maximum) else { throw failed }
    } else if score <= 0 {
      throw failed
    }
    proofs += 1

    // SelfCheck: just outside the written interval does not, nor does a wrong choice.
    for (index, identifier) in item.responseIdentifiers.enumerated() {
      var others = allCorrect
      switch item.responseTypes[index] {
      case .float:
        guard case let .float(key) = allCorrect[index] else { continue }
        guard let equal = item.equals.first(where: {
          $0.correctIdentifiers.contains(identifier) && $0.variableIdentifiers.contains(identifier)
        }) else { continue }  // a note, not an error, in the generic check
        let mode = equal.mode
        let parts = equal.tolerance.split(separator: " ").compactMap { Double($0) }
        let t0 = mode == "exact" ? 0 : (parts.first ?? 0)
        let t1 = mode == "exact" ? 0 : (parts.count > 1 ? parts[1] : t0)
        if mode == "relative", key < 0 { throw failed }
        let lo = mode == "relative" ? key * (1 - t0 / 100) : key - t0
        let hi = mode == "relative" ? key * (1 + t1 / 100) : key + t1
        let delta = SelfCheck.justOutside(lo, hi)
        for outside in [lo - delta, hi + delta] {
          others[index] = .float(outside)
          let s = try item.run(others)[scoreSlot].number ?? 0
          guard s < score else { throw failed }
          proofs += 1
        }
      case .identifier:
        guard case let .identifier(key) = allCorrect[index] else { continue }
        for option in item.choices[identifier] ?? [] where option != key {
          others[index] = .identifier(option)
          let s = try item.run(others)[scoreSlot].number ?? 0
          guard s < score else { throw failed }
          proofs += 1
        }
      default:
        continue
      }
    }

    // SelfCheck: each misconception branch in the file sets its feedback, which a modal feedback shows.
    for trigger in item.triggers {
      guard let slot = item.outcomeIndex(trigger.outcome) else { throw failed }
      var responses = allCorrect
      responses[trigger.response] = trigger.value
      guard try item.run(responses)[slot].contains(trigger.feedback) else { throw failed }
      proofs += 1
      guard item.shownFeedback.contains(where: { $0.outcome == trigger.outcome && $0.identifier == trigger.feedback })
      else { throw failed }
      proofs += 1
    }

    // SelfCheck: the solution (the worked explanation) shows whenever a response is given.
    if let slot = item.outcomeIndex(Explanation.solution),
       item.shownFeedback.contains(where: { $0.outcome == Explanation.solution && $0.identifier == Explanation.solution }) {
      var probes = [allCorrect]
      let first = item.responseIdentifiers.first.map { ($0, allCorrect[0]) }
      if let wrong = SelfCheck.solutionProbe(first, choices: item.choices), let index = item.responseIndex(wrong.identifier) {
        var responses = allCorrect
        responses[index] = wrong.value
        probes.append(responses)
      }
      for responses in probes {
        guard try item.run(responses)[slot].contains(Explanation.solution) else { throw failed }
        proofs += 1
      }
    } else if !Explanation.sections(variant).isEmpty {
      throw failed
    }

    // ModelCheck: the file's key is the model's, the model's whole interval scores full marks, and every
    // misconception of the model fires its feedback.
    for answer in variant.answers {
      guard let index = item.responseIndex(QTI2Writer.responseIdentifier(answer)) else { throw failed }
      guard let n = answer.numeric else { continue }
      guard ModelCheck.isSame(allCorrect[index].number, n.value) else { throw failed }
      for bound in ModelCheck.insideBounds(n) {
        var responses = allCorrect
        responses[index] = .float(bound)
        let s = try item.run(responses)[scoreSlot].number ?? 0
        guard SelfCheck.isClose(s, score) else { throw failed }
      }
    }
    if !feedbacks.isEmpty {
      guard let feedbackSlot = item.outcomeIndex("FEEDBACK") else { throw failed }
      for feedback in feedbacks {
        guard let index = item.responseIndex(QTI2Writer.responseIdentifier(feedback.answer)) else { throw failed }
        var responses = allCorrect
        switch feedback.trigger {
        case let .value(v): responses[index] = .float(v)
        case let .option(o): responses[index] = .identifier(PlainText.identifier(o))
        }
        guard try item.run(responses)[feedbackSlot].contains(feedback.identifier) else { throw failed }
      }
    }
    return proofs
  }
}
