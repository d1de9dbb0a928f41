import PhysicsCore
import QuizModel
import Yams

extension TemplateReader {
  // MARK: - Answers and misconceptions

  func answers(_ node: YAMLNode) throws(TemplateError) -> [AnswerSpec] {
    var result: [AnswerSpec] = []
    let items = try doc.sequence(node, what: "answers")
    guard !items.isEmpty else { throw doc.error("answers must list at least one answer", at: node) }
    if items.count > TemplateLimits.maximumAnswers {
      throw doc.error(
        "a template may ask at most \(TemplateLimits.maximumAnswers) answers; this one lists \(items.count)",
        at: items[TemplateLimits.maximumAnswers])
    }
    for item in items {
      let entries = try doc.mapping(item, what: "an answer", allowed: TemplateParser.answerKeys)
      func entry(_ key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }
      guard let idNode = entry("id") else { throw doc.error("an answer needs an 'id'", at: item) }
      let id = try doc.string(idNode, what: "answer id")
      guard isIdentifier(id) else {
        throw doc.error("answer id '\(id)' must be a word of letters, digits and '_'", at: idNode)
      }
      guard !result.contains(where: { $0.id == id }) else { throw doc.error("duplicate answer id '\(id)'", at: idNode) }
      let prompt =
        try entry("prompt").map { node throws(TemplateError) in try text(node, what: "prompt") }
        ?? textLiteral("")
      let explanation = try entry("explanation").map { node throws(TemplateError) in try text(node, what: "explanation")
      }

      let kind: AnswerSpec.Kind
      switch (entry("numeric"), entry("choice")) {
      case (let numeric?, nil):
        guard let unitNode = entry("unit") else { throw doc.error("numeric answer '\(id)' needs a 'unit'", at: idNode) }
        let sigfigs = try entry("sigfigs").map { node throws(TemplateError) in try doc.int(node, what: "sigfigs") } ?? 3
        guard (1...15).contains(sigfigs) else {
          throw doc.error("sigfigs must be between 1 and 15", at: entry("sigfigs"))
        }
        kind = .numeric(
          NumericSpec(
            value: try expression(numeric, what: "answer '\(id)'"),
            unit: try doc.string(unitNode, what: "unit"),
            tolerance: try entry("tolerance").map { node throws(TemplateError) in try tolerance(node) }
              ?? Tolerance(relative: 0.02),
            significantFigures: sigfigs))
      case (nil, let choice?):
        for key in ["unit", "tolerance", "sigfigs"] where entry(key) != nil {
          throw doc.error("'\(key)' belongs to numeric answers; answer '\(id)' is a choice", at: entry(key))
        }
        kind = .choice(try choiceSpec(choice, answer: id))
      case (nil, nil):
        throw doc.error("answer '\(id)' needs 'numeric: <expression>' or 'choice:'", at: idNode)
      case (_?, _?):
        throw doc.error("answer '\(id)' has both 'numeric' and 'choice'; give one", at: idNode)
      }
      result.append(
        AnswerSpec(id: id, prompt: prompt, kind: kind, explanation: explanation, location: location(idNode)))
    }
    return result
  }

  func tolerance(_ node: YAMLNode) throws(TemplateError) -> Tolerance {
    let entries = try doc.mapping(node, what: "tolerance", allowed: ["relative", "absolute"])
    var relative = 0.0
    var absolute = 0.0
    for (key, _, value) in entries {
      let x = try doc.double(value, what: "tolerance \(key)")
      guard x >= 0 else { throw doc.error("tolerance \(key) cannot be negative", at: value) }
      if key == "relative" { relative = x } else { absolute = x }
    }
    guard relative > 0 || absolute > 0 else {
      throw doc.error(
        "tolerance needs a positive relative or absolute part (exact equality fails on rounding)", at: node)
    }
    return Tolerance(relative: relative, absolute: absolute)
  }

  func choiceSpec(_ node: YAMLNode, answer: String) throws(TemplateError) -> ChoiceSpec {
    let entries = try doc.mapping(
      node, what: "choice of answer '\(answer)'", allowed: ["options", "correct", "shuffle"])
    func entry(_ key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }
    guard let optionsNode = entry("options") else {
      throw doc.error("choice answer '\(answer)' needs 'options'", at: node)
    }
    guard let correctNode = entry("correct") else {
      throw doc.error("choice answer '\(answer)' needs 'correct: <expression giving an option id>'", at: node)
    }
    var options: [ChoiceSpec.Option] = []
    for (id, keyNode, value) in try doc.mapping(optionsNode, what: "options") {
      if case .mapping = value {
        let o = try doc.mapping(value, what: "option '\(id)'", allowed: ["text", "feedback"])
        guard let textNode = o.first(where: { $0.key == "text" })?.value else {
          throw doc.error("option '\(id)' needs 'text'", at: keyNode)
        }
        let feedback = try o.first { $0.key == "feedback" }.map { e throws(TemplateError) in
          try text(e.value, what: "feedback")
        }
        options.append(.init(id: id, text: try text(textNode, what: "option text"), feedback: feedback))
      } else {
        options.append(.init(id: id, text: try text(value, what: "option text"), feedback: nil))
      }
    }
    guard options.count >= 2 else { throw doc.error("a choice needs at least two options", at: optionsNode) }
    let correct = try expression(correctNode, what: "correct option of '\(answer)'")
    if let literal = correct.stringLiteral, !options.contains(where: { $0.id == literal }) {
      throw doc.error(
        "correct option '\(literal)' is not one of the options (\(options.map(\.id).joined(separator: ", ")))",
        at: correctNode)
    }
    let shuffle =
      try entry("shuffle").map { node throws(TemplateError) in try doc.bool(node, what: "shuffle") } ?? false
    return ChoiceSpec(options: options, correct: correct, shuffle: shuffle)
  }

  func misconceptions(_ node: YAMLNode, answers: [AnswerSpec]) throws(TemplateError) -> [MisconceptionSpec] {
    var result: [MisconceptionSpec] = []
    for item in try doc.sequence(node, what: "misconceptions") {
      let entries = try doc.mapping(item, what: "a misconception", allowed: TemplateParser.misconceptionKeys)
      func entry(_ key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }
      guard let idNode = entry("id") else { throw doc.error("a misconception needs an 'id'", at: item) }
      let id = try doc.string(idNode, what: "misconception id")
      let answerID: String
      if let answerNode = entry("answer") {
        answerID = try doc.string(answerNode, what: "answer")
        guard answers.contains(where: { $0.id == answerID }) else {
          let hint = Suggestion.nearest(to: answerID, among: answers.map(\.id)).map { " (did you mean '\($0)'?)" } ?? ""
          throw doc.error(
            "misconception '\(id)' names answer '\(answerID)', which the template does not have\(hint)",
            at: answerNode, length: answerID.count)
        }
      } else if answers.count == 1 {
        answerID = answers[0].id
      } else {
        throw doc.error(
          "misconception '\(id)' must say which 'answer' it applies to (the template has several)", at: idNode)
      }
      // Compared with the answer it applies to, whether named or implied (a template with one answer).
      if let first = result.first(where: { $0.id == id && $0.answer == answerID }) {
        throw doc.error(
          "duplicate misconception '\(id)' for answer '\(answerID)' (first at line \(first.location.line))", at: idNode)
      }
      let target = answers.first { $0.id == answerID }!
      let outcome: MisconceptionSpec.Outcome
      switch (entry("value"), entry("option"), target.kind) {
      case (let value?, nil, .numeric):
        outcome = .value(try expression(value, what: "misconception '\(id)'"))
      case (nil, let option?, .choice(let choice)):
        let e = try expression(option, what: "misconception '\(id)'")
        if let literal = e.stringLiteral, !choice.options.contains(where: { $0.id == literal }) {
          throw doc.error("option '\(literal)' is not one of the options of '\(answerID)'", at: option)
        }
        outcome = .option(e)
      case (_?, nil, .choice):
        throw doc.error(
          "answer '\(answerID)' is a choice: misconception '\(id)' needs 'option:', not 'value:'", at: idNode)
      case (nil, _?, .numeric):
        throw doc.error(
          "answer '\(answerID)' is numeric: misconception '\(id)' needs 'value:', not 'option:'", at: idNode)
      default:
        throw doc.error(
          "misconception '\(id)' needs one of 'value:' (numeric answer) or 'option:' (choice answer)", at: idNode)
      }
      guard let feedbackNode = entry("feedback") else {
        throw doc.error("misconception '\(id)' needs 'feedback'", at: idNode)
      }
      let label = try entry("label").map { node throws(TemplateError) in try doc.string(node, what: "label") } ?? id
      let condition = try entry("when").map { node throws(TemplateError) in
        try expression(node, what: "the 'when' of misconception '\(id)'")
      }
      result.append(
        MisconceptionSpec(
          id: id, label: label, answer: answerID, outcome: outcome,
          feedback: try text(feedbackNode, what: "feedback"), condition: condition,
          location: location(idNode)))
    }
    return result
  }
}
