import Foundation
import Grading
import QuizModel
import Reports
import TemplateEngine

/// A class of students with the default bank assigned to them, and their answers.
enum ClassFixture {
  static func roster(_ count: Int) -> [RosterStudent] {
    (1...count).map { i in
      RosterStudent(
        id: "s" + String(repeating: "0", count: 3 - String(i).count) + String(i), name: "Student \(i)",
        section: i.isMultiple(of: 2) ? "A" : "B")
    }
  }

  static func assignment(students: Int, sharing: VariantSharing = .distinct) throws -> Assignment {
    try Samples.bank().assign(roster(students), library: Samples.library(), sharing: sharing)
  }

  /// The key's answer to a part, as a student would write it: the key's number, or the correct option's text.
  static func correctResponse(_ answer: Answer) -> String {
    switch answer.kind {
    case .numeric(let n): n.interval.keyText
    case .choice(let c): c.correctOption.text
    }
  }

  /// A shared answer file (wide: `Student ID` and one column per label): everyone right except that student
  /// `wrong` (an index) writes 0 everywhere.
  static func wideAnswers(_ assignment: Assignment, wrong: Int? = nil) -> String {
    var text = (["Student ID"] + assignment.labels).joined(separator: ",") + "\n"
    for s in assignment.students.indices {
      var cells = [String: String]()
      for question in assignment.handout(s) {
        for (answer, label) in zip(question.variant.answers, question.labels) {
          cells[label] = s == wrong ? "0" : correctResponse(answer)
        }
      }
      text +=
        ([assignment.students[s].id] + assignment.labels.map { "\"" + (cells[$0] ?? "") + "\"" }).joined(separator: ",")
        + "\n"
    }
    return text
  }

  /// The grading report of the class's answers, as `grade` renders it.
  static func gradingReport(_ assignment: Assignment, in folder: URL) throws -> String {
    let answers = folder.appendingPathComponent("answers.csv")
    try Data(wideAnswers(assignment, wrong: 3).utf8).write(to: answers)
    let out = folder.appendingPathComponent("graded")
    let grader = Grader(quiz: assignment.quiz, deliveries: assignment.deliveries)
    let summary = try grader.grade(submissionsAt: answers, into: out, workers: 1)
    return try GradingReportPage.html(for: summary, of: assignment.quiz)
  }
}
