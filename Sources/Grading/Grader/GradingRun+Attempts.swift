import Foundation
import QuizModel

/// Which of a student's answers to a question counts (the attempts rule), and what a counted answer adds to the
/// student's slots and the statistics.
extension GradingRun {
  /// Where an answer is in the input, in file order: its row, then its answer column (0 in long files).
  static func answerPosition(row: Int, column: Int) -> Int64 { Int64(row) << 20 | Int64(column) }

  /// The row of an ``answerPosition(row:column:)``.
  static func row(of position: Int64) -> Int64 { position >> 20 }

  /// The `superseded` verdict when another answer of `student` to this question (`part`'s slot, from this or
  /// another variant) counts instead of `grade`, given at `position`; nil when this one counts (or is blank).
  ///
  /// On the first pass, the first answer counts and the answer the run's rule keeps is remembered; when any
  /// answer was repeated and the rule is not `first`, the grader runs a second pass with ``winners``.
  mutating func superseded(student: Int, part: PreparedPart, at position: Int64, grade: ResponseGrade) -> ResponseGrade?
  {
    guard grade.verdict != .blank else { return nil }
    let index = student * key.slotCount + part.slot
    let rule = grader.attempts
    if let winners {
      guard index < winners.count else { return nil }
      let winner = winners[index]
      guard winner >= 0, winner != position else { return nil }
      return KeptAnswers.superseded(grade, by: winner, rule: rule)
    }
    var state = slotStates[index]
    guard state.variant >= 0 else { return nil }
    repeats = true
    switch rule {
    case .first: break
    case .last:
      state.kept = position
      state.keptPoints = grade.points
    case .best:
      if grade.points >= state.keptPoints {
        state.kept = position
        state.keptPoints = grade.points
      }
    }
    slotStates[index] = state
    let other = key.parts[key.variants[Int(state.variant)].parts[part.position]].label
    return ResponseGrade(
      verdict: .superseded, points: 0, value: grade.value, option: grade.option,
      feedback:
        "Superseded by the answer in row \(state.firstRow) (\(other)): the first answer to this question counts.")
  }

  /// The answer that counts for each student and slot, by the run's rule: what a second pass needs.
  var keptAnswers: [Int64] { slotStates.map { $0.variant >= 0 ? $0.kept : -1 } }

  /// Records a response that counts: the student's slot and the statistics.
  mutating func account(_ grade: ResponseGrade, student: Int, part: PreparedPart, row: Int, column: Int) {
    if grade.verdict != .blank {
      let base = student * key.slotCount
      var s = slotStates[base + part.slot]
      if s.variant < 0 {
        s.kept = Self.answerPosition(row: row, column: column)
        s.keptPoints = grade.points
        // A student counts once for a variant, however many of its parts they answered.
        let item = key.items[part.item]
        if !item.slots.contains(where: { $0 != part.slot && slotStates[base + $0].variant == Int32(part.variant) }) {
          variantStudents[part.variant] += 1
        }
        s.variant = Int32(part.variant)
        s.firstRow = Int32(clamping: row)
        variantPossible[part.variant] += part.points
      }
      s.points += grade.points
      slotStates[base + part.slot] = s
      variantPoints[part.variant] += grade.points
    }
    partVerdicts[part.index][grade.verdict.index] += 1
    partPoints[part.index] += grade.points
    if let m = grade.misconception { partMisconceptions[part.index][m, default: 0] += 1 }
  }

  /// The points of `student` for each item (nil for an item with no answered question).
  func itemPoints(student: Int) -> [Points?] {
    let base = student * key.slotCount
    return key.items.map { item in
      var total = Points.zero
      var answered = false
      for slot in item.slots where slotStates[base + slot].variant >= 0 {
        answered = true
        total += slotStates[base + slot].points
      }
      return answered ? total : nil
    }
  }
}
