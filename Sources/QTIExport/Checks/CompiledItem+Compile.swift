import Foundation

// MARK: Compiling from any element view

extension CompiledItem {
  /// Compiles the item whose root is `root` (`assessmentItem` or `qti-assessment-item`), from any source of
  /// elements.
  ///
  /// Declarations, choices and modal feedback are always read. The response processing is compiled only when
  /// the item has one and computes nothing in `templateProcessing` (``processingLine`` and
  /// ``computesItsKey`` say which); a construct the compiler does not evaluate is kept as
  /// ``processingFailure``, with its line, so the checks can say what is wrong and where.
  init(root: some QTIElement) {
    var compiler = Compiler()
    compiler.readDeclarations(root)
    self = compiler.item
  }
}

/// Reads one item through its element view.
private struct Compiler {
  var item = CompiledItem()

  mutating func readDeclarations<E: QTIElement>(_ root: E) {
    item.line = root.line
    var processing: E?
    for node in root.elements {
      switch node.kind {
      case .responseDeclaration:
        let baseType = node.attribute(.baseType) ?? ""
        let correct = node.elements.first { $0.kind == .correctResponse }?.elements.first { $0.kind == .value }
        let correctText = correct?.trimmedText
        item.responses.append(
          .init(
            identifier: node.attribute(.identifier) ?? "", baseType: baseType, correctText: correctText,
            line: node.line))
        item.correct.append(correctText.map { QTIValue(text: $0, baseType: baseType) } ?? .null)
      case .outcomeDeclaration:
        let identifier = node.attribute(.identifier) ?? ""
        let baseType = node.attribute(.baseType) ?? "float"
        let values =
          node.elements.first { $0.kind == .defaultValue }.map { d in
            d.elements.filter { $0.kind == .value }.map { QTIValue(text: $0.trimmedText, baseType: baseType) }
          } ?? []
        let value: QTIValue =
          (node.attribute(.cardinality) ?? "single") == "single"
          ? (values.first ?? .null) : (values.isEmpty ? .null : .multiple(values))
        if let i = item.outcomeIndex(identifier) {
          item.defaults[i] = value
        } else {
          item.outcomeIdentifiers.append(identifier)
          item.defaults.append(value)
        }
      case .responseProcessing:
        processing = node
      case .modalFeedback:
        item.feedbacks.append(
          .init(
            outcome: node.attribute(.outcomeIdentifier) ?? "", identifier: node.attribute(.identifier) ?? "",
            showHide: node.attribute(.showHide) ?? "show", line: node.line))
      case .templateProcessing:
        item.computesItsKey = true
      default:
        break
      }
    }
    collectChoices(root)
    guard let processing, !item.computesItsKey else { return }
    item.processingLine = processing.line
    do throws(EvaluationFailure) {
      if processing.attribute(.template) != nil || processing.attribute(.templateLocation) != nil {
        throw EvaluationFailure(line: processing.line, message: "response processing templates are not evaluated")
      }
      var rules: [CompiledItem.Rule] = []
      for rule in processing.elements { rules.append(try compileRule(rule)) }
      item.rules = rules
    } catch {
      item.processingFailure = error
    }
  }

  /// Every `choiceInteraction` under `node`, with the identifiers of the `simpleChoice`s under it, in one walk
  /// over the descendants (flat for elements read from SAX events).
  mutating func collectChoices(_ node: some QTIElement) {
    var choices = item.choices
    node.forEachDescendant { e in
      guard e.kind == .choiceInteraction else { return }
      var options: [String] = []
      e.forEachDescendant { c in
        if c.kind == .simpleChoice, let id = c.attribute(.identifier) { options.append(id) }
      }
      choices[e.attribute(.responseIdentifier) ?? ""] = options
    }
    item.choices = choices
  }

  mutating func compileRule<E: QTIElement>(_ node: E) throws(EvaluationFailure) -> CompiledItem.Rule {
    switch node.kind {
    case .responseCondition:
      var branches: [CompiledItem.Branch] = []
      for b in node.elements {
        switch b.kind {
        case .responseIf, .responseElseIf:
          var parts = b.elements.makeIterator()
          guard let first = parts.next() else {
            throw EvaluationFailure(line: b.line, message: "'\(b.name)' has no condition")
          }
          let condition = try compileExpression(first)
          var rules: [CompiledItem.Rule] = []
          while let r = parts.next() { rules.append(try compileRule(r)) }
          branches.append(.init(condition: condition, rules: rules))
          try collectTriggers(condition: first, rules: b.elements.dropFirst())
        case .responseElse:
          var rules: [CompiledItem.Rule] = []
          for r in b.elements { rules.append(try compileRule(r)) }
          branches.append(.init(condition: nil, rules: rules))
        default:
          throw EvaluationFailure(line: b.line, message: "unexpected '\(b.name)' in a response condition")
        }
      }
      return .condition(branches)
    case .setOutcomeValue:
      var parts = node.elements.makeIterator()
      guard let identifier = node.attribute(.identifier), let first = parts.next() else {
        throw EvaluationFailure(line: node.line, message: "'setOutcomeValue' needs an identifier and an expression")
      }
      guard let slot = item.outcomeIndex(identifier) else {
        throw EvaluationFailure(
          line: node.line, message: "'setOutcomeValue' sets the undeclared outcome '\(identifier)'")
      }
      return .set(slot, try compileExpression(first))
    default:
      throw EvaluationFailure(
        line: node.line, message: "the response rule '\(node.name)' is not evaluated by the self-check")
    }
  }

  mutating func compileExpression<E: QTIElement>(_ node: E) throws(EvaluationFailure) -> CompiledItem.Expression {
    let kind = node.kind
    var operands: [CompiledItem.Expression] = []
    func two() throws(EvaluationFailure) -> (CompiledItem.Expression, CompiledItem.Expression) {
      guard operands.count == 2 else {
        throw EvaluationFailure(line: node.line, message: "'\(node.name)' needs two operands")
      }
      return (operands[0], operands[1])
    }
    switch kind {
    case .baseValue:
      return .constant(QTIValue(text: node.trimmedText, baseType: node.attribute(.baseType) ?? ""))
    case .variable:
      let identifier = node.attribute(.identifier) ?? ""
      if let i = item.responseIndex(identifier) { return .response(i) }
      if let i = item.outcomeIndex(identifier) { return .outcome(i) }
      throw EvaluationFailure(line: node.line, message: "'variable' refers to the undeclared '\(identifier)'")
    case .correct:
      let identifier = node.attribute(.identifier) ?? ""
      guard let i = item.responseIndex(identifier) else {
        throw EvaluationFailure(line: node.line, message: "'correct' refers to the undeclared response '\(identifier)'")
      }
      return .correct(i)
    case .isNull, .equal, .match, .sum, .multiple, .and, .or, .not, .gte, .lte, .gt, .lt:
      break
    default:
      throw EvaluationFailure(
        line: node.line, message: "the expression '\(node.name)' is not evaluated by the self-check")
    }
    // The tolerance attribute of an `equal`, parsed once for the comparison and the key search.
    var mode = "exact"
    var tolerances: [Double] = []
    if kind == .equal {
      mode = node.attribute(.toleranceMode) ?? "exact"
      if mode != "exact" {
        tolerances = (node.attribute(.tolerance) ?? "").split(separator: " ").compactMap { Double($0) }
      }
      // Recorded before its operands, so the list is in document order.
      let t0 = mode == "exact" ? 0 : (tolerances.first ?? 0)
      var equal = CompiledItem.Equal(
        mode: mode, t0: t0, t1: mode == "exact" ? 0 : (tolerances.count > 1 ? tolerances[1] : t0),
        correctIdentifiers: [], variableIdentifiers: [], line: node.line)
      for e in node.elements {
        if e.kind == .correct, let id = e.attribute(.identifier) { equal.correctIdentifiers.append(id) }
        if e.kind == .variable, let id = e.attribute(.identifier) { equal.variableIdentifiers.append(id) }
      }
      item.equals.append(equal)
    }
    operands.reserveCapacity(2)
    for e in node.elements { operands.append(try compileExpression(e)) }
    switch kind {
    case .isNull: return .isNull(operands)
    case .equal:
      let (x, y) = try two()
      switch mode {
      case "exact":
        return .equal(nil, x, y)
      case "absolute", "relative":
        guard let t0 = tolerances.first else {
          throw EvaluationFailure(
            line: node.line, message: "'equal' with toleranceMode '\(mode)' has no valid tolerance")
        }
        let band = CompiledItem.Band(
          absolute: mode == "absolute", t0: t0, t1: tolerances.count > 1 ? tolerances[1] : t0,
          includeLower: node.attribute(.includeLowerBound) != "false",
          includeUpper: node.attribute(.includeUpperBound) != "false")
        return .equal(band, x, y)
      default:
        throw EvaluationFailure(line: node.line, message: "'equal' has the unknown toleranceMode '\(mode)'")
      }
    case .match:
      let (x, y) = try two()
      return .match(x, y)
    case .sum: return .sum(operands)
    case .multiple: return .multiple(operands)
    case .and: return .and(operands)
    case .or: return .or(operands)
    case .not: return .not(operands)
    default:
      let (x, y) = try two()
      let op: CompiledItem.Comparison = kind == .gte ? .gte : kind == .lte ? .lte : kind == .gt ? .gt : .lt
      return .compare(op, x, y)
    }
  }

  /// The feedback triggers of one `responseIf`/`responseElseIf`: a condition that compares a response with a
  /// constant (`equal` or `match` with a `variable` and a `baseValue`), and each identifier it adds to an
  /// outcome other than SCORE.
  mutating func collectTriggers<E: QTIElement>(condition: E, rules: some Sequence<E>) throws(EvaluationFailure) {
    guard condition.kind == .equal || condition.kind == .match,
      let variable = condition.elements.first(where: { $0.kind == .variable }),
      let constant = condition.elements.first(where: { $0.kind == .baseValue })
    else { return }
    let response = variable.attribute(.identifier) ?? ""
    let value = QTIValue(text: constant.trimmedText, baseType: constant.attribute(.baseType) ?? "")
    for set in rules where set.kind == .setOutcomeValue {
      guard let outcome = set.attribute(.identifier), outcome != "SCORE" else { continue }
      set.forEachDescendant { id in
        guard id.kind == .baseValue, id.attribute(.baseType) == "identifier" else { return }
        item.triggers.append(
          .init(
            response: response, value: value, outcome: outcome, feedback: id.trimmedText,
            line: condition.line))
      }
    }
  }
}
