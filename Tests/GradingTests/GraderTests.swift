import Foundation
import Grading
import QuizModel
import TemplateEngine
import TestSupport
import Testing

/// Reads a CSV output back as rows of strings.
func readCSV(_ url: URL) throws -> [[String]] {
  var reader = try CSVReader(contentsOf: url, separator: UInt8(ascii: ","))
  var rows: [[String]] = []
  while try reader.next() { rows.append(reader.strings) }
  return rows
}

/// The fixture's URL.
func fixture(_ name: String) throws -> URL {
  try #require(Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Fixtures"))
}

/// Grades `input` with the sample quiz into a fresh folder; returns the summary and the folder.
/// Writes the sample quiz's Canvas report (``SampleQuiz/canvasReport()``) into a fresh folder and grades it.
func gradeCanvasSample() throws -> (GradingSummary, TemporaryDirectory) {
  let dir = try TemporaryDirectory()
  let input = dir.url.appendingPathComponent("student_analysis.csv")
  try Data(SampleQuiz.Grading.canvasReport().utf8).write(to: input)
  let summary = try Grader(quiz: SampleQuiz.Grading.quiz).grade(
    submissionsAt: input, into: dir.url.appendingPathComponent("out"))
  return (summary, dir)
}

func gradeSample(_ input: URL, format: SubmissionFormat? = nil, policy: GradingPolicy = GradingPolicy()) throws
  -> (GradingSummary, TemporaryDirectory)
{
  let dir = try TemporaryDirectory()
  let summary = try Grader(quiz: SampleQuiz.Grading.quiz, policy: policy)
    .grade(submissionsAt: input, format: format, into: dir.url.appendingPathComponent("out"))
  return (summary, dir)
}

@Suite struct GraderTests {
  /// responses.csv as dictionaries by column name.
  func responses(_ dir: TemporaryDirectory) throws -> [[String: String]] {
    let rows = try readCSV(dir.url.appendingPathComponent("out/responses.csv"))
    let header = rows[0]
    return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
  }

  func grades(_ dir: TemporaryDirectory) throws -> [String: [String: String]] {
    let rows = try readCSV(dir.url.appendingPathComponent("out/grades.csv"))
    let header = rows[0]
    var out: [String: [String: String]] = [:]
    for row in rows.dropFirst() { out[row[0]] = Dictionary(uniqueKeysWithValues: zip(header, row)) }
    return out
  }

  // MARK: Formats

  @Test func longFormatEveryVerdict() throws {
    let (summary, dir) = try gradeSample(fixture("long"))
    defer { dir.remove() }
    #expect(summary.format == .long)
    #expect(summary.rowsIn == 16)
    #expect(summary.rowsGraded == 10)  // the blank is graded: no answer, 0 points, nothing to review
    #expect(summary.rowsFlagged == 6)
    #expect(summary.exitStatus == 1)
    let r = try responses(dir)
    #expect(r.map { $0["row"]! } == (2...17).map(String.init))
    #expect(
      r.map { $0["verdict"]! } == [
        "correct", "correct", "correct", "correct",
        "incorrect", "incorrect", "incorrect", "incorrect",
        "superseded", "superseded", "correct", "unknown-item", "blank", "wrong-unit",
        "unreadable", "unknown-item",
      ])
    #expect(r[0]["parsed"] == "-95")
    #expect(r[0]["key"] == "-95.02")
    #expect(r[0]["low"] == "-97.4204")
    #expect(r[0]["high"] == "-92.6196")
    #expect(r[0]["unit"] == "mV")
    #expect(r[0]["points"] == "2")
    #expect(r[0]["section"] == "A")  // carried through
    #expect(r[2]["parsed"] == "efflux")
    #expect(r[4]["misconception"] == "valence-ignored")
    #expect(r[4]["feedback"] == "Divide by the valence z = 2.")
    // Carol answers the Nernst question three times (two variants): the last answer counts.
    #expect(r[8]["parsed"] == "-95")
    #expect(r[8]["feedback"] == "Superseded by the answer in row 12: the last answer to this question counts.")
    #expect(r[9]["feedback"] == "Superseded by the answer in row 12: the last answer to this question counts.")
    #expect(r[10]["points"] == "2")
    #expect(
      r[11]["feedback"]
        == "\"driving-force-01\" has several parts: name one of driving-force-01#driving_force, driving-force-01#direction."
    )
    let g = try grades(dir)
    #expect(g["alice"]?["total"] == "5.00")
    #expect(g["alice"]?["percent"] == "100.0")
    #expect(g["bob"]?["total"] == "0.00")
    #expect(g["carol"]?["total"] == "2.00")
    #expect(g["carol"]?["maximum"] == "5.00")
    #expect(g["dave"]?["ohmic-current"] == "0.00")  // unreadable still occupies the item
    #expect(g["dave"]?["nernst-potential"] == "")
  }

  @Test func wideFormatWithSemicolonsBOMAndDecimalCommas() throws {
    let (summary, dir) = try gradeSample(fixture("wide"))
    defer { dir.remove() }
    #expect(summary.format == .wide)
    #expect(summary.rowsIn == 3)
    #expect(summary.unmatchedColumns == ["bonus"])
    let r = try responses(dir)
    let erin = r.filter { $0["student"] == "erin" }
    #expect(erin.map { $0["verdict"]! } == ["correct", "correct", "correct", "correct"])
    let frank = r.filter { $0["student"] == "frank" }
    #expect(
      frank.map { $0["item"]! } == [
        "nernst-potential-02", "driving-force-01#driving_force", "driving-force-01#direction",
        "ohmic-current-02", "bonus",
      ])
    #expect(frank.map { $0["verdict"]! } == ["correct", "incorrect", "incorrect", "correct", "unknown-item"])
    let gina = r.filter { $0["student"] == "gina" }
    #expect(gina.map { $0["item"]! } == ["nernst-potential", "driving-force", "ohmic-current"])
    #expect(gina.allSatisfy { $0["verdict"] == "blank" })
    #expect(summary.rowsGraded == 2)  // erin, and gina's blanks (no answer needs no review)
    #expect(summary.rowsFlagged == 1)  // frank's unknown column
    let g = try grades(dir)
    #expect(g["erin"]?["total"] == "5.00")
    #expect(g["frank"]?["total"] == "3.00")
    #expect(g["gina"]?["total"] == "0.00")
  }

  @Test func canvasStudentAnalysisMatchedByQuestionText() throws {
    let (summary, dir) = try gradeCanvasSample()
    defer { dir.remove() }
    #expect(summary.format == .canvas)
    #expect(summary.rowsIn == 3)
    #expect(summary.unmatchedColumns == ["199: Name the ion that sets the resting potential"])
    let r = try responses(dir)
    let jane = r.filter { $0["student"] == "2001" }
    #expect(
      jane.map { $0["item"]! } == [
        "nernst-potential-01", "driving-force-01#driving_force", "driving-force-01#direction",
        "ohmic-current-01", "199: Name the ion that sets the resting potential",
      ])
    #expect(jane.map { $0["verdict"]! } == ["correct", "correct", "correct", "correct", "unknown-item"])
    let smith = r.filter { $0["student"] == "2002" }
    #expect(smith.map { $0["verdict"]! } == ["incorrect", "incorrect", "incorrect", "blank"])
    #expect(smith.map { $0["misconception"]! } == ["valence-ignored", "sign-reversed", "sign-reversed", ""])
    #expect(summary.rowsGraded == 2)
    #expect(summary.rowsFlagged == 1)  // jane's unknown column
    // The column is listed once for itself, with the question most like it, then each answer in it.
    let review = try readCSV(dir.url.appendingPathComponent("out/review.csv"))
    #expect(review[1][0] == "1" && review[1][2] == "199: Name the ion that sets the resting potential")
    #expect(review[1][5].hasPrefix("no question of the key matches this column; the closest is: "))
    #expect(summary.closestQuestions.count == 1 && !summary.closestQuestions[0].isEmpty)
    #expect(review.dropFirst(2).map(\.[4]) == ["unknown-item"])
    let g = try grades(dir)
    #expect(g["2001"]?["name"] == "Doe, Jane")
    #expect(g["2003"]?["total"] == "5.00")
    let gradebook = try readCSV(dir.url.appendingPathComponent("out/canvas-gradebook.csv"))
    #expect(gradebook[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Membrane potentials"])
    #expect(gradebook[1] == ["Points Possible", "", "", "", "", "5.00"])
    #expect(gradebook[2] == ["Doe, Jane", "2001", "S01", "", "Sec 1", "5.00"])
    #expect(gradebook[3] == ["Smith John", "2002", "S02", "", "Sec 2", "0.00"])
  }

  @Test func googleFormsMatchedByTitle() throws {
    let (summary, dir) = try gradeSample(fixture("google"))
    defer { dir.remove() }
    #expect(summary.format == .googleForms)
    #expect(summary.unmatchedColumns.isEmpty)
    #expect(summary.rowsIn == 2)
    #expect(summary.rowsGraded == 2)
    #expect(summary.exitStatus == 0)
    let r = try responses(dir)
    #expect(r.allSatisfy { $0["verdict"] == "correct" })
    #expect(
      r.filter { $0["student"] == "ben@example.edu" }.map { $0["item"]! }
        == ["nernst-potential-01", "driving-force-01#driving_force", "driving-force-01#direction", "ohmic-current-02"])
    let g = try grades(dir)
    #expect(g["ann@example.edu"]?["name"] == "Ann")
    #expect(g["ben@example.edu"]?["total"] == "5.00")
  }

  @Test func utf16TabSeparatedFileWithCRLF() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let text =
      "student\titem\tresponse\r\nzoe\tnernst-potential-01\t−95,0 mV\r\nzoe\tdriving-force-01#direction\t\"leaves\tthe cell\"\r\n"
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let input = dir.url.appendingPathComponent("utf16.csv")
    try Data(bytes).write(to: input)
    let summary = try Grader(quiz: SampleQuiz.Grading.quiz).grade(
      submissionsAt: input, into: dir.url.appendingPathComponent("out"))
    #expect(summary.format == .long)
    #expect(summary.rowsGraded == 2)
    let r = try responses(dir)
    #expect(r.map { $0["verdict"]! } == ["correct", "correct"])
    #expect(r[0]["response"] == "−95,0 mV")
  }

  @Test func formatCanBeForced() throws {
    let (summary, dir) = try gradeSample(fixture("long"), format: .long)
    defer { dir.remove() }
    #expect(summary.rowsIn == 16)
  }

  // MARK: Outputs

  @Test func theSummaryCountsTheMisconceptionsMatchedForTheReport() throws {
    let (summary, dir) = try gradeSample(fixture("long"))
    defer { dir.remove() }
    let nernst = try #require(summary.statistics.items.first { $0.template == "nernst-potential" })
    #expect(nernst.analysis.misconceptions.map(\.label).contains("valence ignored"))
    #expect(summary.statistics.students == summary.students)
  }

  @Test func outputsReplaceOldOnesAndLeaveNoTemporaryFiles() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let out = dir.url.appendingPathComponent("out")
    let grader = Grader(quiz: SampleQuiz.Grading.quiz)
    _ = try grader.grade(submissionsAt: fixture("long"), into: out)
    _ = try grader.grade(submissionsAt: fixture("google"), into: out)
    let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(names == ["grades.csv", "responses.csv", "review.csv"])
    #expect(try readCSV(out.appendingPathComponent("responses.csv")).count == 9)
  }

  @Test func inputIsNeverOverwritten() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("responses.csv")
    try FileManager.default.copyItem(at: fixture("long"), to: input)
    let before = try Data(contentsOf: input)
    #expect(throws: GradingError.self) {
      try Grader(quiz: SampleQuiz.Grading.quiz).grade(submissionsAt: input, into: dir.url)
    }
    #expect(try Data(contentsOf: input) == before)
  }

  // MARK: Errors

  @Test func malformedFileNamesRowAndColumn() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let error = #expect(throws: CSVError.self) {
      try Grader(quiz: SampleQuiz.Grading.quiz).grade(
        submissionsAt: fixture("malformed"), into: dir.url.appendingPathComponent("out"))
    }
    #expect(
      error?.description.hasPrefix("malformed.csv:3:3: a quote opens a field but is never closed") == true)
  }

  @Test func unknownHeader() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("in.csv")
    try Data("foo,bar\n1,2\n".utf8).write(to: input)
    let error = #expect(throws: CSVError.self) {
      try Grader(quiz: SampleQuiz.Grading.quiz).grade(submissionsAt: input, into: dir.url)
    }
    #expect(error?.code == .unknownHeader)
    #expect(error?.row == 1)
  }

  @Test func wideFileMatchingNothingIsRejected() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("in.csv")
    try Data("student,q1,q2\na,1,2\n".utf8).write(to: input)
    let error = #expect(throws: CSVError.self) {
      try Grader(quiz: SampleQuiz.Grading.quiz).grade(submissionsAt: input, into: dir.url)
    }
    #expect(
      error?.description
        == "in.csv:1: no question column matches the quiz (first: \"q1\"); check the bank and the seed")
  }

  @Test func extraFieldsPastTheHeaderAreAnError() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("in.csv")
    try Data("student,item,response\na,nernst-potential-01,-95,oops\n".utf8).write(to: input)
    let error = #expect(throws: CSVError.self) {
      try Grader(quiz: SampleQuiz.Grading.quiz).grade(submissionsAt: input, into: dir.url)
    }
    #expect(
      error?.description == "in.csv:2:4: \"oops\" is past the last column (the header has 3 columns)")
  }

  @Test func emptyFile() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("in.csv")
    try Data().write(to: input)
    let error = #expect(throws: CSVError.self) {
      try Grader(quiz: SampleQuiz.Grading.quiz).grade(submissionsAt: input, into: dir.url)
    }
    #expect(error?.code == .emptyFile)
  }

  @Test func csvOutputsStartWithTheUTF8ByteOrderMarkSoSpreadsheetsReadTheMinusSign() throws {
    let (_, dir) = try gradeCanvasSample()
    defer { dir.remove() }
    for name in ["responses.csv", "review.csv", "grades.csv", "canvas-gradebook.csv"] {
      let bytes = try Data(contentsOf: dir.url.appendingPathComponent("out/\(name)"))
      #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(name)")
    }
  }

  // MARK: Google Forms as people build them

  func gradeForm(_ csv: String, identity: String? = nil) throws -> (GradingSummary, TemporaryDirectory) {
    let dir = try TemporaryDirectory()
    let input = dir.url.appendingPathComponent("form.csv")
    try Data(csv.utf8).write(to: input)
    let summary = try Grader(quiz: SampleQuiz.Grading.quiz).grade(
      submissionsAt: input, identityColumn: identity,
      into: dir.url.appendingPathComponent("out"))
    return (summary, dir)
  }

  @Test func aFormTitledByTheUniquePromptWithYourNameIsGraded() throws {
    // The stem is in the question's description, which the CSV leaves out: the title is the prompt alone.
    let (summary, dir) = try gradeForm(
      """
      Timestamp,Your name,Score,Net movement of K⁺,Driving force Vm − E (mV)
      2026/11/30 10:00:00,Ann Lee,,efflux,25
      2026/11/30 10:01:00,Bo Chen,,influx,-25

      """)
    defer { dir.remove() }
    #expect(summary.format == .googleForms)
    #expect(summary.unmatchedColumns.isEmpty)
    let g = try grades(dir)
    #expect(g["Ann Lee"]?["total"] == "2.00")
    #expect(g["Bo Chen"]?["total"] == "0.00")
  }

  @Test func aFormTitleThatIsThePromptOfEveryVariantIsRefusedWithTheReason() throws {
    let error = #expect(throws: CSVError.self) {
      _ = try gradeForm("Timestamp,Email Address,E (mV)\n2026/11/30 10:00:00,a@x.edu,-95\n").1.remove()
    }
    #expect(error?.description.contains("is the prompt of 2 variants") == true, "\(String(describing: error))")
    #expect(error?.description.contains("personalised quizzes") == true)
    #expect(error?.description.contains(":1:3: ") == true)
  }

  @Test func ellipsesMatchAndTheIdColumnCanBeChosen() throws {
    var quiz = SampleQuiz.Grading.quiz
    quiz.items[1].variants[0].answers[1].prompt = "Net movement of K⁺..."
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("form.csv")
    try Data("Timestamp,Email Address,Student number,Net movement of K⁺…\n2026/11/30,a@x.edu,S-17,efflux\n".utf8).write(
      to: input)
    _ = try Grader(quiz: quiz).grade(
      submissionsAt: input, identityColumn: "Email Address", into: dir.url.appendingPathComponent("out"))
    let g = try grades(dir)
    #expect(g["a@x.edu"]?["total"] == "1.00")
  }

  // MARK: Parts from different variants

  /// A two-part problem with two variants, as Canvas delivers it: each part its own group, drawn on its own.
  static let partsQuiz: Quiz = {
    var second = SampleQuiz.Grading.drivingForce
    second.id = "driving-force-02"
    second.answers[0].kind = .numeric(NumericAnswer(value: 30.5, unit: "mV", tolerance: Tolerance(absolute: 0.5)))
    return Quiz(
      title: "Parts", seed: 1,
      items: [
        QuizItem(
          template: "driving-force", title: "Driving force", points: 3,
          variants: [SampleQuiz.Grading.drivingForce, second])
      ])
  }()

  @Test func partsOfOneProblemFromDifferentVariantsAreEachGradedAgainstTheirOwn() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("a.csv")
    try Data(
      """
      student,item,response
      ann,driving-force-01#driving_force,25
      ann,driving-force-02#direction,efflux
      ann,driving-force-02#driving_force,30.5
      bob,driving-force-02#driving_force,30.5
      bob,driving-force-01#direction,influx

      """.utf8
    ).write(to: input)
    let summary = try Grader(quiz: Self.partsQuiz).grade(
      submissionsAt: input, into: dir.url.appendingPathComponent("out"))
    let r = try responses(dir)
    // Ann answers the driving force twice, from two variants: the last answer counts.
    #expect(r.map { $0["verdict"]! } == ["superseded", "correct", "correct", "correct", "incorrect"])
    #expect(r[0]["feedback"] == "Superseded by the answer in row 4: the last answer to this question counts.")
    let g = try grades(dir)
    #expect(g["ann"]?["total"] == "3.00")
    #expect(g["bob"]?["total"] == "1.50")
    #expect(summary.rowsFlagged == 1)
  }

  @Test func theReportAnalysesEachPartAcrossItsVariants() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("a.csv")
    // Driving force right for both students (from two variants); the direction right for one of the two.
    try Data(
      """
      student,item,response
      ann,driving-force-01#driving_force,25
      ann,driving-force-02#direction,efflux
      bob,driving-force-02#driving_force,30.5
      bob,driving-force-01#direction,influx

      """.utf8
    ).write(to: input)
    let summary = try Grader(quiz: Self.partsQuiz).grade(
      submissionsAt: input, into: dir.url.appendingPathComponent("out"))
    let parts = try #require(summary.statistics.items.first).parts
    #expect(parts.map(\.id) == ["driving_force", "direction"])
    // Both students answered each part once; both driving forces are right, one of the two directions.
    #expect(parts.map(\.analysis.answered) == [2, 2])
    #expect(parts.map(\.analysis.facility) == [1, 0.5])
    #expect(parts[0].analysis.misconceptions.isEmpty)
    #expect(
      parts[1].analysis.misconceptions.map { "\($0.id): \($0.label) × \($0.count)" }
        == ["sign-reversed: E − Vm instead of Vm − E × 1"])
  }

  @Test(arguments: [
    (AttemptsRule.first, ["correct", "superseded", "superseded"], "2.00"),
    (.last, ["superseded", "superseded", "partial"], "1.00"),
    (.best, ["correct", "superseded", "superseded"], "2.00"),
  ])
  func theAttemptsRuleChoosesWhichRepeatedAnswerCounts(rule: AttemptsRule, verdicts: [String], total: String) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = dir.url.appendingPathComponent("a.csv")
    // A right answer (2 points), a blank attempt (no answer: it supersedes nothing), a wrong one to the same
    // question from another variant, and a unit slip worth half (1 point).
    try Data(
      """
      student,item,response
      ann,nernst-potential-01,-95
      ann,nernst-potential-01,
      ann,nernst-potential-02,264.6
      ann,nernst-potential-01,-0.095 mV

      """.utf8
    ).write(to: input)
    var policy = GradingPolicy()
    policy.unitSlipCredit = 0.5
    _ = try Grader(quiz: SampleQuiz.Grading.quiz, policy: policy, attempts: rule)
      .grade(submissionsAt: input, into: dir.url.appendingPathComponent("out"))
    let r = try responses(dir)
    #expect(r.map { $0["row"]! } == ["2", "3", "4", "5"])
    #expect(r[1]["verdict"] == "blank")
    let answered = [r[0], r[2], r[3]].map { $0["verdict"]! }
    #expect(answered == verdicts, "\(rule)")
    #expect(try grades(dir)["ann"]?["total"] == total)
  }

  // MARK: Key file

  @Test func theKeyReadBackGradesLikeTheQuizItWasWrittenFrom() throws {
    let key = try AnswerKey.read(SampleQuiz.Grading.quiz.keyJSONLines())
    #expect(key.format == 2)
    #expect(key.quiz == SampleQuiz.Grading.quiz)
    let fromKey = Grader(quiz: key.quiz)
    let fromQuiz = Grader(quiz: SampleQuiz.Grading.quiz)
    for (response, item) in [
      ("-95", "nernst-potential-01"), ("25", "driving-force-01#driving_force"),
      ("influx", "driving-force-01#direction"),
    ] {
      #expect(fromKey.grade(response, for: item) == fromQuiz.grade(response, for: item))
    }
    let crlf = try AnswerKey.read(SampleQuiz.Grading.quiz.keyJSONLines().replacingOccurrences(of: "\n", with: "\r\n"))
    #expect(crlf.quiz == SampleQuiz.Grading.quiz)
  }

  @Test func changedTemplatesAreReportedPerVariantAndField() throws {
    var changed = SampleQuiz.Grading.quiz
    changed.items[1].variants[0].answers[0].kind = .numeric(
      NumericAnswer(value: 25.0, unit: "mV", tolerance: Tolerance(absolute: 0.5)))
    let differences = SampleQuiz.Grading.quiz.differences(from: changed)
    #expect(differences.count == 1)
    #expect(differences.first?.variant == "driving-force-01")
    #expect(differences.first?.field == "answers[driving_force].interval")
    #expect(SampleQuiz.Grading.quiz.differences(from: SampleQuiz.Grading.quiz).isEmpty)
  }

  @Test func aGarbageOrIncompleteKeyIsRefusedWithItsLine() throws {
    let lines = SampleQuiz.Grading.quiz.keyJSONLines().split(separator: "\n")
    let garbage = ([lines[0], "not json"] + lines.dropFirst(1)).joined(separator: "\n")
    let e1 = #expect(throws: KeyFileError.self) { try AnswerKey.read(garbage) }
    #expect(e1?.line == 2)
    #expect(e1?.description.contains("not a JSON object") == true)
    let short = lines.dropLast().joined(separator: "\n")
    let e2 = #expect(throws: KeyFileError.self) { try AnswerKey.read(short) }
    #expect(e2?.description.contains("should have 2 variants, the file has 1") == true)
    let e3 = #expect(throws: KeyFileError.self) { try AnswerKey.read("") }
    #expect(e3?.description.contains("empty") == true)
  }
}
