/// How one LMS question of an exported package delivers one part of one variant: the entry of the key's
/// delivery map that lets a grader find, in an LMS's own report, which part a column or a row answers.
///
/// Each format names its questions its own way: Canvas by the question group and the question text as
/// written; QTI 2.1 and 3.0 by the item and response identifiers as written; Moodle by the question's name,
/// idnumber and category, the text its Responses report shows, and the gap of a Cloze question. A format that has no use for a
/// field leaves it nil; later formats add fields of their own. A personalised quiz (`paper`) names each
/// student's printed question label: one record per student, label and part.
public struct Delivery: Hashable, Sendable {
  /// The package format: `canvas`, `qti21`, `qti30`, `moodle`, or `paper` for a personalised quiz's handouts.
  public var format: String
  /// The variant the question carries.
  public var variant: String
  /// The part (answer id) the question carries.
  public var part: String
  /// What the question is worth in the package.
  public var points: Points
  /// The question group (Canvas: the group's title; Moodle: the category path as written) the question is drawn from.
  public var group: String?
  /// The item identifier as written (Canvas: the item's `ident`; QTI: the `assessmentItem` identifier; Moodle:
  /// the question's `idnumber`).
  public var item: String?
  /// The response identifier as written (QTI: the `responseDeclaration`).
  public var response: String?
  /// The question text as written in the package (Canvas: the HTML of the question), or as the LMS's report
  /// shows it (Moodle: the plain text of the Responses report's `Question N` column).
  public var questionText: String?
  /// The question's name as the instructor sees it in the bank (Moodle).
  public var name: String?
  /// The gap that carries the part in a Cloze question, from 1 in the order of the text (Moodle); nil when
  /// the question carries one part.
  public var gap: Int?
  /// The student whose handout carries the question (`paper`): their identifier on the roster.
  public var student: String?
  /// The question's label as printed on that student's handout (`paper`): `1`, `2a`, `2b`.
  public var label: String?

  public init(
    format: String, variant: String, part: String, points: Points, group: String? = nil,
    item: String? = nil, response: String? = nil, questionText: String? = nil, name: String? = nil,
    gap: Int? = nil, student: String? = nil, label: String? = nil
  ) {
    self.format = format
    self.variant = variant
    self.part = part
    self.points = points
    self.group = group
    self.item = item
    self.response = response
    self.questionText = questionText
    self.name = name
    self.gap = gap
    self.student = student
    self.label = label
  }

  /// The format of a personalised quiz's deliveries: each student's handout.
  public static let paper = "paper"
}
