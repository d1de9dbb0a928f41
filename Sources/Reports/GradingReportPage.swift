package import Grading
package import QuizModel

/// `report.html`, the grading report an instructor reads after `grade`: one self-contained page (no scripts,
/// nothing fetched) with the score distribution, Cronbach's α, each item's and part's facility and
/// discrimination, the misconceptions matched and each variant's results. The numbers are Grading's
/// ``ReportStatistics``; the page only shows them. Charts are bars of plain HTML and CSS, so they fit a phone
/// and print as they show.
package enum GradingReportPage {
  /// The page for a grading run, from `Pages/report.mustache`.
  ///
  /// ```swift
  /// let summary = try grader.grade(submissionsAt: answers, into: staging)
  /// let html = try GradingReportPage.html(for: summary, of: quiz)
  /// ```
  ///
  /// - Parameters:
  ///   - summary: What the run did, with its ``GradingSummary/statistics``.
  ///   - quiz: The quiz graded (its title and seed head the page).
  /// - Throws: ``PageTemplateError`` when the page template is missing or broken.
  /// - Complexity: O(items × variants).
  package static func html(for summary: GradingSummary, of quiz: Quiz) throws(PageTemplateError) -> String {
    try PageRenderer.render("report", context(summary, title: quiz.title, seed: quiz.seed))
  }

  static func context(_ summary: GradingSummary, title: String, seed: UInt64) -> [String: Any] {
    let s = summary.statistics
    let peak = max(s.histogram.max() ?? 0, 1)
    let bins: [[String: Any]] = s.histogram.enumerated().map { i, n in
      [
        "from": i * 10, "to": i * 10 + 10, "count": n, "hasCount": n > 0,
        // The tallest bar takes 85 % of the chart, leaving room for its count above it.
        "height": Number.width(0.85 * Double(n) / Double(peak)),
      ]
    }
    let misconceptionItems: [[String: Any]] = s.items.filter { !$0.analysis.misconceptions.isEmpty }.map { item in
      let most = Double(item.analysis.misconceptions.first?.count ?? 1)
      return [
        "title": item.title,
        "bars": item.analysis.misconceptions.map { m -> [String: Any] in
          ["label": m.label, "count": m.count, "width": Number.width(Double(m.count) / most)]
        },
      ]
    }
    return [
      "title": title.isEmpty ? "Quiz" : title, "seed": String(seed), "summary": summary.description,
      "unmatched": summary.unmatchedColumns, "hasUnmatched": !summary.unmatchedColumns.isEmpty,
      "students": PageText.count(s.students, "student"), "maximum": s.maximum.description,
      "mean": s.mean.map(Number.twoDecimals) ?? "n/a",
      "meanPercent": s.mean.flatMap { s.maximum > .zero ? Number.percent($0 / s.maximum.value) : nil } ?? "n/a",
      "standardDeviation": s.standardDeviation.map(Number.twoDecimals) ?? "n/a",
      "alpha": s.alpha.map(Number.twoDecimals) ?? "", "hasAlpha": s.alpha != nil,
      "bins": bins,
      "histogramLabel": "Students by total score: "
        + bins.map { "\($0["from"]!)–\($0["to"]!) %: \($0["count"]!)" }.joined(separator: "; "),
      "items": s.items.map(itemRow), "misconceptionItems": misconceptionItems,
      "hasMisconceptions": !misconceptionItems.isEmpty, "variants": s.items.flatMap(variantRows),
    ]
  }

  /// An item's row of the items table, with its parts' rows.
  static func itemRow(_ item: ReportStatistics.Item) -> [String: Any] {
    var row = analysisCells(item.analysis)
    row["title"] = item.title
    row["template"] = item.template
    row["parts"] = item.parts.map { part -> [String: Any] in
      var cells = analysisCells(part.analysis)
      cells["id"] = part.id
      cells["prompt"] = PageText.keepingUnits(part.prompt)
      if let top = part.analysis.misconceptions.first { cells["top"] = ["label": top.label, "count": top.count] }
      return cells
    }
    return row
  }

  /// Points, students who answered, facility (as text and as a bar) and discrimination, flagged below 0.2.
  static func analysisCells(_ a: ReportStatistics.Analysis) -> [String: Any] {
    [
      "points": a.points.description, "answered": a.answered,
      "facility": a.facility.map(Number.percent) ?? "n/a", "facilityWidth": Number.width(a.facility ?? 0),
      "discrimination": a.discrimination.map(Number.twoDecimals) ?? "n/a",
      "lowDiscrimination": a.discrimination.map { $0 < 0.2 } ?? false,
    ]
  }

  /// The variants table's rows for an item: one per part of each variant, the variant's students and mean on
  /// its first.
  static func variantRows(_ item: ReportStatistics.Item) -> [[String: Any]] {
    item.variants.flatMap { variant in
      variant.parts.enumerated().map { i, part -> [String: Any] in
        let counts = Verdict.allCases.compactMap { v in part.verdicts[v].map { "\($0) \(v)" } }
        var row: [String: Any] = [
          "label": part.label, "answers": counts.isEmpty ? "–" : counts.joined(separator: " · "),
        ]
        if i == 0 {
          row["first"] = [
            "students": variant.students, "mean": variant.meanFraction.map(Number.percent) ?? "n/a",
          ]
        }
        return row
      }
    }
  }

  /// How the page writes numbers.
  enum Number {
    /// `0.60`, `−0.13`; a value that rounds to zero without a sign.
    static func twoDecimals(_ x: Double) -> String { NumberFormat.decimals(2).string(abs(x) < 0.005 ? 0 : x) }
    /// `50 %`, the number kept with its sign.
    static func percent(_ fraction: Double) -> String { NumberFormat.decimals(0).string(100 * fraction) + "\u{A0}%" }
    /// A fraction 0…1 as a CSS percentage (`42.5`), clamped to 0…100.
    static func width(_ fraction: Double) -> String {
      NumberFormat.decimals(1).plain(100 * min(max(fraction.isNaN ? 0 : fraction, 0), 1))
    }
  }
}
