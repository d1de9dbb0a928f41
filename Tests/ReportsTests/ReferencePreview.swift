import Foundation
import Mustache
import QuizModel

@testable import Reports

/// The preview as it was rendered before its variants were written by code: the whole page, variants included,
/// from one Mustache template (Pages/preview.mustache as it stood), with the contexts of that renderer and the
/// page text functions as they were written on Swift strings. The differential tests compare today's page with
/// this one, byte for byte.
enum ReferencePreview {
  static func html(for quiz: Quiz, sources: [String: [String]] = [:], answersShown: Bool = true) throws -> String {
    _ = try PreviewPage(Quiz(title: "", seed: 0, items: []))  // registers the page templates' content type
    let items: [[String: Any]] = quiz.items.enumerated().map { index, item in
      let citations = sources[item.template] ?? []
      return [
        "number": index + 1, "anchor": item.template, "title": item.title, "template": item.template,
        "points": item.points.description, "variantCount": PageText.count(item.variants.count, "variant"),
        "sources": citations, "hasSources": !citations.isEmpty,
        "variants": item.variants.map { variant -> [String: Any] in
          [
            "id": variant.id, "seed": String(variant.seed), "stem": ReferencePageText.paragraphs(variant.stem),
            "params": variant.parameters.map { ["name": $0.name, "display": $0.value.display] },
            "answers": variant.answers.map { answer(withKey: $0) },
          ]
        },
      ]
    }
    return try MustacheTemplate(string: template).render([
      "title": quiz.title, "seed": String(quiz.seed), "itemCount": PageText.count(quiz.items.count, "item"),
      "variantCount": PageText.count(quiz.variants.count, "variant"), "items": items, "answersShown": answersShown,
    ])
  }

  /// AnswerContext.withKey as it was, on the string functions below.
  static func answer(withKey answer: Answer) -> [String: Any] {
    var context: [String: Any] = [
      "prompt": ReferencePageText.keepingUnits(answer.prompt), "hasPrompt": !answer.prompt.isEmpty,
      "points": answer.points.description,
    ]
    switch answer.kind {
    case .numeric(let n):
      context["numeric"] = ["unit": n.unit]
      let figures = NumberFormat.significantFigures(n.significantFigures)
      let bounds = NumberFormat.significantFigures(max(n.significantFigures + 1, 4))
      let mistakes: [[String: Any]] = n.misconceptions.map { m in
        [
          "label": m.label, "value": m.value.map { figures.string($0) + "\u{A0}" + n.unit } ?? "",
          "feedback": m.feedback,
        ]
      }
      context["key"] =
        [
          "value": figures.string(n.value) + "\u{A0}" + n.unit,
          "low": bounds.string(n.interval.lower), "high": bounds.string(n.interval.upper), "unit": n.unit,
          "tolerance": "±\(NumberFormat.exact(n.tolerance.relative * 100))\u{A0}% + "
            + "\(NumberFormat.exact(n.tolerance.absolute))\u{A0}\(n.unit)",
          "mistakes": mistakes, "hasMistakes": !mistakes.isEmpty,
        ] as [String: Any]
    case .choice(let c):
      context["choice"] = [
        "options": c.options.map { option -> [String: Any] in
          var o: [String: Any] = [
            "text": ReferencePageText.keepingUnits(option.text), "correct": option.id == c.correct,
          ]
          if let feedback = option.feedback { o["feedback"] = feedback }
          return o
        }
      ]
      context["key"] = ["value": ReferencePageText.keepingUnits(c.correctOption.text)] as [String: Any]
    }
    if let explanation = answer.explanation { context["explanation"] = ReferencePageText.keepingUnits(explanation) }
    return context
  }

  /// Pages/preview.mustache as it was.
  static let template = #"""
    {{% CONTENT_TYPE: HTML_TEXT }}
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} — preview</title>
    <style>
    *,*::before,*::after{box-sizing:border-box}
    body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:0 auto;padding:.8rem 1rem;color:#1b1b1b;overflow-wrap:anywhere}
    h1{font-size:1.6rem;margin:.2rem 0}
    h2{font-size:1.3rem;margin:0 0 .3rem;border-bottom:2px solid #2b6cb0;padding-bottom:.15rem}
    .kicker,.meta{color:#555;font-size:.85rem;margin:0}
    .item-head{margin-top:1.6rem;break-inside:avoid;break-after:avoid}
    .variant{border:1px solid #ccc;border-radius:6px;padding:.4rem .8rem;margin:.6rem 0;break-inside:avoid}
    .variant-id{font-size:1em;font-weight:600;margin:0}
    .stem{margin:.3rem 0;white-space:pre-line}
    .params{display:flex;flex-wrap:wrap;gap:.2rem .8rem;margin:.2rem 0;padding:0;list-style:none;font-size:.85rem}
    .params li{white-space:nowrap}.params code{color:#444}
    .parts{margin:.3rem 0;padding-left:1.4rem}
    .prompt{font-weight:600;margin:.2rem 0}
    .key{margin:.15rem 0}.nb{white-space:nowrap}
    .mistakes,.options{margin:.1rem 0 .3rem;padding-left:1.1rem;font-size:.9rem}
    .correct{font-weight:600;color:#22643a}.feedback{color:#8a4b08}.explanation{font-style:italic;margin:.2rem 0;font-size:.92rem}
    .sources{font-size:.85rem;color:#444}.sources ul{margin:.1rem 0 .4rem}
    .switch{display:inline-flex;gap:.4rem;align-items:center;font-size:.95rem;margin:.4rem 0;padding:.2rem .6rem;border:1px solid #2b6cb0;border-radius:4px}
    nav ol{padding-left:1.3rem;margin:.3rem 0}
    body:has(#show-answers:not(:checked)) .answer{display:none}
    @page{size:A4;margin:12mm 13mm}
    @media print{
      body{max-width:none;font-size:9.5pt;line-height:1.3;padding:0}
      .mistakes,.options,.explanation{font-size:8.5pt}
      .mistakes li,.options li{margin:0}
      .parts{margin:.15rem 0}
      nav{display:none}
      .switch{border:none;padding:0}
      .switch input,.switch .screen{display:none}
      body:has(#show-answers:checked) .switch .off,body:has(#show-answers:not(:checked)) .switch .on{display:none}
      .variant{border-color:#999;padding:.3rem .6rem;margin:.4rem 0}
      .item-head{margin-top:.9rem}
    }
    @media not print{.switch .on,.switch .off{display:none}}
    </style>
    </head>
    <body>
    <header>
    <p class="kicker">NernstQuiz preview · seed {{seed}} · {{itemCount}} · {{variantCount}} · each student gets one variant per item</p>
    <h1>{{title}}</h1>
    <label class="switch"><input type="checkbox" id="show-answers"{{#answersShown}} checked{{/answersShown}}><span class="screen">Show and print the answers</span><span class="on">Answers printed</span><span class="off">Answers not printed</span></label>
    <nav><ol>
    {{#items}}
    <li><a href="#{{anchor}}">{{title}}</a> — {{points}} pt, {{variantCount}}</li>
    {{/items}}
    </ol></nav>
    </header>
    <main>
    {{#items}}
    <section class="item" id="{{anchor}}">
    <div class="item-head">
    <p class="kicker">Item {{number}} · {{template}} · {{points}} pt · {{variantCount}}</p>
    <h2>{{title}}</h2>
    {{#hasSources}}<div class="sources"><span class="meta">Sources</span><ul>{{#sources}}<li>{{.}}</li>{{/sources}}</ul></div>{{/hasSources}}
    </div>
    {{#variants}}
    <article class="variant" id="{{id}}">
    <p class="variant-id">{{id}} <span class="meta">seed {{seed}}</span></p>
    {{#stem}}<p class="stem">{{.}}</p>
    {{/stem}}
    <ul class="params">{{#params}}<li><code>{{name}}</code> = {{display}}</li>{{/params}}</ul>
    <ol class="parts">
    {{#answers}}
    <li>{{#hasPrompt}}<p class="prompt">{{prompt}}</p>{{/hasPrompt}}
    <div class="answer">
    {{#key}}<p class="key"><strong class="nb">{{value}}</strong>{{#low}} <span class="meta">accepted <span class="nb">{{low}} … {{high}} {{unit}}</span> (<span class="nb">{{tolerance}}</span>)</span>{{/low}}</p>
    {{#hasMistakes}}<ul class="mistakes">{{#mistakes}}<li>{{label}}: <span class="nb">{{value}}</span> — <span class="feedback">{{feedback}}</span></li>{{/mistakes}}</ul>{{/hasMistakes}}{{/key}}
    {{#choice}}<ul class="options">{{#options}}<li{{#correct}} class="correct"{{/correct}}>{{text}}{{#correct}} ✓{{/correct}}{{#feedback}} — <span class="feedback">{{feedback}}</span>{{/feedback}}</li>{{/options}}</ul>{{/choice}}
    {{#explanation}}<p class="explanation">{{.}}</p>{{/explanation}}
    </div>
    </li>
    {{/answers}}
    </ol>
    </article>
    {{/variants}}
    </section>
    {{/items}}
    </main>
    </body>
    </html>
    """# + "\n"
}

/// PageText as it was, on Swift strings and their scalars.
enum ReferencePageText {
  static func keepingUnits(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    let scalars = Array(text.unicodeScalars)
    for (i, s) in scalars.enumerated() {
      if s == " ", i > 0, i + 1 < scalars.count, isNumberEnd(scalars[i - 1]), startsUnit(scalars[i + 1]) {
        out.append("\u{A0}")
      } else {
        out.append(s)
      }
    }
    return String(out)
  }

  private static func isNumberEnd(_ s: Unicode.Scalar) -> Bool {
    ("0"..."9").contains(s) || "⁰¹²³⁴⁵⁶⁷⁸⁹".unicodeScalars.contains(s)
  }

  private static func startsUnit(_ s: Unicode.Scalar) -> Bool {
    s.properties.isAlphabetic || s == "°" || s == "%" || s == "µ" || s == "Ω"
  }

  static func paragraphs(_ text: String) -> [String] {
    text.split(separator: "\n\n", omittingEmptySubsequences: true).map { keepingUnits(String($0)) }
  }
}
