import Mustache
package import QuizModel

/// The preview an instructor reads before giving a quiz out: one self-contained page (no scripts, fonts or
/// styles from the network) with every variant, its parameters, and its answers, accepted intervals and
/// feedback. A switch on the page shows or hides the answers, on screen and in print; variants are packed
/// several to a printed page, a number never parts from its unit, and nothing is wider than a phone.
package enum PreviewPage {
  /// The page for `quiz`, from `Pages/preview.mustache`.
  ///
  /// ```swift
  /// let html = try PreviewPage.html(for: quiz, sources: library.sourcesByTemplate)
  /// ```
  ///
  /// - Parameters:
  ///   - quiz: The drawn quiz.
  ///   - sources: Citations per template id (a template's `sources:`), listed under the item's heading; items
  ///     whose template has none show none.
  ///   - answersShown: Whether the answer switch starts on.
  /// - Throws: ``PageTemplateError`` when the page template is missing or broken.
  /// - Complexity: O(size of the quiz).
  package static func html(for quiz: Quiz, sources: [String: [String]] = [:], answersShown: Bool = true)
    throws(PageTemplateError) -> String
  {
    let items: [[String: Any]] = quiz.items.enumerated().map { index, item in
      let citations = sources[item.template] ?? []
      return [
        "number": index + 1, "anchor": item.template, "title": item.title, "template": item.template,
        "points": item.points.description, "variantCount": PageText.count(item.variants.count, "variant"),
        "sources": citations, "hasSources": !citations.isEmpty,
        // Made one variant at a time as the page is rendered, and dropped after: the contexts of every variant
        // at once would take more memory than the page itself.
        "variants": LazyContexts(
          item.variants.lazy.map { variant -> [String: Any] in
            [
              "id": variant.id, "seed": String(variant.seed), "stem": PageText.paragraphs(variant.stem),
              "params": variant.parameters.map { ["name": $0.name, "display": $0.value.display] },
              "answers": variant.answers.map { AnswerContext.withKey($0) },
            ]
          }),
      ]
    }
    return try PageRenderer.render(
      "preview",
      [
        "title": quiz.title, "seed": String(quiz.seed), "itemCount": PageText.count(quiz.items.count, "item"),
        "variantCount": PageText.count(quiz.variants.count, "variant"), "items": items, "answersShown": answersShown,
      ])
  }
}

/// Page contexts made as a section is rendered, one element at a time.
struct LazyContexts<Base: Sequence>: MustacheSequence {
  let base: Base
  init(_ base: Base) { self.base = base }
  func makeIterator() -> Base.Iterator { base.makeIterator() }
}
