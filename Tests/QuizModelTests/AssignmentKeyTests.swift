import Foundation
import Testing

@testable import QuizModel

/// A personalised quiz's key: the roster and each student's printed labels in the delivery map.
struct AssignmentKeyTests {
  /// Two students on the fixture quiz, each with its one variant of both items.
  static let assignment = Assignment(
    quiz: KeyFixture.quiz,
    students: [RosterStudent(id: "s1", name: "Ada \"Lovelace\"", section: "A"), RosterStudent(id: "s2")],
    choices: [[0, 0], [0, 0]])

  @Test func labelsNumberTheItemsAndLetterTheParts() {
    #expect(Assignment.labels(item: 1, parts: 1) == ["1"])
    #expect(Assignment.labels(item: 2, parts: 3) == ["2a", "2b", "2c"])
    #expect(Assignment.labels(item: 4, parts: 28).suffix(3) == ["4z", "4aa", "4ab"])
    #expect(AssignmentKeyTests.assignment.labels == ["1", "2a", "2b", "2c"])
  }

  @Test func theDeliveryMapGivesEachStudentsLabelsTheirVariantAndPart() {
    let deliveries = AssignmentKeyTests.assignment.deliveries
    #expect(deliveries.count == 8)
    let s2 = deliveries.filter { $0.student == "s2" }
    #expect(s2.map(\.label) == ["1", "2a", "2b", "2c"])
    #expect(s2.map(\.variant) == ["nernst-01", "flux-01", "flux-01", "flux-01"])
    #expect(s2.map(\.part) == ["E", "df", "direction", "size"])
    #expect(s2.allSatisfy { $0.format == Delivery.paper })
  }

  @Test func theKeyReadsBackToTheSameAssignmentAndWritesTheSameBytes() throws {
    let text = AssignmentKeyTests.assignment.keyJSONLines()
    #expect(text.contains(#"{"record":"student","id":"s1","name":"Ada \"Lovelace\"","section":"A"}"#))
    #expect(text.contains(#"{"record":"student","id":"s2"}"#))
    #expect(
      text.contains(
        #""format":"paper","variant":"flux-01","part":"direction","points":0.67,"student":"s1","label":"2b"}"#))
    let key = try AnswerKey.read(text)
    #expect(key.students == AssignmentKeyTests.assignment.students)
    let again = try Assignment(key: key)
    #expect(again.choices == AssignmentKeyTests.assignment.choices)
    #expect(again.keyJSONLines() == text)
  }

  @Test func keysWithoutARosterReadAsBeforeAndCannotBeKept() throws {
    let key = try AnswerKey.read(KeyFixture.quiz.keyJSONLines(deliveries: KeyFixture.deliveries))
    #expect(key.students.isEmpty)
    #expect(key.deliveries == KeyFixture.deliveries)
    #expect(throws: KeyFileError.self) { try Assignment(key: key) }
    let url = Bundle.module.url(forResource: "format1-default-key", withExtension: "jsonl", subdirectory: "Fixtures")!
    let old = try AnswerKey.read(String(contentsOf: url, encoding: .utf8))
    #expect(old.format == 1 && old.students.isEmpty)
  }

  @Test func aDeliveryForAStudentWithoutARecordOrARepeatedLabelIsRefused() throws {
    let text = AssignmentKeyTests.assignment.keyJSONLines()
    var lines = text.split(separator: "\n").map(String.init)
    let unknown = lines.map {
      $0.replacingOccurrences(of: #""student":"s2","label":"1""#, with: #""student":"s9","label":"1""#)
    }
    let error = try #require(throws: KeyFileError.self) { try AnswerKey.read(unknown.joined(separator: "\n")) }
    #expect(error.message.contains("student 's9', who has no student record"))
    lines.append(lines.last!)
    let twice = try #require(throws: KeyFileError.self) { try AnswerKey.read(lines.joined(separator: "\n")) }
    #expect(twice.message == "label: student 's2' has label '2c' twice")
  }
}
