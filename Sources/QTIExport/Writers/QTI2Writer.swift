import Foundation
import QuizModel

/// Writes QTI 2.1 or QTI 3.0: one item per variant (all parts in one item), one test with a section per template
/// that selects one variant, and the content-package manifest.
struct QTI2Writer {
  let quiz: Quiz
  let dialect: QTIDialect

  /// A feedback a response can trigger: which part, the value or option that triggers it, and the text.
  struct Feedback {
    var identifier: String
    var answer: Answer
    /// The numeric value (numeric parts) or option identifier (choice parts) that triggers it.
    var trigger: Trigger
    var text: String
  }

  enum Trigger {
    case value(Double)
    case option(String)
  }

  /// The response identifier of a part.
  static func responseIdentifier(_ answer: Answer) -> String { PlainText.identifier("RESPONSE_\(answer.id)") }

  /// The path of a variant's item file inside the package.
  static func itemPath(_ variant: Variant) -> String { "items/\(PlainText.identifier(variant.id)).xml" }

  static let testPath = "assessment-test.xml"

  /// The delivery map: every part of every variant with the item and response identifiers as written.
  func deliveries() -> [Delivery] {
    quiz.items.flatMap { QTI2Writer.deliveries($0.variants[...], format: dialect.format) }
  }

  /// The delivery records of `variants` in `format`: a slice of ``deliveries()``.
  static func deliveries(_ variants: ArraySlice<Variant>, format: QTIFormat) -> [Delivery] {
    variants.flatMap { variant in
      variant.answers.map { answer in
        Delivery(
          format: format.rawValue, variant: variant.id, part: answer.id, points: answer.points,
          item: PlainText.identifier(variant.id), response: QTI2Writer.responseIdentifier(answer))
      }
    }
  }

  /// The feedbacks of a variant, in part order: misconception values outside the key's interval (those inside
  /// could never be reached), and distractor feedback.
  static func feedbacks(_ variant: Variant) -> [Feedback] {
    var result: [Feedback] = []
    var used: Set<String> = []
    func add(_ answer: Answer, _ name: String, _ trigger: Trigger, _ text: String) {
      var identifier = PlainText.identifier("FB_\(answer.id)_\(name)")
      while used.contains(identifier) { identifier += "_" }
      used.insert(identifier)
      result.append(Feedback(identifier: identifier, answer: answer, trigger: trigger, text: text))
    }
    for answer in variant.answers {
      switch answer.kind {
      case .numeric(let n):
        for m in n.misconceptions {
          guard let value = m.value, value.isFinite, !n.accepts(value) else { continue }
          add(answer, m.id, .value(value), m.feedback)
        }
      case .choice(let c):
        for option in c.options where option.id != c.correct {
          let text = option.feedback ?? c.misconceptions.first { $0.option == option.id }?.feedback
          guard let text else { continue }
          add(answer, option.misconception ?? option.id, .option(option.id), text)
        }
      }
    }
    return result
  }

  /// One variant as an `assessmentItem`.
  func item(_ variant: Variant, of quizItem: QuizItem) -> Data {
    item(variant, of: quizItem, feedbacks: QTI2Writer.feedbacks(variant))
  }

  /// One variant as an `assessmentItem`, with its ``feedbacks(_:)`` already worked out, written with `writer`
  /// (finished, then restarted) when one is given.
  func item(_ variant: Variant, of quizItem: QuizItem, feedbacks: [Feedback], using writer: XMLWriter? = nil) -> Data {
    writer?.restart()
    let w = DialectWriter(w: writer ?? XMLWriter(), dialect: dialect)
    var rootAttributes: [(String, String)] = [
      ("xmlns", dialect.namespace),
      ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
      ("xsi:schemaLocation", dialect.schemaLocation),
      ("identifier", PlainText.identifier(variant.id)),
      ("title", quizItem.title),
      ("adaptive", "false"),
      ("timeDependent", "false"),
    ]
    if dialect.format == .qti30 { rootAttributes.append(("xml:lang", "en")) }
    w.element("assessmentItem", rootAttributes) {
      for answer in variant.answers {
        let identifier = QTI2Writer.responseIdentifier(answer)
        switch answer.kind {
        case .numeric(let n):
          w.element(
            "responseDeclaration", [("identifier", identifier), ("cardinality", "single"), ("baseType", "float")]
          ) {
            w.element("correctResponse") { w.element("value", text: n.interval.keyText) }
          }
        case .choice(let c):
          w.element(
            "responseDeclaration", [("identifier", identifier), ("cardinality", "single"), ("baseType", "identifier")]
          ) {
            w.element("correctResponse") { w.element("value", text: PlainText.identifier(c.correct)) }
          }
        }
      }
      outcome(w, "SCORE", "float", "0")
      outcome(w, "MAXSCORE", "float", quizItem.points.description)
      if !feedbacks.isEmpty {
        w.element(
          "outcomeDeclaration", [("identifier", "FEEDBACK"), ("cardinality", "multiple"), ("baseType", "identifier")])
      }
      let explanation = Explanation.sections(variant)
      if !explanation.isEmpty {
        w.element(
          "outcomeDeclaration",
          [("identifier", Explanation.solution), ("cardinality", "single"), ("baseType", "identifier")])
      }
      w.element("itemBody") {
        w.element("div") {
          for paragraph in PlainText.paragraphs(variant.stem) { w.element("p", text: paragraph) }
        }
        for answer in variant.answers { interaction(w, answer) }
      }
      w.element("responseProcessing") {
        // The worked explanation: shown whenever a response is given.
        if !explanation.isEmpty {
          w.start("responseCondition")
          w.start("responseIf")
          w.start("or")
          for answer in variant.answers {
            w.start("not")
            w.start("isNull")
            w.empty("variable", "identifier", QTI2Writer.responseIdentifier(answer))
            w.end()
            w.end()
          }
          w.end()  // or
          w.start("setOutcomeValue")
          w.attribute("identifier", Explanation.solution)
          w.textElement("baseValue", "baseType", "identifier", text: Explanation.solution)
          w.end()
          w.end()  // responseIf
          w.end()  // responseCondition
        }
        for answer in variant.answers { scoring(w, answer, weight: answer.points.description, feedbacks: feedbacks) }
      }
      for feedback in feedbacks {
        w.element(
          "modalFeedback",
          [
            ("outcomeIdentifier", "FEEDBACK"), ("identifier", feedback.identifier), ("showHide", "show"),
          ]
        ) {
          let paragraphs = { for paragraph in PlainText.paragraphs(feedback.text) { w.element("p", text: paragraph) } }
          // QTI 3.0 wraps feedback content in qti-content-body; QTI 2.1 has no such element.
          if dialect.format == .qti30 { w.element("contentBody", [], paragraphs) } else { paragraphs() }
        }
      }
      if !explanation.isEmpty {
        w.element(
          "modalFeedback",
          [
            ("outcomeIdentifier", Explanation.solution), ("identifier", Explanation.solution), ("showHide", "show"),
          ]
        ) {
          let paragraphs = {
            for section in explanation {
              if let prompt = section.prompt { w.element("p") { w.element("strong", text: prompt) } }
              for paragraph in PlainText.paragraphs(section.text) { w.element("p", text: paragraph) }
            }
          }
          if dialect.format == .qti30 { w.element("contentBody", [], paragraphs) } else { paragraphs() }
        }
      }
    }
    return w.w.finish()
  }

  private func outcome(_ w: DialectWriter, _ identifier: String, _ baseType: String, _ value: String) {
    w.start("outcomeDeclaration")
    w.attribute("identifier", identifier)
    w.attribute("cardinality", "single")
    w.attribute("baseType", baseType)
    w.start("defaultValue")
    w.element("value", text: value)
    w.end()
    w.end()
  }

  private func interaction(_ w: DialectWriter, _ answer: Answer) {
    let identifier = QTI2Writer.responseIdentifier(answer)
    switch answer.kind {
    case .numeric(let n):
      w.inlineElement("p") {
        if !answer.prompt.isEmpty { w.text(answer.prompt + " ") }
        w.element("textEntryInteraction", [("responseIdentifier", identifier), ("expectedLength", "12")])
        if !n.unit.isEmpty { w.text(" " + n.unit) }
      }
    case .choice(let c):
      w.element("choiceInteraction", [("responseIdentifier", identifier), ("shuffle", "false"), ("maxChoices", "1")]) {
        if !answer.prompt.isEmpty { w.element("prompt", text: answer.prompt) }
        for option in c.options {
          w.element("simpleChoice", [("identifier", PlainText.identifier(option.id))], text: option.text)
        }
      }
    }
  }

  /// The scoring of one part, written element by element: this runs for every part of every item, so no
  /// attribute arrays or closures per element.
  private func scoring(_ w: DialectWriter, _ answer: Answer, weight: String, feedbacks: [Feedback]) {
    let identifier = QTI2Writer.responseIdentifier(answer)
    w.start("responseCondition")
    w.start("responseIf")
    switch answer.kind {
    case .numeric(let n):
      let t = n.interval.halfWidthText
      w.start("equal")
      w.attribute("toleranceMode", "absolute")
      w.attribute("tolerance", t + " " + t)
      w.empty("correct", "identifier", identifier)
      w.empty("variable", "identifier", identifier)
      w.end()
    case .choice:
      w.start("match")
      w.empty("variable", "identifier", identifier)
      w.empty("correct", "identifier", identifier)
      w.end()
    }
    w.start("setOutcomeValue")
    w.attribute("identifier", "SCORE")
    w.start("sum")
    w.empty("variable", "identifier", "SCORE")
    w.textElement("baseValue", "baseType", "float", text: weight)
    w.end()
    w.end()
    w.end()  // responseIf
    // Each misconception gets its own condition inside the else branch, so values whose bands overlap
    // (two mistakes giving nearly the same number) each show their feedback.
    var opened = false
    for feedback in feedbacks where feedback.answer.id == answer.id {
      if !opened {
        w.start("responseElse")
        opened = true
      }
      w.start("responseCondition")
      w.start("responseIf")
      switch (feedback.trigger, answer.kind) {
      case (.value(let v), .numeric(let n)):
        let band = n.interval(ofMisconceptionAt: v)
        let t = band.halfWidthText
        w.start("equal")
        w.attribute("toleranceMode", "absolute")
        w.attribute("tolerance", t + " " + t)
        w.textElement("baseValue", "baseType", "float", text: band.keyText)
        w.empty("variable", "identifier", identifier)
        w.end()
      case (.option(let option), _):
        w.start("match")
        w.empty("variable", "identifier", identifier)
        w.textElement("baseValue", "baseType", "identifier", text: PlainText.identifier(option))
        w.end()
      default:
        preconditionFailure("A numeric feedback on a choice answer")
      }
      w.start("setOutcomeValue")
      w.attribute("identifier", "FEEDBACK")
      w.start("multiple")
      w.empty("variable", "identifier", "FEEDBACK")
      w.textElement("baseValue", "baseType", "identifier", text: feedback.identifier)
      w.end()
      w.end()
      w.end()  // responseIf
      w.end()  // responseCondition
    }
    if opened { w.end() }  // responseElse
    w.end()  // responseCondition
  }

  /// The test: one section per template, selecting one of its variants.
  func test() -> Data {
    let w = DialectWriter(w: XMLWriter(), dialect: dialect)
    let rootAttributes: [(String, String)] = [
      ("xmlns", dialect.namespace),
      ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
      ("xsi:schemaLocation", dialect.schemaLocation),
      ("identifier", "nernstquiz_\(quiz.seed)"),
      ("title", quiz.title),
    ]
    w.element("assessmentTest", rootAttributes) {
      w.element(
        "testPart", [("identifier", "part_1"), ("navigationMode", "nonlinear"), ("submissionMode", "simultaneous")]
      ) {
        for item in quiz.items where !item.variants.isEmpty {
          w.element(
            "assessmentSection",
            [
              ("identifier", PlainText.identifier("section_\(item.template)")), ("title", item.title),
              ("visible", "true"),
            ]
          ) {
            w.element("selection", [("select", "1")])
            for variant in item.variants {
              w.element(
                "assessmentItemRef",
                [
                  ("identifier", PlainText.identifier(variant.id)), ("href", QTI2Writer.itemPath(variant)),
                ])
            }
          }
        }
      }
    }
    return w.w.finish()
  }

  /// The manifest listing the test and every item.
  func manifest() -> Data {
    let w = XMLWriter()
    w.element(
      "manifest",
      [
        ("xmlns", dialect.manifestNamespace),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ("xsi:schemaLocation", dialect.manifestSchemaLocation),
        ("identifier", "MANIFEST-nernstquiz-\(quiz.seed)"),
      ]
    ) {
      w.element("metadata") {
        w.element("schema", text: dialect.manifestSchema.name)
        w.element("schemaversion", text: dialect.manifestSchema.version)
      }
      w.element("organizations")
      w.element("resources") {
        w.element(
          "resource",
          [
            ("identifier", "test_nernstquiz_\(quiz.seed)"), ("type", dialect.testResourceType),
            ("href", QTI2Writer.testPath),
          ]
        ) {
          w.element("file", [("href", QTI2Writer.testPath)])
          for variant in quiz.variants {
            w.element("dependency", [("identifierref", "res_" + PlainText.identifier(variant.id))])
          }
        }
        for variant in quiz.variants {
          w.element(
            "resource",
            [
              ("identifier", "res_" + PlainText.identifier(variant.id)), ("type", dialect.itemResourceType),
              ("href", QTI2Writer.itemPath(variant)),
            ]
          ) {
            w.element("file", [("href", QTI2Writer.itemPath(variant))])
          }
        }
      }
    }
    return w.finish()
  }
}
