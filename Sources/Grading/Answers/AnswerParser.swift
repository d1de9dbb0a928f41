package import QuizModel

/// What a response says, once read against the answer it is for.
package enum ParsedResponse: Hashable, Sendable {
  /// Nothing but spaces.
  case blank
  /// A number, converted to the answer's unit (for ``AnswerParser/number(from:)``, in the unit written).
  case number(ParsedNumber)
  /// The identifier of the chosen option of a choice answer.
  case option(String)
  /// A number in a unit of another dimension: `written` (mM) where `expected` (mV) was asked.
  case wrongUnit(written: String, expected: String, reason: String)
  /// Text that cannot be read as an answer, with the reason.
  case unreadable(reason: String)
}

/// Reads students' answers as they type them: numbers in many spellings, with or without units, and words
/// for the direction of ion movement or current.
///
/// A numeric response is converted to the answer's unit; a bare number is taken in the answer's unit; a unit
/// of the wrong dimension is reported, never converted. Anything unreadable is reported as such, never
/// read as 0 or as a different number. The accepted forms are listed in <doc:AcceptedAnswers>.
///
/// ```swift
/// let parser = AnswerParser()
/// parser.parse("-0,095 V", numericIn: "mV")      // .number(−95 mV)
/// parser.parse("−9.5 × 10⁻² V", numericIn: "mV") // .number(−95 mV)
/// parser.parse("12 mM", numericIn: "mV")         // .wrongUnit(written: "mM", expected: "mV", …)
/// parser.parse("enters the cell", for: directionAnswer) // .option("influx")
/// ```
package struct AnswerParser: Sendable {
  /// Creates a parser.
  package init() {}

  /// Reads a number and the unit written after it, without converting.
  ///
  /// - Returns: `.blank`, `.number` (in the unit written), or `.unreadable`.
  package func number(from text: String) -> ParsedResponse {
    readNumber(ByteView(Array(text.utf8)), in: nil)
  }

  /// Reads a response to a numeric answer asked in `unit` (`mV`, `pA`, `kJ/mol`, …).
  ///
  /// - Returns: `.number` in `unit`, `.blank`, `.wrongUnit` or `.unreadable`.
  package func parse(_ text: String, numericIn unit: String) -> ParsedResponse {
    let target = TargetUnit(unit)
    return readNumber(ByteView(Array(text.utf8)), in: target)
  }

  /// Reads a response to one part of a variant, numeric or choice.
  package func parse(_ text: String, for answer: Answer) -> ParsedResponse {
    switch answer.kind {
    case .numeric(let n): parse(text, numericIn: n.unit)
    case .choice(let c): parse(text, choice: c)
    }
  }

  /// Reads a response to a choice answer: an option's identifier or text, its letter (a, b, …), or a word
  /// for a direction that one option means (inward, enters, efflux, …).
  package func parse(_ text: String, choice: ChoiceAnswer) -> ParsedResponse {
    ChoiceMatcher(choice).match(text)
  }

  // MARK: Bytes

  /// The unit an answer is asked in, looked up once.
  struct TargetUnit: Sendable {
    var text: String
    var bytes: [UInt8]
    var unit: MeasurementUnit?
    init(_ text: String) {
      self.text = text
      bytes = Array(text.utf8)
      unit = MeasurementUnit(text)
    }
  }

  /// Reads a numeric response from UTF-8 bytes; converts to `target` when given.
  func readNumber(_ bytes: ByteView, in target: TargetUnit?) -> ParsedResponse {
    var scanner = NumberScanner(bytes)
    switch scanner.scan() {
    case .blank:
      return .blank
    case .unreadable(let reason):
      let text = quoted(String(decoding: bytes, as: UTF8.self))
      return .unreadable(
        reason: reason == "not a number" ? "\(text) is not a number" : "\(text) is not a number: \(reason)")
    case .number(var number, let range):
      guard !range.isEmpty else {
        if let target { number.unit = target.unit }
        return .number(number)
      }
      let unitBytes = bytes[range]
      if let target, target.bytes.elementsEqual(unitBytes) {
        number.unit = target.unit
        return .number(number)
      }
      let unitText = String(decoding: unitBytes, as: UTF8.self)
      guard let written = MeasurementUnit.lookup(unitText) else {
        if let target, unitText == target.text { return .number(number) }
        return .unreadable(
          reason: "\(quoted(String(decoding: bytes, as: UTF8.self))): \(quoted(unitText)) is not a unit")
      }
      guard let target else {
        number.unit = written
        return .number(number)
      }
      guard let expected = target.unit else {
        return written.symbol == target.text
          ? .number(number)
          : .wrongUnit(
            written: unitText, expected: target.text, reason: "the answer is in \(target.text), not \(unitText)")
      }
      guard written.dimension == expected.dimension else {
        return .wrongUnit(
          written: unitText, expected: target.text,
          reason:
            "\(unitText) is \(written.dimension.phrase) unit; the answer is \(expected.dimension.phrase) in \(target.text)"
        )
      }
      return .number(number.shifted(by: written.powerOfTen - expected.powerOfTen, unit: expected))
    }
  }
}

/// Matches free text to the options of a choice answer.
struct ChoiceMatcher: Sendable {
  private var byText: [String: String] = [:]
  private var byDirection: [Direction: String] = [:]

  init(_ choice: ChoiceAnswer) {
    var directions: [Direction: [String]] = [:]
    for (index, option) in choice.options.enumerated() {
      let names = [option.id, option.text, ChoiceText.withoutParentheses(option.text)].map(ChoiceText.normalize)
      for name in names where !name.isEmpty && byText[name] == nil { byText[name] = option.id }
      if index < 26 {
        let letter = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index)))
        if byText[letter] == nil { byText[letter] = option.id }
      }
      if let d = names.lazy.compactMap(Direction.of).first { directions[d, default: []].append(option.id) }
    }
    // A direction word picks an option only when exactly one option means that direction.
    for (d, ids) in directions where ids.count == 1 { byDirection[d] = ids[0] }
  }

  func match(_ text: String) -> ParsedResponse {
    let normalized = ChoiceText.normalize(text)
    if normalized.isEmpty {
      return text.allSatisfy(\.isWhitespace) ? .blank : .unreadable(reason: "\(quoted(text)) names no option")
    }
    if let id = option(named: normalized) { return .option(id) }
    // "efflux (out of the cell)": read the words outside and inside the parentheses; take them when every
    // part names an option and all name the same one ("influx (out of the cell)" stays unreadable).
    if text.contains("(") {
      let parts = [ChoiceText.withoutParentheses(text), ChoiceText.insideParentheses(text)].map(ChoiceText.normalize)
        .filter { !$0.isEmpty }
      let ids = parts.compactMap(option(named:))
      if ids.count == parts.count, let first = ids.first, ids.allSatisfy({ $0 == first }) { return .option(first) }
    }
    return .unreadable(reason: "\(quoted(text)) names no option")
  }

  /// The option a normalised phrase names: its id or text, or a direction only one option means.
  private func option(named normalized: String) -> String? {
    if let id = byText[normalized] { return id }
    if let d = Direction.of(normalized), let id = byDirection[d] ?? d.alternative.flatMap({ byDirection[$0] }) {
      return id
    }
    return nil
  }
}
