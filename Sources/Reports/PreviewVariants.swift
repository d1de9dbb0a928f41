import QuizModel

/// The variants of the preview, written by code into a byte buffer: one `<article class="variant">` each, with
/// the variant's identifier and seed, its stem in paragraphs, its parameters, and each part's prompt, key,
/// accepted interval, tolerance, typical mistakes, options and explanation (the markup the page's style sheet
/// in `Pages/preview.mustache` styles). Every text is escaped by QuizModel's ``HTMLText``, and numbers are
/// kept with their units as everywhere on the pages (``PageText``).
enum PreviewVariants {
  /// Writes `variants` in order, a chunk at a time, on `workers` threads, handing each chunk's bytes to
  /// `consume` in order; the bytes are the same whatever the number of workers.
  static func write(_ variants: [Variant], workers: Int, consume: ([UInt8]) -> Void) {
    let chunkSize = 32
    OrderedWork.forEach(
      count: (variants.count + chunkSize - 1) / chunkSize, chunkSize: 1, workers: workers, state: { () },
      transform: { _, chunks in
        chunks.map { chunk in
          var html = HTMLBytes(out: [])
          html.out.reserveCapacity(chunkSize * 4_096)
          for variant in variants[(chunk * chunkSize)..<min(variants.count, (chunk + 1) * chunkSize)] {
            append(variant, to: &html)
          }
          return html.out
        }
      }, consume: consume)
  }

  /// Appends the `<article>` of one variant, ending with its line feed.
  static func append(_ variant: Variant, to html: inout HTMLBytes) {
    html.raw("<article class=\"variant\" id=\"")
    html.text(variant.id)
    html.raw("\">\n<p class=\"variant-id\">")
    html.text(variant.id)
    html.raw(" <span class=\"meta\">seed ")
    html.integer(variant.seed)
    html.raw("</span></p>\n")
    PageText.forEachParagraph(variant.stem.utf8.span) { paragraph in
      html.raw("<p class=\"stem\">")
      PageText.append(paragraph, keepingUnits: true, escaped: true, to: &html.out)
      html.raw("</p>\n")
    }
    html.raw("<ul class=\"params\">")
    for parameter in variant.parameters {
      html.raw("<li><code>")
      html.text(parameter.name)
      html.raw("</code> = ")
      html.text(parameter.value.display)
      html.raw("</li>")
    }
    html.raw("</ul>\n<ol class=\"parts\">\n")
    for answer in variant.answers { part(answer, to: &html) }
    html.raw("</ol>\n</article>\n")
  }

  /// One part: its prompt, then its key with the accepted interval and typical mistakes, or its options.
  private static func part(_ answer: Answer, to html: inout HTMLBytes) {
    html.raw("<li>")
    if !answer.prompt.isEmpty {
      html.raw("<p class=\"prompt\">")
      html.keepingUnits(answer.prompt)
      html.raw("</p>")
    }
    html.raw("\n<div class=\"answer\">\n<p class=\"key\"><strong class=\"nb\">")
    switch answer.kind {
    case .numeric(let n):
      let figures = NumberFormat.significantFigures(n.significantFigures)
      let bounds = NumberFormat.significantFigures(max(n.significantFigures + 1, 4))
      html.number(n.value, figures)
      html.raw("\u{A0}")
      html.text(n.unit)
      html.raw("</strong> <span class=\"meta\">accepted <span class=\"nb\">")
      html.number(n.interval.lower, bounds)
      html.raw(" … ")
      html.number(n.interval.upper, bounds)
      html.raw(" ")
      html.text(n.unit)
      html.raw("</span> (<span class=\"nb\">±")
      html.exact(n.tolerance.relative * 100)
      html.raw("\u{A0}% + ")
      html.exact(n.tolerance.absolute)
      html.raw("\u{A0}")
      html.text(n.unit)
      html.raw("</span>)</span></p>\n")
      if !n.misconceptions.isEmpty {
        html.raw("<ul class=\"mistakes\">")
        for mistake in n.misconceptions {
          html.raw("<li>")
          html.text(mistake.label)
          html.raw(": <span class=\"nb\">")
          if let value = mistake.value {
            html.number(value, figures)
            html.raw("\u{A0}")
            html.text(n.unit)
          }
          html.raw("</span> — <span class=\"feedback\">")
          html.text(mistake.feedback)
          html.raw("</span></li>")
        }
        html.raw("</ul>")
      }
      html.raw("\n\n")
    case .choice(let c):
      html.keepingUnits(c.correctOption.text)
      html.raw("</strong></p>\n\n<ul class=\"options\">")
      for option in c.options {
        let correct = option.id == c.correct
        html.raw(correct ? "<li class=\"correct\">" : "<li>")
        html.keepingUnits(option.text)
        if correct { html.raw(" ✓") }
        if let feedback = option.feedback {
          html.raw(" — <span class=\"feedback\">")
          html.text(feedback)
          html.raw("</span>")
        }
        html.raw("</li>")
      }
      html.raw("</ul>\n")
    }
    if let explanation = answer.explanation {
      html.raw("<p class=\"explanation\">")
      html.keepingUnits(explanation)
      html.raw("</p>")
    }
    html.raw("\n</div>\n</li>\n")
  }
}

/// HTML appended to a byte buffer: markup as given, text escaped by ``HTMLText``.
struct HTMLBytes {
  var out: [UInt8]

  /// Markup, written as it is.
  mutating func raw(_ markup: StaticString) {
    markup.withUTF8Buffer { out.append(contentsOf: $0) }
  }

  /// Text, escaped.
  mutating func text(_ text: String) { HTMLText.append(text, to: &out) }

  /// Text, escaped, with each number kept with its unit (``PageText/keepingUnits(_:)``).
  mutating func keepingUnits(_ text: String) {
    PageText.append(text.utf8.span, keepingUnits: true, escaped: true, to: &out)
  }

  /// A number as people read it (digits, `.`, `−`, `×` and superscripts: nothing HTML escapes).
  mutating func number(_ x: Double, _ format: NumberFormat) { format.append(x, to: &out) }

  /// ``NumberFormat/exact(_:)`` of `x` (nothing HTML escapes).
  mutating func exact(_ x: Double) { NumberFormat.appendExact(x, to: &out) }

  /// The decimal digits of `n`.
  mutating func integer(_ n: UInt64) { out.append(contentsOf: String(n).utf8) }
}
