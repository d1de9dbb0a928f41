import QuizModel

/// The worked explanation of a variant, as every format shows it to students after they answer.
enum Explanation {
  /// The identifier of the outcome, and of the modal feedback, that shows the explanation in QTI 2.1 / 3.0.
  static let solution = "SOLUTION"
  /// The identifier of Canvas's general feedback (shown after submission, whatever the answer).
  static let canvasGeneral = "general_fb"

  /// The parts' explanations in part order: the part's prompt (nil when the variant has one part, or the
  /// prompt is empty) and the explanation. Empty when no part has one.
  static func sections(_ variant: Variant) -> [(prompt: String?, text: String)] {
    variant.answers.compactMap { answer in
      guard let text = answer.explanation else { return nil }
      return (variant.answers.count > 1 && !answer.prompt.isEmpty ? answer.prompt : nil, text)
    }
  }
}
