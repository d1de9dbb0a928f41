/// Writing `key.jsonl`, format 2 (see <doc:KeyFormat>): a quiz record, one record per variant, one record per
/// delivered LMS question.
///
/// Members are always written in the same order and numbers in their shortest round-trip form (the
/// interval's numbers as exact decimal strings), so the same bank and seed give byte-identical files.
extension Quiz {
  /// The whole key as JSON Lines text, each line ending with a newline.
  ///
  /// - Parameters:
  ///   - deliveries: How the exported packages deliver the quiz's parts, format by format, in the order the
  ///     packages were written (empty when no package was).
  ///   - students: A personalised quiz's roster (``Assignment``), written between the variants and the
  ///     deliveries; empty for a quiz given through an LMS.
  ///   - tool: The tool and version that wrote the key.
  public func keyJSONLines(deliveries: [Delivery] = [], students: [RosterStudent] = [],
                           tool: String = KeyFormat.tool) -> String {
    var out = ""
    quizRecord(deliveries: deliveries, tool: tool).write(to: &out)
    out += "\n"
    for (number, item) in items.enumerated() {
      for variant in item.variants {
        variant.keyRecord(item: number + 1).write(to: &out)
        out += "\n"
      }
    }
    for student in students {
      student.keyRecord.write(to: &out)
      out += "\n"
    }
    for delivery in deliveries {
      delivery.keyRecord.write(to: &out)
      out += "\n"
    }
    return out
  }

  /// The first record: what the key is, which quiz, how it is graded.
  func quizRecord(deliveries: [Delivery], tool: String) -> JSONValue {
    var formats: [String] = []
    for d in deliveries where !formats.contains(d.format) { formats.append(d.format) }
    return .object([
      ("record", "quiz"),
      ("key_format", .integer(KeyFormat.current)),
      ("tool", .string(tool)),
      ("title", .string(title)),
      ("seed", .string(String(seed))),
      ("points", .points(maximum)),
      ("items", .array(items.map { item in
        .object([("template", .string(item.template)), ("title", .string(item.title)), ("points", .points(item.points)),
                 ("variants", .integer(item.variants.count))])
      })),
      ("templates", .array(templateDigests.map { .object([("id", .string($0.id)), ("digest", .string($0.digest))]) })),
      ("grading", grading.keyRecord),
      ("deliveries", .array(formats.map { .string($0) })),
    ])
  }
}

extension GradingOptions {
  var keyRecord: JSONValue {
    .object([
      ("unit_slip_credit", .number(unitSlipCredit ?? 0)),
      ("misconception_credit", .object(misconceptionCredit.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })),
      ("significant_figures", .object([("check", .bool(checkSignificantFigures)),
                                       ("credit", .number(significantFiguresCredit))])),
    ])
  }
}

extension Variant {
  /// The variant's record: identity, parameters as displayed, stem, and every answer with its points, key,
  /// unit, tolerance, accepted interval or correct option, and the misconceptions that apply.
  ///
  /// - Parameter item: The variant's item, numbered from 1 in bank order.
  public func keyRecord(item: Int) -> JSONValue {
    .object([
      ("record", "variant"),
      ("id", .string(id)),
      ("item", .integer(item)),
      ("template", .string(template)),
      ("seed", .string(String(seed))),
      ("points", .points(answers.reduce(.zero) { $0 + $1.points })),
      ("params", .array(parameters.map { p in
        .object([("name", .string(p.name)), ("value", p.value.value), ("display", .string(p.value.display))])
      })),
      ("stem", .string(stem)),
      ("answers", .array(answers.map(\.json))),
    ])
  }
}

extension ParameterValue {
  var value: JSONValue {
    switch self {
    case let .number(x, _): .number(x)
    case let .text(s, _): .string(s)
    }
  }
}

extension Answer {
  var json: JSONValue {
    var members: [(String, JSONValue)] = [("id", .string(id)), ("prompt", .string(prompt)), ("points", .points(points))]
    switch kind {
    case let .numeric(n):
      members += [
        ("type", "numeric"),
        ("value", .number(n.value)),
        ("unit", .string(n.unit)),
        ("significant_figures", .integer(n.significantFigures)),
        ("tolerance", .object([("relative", .number(n.tolerance.relative)), ("absolute", .number(n.tolerance.absolute))])),
        ("interval", .object([
          ("key", .string(n.interval.keyText)), ("half_width", .string(n.interval.halfWidthText)),
          ("low", .string(n.interval.lowerText)), ("high", .string(n.interval.upperText)),
        ])),
        ("misconceptions", .array(n.misconceptions.map(\.json))),
      ]
    case let .choice(c):
      members += [
        ("type", "choice"),
        ("options", .array(c.options.map { option in
          var o: [(String, JSONValue)] = [("id", .string(option.id)), ("text", .string(option.text))]
          if let feedback = option.feedback { o.append(("feedback", .string(feedback))) }
          if let misconception = option.misconception { o.append(("misconception", .string(misconception))) }
          return .object(o)
        })),
        ("correct", .string(c.correct)),
        ("misconceptions", .array(c.misconceptions.map(\.json))),
      ]
    }
    if let explanation { members.append(("explanation", .string(explanation))) }
    return .object(members)
  }
}

extension MisconceptionOutcome {
  var json: JSONValue {
    var members: [(String, JSONValue)] = [("id", .string(id)), ("label", .string(label))]
    if let value { members.append(("value", .number(value))) }
    if let option { members.append(("option", .string(option))) }
    members.append(("feedback", .string(feedback)))
    return .object(members)
  }
}

extension Delivery {
  var keyRecord: JSONValue {
    var members: [(String, JSONValue)] = [
      ("record", "delivery"), ("format", .string(format)), ("variant", .string(variant)), ("part", .string(part)),
      ("points", .points(points)),
    ]
    if let group { members.append(("group", .string(group))) }
    if let item { members.append(("item", .string(item))) }
    if let response { members.append(("response", .string(response))) }
    if let questionText { members.append(("question_text", .string(questionText))) }
    if let name { members.append(("name", .string(name))) }
    if let gap { members.append(("gap", .integer(gap))) }
    if let student { members.append(("student", .string(student))) }
    if let label { members.append(("label", .string(label))) }
    return .object(members)
  }
}

extension RosterStudent {
  var keyRecord: JSONValue {
    var members: [(String, JSONValue)] = [("record", "student"), ("id", .string(id))]
    if !name.isEmpty { members.append(("name", .string(name))) }
    if !section.isEmpty { members.append(("section", .string(section))) }
    return .object(members)
  }
}

extension JSONValue {
  /// Points as a JSON number with at most two decimals (`0.67`, `2`).
  static func points(_ p: Points) -> JSONValue { .raw(p.description) }
}
