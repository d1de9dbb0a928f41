import Foundation
import QuizModel

/// `report.html`: one self-contained page (inline CSS and SVG, no scripts, nothing fetched) with the score
/// distribution, item statistics, Cronbach's α, per-variant results and the misconceptions matched.
struct HTMLReport {
  var statistics: ReportStatistics
  var summary: GradingSummary
  var quizTitle: String
  var seed: UInt64

  func render() -> String {
    let s = statistics
    var h = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escape(quizTitle)) — grading report</title>
      <style>
      body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #222; }
      svg { max-width: 100%; height: auto; }
      td { overflow-wrap: break-word; } td.part { padding-left: 1.6em; } td.n, th.n { white-space: nowrap; }
      @media (max-width: 30em) { body { font-size: 14px; margin: 1em auto; } th, td { padding: .2em .3em; } }
      @media print { h2 { break-after: avoid; } tr, svg { break-inside: avoid; } }
      h1 { font-size: 1.5em; margin-top: .2em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }
      table { border-collapse: collapse; margin: .5em 0; } th, td { padding: .2em .6em; text-align: left; }
      th { border-bottom: 1px solid #999; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
      tr:nth-child(even) td { background: #f6f6f6; }
      .note { color: #666; font-size: .9em; } .warn { color: #a33; }
      svg text { font: 11px system-ui, sans-serif; fill: #333; }
      </style>
      </head>
      <body>
      <p class="note">NernstQuiz grading report</p>
      <h1>\(escape(quizTitle.isEmpty ? "Quiz" : quizTitle)) — grading report</h1>
      <p class="note">Seed \(seed). \(escape(summary.description)).</p>

      """
    if !summary.unmatchedColumns.isEmpty {
      h +=
        "<p class=\"warn\">Columns that match no question of the quiz (their answers are marked unknown-item):</p><ul>\n"
      for c in summary.unmatchedColumns { h += "<li>\(escape(c))</li>\n" }
      h += "</ul>\n"
    }
    h += "<h2>Scores</h2>\n"
    h += "<p>\(s.students) students; maximum \(number(s.maximum)) points"
    if let mean = s.mean { h += "; mean \(number(mean)) (\(percent(s.maximum > 0 ? mean / s.maximum : nil)))" }
    if let sd = s.standardDeviation { h += "; standard deviation \(number(sd))" }
    h += ". Cronbach’s α: \(s.alpha.map(twoDecimals) ?? "n/a (needs two items and varying totals")"
    h += s.alpha == nil ? ").</p>\n" : ".</p>\n"
    h += histogramSVG(s.histogram)
    h += "<h2>Items</h2>\n"
    h +=
      "<p class=\"note\">Pts: points; N: students who answered. Facility: mean score ÷ points (higher is easier). Discr. (discrimination): correlation of the item’s or part’s score with the rest of the total (below 0.2 deserves a look). A part is one question: each student answered it once, from whichever variant they were given.</p>\n"
    h += facilitySVG(s.items)
    h +=
      "<table><tr><th>Item and its parts</th><th class=\"n\" title=\"Points\">Pts</th><th class=\"n\" title=\"Students who answered\">N</th><th class=\"n\">Facility</th><th class=\"n\" title=\"Discrimination\">Discr.</th></tr>\n"
    for item in s.items {
      h +=
        "<tr><td>\(escape(item.title)) <span class=\"note\">\(escape(item.template))</span></td><td class=\"n\">\(number(item.points))</td>"
      h += "<td class=\"n\">\(item.answered)</td><td class=\"n\">\(percent(item.facility))</td>"
      h += "<td class=\"n\">\(item.discrimination.map(twoDecimals) ?? "n/a")</td></tr>\n"
      // Each part across the variants: students answered it once, from whichever variant they were given.
      for part in item.parts {
        h += "<tr><td class=\"part\">\(escape(part.id)) <span class=\"note\">\(escape(shorten(part.prompt, 60)))</span>"
        if let top = part.misconceptions.first {
          h += "<br><span class=\"note\">most matched: \(escape(top.label)) (\(top.count))</span>"
        }
        h += "</td><td class=\"n\">\(number(part.points))</td><td class=\"n\">\(part.answered)</td>"
        h +=
          "<td class=\"n\">\(percent(part.facility))</td><td class=\"n\">\(part.discrimination.map(twoDecimals) ?? "n/a")</td></tr>\n"
      }
    }
    h += "</table>\n"
    h += "<h2>Misconceptions matched</h2>\n"
    var anyMisconception = false
    for item in s.items where !item.misconceptions.isEmpty {
      anyMisconception = true
      h += "<h3>\(escape(item.title))</h3>\n"
      h += barsSVG(item.misconceptions.map { ($0.label, $0.count) })
    }
    if !anyMisconception { h += "<p class=\"note\">No wrong answer matched a named misconception.</p>\n" }
    h += "<h2>Variants</h2>\n"
    h += "<table><tr><th>Variant</th><th class=\"n\">Students</th><th class=\"n\">Mean</th><th>Answers</th></tr>\n"
    for item in s.items {
      for variant in item.variants {
        for (i, part) in variant.parts.enumerated() {
          h += "<tr><td>\(escape(part.label))</td>"
          h +=
            i == 0
            ? "<td class=\"n\">\(variant.students)</td><td class=\"n\">\(percent(variant.meanFraction))</td>"
            : "<td></td><td></td>"
          let counts = zip(Verdict.allCases, part.verdicts).filter { $0.1 > 0 }.map { "\($0.1) \($0.0)" }
          h += "<td>\(counts.isEmpty ? "–" : escape(counts.joined(separator: " · ")))</td></tr>\n"
        }
      }
    }
    h += "</table>\n</body>\n</html>\n"
    return h
  }

  // MARK: Charts

  private func histogramSVG(_ bins: [Int]) -> String {
    let width = 520.0
    let height = 200.0
    let left = 36.0
    let bottom = 30.0
    let top = 10.0
    let peak = max(bins.max() ?? 0, 1)
    let barWidth = (width - left - 10) / Double(bins.count)
    var svg =
      "<svg width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Histogram of total scores in percent\">\n"
    svg +=
      "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - 10)\" y2=\"\(height - bottom)\" stroke=\"#999\"/>\n"
    for (i, n) in bins.enumerated() {
      let h = (height - bottom - top) * Double(n) / Double(peak)
      let x = left + Double(i) * barWidth
      svg +=
        "<rect x=\"\(fmt(x + 2))\" y=\"\(fmt(height - bottom - h))\" width=\"\(fmt(barWidth - 4))\" height=\"\(fmt(h))\" fill=\"#4a7ab5\"><title>\(i * 10)–\(i * 10 + 10) %: \(n)</title></rect>\n"
      if n > 0 {
        svg +=
          "<text x=\"\(fmt(x + barWidth / 2))\" y=\"\(fmt(height - bottom - h - 3))\" text-anchor=\"middle\">\(n)</text>\n"
      }
      svg += "<text x=\"\(fmt(x))\" y=\"\(fmt(height - bottom + 14))\" text-anchor=\"middle\">\(i * 10)</text>\n"
    }
    svg += "<text x=\"\(fmt(width - 10))\" y=\"\(fmt(height - bottom + 14))\" text-anchor=\"middle\">100</text>\n"
    svg +=
      "<text x=\"\(fmt(left + (width - left) / 2))\" y=\"\(fmt(height - 2))\" text-anchor=\"middle\">total score (%)</text>\n"
    svg += "</svg>\n"
    return svg
  }

  private func facilitySVG(_ items: [ReportStatistics.ItemStatistics]) -> String {
    guard !items.isEmpty else { return "" }
    let rowHeight = 22.0
    let labelWidth = 270.0
    let barMax = 260.0
    let height = rowHeight * Double(items.count) + 10
    var svg =
      "<svg width=\"\(Int(labelWidth + barMax + 60))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(labelWidth + barMax + 60)) \(Int(height))\" role=\"img\" aria-label=\"Facility of each item\">\n"
    for (i, item) in items.enumerated() {
      let y = Double(i) * rowHeight + 4
      let f = item.facility ?? 0
      svg +=
        "<text x=\"\(fmt(labelWidth - 6))\" y=\"\(fmt(y + 13))\" text-anchor=\"end\">\(escape(shorten(item.title, 40)))</text>\n"
      svg += "<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(y))\" width=\"\(fmt(barMax))\" height=\"16\" fill=\"#eee\"/>\n"
      svg +=
        "<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(y))\" width=\"\(fmt(barMax * min(max(f, 0), 1)))\" height=\"16\" fill=\"#5a9e6f\"/>\n"
      svg += "<text x=\"\(fmt(labelWidth + barMax + 6))\" y=\"\(fmt(y + 13))\">\(percent(item.facility))</text>\n"
    }
    svg += "</svg>\n"
    return svg
  }

  private func barsSVG(_ bars: [(String, Int)]) -> String {
    let rowHeight = 22.0
    let labelWidth = 260.0
    let barMax = 260.0
    let peak = Double(max(bars.map(\.1).max() ?? 1, 1))
    let height = Int(rowHeight * Double(bars.count) + 10)
    var svg =
      "<svg width=\"\(Int(labelWidth + barMax + 60))\" height=\"\(height)\" viewBox=\"0 0 \(Int(labelWidth + barMax + 60)) \(height)\" role=\"img\" aria-label=\"Misconceptions matched\">\n"
    for (i, (label, count)) in bars.enumerated() {
      let y = Double(i) * rowHeight + 4
      svg +=
        "<text x=\"\(fmt(labelWidth - 6))\" y=\"\(fmt(y + 13))\" text-anchor=\"end\">\(escape(shorten(label, 42)))</text>\n"
      svg +=
        "<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(y))\" width=\"\(fmt(barMax * Double(count) / peak))\" height=\"16\" fill=\"#c0793c\"/>\n"
      svg += "<text x=\"\(fmt(labelWidth + barMax * Double(count) / peak + 6))\" y=\"\(fmt(y + 13))\">\(count)</text>\n"
    }
    svg += "</svg>\n"
    return svg
  }

  // MARK: Text

  /// Two decimals, without a minus sign on a value that rounds to zero.
  private func twoDecimals(_ x: Double) -> String { abs(x) < 0.005 ? "0.00" : String(format: "%.2f", x) }
  private func fmt(_ x: Double) -> String { String(format: "%.1f", x) }
  private func number(_ x: Double) -> String { csvNumber((x * 100).rounded() / 100) }
  private func percent(_ x: Double?) -> String { x.map { String(format: "%.0f %%", 100 * $0) } ?? "n/a" }
  private func shorten(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
}

/// Escapes text for HTML (``HTMLText/escape(_:backslash:)``).
func escape(_ text: String) -> String { HTMLText.escape(text) }
