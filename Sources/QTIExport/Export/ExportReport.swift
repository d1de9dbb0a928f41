package import QuizModel

/// What each format kept and lost, per template: the fidelity report every export prints and writes as
/// `export-report.txt`.
///
/// ```text
/// QTI 2.1 — quiz-qti21.zip (14 files; 12 items self-checked, 58 proofs passed)
///   nernst-potential "Nernst potential" (12 variants)
///     kept: tolerance: absolute ±t around each key (t = 2 % of |key| + 0.5), exactly
///     lost: explanations (not exported)
/// ```
package struct ExportReport: Hashable, Sendable, CustomStringConvertible {
  /// One template in one format.
  package struct TemplateReport: Hashable, Sendable {
    /// The template's identifier.
    package var template: String
    /// The template's title.
    package var title: String
    /// How many variants were exported.
    package var variants: Int
    /// What the format carries faithfully.
    package var kept: [String]
    /// What the format drops or changes.
    package var lost: [String]
    /// Things to look at: widened bounds, replaced characters.
    package var warnings: [String]
  }

  /// One format's package.
  package struct FormatReport: Hashable, Sendable {
    /// The format.
    package var format: QTIFormat
    /// The package's file name.
    package var packageName: String
    /// How many files the package holds.
    package var files: Int
    /// The zip's size in bytes.
    package var bytes: Int
    /// Items (or Canvas questions) whose scoring the self-check evaluated.
    package var itemsChecked: Int
    /// Self-check proofs that passed.
    package var proofs: Int
    /// Per template, in quiz order.
    package var templates: [TemplateReport]
    /// How the package delivers each part: the key's delivery map for this format, made as it is read.
    package var deliveryMap: DeliveryMap

    /// ``deliveryMap``, every record at once, in package order.
    package var deliveries: [Delivery] { Array(deliveryMap) }
  }

  /// The quiz's title.
  package var quizTitle: String
  /// The quiz's seed.
  package var seed: UInt64
  /// One report per format, in the order requested.
  package var formats: [FormatReport]

  /// The delivery maps of every format, in the order the packages were written.
  package var deliveries: [Delivery] { formats.flatMap(\.deliveries) }

  /// ``deliveries`` as chunks made on any thread, for the key's workers: each format's chunks
  /// (``DeliveryMap``) in the order the packages were written.
  package var deliveryChunks: DeliveryChunks {
    let chunks = formats.flatMap { f in f.deliveryMap.chunks.map { (map: f.deliveryMap, chunk: $0) } }
    return DeliveryChunks(
      formats: formats.filter { !$0.deliveryMap.isEmpty }.map(\.format.rawValue), count: chunks.count
    ) { index in chunks[index].map.deliveries(in: chunks[index].chunk) }
  }

  /// The report as text, one block per format. Sizes are left out, so the text does not depend on the zlib
  /// version.
  package var description: String {
    var lines = ["Export report for \"\(quizTitle)\" (seed \(seed))"]
    for f in formats {
      lines.append("")
      lines.append(
        "\(f.format.displayName) — \(f.packageName) (\(f.files) file\(f.files == 1 ? "" : "s"); "
          + "\(f.itemsChecked) items self-checked, \(f.proofs) proofs passed)")
      for t in f.templates {
        lines.append("  \(t.template) \"\(t.title)\" (\(t.variants) variant\(t.variants == 1 ? "" : "s"))")
        for k in t.kept { lines.append("    kept: \(k)") }
        for l in t.lost { lines.append("    lost: \(l)") }
        for w in t.warnings { lines.append("    warning: \(w)") }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
