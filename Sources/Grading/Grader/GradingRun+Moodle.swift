import QuizModel

/// Grading one row of Moodle's Responses report: an attempt, with one response per quiz slot. Which variant a
/// slot drew is read from its `Question N` cell; a Cloze response is split back into its gaps.
extension GradingRun {
  /// Accounts for one row; returns whether it is flagged.
  mutating func commitMoodle(row: Int, fields: CSVFields) -> Bool {
    withMoodleStudent(fields) { run, studentID in
      let student = run.index(of: studentID, fields: fields)
      return run.processMoodleRow(row: row, student: student, studentID: studentID, fields: fields)
    }
  }

  private mutating func processMoodleRow(
    row: Int, student: Int?, studentID: ByteView,
    fields: CSVFields
  ) -> Bool {
    for i in touched.indices { touched[i] = false }
    for i in touchedSlots.indices { touchedSlots[i] = false }
    let state = layout.moodleState.map { fields.trimmedString($0) } ?? ""
    let final = Layout.moodleFinalStates.contains(state.lowercased())
    var flagged = false
    var wrote = false
    /// Writes the line of a response that is not graded part by part (under `label`), noting whether it is flagged.
    func emitWhole(_ label: String, raw: ByteView, _ grade: ResponseGrade) {
      let f = withBytes(of: label) { item in
        emit(row: row, studentID: studentID, item: item, raw: raw, part: nil, grade: grade, fields: fields)
      }
      flagged = flagged || f
    }
    for (s, slot) in layout.moodleSlots.enumerated() {
      let raw = fields[slot.response]
      guard !isMoodleBlank(raw) else { continue }
      // A slot told by its place only: its item is answered, even when the variant cannot be told.
      if slot.question == nil, let item = slot.item { touched[item] = true }
      wrote = true
      let header = layout.header[slot.response]
      let variant: Int
      switch moodleVariant(slot, fields: fields) {
      case .variant(let v): variant = v
      case .unknown(let reason):
        emitWhole(header, raw: raw, ResponseGrade(verdict: .unknownItem, points: 0, feedback: reason))
        continue
      }
      let parts = key.gapOrder(ofVariant: variant)
      let label = parts.count == 1 ? key.parts[parts[0]].label : key.variants[variant].id
      touched[key.variants[variant].item] = true
      // An unfinished attempt is not graded; a finished one is split into its gaps, if it can be.
      guard final, let pieces = parts.count == 1 ? [raw] : Self.clozePieces(raw, count: parts.count) else {
        let grade =
          final
          ? ResponseGrade(
            verdict: .unreadable, points: 0,
            feedback:
              "A Cloze response reads \"part 1: …; part 2: …\" with \(parts.count) parts as Moodle writes it; this one does not."
          )
          : ResponseGrade(
            verdict: .unfinished, points: 0,
            feedback:
              "The attempt's state in Moodle is \(quoted(state)): not finished, so its responses may still change; not graded."
          )
        emitWhole(label, raw: raw, grade)
        continue
      }
      for (gap, p) in parts.enumerated() where !isMoodleBlank(pieces[gap]) {
        let part = key.parts[p]
        touchedSlots[part.slot] = true
        let f = withBytes(of: part.label) { item in
          respond(
            row: row, student: student, studentID: studentID, item: item, raw: pieces[gap], fields: fields,
            part: p, grade: grader.grade(pieces[gap], part: part), column: s << 8 | min(gap, 255))
        }
        flagged = flagged || f
      }
    }
    if final, let student {
      wrote = emitBlanks(row: row, student: student, studentID: studentID, fields: fields) || wrote
    }
    if !wrote {
      // Every input row appears in responses.csv.
      let grade =
        final
        ? ResponseGrade(
          verdict: .blank, points: 0,
          feedback: student == nil
            ? "The row names no student and has no answers."
            : "The row has no answers; this student's answers are in earlier rows.")
        : ResponseGrade(
          verdict: .unfinished, points: 0,
          feedback:
            "The attempt's state in Moodle is \(quoted(state)): not finished, and it has no responses yet.")
      flagged =
        emit(row: row, studentID: studentID, item: empty, raw: empty, part: nil, grade: grade, fields: fields)
        || flagged
    }
    return flagged
  }

  /// The variant a slot drew in a row, or why it cannot be told.
  enum MoodleDraw {
    case variant(Int)
    case unknown(String)
  }

  /// A cell Moodle writes for no response: empty, or `-` (a question with no response summary).
  func isMoodleBlank(_ bytes: ByteView) -> Bool {
    let t = trimmed(bytes)
    return t.isEmpty || (t.count == 1 && t[0] == UInt8(ascii: "-"))
  }

  /// The variant a slot drew in this row: from its `Question N` cell, or from its place when its item has one
  /// variant; else why it cannot be told.
  private func moodleVariant(_ slot: Layout.MoodleSlot, fields: CSVFields) -> MoodleDraw {
    let header = layout.header[slot.response]
    if let q = slot.question {
      let text = fields.trimmedString(q)
      if text.isEmpty || text == "-" {
        return .unknown(
          "The report's Question \(slot.number) cell is empty: which question this student drew is not known.")
      }
      switch key.moodleVariant(questionText: text) {
      case .success(let v): return .variant(v)
      case .failure(.noVariant):
        return .unknown(
          "No variant of the key has the question text of Question \(slot.number) (\(quoted(text, limit: 80))); "
            + "check that the key is the one written with the Moodle file")
      case .failure(.ambiguous(let ids)):
        return .unknown(
          "Variants \(ids.joined(separator: ", ")) have the question text of Question \(slot.number) but other answers."
        )
      }
    }
    if let item = slot.item, key.items[item].variants.count == 1 { return .variant(key.items[item].variants[0]) }
    return .unknown(
      "\(header): the report has no Question \(slot.number) column, and this slot draws from a category of "
        + "several variants, so which one this student drew cannot be told; in Moodle, tick \"Question text\" under the "
        + "Responses report's Display options and download it again")
  }

  /// A Cloze response as `qtype_multianswer`'s `summarise_response` writes it, `part 1: …; part 2: …` (each gap's
  /// own summary, empty when the gap has none), split back into its `count` gaps, in gap order; nil when it does
  /// not read so.
  static func clozePieces(_ raw: ByteView, count: Int) -> [ByteView]? {
    let text = trimmed(raw)
    // After each label, its space: the report trims the cell, so a last gap with no response ends in "part n:".
    func after(_ label: [UInt8], at position: Int) -> Int {
      let end = position + label.count
      return end < text.count && text[end] == UInt8(ascii: " ") ? end + 1 : end
    }
    let first = Array("part 1:".utf8)
    guard count >= 2, text.starts(with: first) else { return nil }
    var pieces: [ByteView] = []
    var start = after(first, at: 0)
    for k in 2...count {
      let label = Array("; part \(k):".utf8)
      guard let at = find(label, in: text, from: start) else { return nil }
      pieces.append(text[start..<at])
      start = after(label, at: at)
    }
    pieces.append(text[start..<text.count])
    return pieces
  }

  /// The first place of `needle` in `bytes` at or after `from`.
  private static func find(_ needle: [UInt8], in bytes: ByteView, from: Int) -> Int? {
    guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
    var i = from
    while i + needle.count <= bytes.count {
      if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }
}
