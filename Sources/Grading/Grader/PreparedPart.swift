import QuizModel

/// One part of one variant, with everything the hot path needs looked up once. A class, so that handing one
/// around costs a single reference count rather than one per string.
final class PreparedPart: Sendable {
  /// Index in ``KeyIndex/parts``.
  let index: Int
  /// The item (template) it belongs to.
  let item: Int
  /// The question of the item it answers (``KeyIndex/ItemEntry/slots``): the same for this part of every variant.
  let slot: Int
  /// The variant, as an index into ``KeyIndex/variants``.
  let variant: Int
  /// `variant-id#answer-id`, or the bare variant id for a one-part variant.
  let label: String
  /// The position of the part within its variant.
  let position: Int
  let answer: Answer
  let numeric: NumericAnswer?
  /// The points this part is worth, as the key records them.
  let points: Points
  /// The intervals matching each numeric misconception, in the order of ``NumericAnswer/misconceptions``.
  let misconceptionIntervals: [AcceptedInterval]
  let target: AnswerParser.TargetUnit?
  let choice: ChoiceMatcher?
  /// The columns unit,key,low,high of responses.csv, ready to copy into every row for this part.
  let keyColumns: [UInt8]
  /// The points as responses.csv writes them (``Points/description``).
  let pointsBytes: [UInt8]

  init(index: Int, item: Int, slot: Int, variant: Int, variantID: String, position: Int, answer: Answer, parts: Int) {
    self.index = index
    self.item = item
    self.slot = slot
    self.variant = variant
    self.position = position
    self.answer = answer
    label = parts == 1 ? variantID : variantID + "#" + answer.id
    points = answer.points
    pointsBytes = Array(points.description.utf8)
    numeric = answer.numeric
    choice = answer.choice.map(ChoiceMatcher.init)
    target = answer.numeric.map { AnswerParser.TargetUnit($0.unit) }
    misconceptionIntervals =
      answer.numeric.map { n in n.misconceptions.map { m in m.value.map(n.interval(ofMisconceptionAt:)) ?? n.interval }
      }
      ?? []
    keyColumns = PreparedPart.keyColumns(answer)
  }

  /// unit,key,low,high: a number's unit, key and accepted bounds, or a choice's correct option and three
  /// empty columns.
  private static func keyColumns(_ answer: Answer) -> [UInt8] {
    var columns: [UInt8] = []
    switch answer.kind {
    case .numeric(let n):
      columns.appendCSVField(n.unit)
      columns.append(0x2C)
      columns.appendCSVField(n.interval.keyText)
      columns.append(0x2C)
      columns.appendText(n.interval.lowerText)
      columns.append(0x2C)
      columns.appendText(n.interval.upperText)
    case .choice(let c):
      columns.append(0x2C)
      columns.appendCSVField(c.correct)
      columns.append(contentsOf: [0x2C, 0x2C])
    }
    return columns
  }
}
