package import QuizModel

/// The preview an instructor reads before giving a quiz out: one self-contained page (no scripts, fonts or
/// styles from the network) with every variant, its parameters, and its answers, accepted intervals and
/// feedback. A switch on the page shows or hides the answers, on screen and in print; variants are packed
/// several to a printed page, a number never parts from its unit, and nothing is wider than a phone.
///
/// The page's shell (head, style, header, contents and each item's heading) is `Pages/preview.mustache`, which a
/// designer can edit; each item's variants are written by code (``PreviewVariants``) where the template's
/// `<!-- variants -->` line stands, since a quiz has thousands of them and rendering them through the template
/// took most of the page's time. The page is handed out in pieces of about a megabyte as it is written, never
/// held whole.
package struct PreviewPage {
  let quiz: Quiz
  /// The shell rendered, as UTF-8: one more piece than the quiz has items, each item's variants going between
  /// two of them.
  let shell: [[UInt8]]
  let workers: Int

  /// The line of the template where an item's variants go, with its line feed.
  static let variantsLine: [UInt8] = Array("<!-- variants -->\n".utf8)

  /// The page for `quiz`: its shell rendered from `Pages/preview.mustache`.
  ///
  /// ```swift
  /// let page = try PreviewPage(quiz, sources: library.sourcesByTemplate, workers: 2)
  /// try page.write { try file.write(contentsOf: $0) }
  /// ```
  ///
  /// - Parameters:
  ///   - quiz: The drawn quiz.
  ///   - sources: Citations per template id (a template's `sources:`), listed under the item's heading; items
  ///     whose template has none show none.
  ///   - answersShown: Whether the answer switch starts on.
  ///   - workers: How many threads write the variants (1, the default: the calling one alone); the page is the
  ///     same, byte for byte, whatever the number.
  /// - Throws: ``PageTemplateError`` when the page template is missing or broken, or lacks the variants line
  ///   in each item's section.
  package init(_ quiz: Quiz, sources: [String: [String]] = [:], answersShown: Bool = true, workers: Int = 1)
    throws(PageTemplateError)
  {
    let items: [[String: Any]] = quiz.items.enumerated().map { index, item in
      let citations = sources[item.template] ?? []
      return [
        "number": index + 1, "anchor": item.template, "title": item.title, "template": item.template,
        "points": item.points.description, "variantCount": PageText.count(item.variants.count, "variant"),
        "sources": citations, "hasSources": !citations.isEmpty,
      ]
    }
    let rendered = try PageRenderer.render(
      "preview",
      [
        "title": quiz.title, "seed": String(quiz.seed), "itemCount": PageText.count(quiz.items.count, "item"),
        "variantCount": PageText.count(quiz.variants.count, "variant"), "items": items, "answersShown": answersShown,
      ])
    self.shell = try PreviewPage.split(rendered, items: quiz.items.count)
    self.quiz = quiz
    self.workers = max(workers, 1)
  }

  /// The rendered shell cut at its variants lines (each with its line feed), one per item.
  static func split(_ shell: String, items: Int) throws(PageTemplateError) -> [[UInt8]] {
    // Every value in the shell is escaped, so the line (which starts with `<`) can only come from the template.
    let pieces = Array(shell.utf8).split(separator: variantsLine, omittingEmptySubsequences: false)
    guard pieces.count == items + 1 else {
      throw PageTemplateError(
        "the page template preview.mustache must have the line '<!-- variants -->' once in each item's section "
          + "(inside {{#items}}): it marks where the item's variants go")
    }
    return pieces.map(Array.init)
  }

  /// Hands the page to `write` in order, in pieces of about a megabyte.
  package func write<Failure: Error>(to write: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
    let pieceSize = 1 << 20
    var buffer: [UInt8] = []
    buffer.reserveCapacity(pieceSize + 65_536)
    func flush(_ force: Bool) throws(Failure) {
      guard force ? !buffer.isEmpty : buffer.count >= pieceSize else { return }
      try write(buffer)
      buffer.removeAll(keepingCapacity: true)
    }
    for (index, item) in quiz.items.enumerated() {
      buffer += shell[index]
      try flush(false)
      var failure: Failure?
      PreviewVariants.write(item.variants, workers: workers) { bytes in
        guard failure == nil else { return }
        buffer += bytes
        do throws(Failure) { try flush(false) } catch { failure = error }
      }
      if let failure { throw failure }
    }
    buffer += shell[quiz.items.count]
    try flush(true)
  }

  /// The whole page as one string.
  package var html: String {
    var page: [UInt8] = []
    write { page += $0 }
    return String(decoding: page, as: UTF8.self)
  }

  /// The page for `quiz` as one string (``init(_:sources:answersShown:workers:)`` and ``html``).
  ///
  /// - Complexity: O(size of the quiz).
  package static func html(for quiz: Quiz, sources: [String: [String]] = [:], answersShown: Bool = true)
    throws(PageTemplateError) -> String
  {
    try PreviewPage(quiz, sources: sources, answersShown: answersShown).html
  }
}
