import Foundation
import QuizModel

/// The assessment in pieces: a frame (everything but the questions) and one fragment per question, written on
/// any thread, which joined in order are the bytes of the whole assessment. No step holds the whole document
/// as a tree, and each question can be re-read and proven on its own.
extension CanvasWriter {
  /// One question of the assessment, in file order.
  struct Question: Sendable {
    /// The index of its quiz item, of its variant within that item, and of the variant's answer (the part).
    var item: Int
    var variant: Int
    var answer: Int
    /// The index of its part in the item's first variant (which names the group).
    var part: Int
    /// Its question group, counted from 0 in file order.
    var group: Int
    /// The last answer id used before this question.
    var counter: Int
  }

  /// How deep a question stands in the assessment: questestinterop, assessment, the root section, its group.
  static let questionDepth = 4

  /// Every question in file order, with the answer ids before it.
  func questions() -> [Question] {
    var result: [Question] = []
    var counter = 0
    var group = 0
    for (itemIndex, item) in quiz.items.enumerated() {
      guard let first = item.variants.first else { continue }
      for (partIndex, part) in first.answers.enumerated() {
        for (variantIndex, variant) in item.variants.enumerated() {
          guard let answerIndex = variant.answers.firstIndex(where: { $0.id == part.id }) else { continue }
          result.append(
            Question(
              item: itemIndex, variant: variantIndex, answer: answerIndex, part: partIndex, group: group,
              counter: counter))
          switch variant.answers[answerIndex].kind {
          case .numeric: counter += 1
          case .choice(let choice): counter += choice.options.count
          }
        }
        group += 1
      }
    }
    return result
  }

  /// The assessment without its questions, cut where each group's questions go: one piece more than there are
  /// groups. Joined with each group's question fragments between the pieces, it is the whole assessment.
  func frame() -> [Data] {
    let w = XMLWriter()
    var cuts: [Int] = []
    w.element(
      "questestinterop",
      [
        ("xmlns", CanvasWriter.namespace),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ("xsi:schemaLocation", CanvasWriter.schemaLocation),
      ]
    ) {
      w.element("assessment", [("ident", assessmentIdent), ("title", quiz.title)]) {
        w.element("qtimetadata") { metadataField(w, "cc_maxattempts", "1") }
        w.element("section", [("ident", "root_section")]) {
          for item in quiz.items {
            guard let first = item.variants.first else { continue }
            for (partIndex, part) in first.answers.enumerated() {
              let groupIdent = PlainText.identifier("g_\(item.template)_\(part.id)")
              let title = CanvasWriter.groupTitle(item, part: partIndex)
              w.element("section", [("ident", groupIdent), ("title", title)]) {
                w.element("selection_ordering") {
                  w.element("selection") {
                    w.element("selection_number", text: "1")
                    w.element("selection_extension") {
                      w.element("points_per_item", text: part.points.description)
                    }
                  }
                }
                cuts.append(w.flushedCount())
              }
            }
          }
        }
      }
    }
    let data = w.finish()
    var pieces: [Data] = []
    var start = 0
    for cut in cuts + [data.count] {
      pieces.append(data.subdata(in: start..<cut))
      start = cut
    }
    return pieces
  }

  /// The bytes of one question as they stand in the assessment, written with `w` (reused between questions).
  func fragment(_ question: Question, using w: XMLWriter) -> Data {
    let item = quiz.items[question.item]
    let variant = item.variants[question.variant]
    let answer = variant.answers[question.answer]
    let title = CanvasWriter.groupTitle(item, part: question.part)
    var counter = question.counter
    return w.fragment(depth: CanvasWriter.questionDepth) {
      writeItem(w, variant: variant, answer: answer, title: title, points: answer.points, counter: &counter)
    }
  }

  /// The whole assessment file, written in one piece on the calling thread.
  func assessment() -> Data {
    let pieces = frame()
    let w = XMLWriter()
    var data = pieces[0]
    var group = 0
    for question in questions() {
      while group < question.group {
        group += 1
        data.append(pieces[group])
      }
      data.append(fragment(question, using: w))
    }
    for piece in pieces[(group + 1)...] { data.append(piece) }
    return data
  }
}
