import Foundation
import Grading
import QTIExport
import QuizModel
import TemplateEngine
import TestSupport
import Testing

/// The instructor's loop through Canvas Classic Quizzes, with Canvas played by a small re-statement of what
/// canvas-lms does (shared/notes/canvas-student-analysis.md, from app/models/quizzes/quiz_statistics/
/// student_analysis.rb `to_csv` and gems/html_text_helper `strip_tags`):
/// - the import keeps each question's HTML and its group's points per question;
/// - each question group is drawn on its own for each student, so the parts of one problem may come from
///   different variants;
/// - the Student Analysis report has one column pair per question, headed `"<id>: strip_tags(question_text)"`
///   and its `points_possible` as a Ruby float; a student's answer text in the first (the chosen option's text
///   for a multiple-choice question), blank cells for questions not drawn; then `n correct, n incorrect, score`.
struct CanvasLoopTests {
  /// One Canvas question as the import keeps it, with the group it is drawn from and the part it carries.
  struct CanvasQuestion {
    var id: Int
    var group: Int
    var html: String
    var points: Points
    var answer: Answer
  }

  /// A bank with every shipped template: single-, two- and three-part problems, numeric and choice answers.
  static func everyTemplateQuiz() throws -> Quiz {
    let library = try TemplateLibrary.load(from: packageRoot.appendingPathComponent("Templates"))
    var yaml = "title: Every template & <all> \"parts\"\nseed: 20261130\nitems:\n"
    for (i, template) in library.templates.enumerated() {
      yaml += "  - template: \(template.id)\n    variants: 3\n    points: \([2, 3, 1.5][i % 3])\n"
    }
    return try Bank.parse(yaml, file: "every.yaml").drawQuiz(library: library)
  }

  @Test func everyStudentOfACanvasReportGetsTheTotalCanvasWouldGive() throws {
    let quiz = try Self.everyTemplateQuiz()
    #expect(quiz.items.contains { ($0.variants.first?.answers.count ?? 0) >= 3 })
    let package = try makePackage(quiz, format: .canvas, baseName: "loop", workers: 1)
    let deliveries = package.report.deliveries
    #expect(deliveries.count == quiz.variants.reduce(0) { $0 + $1.answers.count })
    // Canvas's import: each question keeps its HTML; its id is Canvas's own, known only after the import.
    let answers = Dictionary(
      uniqueKeysWithValues: quiz.variants.flatMap { v in v.answers.map { ("\(v.id)#\($0.id)", $0) } })
    var groups: [String] = []
    var questions: [CanvasQuestion] = []
    var itemOf: [Int: Int] = [:]  // question id → item
    let itemOfVariant = Dictionary(
      uniqueKeysWithValues: quiz.items.enumerated().flatMap { i, item in item.variants.map { ($0.id, i) } })
    for (n, d) in deliveries.enumerated() {
      itemOf[70_000 + n] = itemOfVariant[d.variant]!
      if !groups.contains(d.group!) { groups.append(d.group!) }
      questions.append(
        CanvasQuestion(
          id: 70_000 + n, group: groups.firstIndex(of: d.group!)!, html: d.questionText!,
          points: d.points, answer: answers["\(d.variant)#\(d.part)"]!))
    }
    // Students: each group drawn on its own; answered right, wrong or left empty.
    var rng = SplitMix(state: 7)
    var attempts: [CanvasStudentAnalysis.Attempt] = []
    var expected: [String: Points] = [:]
    var mixedStudents = 0
    for s in 1...24 {
      var variantsByItem: [Int: Set<String>] = [:]
      var given: [Int: (text: String, points: Double)] = [:]
      var total = Points.zero
      for g in groups.indices {
        let drawn = questions.indices.filter { questions[$0].group == g }
        let pick = drawn[Int(rng.next() % UInt64(drawn.count))]
        let q = questions[pick]
        variantsByItem[itemOf[q.id]!, default: []].insert(deliveries[pick].variant)
        switch rng.next() % 3 {
        case 0:  // right
          switch q.answer.kind {
          case .numeric(let n): given[q.id] = (n.interval.keyText, q.points.value)
          case .choice(let c): given[q.id] = (c.correctOption.text, q.points.value)
          }
          total += q.points
        case 1:  // wrong
          switch q.answer.kind {
          case .numeric(let n): given[q.id] = (DecimalText.exact(n.interval.upper + max(1, abs(n.interval.key))), 0)
          case .choice(let c): given[q.id] = (c.options.first { $0.id != c.correct }!.text, 0)
          }
        default:  // seen, left empty
          given[q.id] = ("", 0)
        }
      }
      attempts.append(
        CanvasStudentAnalysis.Attempt(
          name: "Student \(s)", id: "\(1000 + s)", sisID: "S\(s)",
          section: "Section 1", answers: given))
      expected["\(1000 + s)"] = total
      if variantsByItem.values.contains(where: { $0.count > 1 }) { mixedStudents += 1 }
    }
    let report = CanvasStudentAnalysis(
      questions: questions.map { .init(id: $0.id, html: $0.html, points: $0.points.value) })
    let csv = report.csv(attempts)
    // The case the loop must get right: parts of one problem from different variants.
    #expect(mixedStudents > 12)
    #expect(Set(expected.values).count > 5)

    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("student_analysis.csv")
    try Data(csv.utf8).write(to: input)
    let key = try AnswerKey.read(quiz.keyJSONLines(deliveries: deliveries))
    let summary = try Grader(quiz: key.quiz, policy: GradingPolicy(options: key.quiz.grading))
      .grade(submissionsAt: input, into: dir.url.appendingPathComponent("graded"), workers: 1)
    #expect(summary.format == .canvas)
    #expect(summary.unmatchedColumns.isEmpty, "\(summary.unmatchedColumns.prefix(3))")
    #expect(summary.verdicts[.superseded] == nil)
    let grades = try String(contentsOf: dir.url.appendingPathComponent("graded/grades.csv"), encoding: .utf8)
    for line in grades.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      #expect(fields[2] == expected[fields[0]]?.twoDecimals, "student \(fields[0])")
    }
    #expect(grades.split(separator: "\n").count == 25)
  }
}

/// The loop through a QTI 2.1 player: each section selects one variant (item) per student, whose parts all come
/// from that variant; the results come back as long or wide files naming the items as the package does
/// (`item#response`, or the item alone for a one-part variant).
struct QTILoopTests {
  @Test(arguments: ["long", "wide"])
  func everyStudentGetsTheTotalOfTheAnswersTheyGave(layout: String) throws {
    let quiz = try CanvasLoopTests.everyTemplateQuiz()
    let package = try makePackage(quiz, format: .qti21, baseName: "loop", workers: 1)
    let deliveries = package.report.deliveries
    let answers = Dictionary(
      uniqueKeysWithValues: quiz.variants.flatMap { v in v.answers.map { ("\(v.id)#\($0.id)", $0) } })
    func name(_ d: Delivery) -> String {
      deliveries.filter { $0.variant == d.variant }.count == 1 ? d.item! : d.item! + "#" + d.response!
    }
    let columns = deliveries.map(name)
    var rng = SplitMix(state: 11)
    var long = "student,item,response\n"
    var wide = (["student"] + columns).joined(separator: ",") + "\n"
    var expected: [String: Points] = [:]
    for s in 1...20 {
      var cells = Array(repeating: "", count: columns.count)
      var total = Points.zero
      for item in quiz.items {
        let variant = item.variants[Int(rng.next() % UInt64(item.variants.count))]
        for d in deliveries.indices where deliveries[d].variant == variant.id {
          let answer = answers["\(variant.id)#\(deliveries[d].part)"]!
          let right = rng.next() % 2 == 0
          let text: String
          switch answer.kind {
          case .numeric(let n):
            text = right ? n.interval.keyText : DecimalText.exact(n.interval.lower - max(1, abs(n.interval.key)))
          case .choice(let c): text = right ? c.correct : c.options.first { $0.id != c.correct }!.id
          }
          if right { total += answer.points }
          cells[d] = text
          long += "s\(s),\(columns[d]),\(text)\n"
        }
      }
      wide += (["s\(s)"] + cells).joined(separator: ",") + "\n"
      expected["s\(s)"] = total
    }
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("results.csv")
    try Data((layout == "long" ? long : wide).utf8).write(to: input)
    let key = try AnswerKey.read(quiz.keyJSONLines(deliveries: deliveries))
    let summary = try Grader(quiz: key.quiz, deliveries: key.deliveries)
      .grade(submissionsAt: input, into: dir.url.appendingPathComponent("graded"), workers: 2)
    #expect(summary.unmatchedColumns.isEmpty)
    #expect(summary.verdicts[.unknownItem] == nil && summary.verdicts[.superseded] == nil)
    let grades = try String(contentsOf: dir.url.appendingPathComponent("graded/grades.csv"), encoding: .utf8)
    for line in grades.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      #expect(fields[2] == expected[fields[0]]?.twoDecimals, "student \(fields[0])")
    }
    #expect(grades.split(separator: "\n").count == 21)
  }
}
