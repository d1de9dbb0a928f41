package import Foundation
package import QuizModel

/// The CSV files of a personalised quiz, for people and for collecting answers.
package enum AssignmentTables {
  /// Writes into `folder`:
  /// - `assignments.csv`: `student,name,question,variant,part,points`, one row per printed label of each
  ///   student's handout (a view for people; grading reads `key.jsonl`);
  /// - `answers-template.csv`: the header of a shared answer file, `Student ID` and one column per label (the
  ///   wide format `grade` reads).
  ///
  /// - Returns: The files written.
  /// - Throws: ``GradingError`` when a file cannot be written.
  @discardableResult
  package static func write(_ assignment: Assignment, into folder: URL) throws(GradingError) -> [URL] {
    let assignments = try OutputFile(folder.appendingPathComponent("assignments.csv"), spreadsheet: true)
    assignments.row(["student", "name", "question", "variant", "part", "points"])
    for (s, student) in assignment.students.enumerated() {
      for question in assignment.handout(s) {
        for (answer, label) in zip(question.variant.answers, question.labels) {
          assignments.row([student.id, student.name, label, question.variant.id, answer.id, answer.points.description])
        }
      }
    }
    let template = try OutputFile(folder.appendingPathComponent("answers-template.csv"), spreadsheet: true)
    template.row(["Student ID"] + assignment.labels)
    try assignments.close()
    try template.close()
    return [assignments.destination, template.destination]
  }
}
