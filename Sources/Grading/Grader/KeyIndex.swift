import QuizModel

/// The quiz's answer key arranged for lookups: every part of every variant by its item name
/// (`variant-id#answer-id`, or `variant-id` for a one-part variant) and by its question text.
struct KeyIndex: Sendable {
  enum Lookup: Sendable {
    case part(Int)
    /// A bare variant id for a variant with several parts.
    case needsAnswerID(variant: Int)
  }

  struct VariantEntry: Sendable {
    var id: String
    var item: Int
    var parts: [Int]
  }

  struct ItemEntry: Sendable {
    var template: String
    var title: String
    var points: Points
    var variants: [Int]
    /// The item's questions, one per part position: slots `slots` of every student. A student answers each
    /// slot once, from whichever variant the LMS drew for it (Canvas draws each part's group on its own).
    var slots: Range<Int>
  }

  var parts: [PreparedPart] = []
  var variants: [VariantEntry] = []
  var items: [ItemEntry] = []
  var byName: [String: Lookup] = [:]
  /// ``byName`` for lookups with bytes.
  var byNameBytes = ByteTable<Lookup>()
  var byQuestionText: [String: [Int]] = [:]
  /// Parts by their question text as Canvas's Student Analysis header leaves it (``QuestionText/canvasCanonical(_:)``).
  var byCanvasText: [String: [Int]] = [:]
  /// Parts by their prompt alone (a Google Form whose questions show the stem in the description).
  var byPrompt: [String: [Int]] = [:]
  /// A personalised quiz's delivery map (`paper`): by student identifier, the part each printed label carries.
  var roster: [String: [String: Int]] = [:]
  /// Every label printed on some handout.
  var rosterLabels: Set<String> = []
  /// The roster's names by identifier, for students whose answers give none.
  var rosterNames: [String: String] = [:]
  /// Whether the key is a personalised quiz's: answers are then matched by student and printed label.
  var isRoster: Bool { !roster.isEmpty }
  var maximum: Points = .zero
  /// The questions one student answers: the sum of the items' part counts.
  var slotCount = 0
  /// Moodle: variants by their question text as the Responses report shows it (``QuestionText/normalize(_:html:)``
  /// of the delivery map's plain text), and each variant's parts in the order of its Cloze gaps.
  var byMoodleText: [String: [Int]] = [:]
  var moodleGaps: [Int: [Int]] = [:]
  /// Whether the delivery map has Moodle entries.
  var hasMoodle = false

  init(_ quiz: Quiz, deliveries: [Delivery] = [], students: [RosterStudent] = []) {
    for student in students where !student.name.isEmpty { rosterNames[student.id] = student.name }
    for (itemIndex, item) in quiz.items.enumerated() {
      let slotCount = item.variants.map(\.answers.count).max() ?? 0
      var entry = ItemEntry(
        template: item.template, title: item.title, points: item.points, variants: [],
        slots: slotCount..<slotCount)
      entry.slots = self.slotCount..<(self.slotCount + slotCount)
      self.slotCount += slotCount
      maximum += item.points
      for variant in item.variants {
        let v = variants.count
        entry.variants.append(v)
        var partIndices: [Int] = []
        for answer in variant.answers {
          let part = PreparedPart(
            index: parts.count, item: itemIndex, slot: entry.slots.lowerBound + partIndices.count,
            variant: v, variantID: variant.id,
            position: partIndices.count, answer: answer, parts: variant.answers.count)
          partIndices.append(part.index)
          byName[variant.id + "#" + answer.id] = .part(part.index)
          byQuestionText[QuestionText.normalize(variant.questionText(for: answer)), default: []].append(part.index)
          byCanvasText[QuestionText.canvasCanonical(variant.questionText(for: answer)), default: []].append(part.index)
          if !answer.prompt.isEmpty { byPrompt[QuestionText.normalize(answer.prompt), default: []].append(part.index) }
          parts.append(part)
        }
        if partIndices.count == 1 {
          byName[variant.id] = .part(partIndices[0])
          // Google Forms titles are often the stem alone.
          let stem = QuestionText.normalize(variant.stem)
          if byQuestionText[stem] == nil { byQuestionText[stem] = partIndices }
        } else {
          byName[variant.id] = .needsAnswerID(variant: v)
        }
        variants.append(VariantEntry(id: variant.id, item: itemIndex, parts: partIndices))
      }
      items.append(entry)
    }
    // The names the packages gave the parts: QTI's `item#response` (and the item alone for one part).
    var partOf: [String: Int] = [:]
    for part in parts { partOf[variants[part.variant].id + "#" + part.answer.id] = part.index }
    for d in deliveries {
      guard let item = d.item, let p = partOf[d.variant + "#" + d.part] else { continue }
      if let response = d.response, byName[item + "#" + response] == nil { byName[item + "#" + response] = .part(p) }
      if byName[item] == nil, variants[parts[p].variant].parts.count == 1 { byName[item] = .part(p) }
    }
    for (name, lookup) in byName { byNameBytes.insert(name, value: lookup) }
    indexMoodle(deliveries, partOf: partOf)
    for d in deliveries where d.format == Delivery.paper {
      guard let student = d.student, let label = d.label, let p = partOf[d.variant + "#" + d.part] else { continue }
      roster[student, default: [:]][label] = p
      rosterLabels.insert(label)
    }
  }

  /// The part `item` names for `student`: in a personalised quiz, the part printed under that label on the
  /// student's handout; otherwise (or for a name that is no label) the part the name gives.
  func lookup(item: ByteView, student: ByteView) -> Lookup? {
    if isRoster, let p = rosterPart(student: student, label: item) { return .part(p) }
    return byNameBytes.value(for: item)
  }

  /// The part printed under `label` on the handout of `student`, if both exist.
  func rosterPart(student: ByteView, label: ByteView) -> Int? {
    roster[String(decoding: student, as: UTF8.self)]?[String(decoding: label, as: UTF8.self)]
  }

  /// The part of `column` for `student`: the column's own part, or in a personalised quiz the part printed
  /// under the column's label on the student's handout.
  func part(of column: Layout.AnswerColumn, student: ByteView) -> Int? {
    if let p = column.part { return p }
    guard let label = column.label else { return nil }
    return roster[String(decoding: student, as: UTF8.self)]?[label]
  }

  /// Why a personalised quiz's answer matches no part: the student is not on the roster, or no such label is
  /// printed on their handout. Nil for a quiz given through an LMS.
  func rosterMiss(student: ByteView, label: ByteView) -> String? {
    guard isRoster else { return nil }
    let id = String(decoding: student, as: UTF8.self)
    let text = String(decoding: label, as: UTF8.self)
    if roster[id] == nil {
      return
        "\(quoted(id)) is not on the roster of this key: check the identifier, or assign the student (assign --keep)."
    }
    return "No question labelled \(quoted(text)) on the handout of \(quoted(id))."
  }

  /// Fills ``byMoodleText`` and ``moodleGaps`` from the delivery map's Moodle entries.
  private mutating func indexMoodle(_ deliveries: [Delivery], partOf: [String: Int]) {
    var gaps: [Int: [(gap: Int, part: Int)]] = [:]
    for d in deliveries where d.format == "moodle" {
      guard let p = partOf[d.variant + "#" + d.part] else { continue }
      hasMoodle = true
      let v = parts[p].variant
      gaps[v, default: []].append((d.gap ?? 1, p))
      if let text = d.questionText {
        let normalized = QuestionText.normalize(text, html: false)
        if !(byMoodleText[normalized]?.contains(v) ?? false) { byMoodleText[normalized, default: []].append(v) }
      }
    }
    for (v, list) in gaps { moodleGaps[v] = list.sorted { $0.gap < $1.gap }.map(\.part) }
  }

  /// The parts of variant `v` in the order Moodle's Cloze question numbers its gaps (the part order when the
  /// delivery map does not say).
  func gapOrder(ofVariant v: Int) -> [Int] { moodleGaps[v] ?? variants[v].parts }

  /// The part a column header names: an item name, or the question text (HTML and spacing ignored).
  func part(forColumn header: String) -> Int? {
    let trimmed = header.trimmingSpaces
    if case .part(let p)? = byName[trimmed] { return p }
    let normalized = QuestionText.normalize(trimmed)
    if let found = byQuestionText[normalized], found.count == 1 { return found[0] }
    return nil
  }

  /// The question text of the part most like `header` (most words in common), for a column no part matches;
  /// nil when no part shares a word with it.
  static func closestQuestion(to header: String, in quiz: Quiz) -> String? {
    func words(_ text: String) -> Set<Substring> {
      Set(QuestionText.normalize(text).lowercased().split { !$0.isLetter && !$0.isNumber })
    }
    let wanted = words(Layout.canvasQuestionText(header) ?? header)
    guard !wanted.isEmpty else { return nil }
    var best: (score: Double, text: String)? = nil
    for question in quiz.variants.lazy.flatMap({ v in v.answers.lazy.map { v.questionText(for: $0) } }) {
      let have = words(question)
      let score = Double(wanted.intersection(have).count) / Double(wanted.union(have).count)
      if score > 0, score > (best?.score ?? 0) { best = (score, question) }
    }
    return best.map { String(QuestionText.normalize($0.text).prefix(160)) }
  }

  /// The parts whose prompt alone is `header` (normalised): how a Google Form titled by the prompt is matched.
  func parts(forPrompt header: String) -> [Int] { byPrompt[QuestionText.normalize(header.trimmingSpaces)] ?? [] }

  /// The part a Canvas Student Analysis question header names (its text after `"<id>: "`).
  func part(forCanvasQuestion text: String) -> Int? {
    if let found = byCanvasText[QuestionText.canvasCanonical(text)], found.count == 1 { return found[0] }
    return part(forColumn: text)
  }
}

/// Normalising question text for matching LMS columns with the stems NernstQuiz wrote.
enum QuestionText {
  /// A question text as Canvas's Student Analysis report leaves it, reduced to what survives: canvas-lms writes
  /// the header as `strip_tags(question_text)` (app/models/quizzes/quiz_statistics/student_analysis.rb), which
  /// removes every tag without a space (`<p>fluid.</p><p>Suppose` → `fluid.Suppose`) and deletes named entities
  /// (`&lt;`, `&amp;`, `&gt;`, which is how the package's HTML carries `<`, `&`, `>`). So both the header and
  /// the plain text NernstQuiz wrote are compared without any whitespace and without `<`, `>`, `&`; dashes are
  /// written `-`.
  static func canvasCanonical(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars {
      if s.properties.isWhitespace || s == "\u{200B}" || s == "<" || s == ">" || s == "&" { continue }
      switch s {
      case "\u{2212}", "\u{2013}", "\u{2014}", "\u{2010}", "\u{2011}", "\u{2012}": out.append("-")
      default: out.append(s)
      }
    }
    return String(out)
  }

  /// Drops HTML tags, decodes common entities, writes every dash as `-` and every run of spaces and line
  /// breaks as one space, and trims. With `html` false the text is plain: `<` and `&` are characters like any
  /// other (Moodle's Responses report holds question texts already turned into plain text).
  static func normalize(_ text: String, html: Bool = true) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var inTag = false
    var pendingSpace = false
    var entity: String? = nil
    func emit(_ s: Unicode.Scalar) {
      switch s {
      case " ", "\t", "\n", "\r", "\u{A0}", "\u{2009}", "\u{202F}", "\u{200B}":
        pendingSpace = true
      default:
        if pendingSpace, !out.isEmpty { out += " " }
        pendingSpace = false
        switch s {
        case "\u{2212}", "\u{2013}", "\u{2014}", "\u{2010}", "\u{2011}", "\u{2012}": out += "-"
        case "\u{2026}": out += "..."  // Google Forms and word processors turn "..." into "…"
        default: out.unicodeScalars.append(s)
        }
      }
    }
    for s in text.unicodeScalars {
      if !html {
        emit(s)
        continue
      }
      if inTag {
        if s == ">" { inTag = false }
        continue
      }
      if var e = entity {
        if s == ";" {
          entity = nil
          if let decoded = decodeEntity(e) {
            emit(decoded)
          } else {
            for c in ("&" + e + ";").unicodeScalars { emit(c) }
          }
        } else if e.unicodeScalars.count < 10, s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "#" {
          e.unicodeScalars.append(s)
          entity = e
        } else {
          entity = nil
          for c in ("&" + e).unicodeScalars { emit(c) }
          emit(s)
        }
        continue
      }
      switch s {
      case "<":
        inTag = true
        pendingSpace = pendingSpace || !out.isEmpty  // <br>, </p>: a break between words
      case "&": entity = ""
      default: emit(s)
      }
    }
    if let e = entity { for c in ("&" + e).unicodeScalars { emit(c) } }
    return out
  }

  private static func decodeEntity(_ name: String) -> Unicode.Scalar? {
    switch name {
    case "amp": return "&"
    case "lt": return "<"
    case "gt": return ">"
    case "quot": return "\""
    case "apos": return "'"
    case "nbsp": return " "
    case "minus": return "\u{2212}"
    case "times": return "×"
    case "middot": return "·"
    case "deg": return "°"
    case "micro": return "µ"
    default:
      guard name.hasPrefix("#") else { return nil }
      let digits = name.dropFirst()
      let value =
        digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
      return value.flatMap(Unicode.Scalar.init)
    }
  }
}

extension String {
  /// The text without leading and trailing spaces, tabs and line breaks.
  var trimmingSpaces: String {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s.removeFirst() }
    while let c = s.last, c.isWhitespace { s.removeLast() }
    return String(s)
  }
}
