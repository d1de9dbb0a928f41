import QuizModel

/// The preview an instructor reads before uploading a quiz: one self-contained HTML page (no scripts or
/// fonts from the network) with every variant, its parameters, and its answers, tolerances and feedback
/// behind "show" toggles. Printing opens every toggle.
public enum PreviewPage {
  /// The page for `quiz`.
  ///
  /// ```swift
  /// let html = PreviewPage.html(for: quiz, sources: library.sourcesByTemplate)
  /// ```
  ///
  /// - Parameters:
  ///   - quiz: The drawn quiz.
  ///   - sources: Citations per template id (a template's `sources:`), listed under the item's heading; items
  ///     whose template has none show none.
  /// - Complexity: O(size of the quiz).
  public static func html(for quiz: Quiz, sources: [String: [String]] = [:]) -> String {
    var out = ""
    out.reserveCapacity(4096 + quiz.variants.count * 2048)
    let variantCount = quiz.variants.count
    out += """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escape(quiz.title)) — preview</title>
      <style>\(style)</style>
      </head>
      <body>
      <header>
      <h1>\(escape(quiz.title))</h1>
      <p class="meta">Seed \(quiz.seed) · \(quiz.items.count) item\(quiz.items.count == 1 ? "" : "s") · \(variantCount) variant\(variantCount == 1 ? "" : "s") · each student gets one variant per item.</p>
      <p class="controls"><button type="button" onclick="toggleAll(true)">Show all answers</button> <button type="button" onclick="toggleAll(false)">Hide all</button></p>
      <nav><ol>
      """
    for item in quiz.items {
      out += "<li><a href=\"#\(escape(item.template))\">\(escape(item.title))</a> — \(item.points) pt, \(item.variants.count) variant\(item.variants.count == 1 ? "" : "s")</li>\n"
    }
    out += "</ol></nav>\n</header>\n<main>\n"
    for item in quiz.items {
      out += "<section class=\"item\" id=\"\(escape(item.template))\">\n"
      out += "<h2>\(escape(item.title)) <span class=\"meta\">\(escape(item.template)) · \(item.points) pt</span></h2>\n"
      if let citations = sources[item.template], !citations.isEmpty {
        out += "<div class=\"sources\"><span class=\"meta\">Sources</span><ul>\n"
        for citation in citations { out += "<li>\(escape(citation))</li>\n" }
        out += "</ul></div>\n"
      }
      for variant in item.variants { appendVariant(variant, to: &out) }
      out += "</section>\n"
    }
    out += """
      </main>
      <script>
      function toggleAll(open) { document.querySelectorAll('details').forEach(function (d) { d.open = open; }); }
      window.addEventListener('beforeprint', function () { toggleAll(true); });
      </script>
      </body>
      </html>

      """
    return out
  }

  private static func appendVariant(_ variant: Variant, to out: inout String) {
    out += "<article class=\"variant\" id=\"\(escape(variant.id))\">\n"
    out += "<h3>\(escape(variant.id)) <span class=\"meta\">seed \(variant.seed)</span></h3>\n"
    for paragraph in variant.stem.split(separator: "\n\n", omittingEmptySubsequences: true) {
      out += "<p class=\"stem\">\(escape(String(paragraph)).replacing("\n", with: "<br>"))</p>\n"
    }
    out += "<table class=\"params\"><tr>"
    for (name, _) in variant.parameters { out += "<th>\(escape(name))</th>" }
    out += "</tr><tr>"
    for (_, value) in variant.parameters { out += "<td>\(escape(value.display))</td>" }
    out += "</tr></table>\n<ol class=\"answers\">\n"
    for answer in variant.answers {
      out += "<li>"
      if !answer.prompt.isEmpty { out += "<p class=\"prompt\">\(escape(answer.prompt))</p>" }
      out += "<details><summary>Answer</summary>\n"
      switch answer.kind {
      case let .numeric(n):
        let key = NumberFormat.significantFigures(n.significantFigures).string(n.value)
        let lo = NumberFormat.significantFigures(max(n.significantFigures + 1, 4)).string(n.interval.lower)
        let hi = NumberFormat.significantFigures(max(n.significantFigures + 1, 4)).string(n.interval.upper)
        out += "<p class=\"key\"><strong>\(escape(key)) \(escape(n.unit))</strong> "
        out += "<span class=\"meta\">accepted \(escape(lo)) … \(escape(hi)) \(escape(n.unit)) "
        out += "(±\(format(n.tolerance.relative * 100))% + \(format(n.tolerance.absolute)) \(escape(n.unit)))</span></p>\n"
        if !n.misconceptions.isEmpty {
          out += "<table class=\"mistakes\"><tr><th>typical mistake</th><th>gives</th><th>feedback</th></tr>\n"
          for m in n.misconceptions {
            let value = m.value.map { NumberFormat.significantFigures(n.significantFigures).string($0) } ?? ""
            out += "<tr><td>\(escape(m.label))</td><td>\(escape(value)) \(escape(n.unit))</td><td>\(escape(m.feedback))</td></tr>\n"
          }
          out += "</table>\n"
        }
      case let .choice(c):
        out += "<ul class=\"options\">\n"
        for option in c.options {
          let mark = option.id == c.correct ? " class=\"correct\"" : ""
          out += "<li\(mark)>\(escape(option.text))\(option.id == c.correct ? " ✓" : "")"
          if let feedback = option.feedback { out += "<br><span class=\"feedback\">\(escape(feedback))</span>" }
          out += "</li>\n"
        }
        out += "</ul>\n"
      }
      if let explanation = answer.explanation { out += "<p class=\"explanation\">\(escape(explanation))</p>\n" }
      out += "</details></li>\n"
    }
    out += "</ol>\n</article>\n"
  }

  /// Escapes text for HTML content and attribute values (``HTMLText/escape(_:backslash:)``).
  static func escape(_ text: String) -> String { HTMLText.escape(text) }

  private static func format(_ x: Double) -> String { NumberFormat.exact(x) }

  private static let style = """
    body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:0 auto;padding:1rem 1.5rem;color:#1b1b1b}
    h1{margin-bottom:.2rem}h2{border-bottom:2px solid #2b6cb0;padding-bottom:.2rem;margin-top:2.5rem}
    h3{margin:.2rem 0}.meta{color:#666;font-size:.85em;font-weight:normal}
    .variant{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;margin:1rem 0;break-inside:avoid}
    .stem{margin:.4rem 0}.params{border-collapse:collapse;font-size:.85em;margin:.4rem 0}
    .params th,.params td{border:1px solid #ddd;padding:.1rem .5rem;text-align:left}.params th{background:#f4f6f8;font-family:ui-monospace,monospace}
    .prompt{font-weight:600;margin:.3rem 0}details{margin:.2rem 0 .6rem}summary{cursor:pointer;color:#2b6cb0}
    .key{margin:.3rem 0}.mistakes{border-collapse:collapse;font-size:.85em}.mistakes td,.mistakes th{border:1px solid #e2e2e2;padding:.15rem .4rem;vertical-align:top;text-align:left}
    .options .correct{font-weight:600;color:#22643a}.feedback{color:#8a4b08;font-size:.9em}.explanation{color:#333;font-style:italic}
    .sources{font-size:.85em;color:#444}.sources ul{margin:.1rem 0 .5rem}
    button{font:inherit;padding:.2rem .7rem}
    @media print{.controls,nav{display:none}body{max-width:none;font-size:11pt}details>summary{display:none}.variant{border-color:#999}}
    """
}
