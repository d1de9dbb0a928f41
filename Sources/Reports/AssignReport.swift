package import QuizModel

/// `assign-report.txt`: what was assigned, and how to collect the answers on paper or in one Google Form.
package enum AssignReport {
  /// The report's text.
  ///
  /// - Parameters:
  ///   - assignment: The quiz and who has which variant.
  ///   - kept: How many students kept their variants from a previous assignment (`--keep`).
  ///   - sharing: Whether students share the bank's pool (`--share`) rather than each having their own.
  package static func text(_ assignment: Assignment, kept: Int = 0, shared: Bool = false) -> String {
    let quiz = assignment.quiz
    let n = assignment.students.count
    var out = "\(quiz.title): personalised for \(PageText.count(n, "student")), seed \(quiz.seed)\n"
    if kept > 0 {
      out += "\(kept) kept their variants from the previous key; \(n - kept) newly assigned.\n"
    }
    out +=
      shared
      ? "Variants are shared: each item's pool is spread evenly over the roster.\n"
      : "Every student has their own variant of each item.\n"
    out += "\n"
    let uses = assignment.uses
    for (i, item) in quiz.items.enumerated() {
      let used = uses[i].filter { $0 > 0 }
      let spread =
        used.isEmpty
        ? ""
        : used.min() == used.max()
          ? ", each used by \(used[0])"
          : ", each used by \(used.min()!)–\(used.max()!)"
      let labels = Assignment.labels(item: i + 1, parts: item.variants.map(\.answers.count).max() ?? 1)
      out +=
        "  \(labels.joined(separator: ", ")): \(item.title) (\(item.points) pt): \(PageText.count(used.count, "variant"))\(spread)\n"
    }
    let labels = assignment.labels
    out += """

      Files
        key.jsonl            the answer key with each student's labels → variant and part; grading needs only this
        assignments.csv      who has which variant, label by label
        handouts.html        one handout per student (print it: each student starts on a new sheet)
        answer-keys.html     the same with the keys, accepted intervals and explanations
        answers-template.csv the header of a shared answer file: Student ID and one column per label

      Collecting the answers in one Google Form (it serves the whole class)
        1. Create a form; add a Short answer question titled "Student ID" (required).
        2. Add one Short answer question per label, titled with the label alone:
             \(labels.joined(separator: ", "))
           A choice is answered by writing the option's words (or add a Multiple choice question titled with
           the label whose options are that question's options).
        3. Share the form. Each student enters their ID and the answers from their own handout.
        4. Responses → Download responses (.csv), then:
             nernstquiz grade responses.csv --key key.jsonl
           Each answer is graded against the variant on that student's handout; a student not on the roster or
           a label that does not exist is flagged in review.csv; a resubmitted form counts once (--attempts).

      On paper: type the answers into answers-template.csv (one row per student) and grade it the same way.

      """
    return out
  }
}
