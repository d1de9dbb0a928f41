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
  public func keyJSONLines(
    deliveries: [Delivery] = [], students: [RosterStudent] = [],
    tool: String = KeyFormat.tool
  ) -> String {
    String(decoding: keyJSONLinesBytes(deliveries: deliveries, students: students, tool: tool), as: UTF8.self)
  }

  /// ``keyJSONLines(deliveries:students:tool:)`` as UTF-8 bytes, written record by record into one buffer.
  public func keyJSONLinesBytes(
    deliveries: [Delivery] = [], students: [RosterStudent] = [],
    tool: String = KeyFormat.tool
  ) -> [UInt8] {
    var all: [UInt8] = []
    writeKeyJSONLines(deliveries: deliveries, students: students, tool: tool) { all += $0 }
    return all
  }

  /// ``keyJSONLinesBytes(deliveries:students:tool:)`` handed to `write` in pieces of whole lines, so the key
  /// can go to a file without ever being in memory whole.
  ///
  /// - Parameter workers: The threads that encode the records (``OrderedWork``); the bytes are the same for
  ///   any number.
  public func writeKeyJSONLines<Failure: Error>(
    deliveries: [Delivery] = [], students: [RosterStudent] = [],
    tool: String = KeyFormat.tool, workers: Int = 1, to write: ([UInt8]) throws(Failure) -> Void
  ) throws(Failure) {
    try writeKeyJSONLines(
      deliveries: DeliveryChunks(deliveries), students: students, tool: tool, workers: workers, to: write)
  }

  /// The whole key, its records made and encoded chunk by chunk on `workers` threads (``OrderedWork``) and
  /// handed to `write`, in order, on the calling thread: variant records a few dozen variants at a time, and
  /// the deliveries chunk by chunk as `deliveries` makes them. Memory holds only the chunks in flight, never
  /// the whole key nor all deliveries; the bytes are the same for any number of workers.
  public func writeKeyJSONLines<Failure: Error>(
    deliveries: DeliveryChunks, students: [RosterStudent] = [],
    tool: String = KeyFormat.tool, workers: Int, to write: ([UInt8]) throws(Failure) -> Void
  ) throws(Failure) {
    try writeKeyPieces(deliveries, students: students, tool: tool, workers: workers, to: write)
  }

  /// The first record: what the key is, which quiz, how it is graded.
  func quizRecord(deliveryFormats formats: [String], tool: String) -> JSONValue {
    .object([
      ("record", "quiz"),
      ("key_format", .integer(KeyFormat.current)),
      ("tool", .string(tool)),
      ("title", .string(title)),
      ("seed", .string(String(seed))),
      ("points", .points(maximum)),
      (
        "items",
        .array(
          items.map { item in
            .object([
              ("template", .string(item.template)), ("title", .string(item.title)), ("points", .points(item.points)),
              ("variants", .integer(item.variants.count)),
            ])
          })
      ),
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
      (
        "misconception_credit",
        .object(misconceptionCredit.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })
      ),
      (
        "significant_figures",
        .object([
          ("check", .bool(checkSignificantFigures)),
          ("credit", .number(significantFiguresCredit)),
        ])
      ),
    ])
  }
}

extension Variant {
  /// The variant's record: identity, parameters as displayed, stem, and every answer with its points, key,
  /// unit, tolerance, accepted interval or correct option, and the misconceptions that apply.
  ///
  /// - Parameter item: The variant's item, numbered from 1 in bank order.
  /// - Returns: The record as JSON text (``JSONValue/raw(_:)``), as `key.jsonl` has it.
  public func keyRecord(item: Int) -> JSONValue {
    var json = JSONWriter(capacity: 2048)
    writeKeyRecord(item: item, to: &json)
    return .raw(String(decoding: json.bytes, as: UTF8.self))
  }

  /// Writes the variant's record (see ``keyRecord(item:)``) with `json`.
  package func writeKeyRecord(item: Int, to json: inout JSONWriter) {
    json.record("variant") { json in
      json.member("id", id)
      json.member("item", integer: item)
      json.member("template", template)
      json.member("seed", String(seed))
      json.member("points", answers.reduce(Points.zero) { $0 + $1.points })
      json.array("params", parameters) { p, json in
        json.beginObject()
        json.member("name", p.name)
        json.key("value")
        switch p.value {
        case .number(let x, _): json.number(x)
        case .text(let s, _): json.string(s)
        }
        json.member("display", p.value.display)
        json.endObject()
      }
      json.member("stem", stem)
      json.array("answers", answers) { answer, json in answer.write(to: &json) }
    }
  }
}

extension Answer {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("id", id)
    json.member("prompt", prompt)
    json.member("points", points)
    switch kind {
    case .numeric(let n):
      json.member("type", "numeric")
      json.member("value", n.value)
      json.member("unit", n.unit)
      json.member("significant_figures", integer: n.significantFigures)
      json.object("tolerance") { json in
        json.member("relative", n.tolerance.relative)
        json.member("absolute", n.tolerance.absolute)
      }
      json.object("interval") { json in
        json.member("key", n.interval.keyText)
        json.member("half_width", n.interval.halfWidthText)
        json.member("low", n.interval.lowerText)
        json.member("high", n.interval.upperText)
      }
      json.array("misconceptions", n.misconceptions) { m, json in m.write(to: &json) }
    case .choice(let c):
      json.member("type", "choice")
      json.array("options", c.options) { option, json in
        json.beginObject()
        json.member("id", option.id)
        json.member("text", option.text)
        if let feedback = option.feedback { json.member("feedback", feedback) }
        if let misconception = option.misconception { json.member("misconception", misconception) }
        json.endObject()
      }
      json.member("correct", c.correct)
      json.array("misconceptions", c.misconceptions) { m, json in m.write(to: &json) }
    }
    if let explanation { json.member("explanation", explanation) }
    json.endObject()
  }
}

extension MisconceptionOutcome {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("id", id)
    json.member("label", label)
    if let value { json.member("value", value) }
    if let option { json.member("option", option) }
    json.member("feedback", feedback)
    json.endObject()
  }
}

extension Delivery {
  func writeKeyRecord(to json: inout JSONWriter) {
    json.record("delivery") { json in
      json.member("format", format)
      json.member("variant", variant)
      json.member("part", part)
      json.member("points", points)
      if let group { json.member("group", group) }
      if let item { json.member("item", item) }
      if let response { json.member("response", response) }
      if let questionText { json.member("question_text", questionText) }
      if let name { json.member("name", name) }
      if let gap { json.member("gap", integer: gap) }
      if let student { json.member("student", student) }
      if let label { json.member("label", label) }
    }
  }
}

extension RosterStudent {
  func writeKeyRecord(to json: inout JSONWriter) {
    json.record("student") { json in
      json.member("id", id)
      if !name.isEmpty { json.member("name", name) }
      if !section.isEmpty { json.member("section", section) }
    }
  }
}

extension JSONWriter {
  /// One line's record: an object whose first member, `record`, says which kind it is (`variant`, `student`,
  /// `delivery`), then the members `body` writes.
  mutating func record(_ kind: String, _ body: (inout JSONWriter) -> Void) {
    beginObject()
    member("record", kind)
    body(&self)
    endObject()
  }
}

extension JSONValue {
  /// Points as a JSON number with at most two decimals (`0.67`, `2`).
  static func points(_ p: Points) -> JSONValue { .raw(p.description) }
}
