import Foundation
import QuizModel

/// Reading one record's answers: students registered in order of first appearance, answer cells graded, and the
/// blank lines of wide formats.
extension GradingRun {
  /// Wide formats: accounts for each non-empty answer cell, then writes the blanks.
  /// `pregraded` holds, by answer column, the grades the prepare stage computed (nil for blank cells and
  /// columns no part matches).
  mutating func processAnswerColumns(
    row: Int, student: Int?, studentID: ByteView,
    fields: CSVFields, pregraded: ArraySlice<ResponseGrade?>
  ) -> Bool {
    var flagged = false
    for i in touched.indices { touched[i] = false }
    for i in touchedSlots.indices { touchedSlots[i] = false }
    var any = false
    for (c, column) in layout.answers.enumerated() {
      let isBlank = isBlankField(fields[column.column])
      if isBlank { continue }
      any = true
      let label: String
      let resolved = layout.anonymous ? column.part : key.part(of: column, student: studentID)
      if let p = resolved {
        label = column.label ?? key.parts[p].label
        touched[key.parts[p].item] = true
        touchedSlots[key.parts[p].slot] = true
      } else {
        label = column.header
      }
      let f = withBytes(of: label) { item in
        respond(
          row: row, student: student, studentID: studentID, item: item, raw: fields[column.column], fields: fields,
          part: resolved, grade: pregraded[pregraded.startIndex + c], column: c)
      }
      flagged = flagged || f
    }
    if let student {
      let blanks = emitBlanks(row: row, student: student, studentID: studentID, fields: fields)
      if !any, !blanks {
        // A row with no answers from a student whose items were all answered in earlier rows (an empty later
        // attempt): it still gets its line, so every input row appears in responses.csv.
        emit(
          row: row, studentID: studentID, item: empty, raw: empty, part: nil,
          grade: ResponseGrade(
            verdict: .blank, points: 0, feedback: "The row has no answers; this student's answers are in earlier rows."),
          fields: fields)
      }
    } else if !any {
      emit(
        row: row, studentID: studentID, item: empty, raw: empty, part: nil,
        grade: ResponseGrade(verdict: .blank, points: 0, feedback: "The row names no student and has no answers."),
        fields: fields)
    }
    return flagged
  }

  func isBlankField(_ bytes: ByteView) -> Bool {
    for b in bytes where b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { return false }
    return true
  }

  /// The student's index, adding the student on first sight; nil for an empty id.
  mutating func index(of id: ByteView, fields: CSVFields) -> Int? {
    if id.isEmpty { return nil }
    if lastStudent >= 0, lastStudentID.count == id.count,
      bytesEqual(lastStudentID.span, from: 0, id.storage.span.extracting(id.range))
    {
      return lastStudent
    }
    lastStudentID.removeAll(keepingCapacity: true)
    lastStudentID.append(contentsOf: id.slice)
    if let i = studentTable.value(for: id) {
      lastStudent = i
      return i
    }
    let i = studentIDs.count
    studentTable.insert(id, value: i)
    let text = String(decoding: id, as: UTF8.self)
    // Two different raw ids that read the same once invalid bytes become U+FFFD would look like one student
    // in every output: flag them (both texts then hold U+FFFD).
    if text.unicodeScalars.contains("\u{FFFD}") {
      if replacedIDs[text] == nil {
        replacedIDs[text] = i
      } else if !counts.ambiguousStudents.contains(text) {
        counts.ambiguousStudents.append(text)
      }
    }
    studentIDs.append(text)
    let name = layout.format == .moodle ? moodleFullName(fields) : layout.name.map { fields.trimmedString($0) } ?? ""
    studentNames.append(name.isEmpty ? key.rosterNames[text] ?? "" : name)
    if layout.format == .canvas {
      studentInfo.append(
        [layout.canvasID, layout.canvasSISID, layout.canvasSection].map { c in
          c.map { fields.trimmedString($0) } ?? ""
        })
    }
    slotStates.append(contentsOf: repeatElement(SlotState(), count: key.slotCount))
    lastStudent = i
    return i
  }

  /// Accounts for one answer cell of a wide format, graded by the prepare stage (`grade`, nil only when no
  /// part matches the column), and writes its line; returns whether it is flagged. Long-format records are
  /// looked up and graded by ``RecordBatch/prepare(grader:layout:kept:)`` alone.
  mutating func respond(
    row: Int, student: Int?, studentID: ByteView, item: ByteView,
    raw: ByteView, fields: CSVFields, part partIndex: Int?, grade: ResponseGrade?,
    column: Int
  ) -> Bool {
    guard let partIndex else {
      return emit(
        row: row, studentID: studentID, item: item, raw: raw, part: nil,
        grade: ResponseGrade(
          verdict: .unknownItem, points: 0,
          feedback: key.rosterMiss(student: studentID, label: item)
            ?? "No question of the quiz matches this column."), fields: fields)
    }
    let part = key.parts[partIndex]
    guard let student else {
      return emit(
        row: row, studentID: studentID, item: item, raw: raw, part: part,
        grade: ResponseGrade(verdict: .unreadable, points: 0, feedback: "The row names no student."), fields: fields)
    }
    guard let grade else { preconditionFailure("The prepare stage grades every non-blank cell of a part's column") }
    if let superseded = superseded(
      student: student, part: part, at: Self.answerPosition(row: row, column: column), grade: grade)
    {
      return emit(row: row, studentID: studentID, item: item, raw: raw, part: part, grade: superseded, fields: fields)
    }
    account(grade, student: student, part: part, row: row, column: column)
    return emit(row: row, studentID: studentID, item: item, raw: raw, part: part, grade: grade, fields: fields)
  }

  /// Wide formats: a blank line for each item the student has not answered at all, and for each question of an
  /// item answered in this row that is still unanswered (named by the part of a variant answered in the item).
  /// Returns whether it wrote a line (a blank needs no review, so none of them flags the row).
  mutating func emitBlanks(row: Int, student: Int, studentID: ByteView, fields: CSVFields) -> Bool {
    let base = student * key.slotCount
    var wrote = false
    for (itemIndex, item) in key.items.enumerated() {
      if layout.format == .canvas {
        // Canvas draws each question group (a part of a problem) on its own: a group whose question the student
        // left empty is one blank, whichever variant was drawn.
        for (position, slot) in item.slots.enumerated() where slotStates[base + slot].variant < 0 && !touchedSlots[slot]
        {
          let label =
            item.slots.count == 1
            ? item.template
            : item.template + "#"
              + (key.variants[item.variants[0]].parts.dropFirst(position).first.map { key.parts[$0].answer.id }
                ?? "\(position + 1)")
          wrote = true
          _ = withBytes(of: label) { name in
            emit(
              row: row, studentID: studentID, item: name, raw: empty, part: nil,
              grade: ResponseGrade(
                verdict: .blank, points: 0,
                feedback:
                  "No answer to \(quoted(item.title, limit: 60))\(item.slots.count == 1 ? "" : ", part \(position + 1)")."
              ),
              fields: fields)
          }
        }
        continue
      }
      var answered: Int32? = nil
      for slot in item.slots where slotStates[base + slot].variant >= 0 {
        answered = slotStates[base + slot].variant
        break
      }
      guard let answeredVariant = answered else {
        // Only when no column of this item was answered in this row (an unreadable answer still counts).
        guard !touched[itemIndex] else { continue }
        wrote = true
        _ = withBytes(of: item.template) { name in
          emit(
            row: row, studentID: studentID, item: name, raw: empty, part: nil,
            grade: ResponseGrade(
              verdict: .blank, points: 0, feedback: "No answer to any variant of \(quoted(item.title, limit: 60))."),
            fields: fields)
        }
        continue
      }
      guard touched[itemIndex] else { continue }
      let parts = key.variants[Int(answeredVariant)].parts
      for (position, slot) in item.slots.enumerated()
      where slotStates[base + slot].variant < 0 && position < parts.count {
        let p = parts[position]
        guard partHasColumn[p] else { continue }
        let part = key.parts[p]
        partVerdicts[p][Verdict.blank.index] += 1
        wrote = true
        _ = withBytes(of: part.label) { name in
          emit(
            row: row, studentID: studentID, item: name, raw: empty, part: part,
            grade: ResponseGrade(verdict: .blank, points: 0, feedback: "No answer."), fields: fields)
        }
      }
    }
    return wrote
  }

  /// An anonymous survey's respondent: `row N`.
  func respondent(row: Int) -> ByteView { ByteView(Array("row \(row)".utf8)) }
}
