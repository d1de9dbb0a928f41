import Foundation

/// A difference between the key given out and the key drawn again from the bank: which variant, which field,
/// and both values. Grading follows the key given out; a difference is only reported.
public struct KeyDifference: Hashable, Sendable, CustomStringConvertible {
  /// The variant (nil for a difference of the quiz as a whole).
  public var variant: String?
  /// The field, as a path: `stem`, `answers[E].interval`, `items`.
  public var field: String
  /// The value in the key file.
  public var inKey: String
  /// The value drawn from the bank.
  public var drawn: String

  public init(variant: String?, field: String, inKey: String, drawn: String) {
    self.variant = variant
    self.field = field
    self.inKey = inKey
    self.drawn = drawn
  }

  public var description: String {
    let subject = variant.map { "variant '\($0)'" } ?? "the quiz"
    return
      "\(subject): \(field) differs (key: \(AnswerKeyText.short(inKey)); drawn from the bank: \(AnswerKeyText.short(drawn)))"
  }
}

extension Quiz {
  /// How `drawn` (the quiz drawn again from its bank) differs from this quiz (the key given out): the first
  /// differing field of each variant, in key order, plus variants missing on either side.
  public func differences(from drawn: Quiz) -> [KeyDifference] {
    var result: [KeyDifference] = []
    if seed != drawn.seed, self.seed != 0 {
      result.append(KeyDifference(variant: nil, field: "seed", inKey: String(seed), drawn: String(drawn.seed)))
    }
    let drawnVariants = Dictionary(drawn.variants.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let keyIDs = Set(variants.map(\.id))
    for variant in variants {
      guard let other = drawnVariants[variant.id] else {
        result.append(KeyDifference(variant: variant.id, field: "variant", inKey: "present", drawn: "absent"))
        continue
      }
      if let d = variant.firstDifference(from: other) { result.append(d) }
    }
    for variant in drawn.variants where !keyIDs.contains(variant.id) {
      result.append(KeyDifference(variant: variant.id, field: "variant", inKey: "absent", drawn: "present"))
    }
    return result
  }
}

extension Variant {
  func firstDifference(from other: Variant) -> KeyDifference? {
    func diff(_ field: String, _ a: String, _ b: String) -> KeyDifference? {
      a == b ? nil : KeyDifference(variant: id, field: field, inKey: a, drawn: b)
    }
    if let d = diff("template", template, other.template) ?? diff("seed", String(seed), String(other.seed)) { return d }
    let mine = parameters.map { "\($0.name)=\($0.value.display)" }.joined(separator: ", ")
    let theirs = other.parameters.map { "\($0.name)=\($0.value.display)" }.joined(separator: ", ")
    if let d = diff("params", mine, theirs) ?? diff("stem", stem, other.stem) { return d }
    if let d = diff("answers", answers.map(\.id).joined(separator: ","), other.answers.map(\.id).joined(separator: ","))
    {
      return d
    }
    for (a, b) in zip(answers, other.answers) {
      let field = "answers[\(a.id)]"
      if let d = diff(field + ".prompt", a.prompt, b.prompt)
        ?? diff(field + ".points", a.points.description, b.points.description)
      {
        return d
      }
      switch (a.kind, b.kind) {
      case (.numeric(let x), .numeric(let y)):
        let intervalX = "\(x.interval.keyText) ± \(x.interval.halfWidthText)"
        let intervalY = "\(y.interval.keyText) ± \(y.interval.halfWidthText)"
        if let d = diff(field + ".unit", x.unit, y.unit) ?? diff(field + ".interval", intervalX, intervalY) { return d }
        let mx = x.misconceptions.map { "\($0.id)=\($0.value.map(DecimalText.exact) ?? "")" }.joined(separator: ", ")
        let my = y.misconceptions.map { "\($0.id)=\($0.value.map(DecimalText.exact) ?? "")" }.joined(separator: ", ")
        if let d = diff(field + ".misconceptions", mx, my) { return d }
      case (.choice(let x), .choice(let y)):
        let ox = x.options.map { "\($0.id): \($0.text)" }.joined(separator: "; ")
        let oy = y.options.map { "\($0.id): \($0.text)" }.joined(separator: "; ")
        if let d = diff(field + ".options", ox, oy) ?? diff(field + ".correct", x.correct, y.correct) { return d }
      default:
        return KeyDifference(
          variant: id, field: field + ".type", inKey: a.numeric == nil ? "choice" : "numeric",
          drawn: b.numeric == nil ? "choice" : "numeric")
      }
    }
    return nil
  }
}

enum AnswerKeyText {
  /// Text cut to 60 characters for a one-line message.
  static func short(_ text: String) -> String {
    let flat = text.replacingOccurrences(of: "\n", with: " ")
    return flat.count <= 60 ? "'\(flat)'" : "'\(flat.prefix(57))…'"
  }
}
