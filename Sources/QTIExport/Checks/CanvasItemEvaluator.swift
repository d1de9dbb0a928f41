import Foundation

/// A Canvas QTI 1.2 item read back from its file, with an evaluator of the `resprocessing` Canvas reads:
/// `respcondition` in order (stopping after a match unless `continue="Yes"`), `conditionvar` with `varequal`,
/// `vargte`, `varlte`, `vargt`, `varlt`, `and`, `or`, `not`, `other`, and `setvar` (`Set`, `Add`) on SCORE.
struct CanvasItemModel {
  var item: XMLNode
  var questionType: String
  /// The identifiers of the response labels (choice answers).
  var labels: [String]
  /// The item's feedback identifiers.
  var feedbackIdents: Set<String>

  init(item: XMLNode) {
    self.item = item
    questionType =
      item.descendants("qtimetadatafield").first { $0.child("fieldlabel")?.textContent == "question_type" }?
      .child("fieldentry")?.textContent ?? ""
    labels = item.child("presentation")?.descendants("response_label").compactMap { $0[attribute: "ident"] } ?? []
    feedbackIdents = Set(item.children("itemfeedback").compactMap { $0[attribute: "ident"] })
  }

  var isNumeric: Bool { questionType == "numerical_question" }

  /// The conditions in order.
  var conditions: [XMLNode] { item.child("resprocessing")?.children("respcondition") ?? [] }

  /// The condition that gives full marks (sets SCORE to 100).
  var fullMarksCondition: XMLNode? {
    conditions.first { c in
      c.children("setvar").contains { $0[attribute: "varname"] == "SCORE" && Double($0.trimmedText) == 100 }
    }
  }

  /// Score and displayed feedback for one response (nil: no answer).
  func run(_ response: String?) throws(EvaluationFailure) -> (score: Double, feedback: [String]) {
    var score = 0.0
    var feedback: [String] = []
    for condition in conditions {
      guard let conditionvar = condition.child("conditionvar") else {
        throw EvaluationFailure(line: condition.line, message: "'respcondition' has no 'conditionvar'")
      }
      var matched = true
      for test in conditionvar.elements where try !evaluate(test, response) { matched = false }
      guard matched else { continue }
      for action in condition.elements {
        switch action.name {
        case "setvar":
          guard action[attribute: "varname"] == "SCORE" else { continue }
          guard let amount = Double(action.trimmedText) else {
            throw EvaluationFailure(
              line: action.line, message: "'setvar' has the non-numeric value '\(action.textContent)'")
          }
          switch action[attribute: "action"] ?? "Set" {
          case "Set": score = amount
          case "Add": score += amount
          case "Subtract": score -= amount
          default:
            throw EvaluationFailure(
              line: action.line, message: "'setvar' action '\(action[attribute: "action"] ?? "")' is not evaluated")
          }
        case "displayfeedback":
          if let link = action[attribute: "linkrefid"] { feedback.append(link) }
        default:
          continue
        }
      }
      if condition[attribute: "continue"] != "Yes" { break }
    }
    return (score, feedback)
  }

  private func evaluate(_ test: XMLNode, _ response: String?) throws(EvaluationFailure) -> Bool {
    let text = test.trimmedText
    switch test.name {
    case "other": return true
    case "and":
      for t in test.elements where try !evaluate(t, response) { return false }
      return true
    case "or":
      for t in test.elements where try evaluate(t, response) { return true }
      return false
    case "not":
      guard let inner = test.elements.first else { return true }
      return try !evaluate(inner, response)
    case "varequal":
      guard let response else { return false }
      if isNumeric, let a = Double(response), let b = Double(text) { return a == b }
      return response == text
    case "vargte", "varlte", "vargt", "varlt":
      guard let response, let a = Double(response) else { return false }
      guard let b = Double(text) else {
        throw EvaluationFailure(line: test.line, message: "'\(test.name)' has the non-numeric bound '\(text)'")
      }
      switch test.name {
      case "vargte": return a >= b
      case "varlte": return a <= b
      case "vargt": return a > b
      default: return a < b
      }
    default:
      throw EvaluationFailure(
        line: test.line, message: "the condition '\(test.name)' is not evaluated by the self-check")
    }
  }
}
