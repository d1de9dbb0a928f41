package import QuizModel

/// The paper sizes handouts are laid out for.
package enum PaperSize: String, CaseIterable, Sendable {
  case a4
  case letter

  /// The CSS `@page` size.
  var css: String { self == .a4 ? "A4" : "letter" }
}

/// A personalised quiz's pages, one student after another, each starting on a new sheet: `handouts.html`
/// (course, name and identifier on top, the questions numbered with the labels the answers are matched by,
/// answer boxes with their units, choices as tick boxes; no answers) and `answer-keys.html` (the same with the
/// key, the accepted interval and the worked explanation).
package enum HandoutPages {
  /// The handouts, from `Pages/handouts.mustache`.
  ///
  /// - Parameters:
  ///   - assignment: The quiz and who has which variant.
  ///   - course: Printed above each student's name (empty for none).
  ///   - paper: The sheet the pages are laid out for.
  /// - Throws: ``PageTemplateError`` when the page template is missing or broken.
  package static func handouts(_ assignment: Assignment, course: String = "", paper: PaperSize = .a4)
    throws(PageTemplateError) -> String
  {
    try PageRenderer.render("handouts", context(assignment, course: course, paper: paper, keys: false))
  }

  /// The answer keys, from `Pages/answer-keys.mustache`: each student's handout with its key.
  package static func answerKeys(_ assignment: Assignment, course: String = "", paper: PaperSize = .a4)
    throws(PageTemplateError) -> String
  {
    try PageRenderer.render("answer-keys", context(assignment, course: course, paper: paper, keys: true))
  }

  static func context(_ assignment: Assignment, course: String, paper: PaperSize, keys: Bool) -> [String: Any] {
    let quiz = assignment.quiz
    let students: [[String: Any]] = assignment.students.indices.map { s in
      let student = assignment.students[s]
      let questions: [[String: Any]] = assignment.handout(s).map { q in
        [
          "number": q.number, "title": q.item.title, "points": q.item.points.description,
          "pointsWord": q.item.points == 1 ? "point" : "points", "variant": q.variant.id,
          "stem": PageText.paragraphs(q.variant.stem),
          "parts": zip(q.variant.answers, q.labels).map { answer, label in
            keys ? AnswerContext.withKey(answer, label: label) : AnswerContext.question(answer, label: label)
          },
        ]
      }
      return [
        "id": student.id, "name": student.name, "hasName": !student.name.isEmpty, "section": student.section,
        "hasSection": !student.section.isEmpty, "questions": questions,
      ]
    }
    return [
      "title": quiz.title, "course": course, "hasCourse": !course.isEmpty, "paper": paper.css,
      "points": quiz.maximum.description, "students": students,
      "studentCount": PageText.count(students.count, "student"),
    ]
  }
}
