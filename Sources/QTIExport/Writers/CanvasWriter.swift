import Foundation
import QuizModel

/// Writes a quiz as Canvas classic-quiz QTI 1.2: one assessment whose root section holds one question group per
/// template part (pick 1 of the variants), numeric parts as `numerical_question`, choice parts as
/// `multiple_choice_question`.
struct CanvasWriter {
  static let namespace = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
  static let schemaLocation = namespace + " http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"

  /// The smallest non-zero key magnitude Canvas keeps (it stores numeric answers to 4 decimal places).
  static let smallestKey = 1e-4

  let quiz: Quiz

  /// The assessment's identifier.
  var assessmentIdent: String { "nernstquiz_" + String(quiz.seed) }

  /// The path of the assessment file inside the package.
  var assessmentPath: String { "\(assessmentIdent)/\(assessmentIdent).xml" }

  /// The keys Canvas cannot hold, as errors naming template, variant and part.
  func problems() -> [ExportProblem] {
    var problems: [ExportProblem] = []
    for item in quiz.items {
      for variant in item.variants {
        for answer in variant.answers {
          guard let numeric = answer.numeric else { continue }
          let magnitude = abs(numeric.value)
          if magnitude > 0, magnitude < CanvasWriter.smallestKey {
            problems.append(
              ExportProblem(
                format: .canvas, template: item.template, variant: variant.id, answer: answer.id,
                message: "the key \(DecimalText.exact(numeric.value)) \(numeric.unit) is below 10⁻⁴ in magnitude, "
                  + "and Canvas keeps numeric answers to 4 decimal places; ask for this answer in a smaller unit "
                  + "so the key is at least 0.0001"))
          }
          if !numeric.value.isFinite {
            problems.append(
              ExportProblem(
                format: .canvas, template: item.template, variant: variant.id, answer: answer.id,
                message: "the key '\(numeric.value)' is not a finite number"))
          }
        }
      }
    }
    return problems
  }

  /// The title of the question group of part `part` (from 0) of `item`: the item's title, with `(2/3)` after
  /// it when the template has several parts.
  static func groupTitle(_ item: QuizItem, part: Int) -> String {
    let parts = item.variants.first?.answers.count ?? 1
    return parts == 1 ? item.title : "\(item.title) (\(part + 1)/\(parts))"
  }

  /// The question identifier of a part: `<variant>_<answer>`, as an XML name.
  static func questionIdent(_ variant: Variant, _ answer: Answer) -> String {
    PlainText.identifier("\(variant.id)_\(answer.id)")
  }

  /// The delivery map: every question of the assessment with its group, identifier and question text as
  /// written, in the order of the file.
  func deliveries() -> [Delivery] {
    let html = XMLWriter(indent: false, declaration: false)
    var result: [Delivery] = []
    for item in quiz.items {
      for partIndex in item.variants.first?.answers.indices ?? 0..<0 {
        result += CanvasWriter.deliveries(item, part: partIndex, variants: item.variants.indices, using: html)
      }
    }
    return result
  }

  /// The delivery records of part `part` (from 0) of `item`'s `variants`, their HTML written with `html` (as in
  /// ``html(_:using:)``): a slice of ``deliveries()``.
  static func deliveries(_ item: QuizItem, part: Int, variants: Range<Int>, using html: XMLWriter) -> [Delivery] {
    let group = CanvasWriter.groupTitle(item, part: part)
    var result: [Delivery] = []
    for variant in item.variants[variants] where part < variant.answers.count {
      let answer = variant.answers[part]
      result.append(
        Delivery(
          format: QTIFormat.canvas.rawValue, variant: variant.id, part: answer.id, points: answer.points,
          group: group, item: CanvasWriter.questionIdent(variant, answer),
          questionText: CanvasWriter.html(variant.questionText(for: answer), using: html)))
    }
    return result
  }

  /// Writes one question; `counter` is the last answer id used before it (Canvas's answer ids run through the
  /// whole assessment).
  func writeItem(
    _ w: XMLWriter, variant: Variant, answer: Answer, title: String, points: Points,
    counter: inout Int
  ) {
    let ident = CanvasWriter.questionIdent(variant, answer)
    let questionText = variant.questionText(for: answer)
    switch answer.kind {
    case .numeric(let numeric):
      counter += 1
      let answerID = String(counter)
      let interval = numeric.interval
      w.element("item", [("ident", ident), ("title", title)]) {
        itemMetadata(w, type: "numerical_question", points: points, answerIDs: [answerID])
        w.element("presentation") {
          w.element("material") { CanvasWriter.htmlMattext(questionText, in: w) }
          w.element("response_str", [("ident", "response1"), ("rcardinality", "Single")]) {
            w.element("render_fib", [("fibtype", "Decimal")]) {
              w.element("response_label", [("ident", answerID)])
            }
          }
        }
        w.element("resprocessing") {
          w.element("outcomes") {
            w.element("decvar", [("maxvalue", "100"), ("minvalue", "0"), ("varname", "SCORE"), ("vartype", "Decimal")])
          }
          generalFeedbackCondition(w, answer)
          w.element("respcondition", [("continue", "No")]) {
            w.element("conditionvar") {
              w.element("or") {
                w.element(
                  "varequal",
                  [
                    ("respident", "response1"), ("margintype", "absolute"), ("margin", interval.halfWidthText),
                  ], text: interval.keyText)
                w.element("and") {
                  w.element("vargte", [("respident", "response1")], text: interval.lowerText)
                  w.element("varlte", [("respident", "response1")], text: interval.upperText)
                }
              }
            }
            w.element("setvar", [("action", "Set"), ("varname", "SCORE")], text: "100")
          }
        }
        generalFeedback(w, answer)
      }
    case .choice(let choice):
      var ids: [String: String] = [:]
      for option in choice.options {
        counter += 1
        ids[option.id] = String(counter)
      }
      let feedbackOptions = choice.options.filter { $0.id != choice.correct && feedback(for: $0, in: choice) != nil }
      w.element("item", [("ident", ident), ("title", title)]) {
        itemMetadata(
          w, type: "multiple_choice_question", points: points,
          answerIDs: choice.options.map { ids[$0.id]! })
        w.element("presentation") {
          w.element("material") { CanvasWriter.htmlMattext(questionText, in: w) }
          w.element("response_lid", [("ident", "response1"), ("rcardinality", "Single")]) {
            w.element("render_choice") {
              for option in choice.options {
                w.element("response_label", [("ident", ids[option.id]!)]) {
                  w.element("material") { w.element("mattext", [("texttype", "text/plain")], text: option.text) }
                }
              }
            }
          }
        }
        w.element("resprocessing") {
          w.element("outcomes") {
            w.element("decvar", [("maxvalue", "100"), ("minvalue", "0"), ("varname", "SCORE"), ("vartype", "Decimal")])
          }
          generalFeedbackCondition(w, answer)
          for option in feedbackOptions {
            w.element("respcondition", [("continue", "Yes")]) {
              w.element("conditionvar") { w.element("varequal", [("respident", "response1")], text: ids[option.id]!) }
              w.element("displayfeedback", [("feedbacktype", "Response"), ("linkrefid", "\(ids[option.id]!)_fb")])
            }
          }
          w.element("respcondition", [("continue", "No")]) {
            w.element("conditionvar") {
              w.element("varequal", [("respident", "response1")], text: ids[choice.correct]!)
            }
            w.element("setvar", [("action", "Set"), ("varname", "SCORE")], text: "100")
          }
        }
        generalFeedback(w, answer)
        for option in feedbackOptions {
          w.element("itemfeedback", [("ident", "\(ids[option.id]!)_fb")]) {
            w.element("flow_mat") {
              w.element("material") { CanvasWriter.htmlMattext(feedback(for: option, in: choice)!, in: w) }
            }
          }
        }
      }
    }
  }

  /// The condition that shows the part's worked explanation whatever the answer (`other`, continuing), first
  /// in the processing so it is never skipped.
  private func generalFeedbackCondition(_ w: XMLWriter, _ answer: Answer) {
    guard answer.explanation != nil else { return }
    w.element("respcondition", [("continue", "Yes")]) {
      w.element("conditionvar") { w.element("other") }
      w.element("displayfeedback", [("feedbacktype", "Response"), ("linkrefid", Explanation.canvasGeneral)])
    }
  }

  /// The part's worked explanation as Canvas's general feedback.
  private func generalFeedback(_ w: XMLWriter, _ answer: Answer) {
    guard let explanation = answer.explanation else { return }
    w.element("itemfeedback", [("ident", Explanation.canvasGeneral)]) {
      w.element("flow_mat") {
        w.element("material") { CanvasWriter.htmlMattext(explanation, in: w) }
      }
    }
  }

  /// A distractor's feedback: its own, or that of the misconception leading to it.
  func feedback(for option: ChoiceOption, in choice: ChoiceAnswer) -> String? {
    if let text = option.feedback { return text }
    return choice.misconceptions.first { $0.option == option.id }?.feedback
  }

  private func itemMetadata(_ w: XMLWriter, type: String, points: Points, answerIDs: [String]) {
    w.element("itemmetadata") {
      w.element("qtimetadata") {
        metadataField(w, "question_type", type)
        metadataField(w, "points_possible", points.description)
        metadataField(w, "original_answer_ids", answerIDs.joined(separator: ","))
      }
    }
  }

  func metadataField(_ w: XMLWriter, _ label: String, _ entry: String) {
    w.element("qtimetadatafield") {
      w.element("fieldlabel", text: label)
      w.element("fieldentry", text: entry)
    }
  }

  /// Plain text as the HTML Canvas shows: `<div><p>…</p>…</div>`, one paragraph per blank-line-separated
  /// block, escaped by libxml2.
  static func html(_ text: String) -> String { html(text, using: XMLWriter(indent: false, declaration: false)) }

  /// ``html(_:)`` written with `w`, a writer without indentation and declaration (its last document finished, or
  /// none begun), reused from call to call.
  static func html(_ text: String, using w: XMLWriter) -> String {
    writeHTML(text, with: w)
    return w.finishString()
  }

  /// `<mattext texttype="text/html">` holding ``html(_:)`` of `text`, written with `w`: the HTML is written with
  /// `w`'s ``XMLWriter/htmlWriter`` and handed over as bytes, never as a string.
  static func htmlMattext(_ text: String, in w: XMLWriter) {
    let h = w.htmlWriter
    writeHTML(text, with: h)
    w.element("mattext", [("texttype", "text/html")]) { w.text(finishing: h) }
  }

  /// The `div` of ``html(_:)`` written with `w` (a writer without indentation and declaration), not finished.
  private static func writeHTML(_ text: String, with w: XMLWriter) {
    w.startIfFinished()
    w.element("div") {
      for paragraph in PlainText.paragraphs(text) { w.element("p", text: paragraph) }
    }
  }
}
