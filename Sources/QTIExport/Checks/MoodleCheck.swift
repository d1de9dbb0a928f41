import Foundation
import QuizModel

/// The self-checks of a written Moodle XML file: the file is re-read with libxml2 and, against
/// ``MoodleModel`` (Moodle's importer and question engine), proven to hold what the quiz says: for every
/// question, the key reaches its own 100 % answer first (both bounds of its interval too, and in every unit
/// offered), each kept misconception value reaches its own answer and feedback first, a value just outside the
/// key's interval is refused, a value far off matches nothing, and the worked explanation is the general
/// feedback every student sees whatever the response. Categories split back into the names meant; idnumbers
/// are unique; nothing in the file would make Moodle's import reject it.
enum MoodleCheck {
  /// Checks the file; the questions are proven on up to `workers` threads (the result does not depend on how
  /// many).
  static func check(_ file: PackageFile, writer: MoodleWriter, workers: Int = 1) -> SelfCheckResult {
    var result = SelfCheckResult()
    let root: XMLNode
    switch XMLReader.parse(file.data, file: file.path) {
    case .failure(let list): return SelfCheckResult(issues: list.issues)
    case .success(let parsed): root = parsed
    }
    func fail(_ line: Int, _ message: String) {
      result.issues.append(XMLIssue(file: file.path, line: line, message: message))
    }
    guard root.name == "quiz" else {
      fail(root.line, "the root element is '\(root.name)', not 'quiz'")
      return result
    }
    var variants: [String: (item: Int, index: Int)] = [:]
    for (i, item) in writer.quiz.items.enumerated() {
      for v in item.variants.indices { variants[writer.idnumber(item.variants[v])] = (i, v) }
    }
    var idnumbers = Set<String>()
    var category: [String]?
    // File-level facts first, in document order; the questions to prove, each with the category it is in.
    var jobs: [(node: XMLNode, category: [String]?, item: Int, index: Int)] = []
    for node in root.children("question") {
      let type = node[attribute: "type"] ?? ""
      // Import-level facts: a random question, or a grade Moodle does not know, rejects the whole file.
      if type == "random" {
        fail(node.line, "a 'random' question is not importable: Moodle's import would reject the whole file")
      }
      for answer in node.descendants("answer") where !MoodleGrades.isAllowed(answer[attribute: "fraction"] ?? "") {
        fail(
          answer.line,
          "the fraction '\(answer[attribute: "fraction"] ?? "")' is not one of Moodle's grades: the import would reject the whole file"
        )
      }
      let idnumber = node.child("idnumber")?.textContent ?? ""
      if !idnumber.isEmpty, !idnumbers.insert(idnumber).inserted {
        fail(node.line, "the idnumber '\(idnumber)' appears twice")
      }
      // Moodle stores idnumbers in 100 characters and question names in 255.
      if idnumber.count > 100 { fail(node.line, "the idnumber '\(idnumber)' is longer than Moodle's 100 characters") }
      if let name = node.child("name")?.child("text")?.textContent, name.count > 255 {
        fail(node.line, "the question name '\(name.prefix(40))…' is longer than Moodle's 255 characters")
      }
      if type == "category" {
        category = MoodleText.splitCategoryPath(node.child("category")?.child("text")?.textContent ?? "")
        continue
      }
      guard let place = variants[idnumber] else {
        fail(node.line, "the question '\(idnumber)' is not a variant of the quiz")
        continue
      }
      jobs.append((node, category, place.item, place.index))
    }
    let tasks = jobs
    let checked = OrderedWork.map(count: tasks.count, workers: workers, state: {}) { _, range in
      range.map { index -> (proofs: Int, issues: [XMLIssue]) in
        let job = tasks[index]
        let item = writer.quiz.items[job.item]
        let variant = item.variants[job.index]
        var issues: [String] = []
        let expectedCategory =
          [writer.categoryNames(item)[0]]
          + writer.categoryNames(item).dropFirst().map {
            MoodleText.splitCategoryPath(MoodleText.categoryName($0))[0]
          }
        if job.category != expectedCategory {
          issues.append("it is in category \(job.category ?? []), not \(expectedCategory)")
        } else if !(job.node.child("idnumber")?.textContent ?? "").contains(String(writer.quiz.seed)) {
          issues.append("its idnumber does not hold the seed")
        }
        let proofs = checkQuestion(
          job.node, variant: variant, item: item, index: job.index, writer: writer, issues: &issues)
        return (
          proofs,
          issues.map { XMLIssue(file: file.path, line: job.node.line, message: "variant '\(variant.id)': \($0)") }
        )
      }
    }
    for slot in checked {
      result.items += 1
      result.proofs += slot.proofs
      result.issues += slot.issues
    }
    if tasks.count != writer.quiz.variants.count {
      fail(root.line, "the file holds \(tasks.count) questions of the quiz's \(writer.quiz.variants.count) variants")
    }
    return result
  }

  /// The proofs of one question; what fails is added to `issues`.
  static func checkQuestion(
    _ node: XMLNode, variant: Variant, item: QuizItem, index: Int, writer: MoodleWriter,
    issues: inout [String]
  ) -> Int {
    var proofs = 0
    let kind = MoodleWriter.kind(variant)
    let type = node[attribute: "type"] ?? ""
    guard type == kind.rawValue else {
      issues.append("the question is '\(type)', not '\(kind.rawValue)'")
      return 0
    }
    if node.child("name")?.child("text")?.textContent != MoodleWriter.questionName(item, index: index) {
      issues.append("the question's name is not '\(MoodleWriter.questionName(item, index: index))'")
    }
    // The explanation: general feedback, shown to every student after the attempt whatever the response.
    let general = node.child("generalfeedback")?.child("text")?.textContent ?? ""
    if general != (writer.generalFeedback(variant) ?? "") {
      issues.append("the general feedback is not the worked explanation")
    } else if !general.isEmpty {
      proofs += 1
    }
    let questionText = node.child("questiontext")?.child("text")?.textContent ?? ""
    switch (kind, variant.answers[0].kind) {
    case (.numerical, .numeric(let n)):
      if questionText != writer.questionText(variant) { issues.append("the question text is not the stem and prompt") }
      let answers = node.children("answer")
      var models: [MoodleModel.NumericAnswer] = []
      for a in answers {
        let valueText = a.child("text")?.textContent ?? ""
        let toleranceText = a.child("tolerance")?.textContent ?? "0"
        if valueText.unicodeScalars.contains("\u{2212}") {
          issues.append("the answer '\(valueText)' has a U+2212 minus: Moodle's import stops at this question")
          return proofs
        }
        if valueText.contains(",") {
          issues.append("the answer '\(valueText)' has a comma, which Moodle reads as a thousands separator")
          return proofs
        }
        guard let value = MoodleModel.number(valueText), let tolerance = MoodleModel.number(toleranceText) else {
          issues.append("the answer '\(valueText)' ± '\(toleranceText)' is not a number Moodle reads")
          return proofs
        }
        models.append(
          .init(
            answer: value, tolerance: tolerance, percent: Double(a[attribute: "fraction"] ?? "") ?? 0,
            feedback: a.child("feedback")?.child("text")?.textContent ?? ""))
      }
      let units: [(name: String, multiplier: Double)] =
        node.child("units")?.children("unit").map {
          (
            $0.child("unit_name")?.textContent ?? "",
            MoodleModel.number($0.child("multiplier")?.textContent ?? "") ?? .nan
          )
        } ?? []
      let expectedUnits = MoodleUnits.units(for: n.unit)
      if units.map(\.name) != expectedUnits.map(\.name)
        || zip(units, expectedUnits).contains(where: { $0.multiplier != Double($1.multiplier) })
      {
        issues.append("the units are not \(expectedUnits.map { "\($0.name) ×\($0.multiplier)" })")
      }
      let plan = writer.plan(variant, variant.answers[0])!
      for (i, e) in plan.entries.enumerated()
      where i >= answers.count
        || answers[i].child("text")?.textContent != e.value || answers[i].child("tolerance")?.textContent != e.tolerance
        || answers[i][attribute: "fraction"] != e.percent
      {
        issues.append("answer \(i + 1) is not \(e.value) ± \(e.tolerance) at \(e.percent) %")
      }
      if answers.count != plan.entries.count { issues.append("\(answers.count) answers, not \(plan.entries.count)") }
      proofs += proveNumeric(plan, n, models, units: units, feedback: MoodleText.html, issues: &issues)
    case (.multichoice, .choice(let c)):
      if questionText != writer.questionText(variant) { issues.append("the question text is not the stem and prompt") }
      if node.child("single")?.textContent != "true" { issues.append("the question is not single-answer") }
      let answers = node.children("answer")
      let plan = MoodleWriter.choicePlan(c, grading: writer.quiz.grading)
      let percents = answers.map { Double($0[attribute: "fraction"] ?? "") ?? 0 }
      if !percents.contains(100) { issues.append("no choice is worth 100 %: Moodle would have no right answer") }
      guard answers.count == plan.count else {
        issues.append("\(answers.count) choices, not \(plan.count)")
        return proofs
      }
      for (i, e) in plan.enumerated() {
        let text = answers[i].child("text")?.textContent ?? ""
        let feedback = answers[i].child("feedback")?.child("text")?.textContent ?? ""
        if text != MoodleText.htmlEscaped(e.text) { issues.append("choice \(i + 1) does not read '\(e.text)'") }
        // Choosing it: Moodle gives its fraction and shows its own feedback.
        if (e.percent == "100") != (percents[i] == 100) {
          issues.append("choosing '\(e.id)' scores \(percents[i]) %")
        } else if feedback != (e.feedback.isEmpty ? "" : MoodleText.html(e.feedback)) {
          issues.append("choosing '\(e.id)' does not show its feedback")
        } else {
          proofs += 1
        }
      }
    case (.multianswer, _):
      proofs += checkCloze(questionText, variant: variant, writer: writer, issues: &issues)
    default:
      issues.append("the question kind does not fit the answer")
    }
    return proofs
  }

  /// The numerical proofs shared by `numerical` questions and Cloze NUMERICAL gaps.
  static func proveNumeric(
    _ plan: MoodleWriter.NumericPlan, _ n: NumericAnswer, _ models: [MoodleModel.NumericAnswer],
    units: [(name: String, multiplier: Double)], feedback: (String) -> String,
    issues: inout [String]
  ) -> Int {
    var proofs = 0
    let key = n.interval
    guard models.first?.percent == 100 else {
      issues.append("the first answer is not worth 100 %")
      return 0
    }
    // The key, and both bounds of its interval, reach the key's answer first.
    for typed in [key.keyText, key.lowerText, key.upperText] {
      if MoodleModel.match(typed, answers: models, units: units) == 0 {
        proofs += 1
      } else {
        issues.append("the response \(typed), which the key accepts, does not reach the 100 % answer first")
      }
    }
    // The key typed in each other unit offered.
    if key.halfWidth > 0 {
      for unit in units.dropFirst() where unit.multiplier.isFinite && unit.multiplier > 0 {
        let typed = DecimalText.exact(key.key * unit.multiplier) + " " + unit.name
        if MoodleModel.match(typed, answers: models, units: units) == 0 {
          proofs += 1
        } else {
          issues.append("the key typed as '\(typed)' does not reach the 100 % answer")
        }
      }
    }
    // Each kept misconception reaches its own answer, and its feedback, first.
    for (i, e) in plan.entries.enumerated().dropFirst() where i < models.count {
      if MoodleModel.match(e.value, answers: models, units: units) == i
        && models[i].feedback == (e.feedback.isEmpty ? "" : feedback(e.feedback))
      {
        proofs += 1
      } else {
        issues.append(
          "the misconception '\(e.misconception ?? "")' (\(e.value)) does not reach its own answer and feedback first")
      }
    }
    // Just outside the key's interval: refused.
    let unit = key.lastDigitUnit > 0 ? key.lastDigitUnit : DecimalText.decimal(MoodleWriter.justOutside(key))
    for outside in [key.exactBounds.lowerBound - unit, key.exactBounds.upperBound + unit] {
      let typed = NSDecimalNumber(decimal: outside).stringValue
      if let hit = MoodleModel.match(typed, answers: models, units: units), models[hit].percent >= 100 {
        issues.append(
          "the response \(typed), just outside the key's interval, scores \(DecimalText.exact(models[hit].percent)) %")
      } else {
        proofs += 1
      }
    }
    // Far off: no answer at all.
    let far = 2 * (models.map { abs($0.answer) + abs($0.tolerance) }.max() ?? 0) + 1
    let farText = NSDecimalNumber(decimal: DecimalText.decimal(far)).stringValue
    if let hit = MoodleModel.match(farText, answers: models, units: units) {
      issues.append("the far-off response \(farText) matches answer \(hit + 1)")
    } else {
      proofs += 1
    }
    return proofs
  }

  /// The proofs of a Cloze question: its gaps as Moodle reads them, one per part in order, with the weights,
  /// alternatives and texts meant, and the numerical and choice proofs per gap.
  static func checkCloze(_ text: String, variant: Variant, writer: MoodleWriter, issues: inout [String]) -> Int {
    var proofs = 0
    let (gaps, rest) = MoodleModel.cloze(text)
    guard gaps.count == variant.answers.count else {
      issues.append("Moodle reads \(gaps.count) gaps, not \(variant.answers.count)")
      return 0
    }
    // The text around the gaps is the text meant.
    if rest != writer.questionText(variant, placeholders: true) {
      issues.append("the text around the gaps is not the stem and prompts")
    } else {
      proofs += 1
    }
    let weights = writer.gapWeights(variant)
    for (i, (gap, answer)) in zip(gaps, variant.answers).enumerated() {
      if gap.weight != weights[i] { issues.append("gap \(i + 1) weighs \(gap.weight), not \(weights[i])") }
      switch answer.kind {
      case .numeric(let n):
        guard gap.kind == .numerical else {
          issues.append("gap \(i + 1) is not NUMERICAL")
          continue
        }
        let plan = writer.plan(variant, answer)!
        var models: [MoodleModel.NumericAnswer] = []
        for a in gap.alternatives {
          guard let value = MoodleModel.number(a.answer), let tolerance = MoodleModel.number(a.tolerance ?? "0") else {
            issues.append("gap \(i + 1): '\(a.answer)' is not a number Moodle reads")
            return proofs
          }
          models.append(.init(answer: value, tolerance: tolerance, percent: a.percent, feedback: a.feedback))
        }
        if gap.alternatives.map(\.answer) != plan.entries.map(\.value)
          || gap.alternatives.map(\.tolerance) != plan.entries.map({ Optional($0.tolerance) })
        {
          issues.append("gap \(i + 1) holds \(gap.alternatives.map(\.answer)), not \(plan.entries.map(\.value))")
        }
        var gapIssues: [String] = []
        proofs += proveNumeric(plan, n, models, units: [], feedback: MoodleText.htmlEscaped, issues: &gapIssues)
        issues += gapIssues.map { "gap \(i + 1): " + $0 }
      case .choice(let c):
        guard gap.kind == .multichoice else {
          issues.append("gap \(i + 1) is not MULTICHOICE")
          continue
        }
        let plan = MoodleWriter.choicePlan(c, grading: writer.quiz.grading)
        guard gap.alternatives.count == plan.count else {
          issues.append("gap \(i + 1) offers \(gap.alternatives.count) choices, not \(plan.count)")
          continue
        }
        if !gap.alternatives.contains(where: { $0.percent == 100 }) {
          issues.append("gap \(i + 1) has no 100 % choice")
        }
        for (a, e) in zip(gap.alternatives, plan) {
          if a.answer != MoodleText.htmlEscaped(e.text) {
            issues.append("gap \(i + 1): the choice '\(e.id)' reads '\(a.answer)'")
          } else if (a.percent == 100) != (e.percent == "100") || a.feedback != MoodleText.htmlEscaped(e.feedback) {
            issues.append("gap \(i + 1): choosing '\(e.id)' scores \(a.percent) % or lacks its feedback")
          } else {
            proofs += 1
          }
        }
      }
    }
    return proofs
  }
}
