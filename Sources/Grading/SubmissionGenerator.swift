package import Foundation
package import QuizModel

/// Writes messy but realistic long-format submission files for a quiz: the spellings students use (Unicode
/// minus, decimal commas, exponents, ×10ⁿ, other units), named misconceptions, unit slips, direction words,
/// and a sprinkling of blanks, gibberish, wrong units, unknown items and duplicates. For benchmarks and
/// tests; the same seed writes the same file.
///
/// ```swift
/// var generator = SubmissionGenerator(quiz: quiz, seed: 7)
/// try generator.writeLong(rows: 1_000_000, to: url)
/// ```
package struct SubmissionGenerator {
  /// The quiz whose items are answered.
  package let quiz: Quiz
  private var rng: SplitMix64

  /// Creates a generator; `seed` makes the output reproducible.
  package init(quiz: Quiz, seed: UInt64) {
    self.quiz = quiz
    rng = SplitMix64(state: seed)
  }

  private mutating func next() -> UInt64 { rng.next() }

  private mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
  private mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

  /// Writes `student,item,response` with exactly `rows` data rows (plus the header) to `url`.
  ///
  /// Each student answers every item once (plus the odd duplicate), so the number of students grows with
  /// the rows; with `students` set, the names repeat after that many, and later rounds are duplicates.
  ///
  /// - Throws: ``GradingError`` when the file cannot be written.
  package mutating func writeLong(rows: Int, students: Int? = nil, to url: URL) throws {
    let out = try OutputFile(url)
    out.write("student,item,response\n")
    var written = 0
    var student = 0
    let items = quiz.items.filter { !$0.variants.isEmpty }
    while written < rows {
      student += 1
      let name = "s\(students.map { (student - 1) % max($0, 1) + 1 } ?? student)@example.edu"
      for item in items where written < rows {
        let variant = item.variants[below(item.variants.count)]
        for answer in variant.answers where written < rows {
          let label = variant.answers.count == 1 ? variant.id : variant.id + "#" + answer.id
          var itemText = label
          if below(200) == 0 { itemText = variant.id + "-x" }  // unknown item
          let text = response(to: answer)
          out.row([name, itemText, text], formulaSafe: false)
          written += 1
          if below(300) == 0, written < rows {  // a duplicate
            let text = response(to: answer)
            out.row([name, label, text], formulaSafe: false)
            written += 1
          }
        }
      }
    }
    try out.close()
  }

  /// One response, as some student might type it.
  package mutating func response(to answer: Answer) -> String {
    switch answer.kind {
    case .numeric(let n): numericResponse(n)
    case .choice(let c): choiceResponse(c)
    }
  }

  private mutating func numericResponse(_ n: NumericAnswer) -> String {
    let roll = below(100)
    var value = n.value
    if roll < 12, let m = n.misconceptions.randomElement(using: &rng), let v = m.value { value = v }
    if (12..<18).contains(roll) { value *= 0.5 + unit() * 3 }
    if roll == 18 { return "" }
    if roll == 19 { return ["idk", "?", "see sheet", "−", "1,234"][below(5)] }
    if roll == 20 { return String(format: "%.3g mM", abs(value)) }
    let plain = String(format: "%.4g", value)
    switch below(10) {
    case 0: return plain.replacingOccurrences(of: "-", with: "\u{2212}") + " " + n.unit
    case 1: return plain.replacingOccurrences(of: ".", with: ",")
    case 2: return String(format: "%.3e", value)
    case 3:
      let e = String(format: "%.2e", value)
      guard let i = e.firstIndex(of: "e"), let exp = Int(e[e.index(after: i)...]) else { return plain }
      return e[..<i] + " × 10" + NumberFormat.superscript(String(exp))
    case 4:
      if let u = MeasurementUnit(n.unit), u.powerOfTen != 0, u.dimension != .fraction {
        let base = String(u.symbol.dropFirst())
        return String(format: "%.4g", value * pow(10, Double(u.powerOfTen))) + " " + base
      }
      return plain
    case 5: return "  " + plain + n.unit + " "
    case 6: return "+" + plain
    default: return plain
    }
  }

  private mutating func choiceResponse(_ c: ChoiceAnswer) -> String {
    let roll = below(100)
    if roll < 3 { return "" }
    if roll < 5 { return "sideways" }
    let option = roll < 25 ? c.options[below(c.options.count)] : c.correctOption
    switch below(4) {
    case 0: return option.text
    case 1: return option.id.uppercased()
    case 2:
      let words = [
        "influx": ["inward", "into the cell", "enters"], "efflux": ["outward", "out of the cell", "leaves"],
      ]
      return words[option.id]?.randomElement(using: &rng) ?? option.id
    default: return option.id
    }
  }
}

/// A small seeded random number generator (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
