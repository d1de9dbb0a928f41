package import Foundation
package import QuizModel

/// Grades student submissions against a quiz's answer key.
///
/// A grader is built once from the quiz (regenerated from the bank and seed) and the bank's
/// ``GradingPolicy``; it then grades single responses or whole submission files. Files are streamed: memory
/// depends on the number of students and items, not on the number of rows.
///
/// ```swift
/// let grader = Grader(quiz: quiz, policy: policy)
/// let summary = try grader.grade(submissionsAt: csv, into: outputFolder)
/// print(summary)          // 120 rows in = 117 graded + 3 flagged; …
/// summary.statistics.alpha   // Cronbach's α, for report.html
/// exit(summary.exitStatus)
///
/// grader.grade("−0.095 V", for: "nernst-potential-03")?.verdict   // .incorrect or .correct
/// ```
package struct Grader: Sendable {
  /// The quiz whose key is used.
  package let quiz: Quiz
  /// Partial credit and significant-figure rules.
  package let policy: GradingPolicy
  /// Which of a student's answers to the same question counts.
  package let attempts: AttemptsRule
  /// Whether files under the `last` rule are read once quickly first to find the kept answers (tests turn it
  /// off to compare with the two grading passes).
  var prescans = true
  let key: KeyIndex
  let parser = AnswerParser()

  /// Prepares a grader: indexes every part of every variant by name and by question text.
  ///
  /// - Complexity: O(number of parts in the quiz).
  /// - Parameter deliveries: The key's delivery map: a part may then also be named as an exported package names
  ///   it (QTI: `item#response`, or the item alone for a one-part variant), or, for a personalised quiz, by
  ///   the label printed on a student's handout.
  /// - Parameter students: A personalised quiz's roster: names for `grades.csv` when the answers give none.
  package init(
    quiz: Quiz, deliveries: [Delivery] = [], students: [RosterStudent] = [], policy: GradingPolicy = GradingPolicy(),
    attempts: AttemptsRule = .last
  ) {
    self.quiz = quiz
    self.policy = policy
    self.attempts = attempts
    key = KeyIndex(quiz, deliveries: deliveries, students: students)
  }

  /// The item names a submission may use: `variant-id#answer-id` for every part, and `variant-id` alone for
  /// a one-part variant.
  package var itemNames: [String] { key.parts.map(\.label) }

  /// Grades one response to the part named `item` (`variant-id#answer-id`, or the bare `variant-id` of a
  /// one-part variant).
  ///
  /// - Returns: The grade, or nil when the quiz has no such part.
  package func grade(_ response: String, for item: String) -> ResponseGrade? {
    guard case .part(let p)? = key.byName[item] else { return nil }
    let part = key.parts[p]
    return grade(ByteView(Array(response.utf8)), part: part)
  }

  func grade(_ bytes: ByteView, part: PreparedPart) -> ResponseGrade {
    let parsed: ParsedResponse
    if let choice = part.choice {
      parsed = choice.match(String(decoding: bytes, as: UTF8.self))
    } else {
      parsed = parser.readNumber(bytes, in: part.target)
    }
    return Scoring.grade(parsed, part: part, policy: policy)
  }

  /// Grades a submission file into `folder`: `responses.csv`, `review.csv`, `grades.csv`, and for Canvas input
  /// `canvas-gradebook.csv`. Every file is written to a temporary name and renamed into place when all are
  /// complete; the input is only read. The statistics `report.html` shows come back in the summary
  /// (``GradingSummary/statistics``), for the Reports module to render.
  ///
  /// - Parameters:
  ///   - input: The CSV file (see <doc:SubmissionFormats>).
  ///   - format: The layout, or nil to detect it from the header.
  ///   - identityColumn: The header of the column naming the student, instead of the format's own (Google Forms:
  ///     `Student ID`, else `Email address`, else `Username`, else a name; Moodle: `ID number`, else
  ///     `Email address`, else `Username`, else `First name Last name`, row by row).
  ///   - folder: The output folder, created when missing.
  ///   - workers: How many threads grade, the calling one included (reading and writing stay in input order,
  ///     so the outputs are the same bytes for any number); 1, the default, for none besides the caller's; at
  ///     most ``OrderedWork/maximumWorkers``.
  /// - Returns: What was read, graded and flagged, and the class's statistics; ``GradingSummary/exitStatus`` is
  ///   the CLI's exit status.
  /// - Throws: ``CSVError`` for a malformed file or an unknown header, ``GradingError`` when the outputs
  ///   cannot be written.
  /// - Complexity: O(rows) time; memory O(students × items), independent of the number of rows.
  package func grade(
    submissionsAt input: URL, format: SubmissionFormat? = nil, identityColumn: String? = nil, into folder: URL,
    workers: Int = 1
  ) throws -> GradingSummary {
    let outputs = ["responses.csv", "review.csv", "grades.csv", "canvas-gradebook.csv"].map {
      folder.appendingPathComponent($0)
    }
    let inputPath = input.standardizedFileURL.resolvingSymlinksInPath().path
    if let clash = outputs.first(where: { $0.standardizedFileURL.resolvingSymlinksInPath().path == inputPath }) {
      throw GradingError(
        "The output folder would overwrite the input \(clash.lastPathComponent): choose another --out folder")
    }
    var reader = try CSVReader(contentsOf: input)
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw GradingError("Cannot create the output folder \(folder.lastPathComponent): \(error.localizedDescription)")
    }
    return try grade(&reader, format: format, identityColumn: identityColumn, into: folder, workers: workers)
  }

  /// Grades CSV records from `reader` into `folder`, like ``grade(submissionsAt:format:into:workers:)``.
  package func grade(
    _ reader: inout CSVReader, format: SubmissionFormat? = nil, identityColumn: String? = nil, into folder: URL,
    workers: Int = 1
  ) throws -> GradingSummary {
    guard try reader.next() else {
      throw CSVError(.emptyFile, file: reader.fileName, message: "the file is empty: expected a header row")
    }
    let header = reader.strings
    guard let format = format ?? SubmissionFormat.detect(header: header) else {
      throw CSVError(
        .unknownHeader, file: reader.fileName, row: 1,
        message:
          "cannot tell the format from the header \(quoted(header.joined(separator: ","), limit: 80)); expected student,item,response (long), student,<item>,… (wide), a Canvas Student Analysis report, Google Forms responses or a Moodle Responses report, or give --input-format"
      )
    }
    let layout = try Layout(header: header, format: format, key: key, file: reader.fileName, identity: identityColumn)
    // Under the `last` rule, a quick read finds each student's last answer to each question (no grading, no
    // output), so one grading pass writes the outputs. Under `best`, the grades decide: that is found out while
    // grading, and a file with repeated answers is graded twice.
    var kept: KeptAnswers? = nil
    if attempts == .last, prescans, format != .moodle {
      kept = try lastAnswers(&reader, layout: layout, workers: workers)
      reader = try reader.restarted()
      _ = try reader.next()
    }
    let run = try GradingRun(grader: self, layout: layout, folder: folder, winners: kept?.positions)
    var finished: GradingRun
    (reader, finished) = try gradeRecords(reader, into: run, layout: layout, kept: kept, workers: workers)
    if kept == nil, finished.repeats, attempts != .first {
      // Some student answered a question twice and the rule keeps another answer than the first: now that the
      // kept answers are known, grade again (the second pass writes the files anew over the first one's).
      let winners = KeptAnswers(
        students: finished.studentTable, positions: finished.keptAnswers, slotCount: key.slotCount, rule: attempts,
        repeats: true)
      var again = try reader.restarted()
      _ = try again.next()
      let second = try GradingRun(grader: self, layout: layout, folder: folder, winners: winners.positions)
      (reader, finished) = try gradeRecords(again, into: second, layout: layout, kept: winners, workers: workers)
    }
    return try finished.finish()
  }

  /// The last non-blank answer of each student to each question (``GradingRun/answerPosition(row:column:)``, −1
  /// for none), students numbered in order of first appearance as a grading run numbers them. A cell is an
  /// answer when the grader would not call it blank. Reads `reader` to its end.
  ///
  /// The same ``OrderedWork`` pipeline as grading: the calling thread reads batches and numbers the students,
  /// any thread finds which questions each record answers (``RecordBatch/findAnswers(key:layout:)``).
  func lastAnswers(_ reader: inout CSVReader, layout: Layout, workers: Int) throws(CSVError) -> KeptAnswers {
    var students = ByteTable<Int>(capacity: 1024)
    var last = LastStudent()
    var count = 0
    var kept: [Int64] = []
    var repeats = false
    let slots = key.slotCount
    let key = self.key
    try Grader.forEachBatch(
      of: &reader, layout: layout, workers: workers,
      transform: { batch in batch.findAnswers(key: key, layout: layout) },
      consume: { batch in
        var answer = 0
        for r in batch.records.indices {
          let end = batch.answerEnds[r]
          defer { answer = end }
          let student: Int
          if layout.anonymous {
            student = count  // every row a respondent of its own
          } else {
            guard
              let found = batch.withFields(
                of: r,
                { fields -> Int? in
                  let id = trimmed(fields[layout.student])
                  guard !id.isEmpty else { return nil }
                  if let s = last.number(of: id) { return s }
                  let s = students.value(for: id) ?? count
                  if s == count { _ = students.insert(id, value: count) }
                  last.remember(id, as: s)
                  return s
                })
            else { continue }
            student = found
          }
          if student == count {
            count += 1
            kept.append(contentsOf: repeatElement(-1, count: slots))
          }
          let row = batch.records[r].row
          for (column, slot) in batch.answers[answer..<end] {
            if kept[student * slots + slot] >= 0 { repeats = true }
            kept[student * slots + slot] = GradingRun.answerPosition(row: row, column: column)
          }
        }
      })
    return KeptAnswers(students: students, positions: kept, slotCount: slots, rule: attempts, repeats: repeats)
  }
}
