package import QuizModel

extension Bank {
  /// Draws the quiz this bank defines: for each item, `variants` distinct variants of its template.
  ///
  /// Every seed derives from the bank seed (or `seed`, when given) by a documented, platform-independent
  /// mix, so the same bank, templates and seed give the same quiz everywhere. The seed of item *i* is
  /// `SeededGenerator.derivedSeed(from: bankSeed, path: ["item", i, template])`; its *j*-th candidate variant
  /// has seed `derivedSeed(from: itemSeed, path: ["variant", j])`.
  /// A candidate that repeats a variant already drawn anywhere in the bank (the same stem, the same displayed
  /// parameters, or the same answers to 3 significant figures, as when every concentration is scaled by one
  /// factor) is skipped, so variant numbers stay dense while their seeds may skip a candidate.
  ///
  /// An item with `balance:` fills variant *s* of its pool from cell *s* mod *n* of the *n* combinations of the
  /// balanced values; cell *c* draws its candidates from `derivedSeed(from: itemSeed, path: ["balance", c,
  /// "variant", j])` and keeps those that have its values. `only:` restricts a parameter's values first.
  ///
  /// Candidates are drawn in batches, spread over `workers` threads, and then taken in candidate order, so
  /// the quiz is byte-identical whatever the number of workers.
  ///
  /// - Parameters:
  ///   - library: The templates the bank refers to.
  ///   - seed: Overrides the bank's seed.
  ///   - workers: Threads to draw on (1: the calling thread only). The call is synchronous either way.
  ///   - progress: Called now and then with the variants drawn so far and the total asked for.
  /// - Throws: ``QuizError`` for an unknown template or override, a `balance:` or `only:` that names no list
  ///   parameter or value or cannot be met, or a template that cannot produce the variants asked.
  package func drawQuiz(
    library: TemplateLibrary, seed: UInt64? = nil, workers: Int = 1,
    progress: ((_ drawn: Int, _ total: Int) -> Void)? = nil
  ) throws(QuizError) -> Quiz {
    try drawQuiz(library: library, seed: seed, workers: workers, skippingRepeatedParameters: true, progress: progress)
  }

  /// As ``drawQuiz(library:seed:workers:progress:)``; without `skippingRepeatedParameters`, every candidate is
  /// built in full, as before candidates repeating a variant's parameters were skipped (the tests show both
  /// give the same quiz).
  func drawQuiz(
    library: TemplateLibrary, seed: UInt64?, workers: Int, skippingRepeatedParameters: Bool,
    progress: ((_ drawn: Int, _ total: Int) -> Void)?
  ) throws(QuizError) -> Quiz {
    let total = items.reduce(0) { $0 + $1.variants }
    var drawnBefore = 0
    let quizSeed = seed ?? self.seed
    var seen = DuplicateFilter()
    var items: [QuizItem] = []
    var templates: [Template] = []
    var digests: [TemplateDigest] = []
    for item in self.items {
      let template = try resolvedTemplate(for: item, in: library)
      templates.append(template)
      if !digests.contains(where: { $0.id == template.id }) {
        digests.append(TemplateDigest(id: template.id, digest: template.digest))
      }
    }
    // Counted by the template's id, so an item naming a file and another naming its id get distinct variant ids.
    let counts = Dictionary(templates.map { ($0.id, 1) }, uniquingKeysWith: +)
    for (index, item) in self.items.enumerated() {
      let template = templates[index]
      let plan = try balancePlan(for: item, template: template)
      let itemSeed = SeededGenerator.derivedSeed(
        from: quizSeed, path: [.label("item"), .index(UInt64(index)), .label(item.template)])
      let prefix = counts[template.id, default: 1] > 1 ? "\(template.id)-\(index + 1)" : template.id
      let width = max(2, String(item.variants).count)
      var variants: [Variant] = []
      // The parameters of this item's variants: a candidate drawing them again is skipped before its answers.
      // (Per item, since another item of the same template may change its tolerances.)
      var known: Set<ParameterKey> = []
      // One stream of candidates per balanced value (a single stream when nothing is balanced).
      var streams = plan.cells.indices.map { cell in
        CandidateStream(
          seed: itemSeed, cell: plan.isBalanced ? cell : nil,
          needed: (0..<item.variants).filter { $0 % plan.cells.count == cell }.count)
      }
      while variants.count < item.variants {
        let cell = variants.count % plan.cells.count
        guard streams[cell].drawn < streams[cell].limit else {
          if let description = plan.describe(cell) {
            throw .bank(
              TemplateError(
                file: item.location.file, line: item.location.line, column: item.location.column,
                message:
                  "balance: [\(item.balance.joined(separator: ", "))]: '\(template.id)' gave no usable variant with "
                  + "\(description) in \(streams[cell].drawn) draws; its weights or constraints (or the pool's other variants) rule it out"
              ))
          }
          throw .generation(
            GenerationError(
              template: template.id,
              reason: .tooFewDistinctVariants(
                requested: item.variants, found: variants.count)))
        }
        // Now and then: about every 1 % of the quiz, and at each item's start.
        if variants.count.isMultiple(of: max(1, total / 100)) { progress?(drawnBefore + variants.count, total) }
        let next: BankCandidate?
        do { next = try streams[cell].next(template, skipping: known, points: item.points, workers: workers) } catch {
          throw .generation(error)
        }
        // A candidate repeating the parameters of a variant of this item was skipped before its answers.
        guard let candidate = next else { continue }
        var variant = candidate.variant
        // A balanced cell keeps only the candidates that have its values.
        guard plan.cells[cell].allSatisfy({ $0.holds(for: variant) }) else { continue }
        guard seen.insert(candidate.keys) else { continue }
        if skippingRepeatedParameters { known.insert(candidate.parameters) }
        streams[cell].remaining -= 1
        let number = String(variants.count + 1)
        variant.id = prefix + "-" + String(repeating: "0", count: max(0, width - number.count)) + number
        variants.append(variant)
      }
      drawnBefore += variants.count
      // The variants' parts already carry their share of the points (set where they were drawn).
      var quizItem = QuizItem(
        template: template.id, title: template.title, points: item.points, variants: variants, partPoints: .asGiven)
      quizItem.objective = template.objective
      items.append(quizItem)
    }
    progress?(total, total)
    return Quiz(title: title, seed: quizSeed, items: items, grading: grading, templateDigests: digests)
  }

  /// Draws one variant per seed, in order, on up to `workers` threads, each with its parts worth their share of
  /// `points` (``Points/split(_:into:)``, as ``QuizItem`` splits them) and its ``DuplicateKeys`` made.
  /// A candidate whose parameters are among `known` comes back as `nil` (see `Template.drawCandidate`).
  static func draw(
    _ template: Template, seeds: [UInt64], skipping known: Set<ParameterKey> = [], points: Points, workers: Int
  ) -> [Result<BankCandidate?, GenerationError>] {
    OrderedWork.map(count: seeds.count, chunkSize: 8, workers: workers, state: {}) { _, range in
      range.map { index in
        Result { () throws(GenerationError) -> BankCandidate? in
          var statistics = DrawStatistics()
          guard
            var drawn = try template.drawCandidate(seed: seeds[index], id: "", statistics: &statistics, skipping: known)
          else { return nil }
          let shares = Points.split(points, into: drawn.variant.answers.count)
          for part in drawn.variant.answers.indices { drawn.variant.answers[part].points = shares[part] }
          return BankCandidate(
            variant: drawn.variant, parameters: drawn.parameters, keys: DuplicateKeys(drawn.variant))
        }
      }
    }
  }

  /// The item's template with the bank's `only:`, tolerance and feedback overrides applied.
  func resolvedTemplate(for item: Item, in library: TemplateLibrary) throws(QuizError) -> Template {
    let found = item.namesFile ? library.template(atPath: item.template, relativeTo: folder) : library[item.template]
    guard var template = found else {
      let hint =
        Suggestion.nearest(to: item.template, among: library.knownIDs).map { " (did you mean '\($0)'?)" }
        ?? ""
      let looked =
        library.searchedFolders.isEmpty ? "" : "; looked in \(library.searchedFolders.joined(separator: ", "))"
      throw .bank(
        TemplateError(
          file: item.location.file, line: item.location.line, column: item.location.column,
          message: "unknown template '\(item.template)'\(hint)\(looked)", length: item.template.count))
    }
    for (name, values) in item.only {
      do { try template.restrict(name, to: values) } catch {
        throw .bank(
          TemplateError(
            file: item.location.file, line: item.location.line, column: item.location.column,
            message: "only: \(error.message)"))
      }
    }
    for (answerID, tolerance) in item.tolerances {
      var matched = false
      for index in template.answers.indices where answerID == "*" || template.answers[index].id == answerID {
        if case .numeric(var numeric) = template.answers[index].kind {
          numeric.tolerance = tolerance
          template.answers[index].kind = .numeric(numeric)
          matched = true
        }
      }
      guard matched else {
        throw .bank(
          TemplateError(
            file: item.location.file, line: item.location.line, column: item.location.column,
            message: "the tolerance override names '\(answerID)', which is not a numeric answer of '\(template.id)'"))
      }
    }
    for (misconceptionID, text) in item.feedback {
      let indices = template.misconceptions.indices.filter { template.misconceptions[$0].id == misconceptionID }
      guard !indices.isEmpty else {
        throw .bank(
          TemplateError(
            file: item.location.file, line: item.location.line, column: item.location.column,
            message:
              "the feedback override names misconception '\(misconceptionID)', which '\(template.id)' does not have"))
      }
      let feedback: TextTemplate
      do { feedback = try TextTemplate(parsing: text) } catch {
        throw .bank(
          TemplateError(
            file: item.location.file, line: item.location.line, column: item.location.column,
            message: "in the feedback override for '\(misconceptionID)': \(error.message)"))
      }
      // The override's placeholders are checked here, so that a bad one is blamed on the bank's line, not on
      // the template's misconception when the feedback is rendered.
      let known = Set(template.parameters.map(\.name) + template.derived.map(\.name))
      for (expression, _) in feedback.placeholders {
        if let unknown = expression.referencedVariables.sorted().first(where: { !known.contains($0) }) {
          throw .bank(
            TemplateError(
              file: item.location.file, line: item.location.line, column: item.location.column,
              message: "in the feedback override for '\(misconceptionID)': unknown variable '\(unknown)'; "
                + "'\(template.id)' has \(known.sorted().joined(separator: ", "))"))
        }
      }
      for index in indices { template.misconceptions[index].feedback = feedback }
    }
    return template
  }
}

/// A bank that cannot be drawn into a quiz.
package enum QuizError: Error, Sendable, CustomStringConvertible {
  /// A problem in the bank file (unknown template or override).
  case bank(TemplateError)
  /// A template that failed to produce its variants.
  case generation(GenerationError)

  package var description: String {
    switch self {
    case .bank(let error): error.description
    case .generation(let error): error.description
    }
  }
}
