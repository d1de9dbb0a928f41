extension Variant {
  /// The variant as one line of `key.jsonl`: identity, parameters as displayed, stem, and every answer with
  /// its key, unit, tolerance, accepted interval or correct option, and the misconceptions that apply.
  ///
  /// The members are always written in the same order and numbers in their shortest round-trip form, so the
  /// same bank and seed give byte-identical files.
  ///
  /// - Parameter points: What the variant is worth (its item's points).
  public func keyLine(points: Double) -> JSONValue {
    .object([
      ("id", .string(id)),
      ("template", .string(template)),
      ("seed", .string(String(seed))),
      ("points", .number(points)),
      ("params", .object(parameters.map { ($0.name, $0.value.json) })),
      ("stem", .string(stem)),
      ("answers", .array(answers.map(\.json))),
    ])
  }
}

extension ParameterValue {
  var json: JSONValue {
    switch self {
    case let .number(x, _): .number(x)
    case let .text(s, _): .string(s)
    }
  }
}

extension Answer {
  var json: JSONValue {
    var members: [(String, JSONValue)] = [("id", .string(id)), ("prompt", .string(prompt))]
    switch kind {
    case let .numeric(n):
      members += [
        ("type", "numeric"),
        ("value", .number(n.value)),
        ("unit", .string(n.unit)),
        ("tolerance", .object([("relative", .number(n.tolerance.relative)), ("absolute", .number(n.tolerance.absolute))])),
        ("interval", .array([.number(n.interval.lowerBound), .number(n.interval.upperBound)])),
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

extension Quiz {
  /// The whole key as JSON Lines text: one ``Variant/keyLine(points:)`` per line, in item order, each line
  /// ending with a newline.
  public func keyJSONLines() -> String {
    var out = ""
    for item in items {
      for variant in item.variants {
        variant.keyLine(points: item.points).write(to: &out)
        out += "\n"
      }
    }
    return out
  }
}
