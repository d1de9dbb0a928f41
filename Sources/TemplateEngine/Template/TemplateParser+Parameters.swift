import PhysicsCore
import QuizModel
import Yams

extension TemplateReader {
  // MARK: - Parameters

  mutating func parameters(_ node: YAMLNode) throws(TemplateError) -> [ParameterSpec] {
    var result: [ParameterSpec] = []
    for (name, keyNode, value) in try doc.mapping(node, what: "parameters") {
      try checkNewName(name, at: keyNode)
      let spec = try parameter(name, keyNode: keyNode, value)
      result.append(spec)
      known.append(name)
      for companion in spec.companionNames {
        guard !known.contains(companion) else {
          throw doc.error("'\(companion)', a value that '\(name)' brings along, is already declared", at: keyNode)
        }
        known.append(companion)
      }
    }
    guard !result.isEmpty else { throw doc.error("parameters must declare at least one parameter", at: node) }
    return result
  }

  func parameter(_ name: String, keyNode: YAMLNode, _ node: YAMLNode) throws(TemplateError) -> ParameterSpec {
    let location = self.location(keyNode)
    // A bare value is a fixed parameter: `temperature_C: 37`.
    if case .scalar = node {
      let value = try choiceValue(node)
      return ParameterSpec(name: name, kind: .choice([value], weights: nil), format: nil, unit: nil, location: location)
    }
    let entries = try doc.mapping(node, what: "parameter '\(name)'", allowed: TemplateParser.parameterKeys)
    func entry(_ key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }
    let kindKeys = ["choice", "uniform", "log_uniform", "integer", "ion", "value"]
    var kinds = entries.filter { kindKeys.contains($0.key) }
    if kinds.isEmpty, let preset = entries.first(where: { $0.key == "preset" }) { kinds = [preset] }
    guard kinds.count == 1, let kindEntry = kinds.first else {
      throw doc.error(
        "parameter '\(name)' needs exactly one of choice, uniform, log_uniform, integer, ion, preset or value",
        at: keyNode, length: name.count)
    }
    if let presetNode = entry("preset"), !["ion", "preset"].contains(kindEntry.key) {
      throw doc.error("preset goes with ion (for its typical concentrations), not \(kindEntry.key)", at: presetNode)
    }
    var weights: [Double]?
    if let weightsNode = entry("weights") {
      guard ["choice", "ion", "preset"].contains(kindEntry.key) else {
        throw doc.error("weights go with choice, ion or preset, not \(kindEntry.key)", at: weightsNode)
      }
      var list: [Double] = []
      for item in try doc.sequence(weightsNode, what: "weights") {
        let w = try doc.double(item, what: "a weight")
        guard w >= 0 else { throw doc.error("weights cannot be negative", at: item) }
        list.append(w)
      }
      guard list.contains(where: { $0 > 0 }) else {
        throw doc.error("at least one weight must be positive", at: weightsNode)
      }
      weights = list
    }
    if let jitter = entry("jitter"), kindEntry.key != "value" {
      throw doc.error("jitter goes with value, not \(kindEntry.key)", at: jitter)
    }

    let kind: ParameterSpec.Kind
    switch kindEntry.key {
    case "choice":
      let items = try doc.sequence(kindEntry.value, what: "choice")
      guard !items.isEmpty else { throw doc.error("choice needs at least one value", at: kindEntry.value) }
      if let weights, weights.count != items.count {
        throw doc.error("weights has \(weights.count) entries but choice has \(items.count)", at: entry("weights"))
      }
      var values: [ParameterSpec.ChoiceValue] = []
      for item in items { values.append(try choiceValue(item)) }
      kind = .choice(values, weights: weights)
    case "uniform":
      kind = .uniform(try doc.range(kindEntry.value, what: "uniform"))
    case "log_uniform":
      let range = try doc.range(kindEntry.value, what: "log_uniform")
      guard range.lowerBound > 0 else { throw doc.error("log_uniform needs a positive low end", at: kindEntry.value) }
      kind = .logUniform(range)
    case "integer":
      let items = try doc.sequence(kindEntry.value, what: "integer")
      guard items.count == 2 else {
        throw doc.error("integer must be a list of two whole numbers [low, high]", at: kindEntry.value)
      }
      let low = try doc.int(items[0], what: "the low end of integer")
      let high = try doc.int(items[1], what: "the high end of integer")
      guard low <= high else {
        throw doc.error("integer must have low ≤ high, got [\(low), \(high)]", at: kindEntry.value)
      }
      kind = .integer(low...high)
    case "ion":
      var ions: [Ion] = []
      let items: [YAMLNode]
      if case .scalar = kindEntry.value {
        items = [kindEntry.value]
      } else {
        items = try doc.sequence(kindEntry.value, what: "ion")
      }
      for item in items {
        let symbol = try doc.string(item, what: "an ion")
        if symbol == "any" {
          ions += Ion.all
          continue
        }
        guard let ion = Ion(symbol: symbol) else {
          throw doc.error(
            "unknown ion '\(symbol)'; the table has \(Ion.all.map(\.symbol).joined(separator: ", "))",
            at: item, length: symbol.count)
        }
        ions.append(ion)
      }
      if let weights, weights.count != ions.count {
        throw doc.error("weights has \(weights.count) entries but ion lists \(ions.count) ions", at: entry("weights"))
      }
      let preset =
        try entry("preset").map { node throws(TemplateError) in try self.presets(node).first! } ?? .mammalianNeuron
      if let missing = ions.first(where: { preset.concentrations[$0] == nil }) {
        throw doc.error("the preset '\(preset.id)' has no concentrations for \(missing.symbol)", at: kindEntry.value)
      }
      kind = .ion(ions, weights: weights, preset: preset)
    case "preset":
      let presets = try self.presets(kindEntry.value)
      if let weights, weights.count != presets.count {
        throw doc.error(
          "weights has \(weights.count) entries but preset lists \(presets.count) presets", at: entry("weights"))
      }
      kind = .preset(presets, weights: weights)
    default:
      let expression = try self.expression(kindEntry.value, what: "value of '\(name)'")
      var jitter: Double?
      if let jitterNode = entry("jitter") {
        let j = try doc.double(jitterNode, what: "jitter")
        guard (0..<1).contains(j) else {
          throw doc.error("jitter must be a fraction in [0, 1), got \(j)", at: jitterNode)
        }
        jitter = j
      }
      kind = .computed(expression, jitter: jitter)
    }

    var format: NumberFormat?
    if let node = entry("sigfigs") {
      let n = try doc.int(node, what: "sigfigs")
      guard (1...15).contains(n) else { throw doc.error("sigfigs must be between 1 and 15", at: node) }
      format = .significantFigures(n)
    }
    if let node = entry("decimals") {
      guard format == nil else { throw doc.error("give sigfigs or decimals, not both", at: node) }
      let n = try doc.int(node, what: "decimals")
      guard (0...15).contains(n) else { throw doc.error("decimals must be between 0 and 15", at: node) }
      format = .decimals(n)
    }
    switch kind {
    case .ion, .preset:
      if format != nil {
        throw doc.error("an ion or preset parameter has no number format", at: entry("sigfigs") ?? entry("decimals"))
      }
    default: break
    }
    let unit = try entry("unit").map { node throws(TemplateError) in try doc.string(node, what: "unit") }
    return ParameterSpec(name: name, kind: kind, format: format, unit: unit, location: location)
  }

  /// One preset id or a list of them.
  func presets(_ node: YAMLNode) throws(TemplateError) -> [IonPreset] {
    let items: [YAMLNode]
    if case .scalar = node { items = [node] } else { items = try doc.sequence(node, what: "preset") }
    guard !items.isEmpty else { throw doc.error("preset needs at least one preset id", at: node) }
    var presets: [IonPreset] = []
    for item in items {
      let id = try doc.string(item, what: "a preset")
      guard let preset = IonPreset.named(id) else {
        throw doc.error(
          "unknown preset '\(id)'; the presets are \(IonPreset.all.map(\.id).joined(separator: ", "))",
          at: item, length: id.count)
      }
      presets.append(preset)
    }
    return presets
  }

  func choiceValue(_ node: YAMLNode) throws(TemplateError) -> ParameterSpec.ChoiceValue {
    guard case .scalar(let scalar) = node else {
      throw doc.error(
        "a choice must be a number or a word, not \(doc.quoted(node)) (a nested list or mapping would be drawn as empty text)",
        at: node)
    }
    if scalar.style == .plain || scalar.style == .any, let x = Double(scalar.string.replacingMinus()), x.isFinite {
      return .number(x)
    }
    return .text(scalar.string)
  }
}
