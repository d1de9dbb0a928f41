import Foundation
import Grading
import QuizModel
import TestSupport
import Testing

/// Grading a personalised quiz: each answer against the variant printed on that student's handout, found by
/// the student's identifier and the printed label, from the key's delivery map alone.
@Suite struct RosterGradingTests {
  /// s1 has the first variant of every item, s2 the second (where there is one).
  static let assignment = Assignment(
    quiz: SampleQuiz.Grading.quiz,
    students: [RosterStudent(id: "s1", name: "Ada"), RosterStudent(id: "s2", name: "Ben")],
    choices: [[0, 0, 0], [1, 0, 1]])

  /// Grades `csv` against the assignment's key as read back from key.jsonl; returns the summary and the
  /// rows of responses.csv and review.csv.
  static func grade(_ csv: String, attempts: AttemptsRule = .last) throws -> (GradingSummary, [[String]], [[String]]) {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let key = try AnswerKey.read(assignment.keyJSONLines())
    let input = dir.url.appendingPathComponent("answers.csv")
    try Data(csv.utf8).write(to: input)
    let out = dir.url.appendingPathComponent("out")
    let summary = try Grader(quiz: key.quiz, deliveries: key.deliveries, attempts: attempts).grade(
      submissionsAt: input, into: out)
    return (
      summary, try readCSV(out.appendingPathComponent("responses.csv")),
      try readCSV(out.appendingPathComponent("review.csv"))
    )
  }

  static func verdicts(_ rows: [[String]]) -> [String] {
    let v = rows[0].firstIndex(of: "verdict")!
    return rows.dropFirst().map { $0[1] + " " + $0[2] + " " + $0[v] }
  }

  @Test func aSharedAnswerFileIsGradedWithEachStudentsOwnVariant() throws {
    // s2 copies s1's numbers: right for s1's variants, wrong for s2's own.
    let (summary, responses, _) = try RosterGradingTests.grade(
      """
      Student ID,1,2a,2b,3
      s1,−95.0,25,efflux,-0.7
      s2,−95.0,25,efflux,-0.7
      """)
    #expect(summary.rowsIn == 2)
    let verdicts = RosterGradingTests.verdicts(responses)
    #expect(verdicts.contains("s1 1 correct"))
    #expect(verdicts.contains("s2 1 incorrect"))
    #expect(verdicts.contains("s2 2a correct"))  // the same variant of item 2 for both
    let key = responses[0].firstIndex(of: "key")!
    #expect(responses.first { $0[1] == "s2" && $0[2] == "1" }?[key] == "132.3")
  }

  @Test func aStudentNotOnTheRosterOrAnUnknownLabelIsFlaggedNotDropped() throws {
    let (summary, responses, review) = try RosterGradingTests.grade(
      """
      student,question,response
      s1,1,-95
      s9,1,-95
      s1,7b,3
      s2,1,132.3
      """)
    #expect(summary.rowsIn == 4)
    #expect(responses.dropFirst().map { $0[0] } == ["2", "3", "4", "5"])
    #expect(
      RosterGradingTests.verdicts(responses) == [
        "s1 1 correct", "s9 1 unknown-item", "s1 7b unknown-item", "s2 1 correct",
      ])
    #expect(
      review.dropFirst().map { $0[5] } == [
        "\"s9\" is not on the roster of this key: check the identifier, or assign the student (assign --keep).",
        "No question labelled \"7b\" on the handout of \"s1\".",
      ])
    #expect(summary.exitStatus == 1)
  }

  @Test func aResubmittedGoogleFormCountsOnceByTheAttemptsRule() throws {
    let form = """
      Timestamp,Email Address,Student ID,1,2a,2b,3
      2026/11/30 10:00:00,a@x.org,s1,-41.27,25,influx,-0.7
      2026/11/30 10:05:00,b@x.org,s2,132.3,25,efflux,
      2026/11/30 10:09:00,a@x.org,s1,-95.02,,efflux,
      """
    let (_, last, _) = try RosterGradingTests.grade(form)
    let verdicts = RosterGradingTests.verdicts(last)
    #expect(verdicts.filter { $0.hasPrefix("s1 1 ") } == ["s1 1 superseded", "s1 1 correct"])
    #expect(verdicts.filter { $0.hasPrefix("s1 2b ") } == ["s1 2b superseded", "s1 2b correct"])
    #expect(verdicts.filter { $0.hasPrefix("s1 2a ") } == ["s1 2a correct"])
    let (_, first, _) = try RosterGradingTests.grade(form, attempts: .first)
    #expect(
      RosterGradingTests.verdicts(first).filter { $0.hasPrefix("s1 1 ") } == ["s1 1 incorrect", "s1 1 superseded"])
  }
}

@Suite struct RosterTests {
  static func read(_ text: String, idColumn: String? = nil) throws -> [RosterStudent] {
    var reader = try CSVReader(bytes: Array(text.utf8), name: "roster.csv")
    return try Roster.read(&reader, identityColumn: idColumn)
  }

  @Test func theIdentifierNameAndSectionColumnsAreFoundInAnySeparator() throws {
    let students = try RosterTests.read("Name;Email address;Section\nAda Lovelace;ada@x.org;A\nBen;ben@x.org;\n")
    #expect(
      students == [
        RosterStudent(id: "ada@x.org", name: "Ada Lovelace", section: "A"), RosterStudent(id: "ben@x.org", name: "Ben"),
      ])
    let first = try RosterTests.read("SIS ID,First name,Last name\n17,Ada,Lovelace\n")
    #expect(first == [RosterStudent(id: "17", name: "Ada Lovelace")])
    #expect(try RosterTests.read("Login,Badge\nada,7\n", idColumn: "Badge").map(\.id) == ["7"])
  }

  @Test func emptyOrRepeatedIdentifiersAreAnErrorNamingTheRows() throws {
    let error = try #require(throws: CSVError.self) {
      try RosterTests.read("Student ID,Name\ns1,A\n,B\ns1,C\ns2,D\n,E\n")
    }
    #expect(
      error.description
        == "roster.csv:3:1: no student identifier in rows 3, 6; row 4 repeats \"s1\" of row 2")
    let tooMany = "ID\n" + (0...Roster.maximumStudents).map { "s\($0)\n" }.joined()
    let large = try #require(throws: CSVError.self) { try RosterTests.read(tooMany) }
    #expect(
      large.description == "roster.csv:\(Roster.maximumStudents + 2): the roster names more than 100000 students")
    let none = try #require(throws: CSVError.self) { try RosterTests.read("Name,Section\nAda,A\n") }
    #expect(none.code == .unknownHeader)
    #expect(none.description.contains("no student identifier column"))
  }
}
