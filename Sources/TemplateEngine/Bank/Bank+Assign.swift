package import QuizModel

/// How a personalised quiz hands out an item's variants.
package enum VariantSharing: String, CaseIterable, Sendable {
  /// Every student gets a variant of each item that nobody else has: as many are drawn as the roster needs.
  case distinct
  /// The bank's pool size is kept and its variants are spread evenly: each is used by ⌊n/k⌋ or ⌈n/k⌉ of the
  /// n students.
  case shared
}

extension Bank {
  /// Draws a personalised quiz for `roster`: for every student one variant of each item.
  ///
  /// Variants are drawn as ``drawQuiz(library:seed:workers:progress:)`` draws them (the same seeds), with the
  /// pool of each item as large as `sharing` needs. With `previous` (an earlier assignment of this bank), every
  /// student already assigned there keeps their variants, the earlier variants keep their ids, and only the
  /// new students are assigned: adding a student later changes nobody's numbers. Students of `previous` who are
  /// no longer on the roster are dropped from it; their variants stay in the quiz.
  ///
  /// - Parameters:
  ///   - roster: The students, identifiers unique (``RosterStudent``).
  ///   - seed: Overrides the bank's seed (and the previous assignment's).
  ///   - workers: Threads to draw on.
  /// - Throws: ``QuizError``: a template that cannot give as many distinct variants as asked (naming it), or
  ///   a previous assignment whose items are not this bank's.
  package func assign(
    _ roster: [RosterStudent], library: TemplateLibrary, seed: UInt64? = nil,
    sharing: VariantSharing = .distinct, previous: Assignment? = nil,
    workers: Int = 1
  ) throws(QuizError) -> Assignment {
    let kept =
      previous.map { p in Dictionary(uniqueKeysWithValues: p.students.indices.map { (p.students[$0].id, $0) }) } ?? [:]
    let newcomers = roster.filter { kept[$0.id] == nil }.count
    if let previous {
      var mine: [String] = []
      for item in items { mine.append(try resolvedTemplate(for: item, in: library).id) }
      let theirs = previous.quiz.items.map(\.template)
      guard mine == theirs else {
        throw .bank(
          TemplateError(
            file: file, line: 1, column: 1,
            message:
              "the previous assignment (--keep) has the items \(theirs.joined(separator: ", ")); this bank has \(mine.joined(separator: ", "))"
          ))
      }
    }
    var sized = self
    for i in sized.items.indices {
      let before = previous?.quiz.items[i].variants.count ?? 0
      switch sharing {
      case .distinct:
        sized.items[i].variants = max(1, before + newcomers)
        guard sized.items[i].variants <= 100_000 else {
          throw .bank(
            TemplateError(
              file: file, line: items[i].location.line, column: items[i].location.column,
              message:
                "'\(items[i].template)' would need \(sized.items[i].variants) variants, one per student; a bank item has at most 100000"
            ))
        }
      case .shared: sized.items[i].variants = previous == nil ? items[i].variants : before
      }
    }
    var quiz = try sized.drawQuiz(library: library, seed: seed ?? previous?.quiz.seed, workers: workers)
    if let previous { quiz = Bank.extend(previous.quiz, with: quiz) }

    var uses = quiz.items.map { Array(repeating: 0, count: $0.variants.count) }
    var choices: [[Int]] = []
    var nextFresh = quiz.items.indices.map { i in previous?.quiz.items[i].variants.count ?? 0 }
    if let previous {
      for row in previous.choices { for (i, v) in row.enumerated() { uses[i][v] += 1 } }
    }
    for (s, student) in roster.enumerated() {
      if let p = kept[student.id], let previous {
        choices.append(previous.choices[p])
        continue
      }
      var row: [Int] = []
      for i in quiz.items.indices {
        let v: Int
        switch sharing {
        case .distinct:
          v = nextFresh[i]
          nextFresh[i] += 1
        case .shared:
          // The least used variant; among equals, the first from a place that shifts with the student and the
          // item, so that neighbours on the roster differ.
          let k = uses[i].count
          let least = uses[i].min() ?? 0
          let start = (s + i) % k
          v = (0..<k).map { (start + $0) % k }.first { uses[i][$0] == least }!
        }
        uses[i][v] += 1
        row.append(v)
      }
      choices.append(row)
    }
    return Assignment(quiz: quiz, students: roster, choices: choices)
  }

  /// The previous quiz with the variants `drawn` adds to each item: the previous variants first, as they
  /// were (ids included), then the drawn ones that repeat none of them, numbered on.
  static func extend(_ previous: Quiz, with drawn: Quiz) -> Quiz {
    var quiz = previous
    for i in quiz.items.indices {
      let old = previous.items[i].variants
      let width = old.first.flatMap { $0.id.split(separator: "-").last?.count } ?? 2
      let prefix =
        old.first.flatMap { v in v.id.lastIndex(of: "-").map { String(v.id[..<$0]) } } ?? drawn.items[i].template
      // A drawn variant that repeats an earlier one (its seed, or its stem as printed) is not given out twice.
      var seeds = Set(old.map(\.seed))
      var stems = Set(old.map(\.stem))
      var variants = old
      for var variant in drawn.items[i].variants
      where seeds.insert(variant.seed).inserted && stems.insert(variant.stem).inserted {
        if variants.count >= drawn.items[i].variants.count { break }
        let number = String(variants.count + 1)
        variant.id = prefix + "-" + String(repeating: "0", count: max(0, width - number.count)) + number
        variants.append(variant)
      }
      let item = previous.items[i]
      var extended = QuizItem(template: item.template, title: item.title, points: item.points, variants: variants)
      extended.objective = item.objective ?? drawn.items[i].objective
      quiz.items[i] = extended
    }
    return quiz
  }
}
