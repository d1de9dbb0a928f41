import Foundation
import QuizModel

/// Writes the Moodle XML file in memory, re-reads it and proves it against ``MoodleModel``; the file is kept
/// only when every proof holds. The questions are proven on `workers` threads.
///
/// - Throws: ``ExportError`` with ``ExportError/Code/selfCheckFailed``, one issue per failed proof naming the
///   variant, when the file would not grade as the key says.
func makeMoodlePackage(_ quiz: Quiz, baseName: String, workers: Int) throws(ExportError) -> QTIPackage {
  let writer = MoodleWriter(quiz: quiz)
  let file = PackageFile(path: QTIFormat.moodle.packageName(baseName: baseName), data: writer.document())
  let check = MoodleCheck.check(file, writer: writer, workers: workers)
  if !check.issues.isEmpty {
    throw ExportError(
      code: .selfCheckFailed,
      message: "\(QTIFormat.moodle.displayName): \(check.issues.count) self-checks failed; the file was not kept",
      issues: check.issues)
  }
  let report = ExportReport.FormatReport(
    format: .moodle, packageName: file.path, files: 1, bytes: file.data.count, itemsChecked: check.items,
    proofs: check.proofs, templates: quiz.items.map { MoodleFidelity.report(for: $0, writer: writer) },
    deliveryMap: DeliveryMap(quiz: quiz, format: .moodle))
  return QTIPackage(format: .moodle, files: [file], zip: file.data, report: report)
}

/// What the Moodle file keeps and loses for one template, and how to make its pool in a quiz.
enum MoodleFidelity {
  static func report(for item: QuizItem, writer: MoodleWriter) -> ExportReport.TemplateReport {
    var kept: [String] = []
    var lost: [String] = []
    var warnings: [String] = []
    let variants = item.variants
    let parts = variants.first?.answers ?? []
    let cloze = parts.count > 1

    for part in parts {
      let answers = variants.compactMap { $0.answer(part.id)?.numeric }
      guard let first = answers.first else { continue }
      let rule = Fidelity.describe(first.tolerance, unit: first.unit)
      let widened = answers.filter { $0.interval.roundedUp }.count
      let rounding =
        widened == 0
        ? ", exactly"
        : "; half-width rounded up to a short decimal in \(widened) of \(answers.count) variants (by ≤ 10⁻⁶ of itself)"
      kept.append(
        "tolerance of '\(part.id)': \(cloze ? "Cloze NUMERICAL gap" : "numerical answer") ±t around the key, bounds included (\(rule))"
          + rounding)
      if cloze {
        if !first.unit.isEmpty {
          lost.append(
            "units of '\(part.id)': Cloze NUMERICAL gaps take no units; '\(first.unit)' is printed after the gap and a unit typed after the number is ignored (a value typed in another unit is marked wrong)"
          )
        }
      } else if !first.unit.isEmpty {
        let units = MoodleUnits.units(for: first.unit).map(\.name)
        kept.append(
          "units of '\(part.id)': \(units[0]) as the base unit"
            + (units.count > 1 ? ", also \(units.dropFirst().joined(separator: ", ")) with their multipliers" : "")
            + "; typed by the student, optional")
      }
    }
    if parts.contains(where: { $0.numeric != nil }) {
      warnings.append(
        "numbers: a student who types a U+2212 minus (−) or a decimal comma gets \"You must enter a valid number\" (or a thousands-separator warning) and no marks; tell students to type - and ."
      )
    }

    let category = writer.categoryDisplayName(item)
    let kind = cloze ? "Cloze" : parts.first?.choice != nil ? "multichoice" : "numerical"
    let noun = "\(kind) question\(variants.count == 1 ? "" : "s")"
    kept.append(
      "pool: category '\(category)' holds \(variants.count) \(noun), one per variant; in the quiz: Add → a random question → from category '\(category)' (1 question), and give the slot \(item.points) mark\(item.points == 1 ? "" : "s")"
    )
    if cloze {
      let weights = variants.first.map { writer.gapWeights($0).map(String.init).joined(separator: ":") } ?? ""
      kept.append(
        "multi-part: one Cloze question per variant with \(parts.count) gaps (\(parts.map(\.id).joined(separator: ", "))), weighted \(weights) in the proportion of the parts' points (\(parts.map(\.points.description).joined(separator: " + ")))"
      )
    }

    var numericFeedback = 0
    var numericUnreachable = 0
    var choiceFeedback = 0
    var dropped: [String: Int] = [:]
    var lowered: [String: String] = [:]
    for variant in variants {
      for answer in variant.answers {
        switch answer.kind {
        case .numeric(let n):
          let plan = writer.plan(variant, answer)!
          numericFeedback += plan.entries.count - 1
          for d in plan.dropped { dropped[d.id, default: 0] += 1 }
          for l in plan.lowered { lowered[l.id] = "\(DecimalText.exact(l.credit * 100)) % lowered to \(l.percent) %" }
          numericUnreachable += n.misconceptions.filter { $0.value.map(n.accepts) == true }.count
        case .choice(let c):
          choiceFeedback +=
            MoodleWriter.choicePlan(c, grading: writer.quiz.grading).filter { !$0.feedback.isEmpty }.count
          for m in c.misconceptions {
            let credit = MoodleWriter.credit(m.id, writer.quiz.grading)
            let grade = MoodleGrades.atMost(credit)
            if abs(grade.fraction - credit) > 1e-9 {
              lowered[m.id] = "\(DecimalText.exact(credit * 100)) % lowered to \(grade.percent) %"
            }
          }
        }
      }
    }
    if numericFeedback > 0 {
      kept.append(
        "feedback: \(numericFeedback) misconception values as wrong-value answers after the key, each with its feedback"
      )
    }
    if choiceFeedback > 0 { kept.append("feedback: \(choiceFeedback) distractor messages carried on the choices") }
    if !dropped.isEmpty {
      let list = dropped.sorted { $0.key < $1.key }.map {
        "'\($0.key)' in \($0.value) variant\($0.value == 1 ? "" : "s")"
      }
      lost.append(
        "feedback: misconceptions whose interval overlaps the key's or an earlier answer's are left out (Moodle takes the first matching answer): \(list.joined(separator: ", "))"
      )
    }
    if numericUnreachable > 0 {
      lost.append(
        "feedback: \(numericUnreachable) misconception values fall inside the accepted interval and cannot be told apart from the key"
      )
    }
    for (id, text) in lowered.sorted(by: { $0.key < $1.key }) {
      lost.append("credit for '\(id)': \(text), the nearest lower of Moodle's grades")
    }
    if variants.contains(where: { $0.answers.contains { $0.explanation != nil } }) {
      kept.append(
        "explanations: the worked explanation as general feedback, shown after the attempt whatever the response")
    }
    if let warning = Fidelity.controlCharacterWarning(variants) { warnings.append(warning) }
    return ExportReport.TemplateReport(
      template: item.template, title: item.title, variants: variants.count,
      kept: kept, lost: lost, warnings: warnings)
  }
}
