import QuizModel
import Yams

extension Bank {
  /// Reads a bank file.
  ///
  /// ```yaml
  /// title: Driving force — first quiz
  /// seed: 20261121
  /// items:
  ///   - template: nernst-potential
  ///     variants: 8
  ///     points: 2
  ///     tolerance: { relative: 0.02, absolute: 0.5 }     # all numeric answers of the item
  ///     feedback: { log10-for-ln: "Remember: ln, not log10." }
  /// grading:
  ///   unit_slip_credit: 0.5
  ///   misconception_credit: { valence-ignored: 0.25 }
  ///   significant_figures: { check: true, credit: 0.9 }
  /// ```
  ///
  /// - Throws: ``TemplateError`` naming the file, line and column of the first problem.
  package static func parse(_ text: String, file: String) throws(TemplateError) -> Bank {
    let doc = try YAMLDocument(text: text, file: file)
    let entries = try doc.mapping(
      doc.root, what: "a bank", allowed: ["title", "seed", "items", "grading", "templates"])
    func entry(_ key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }
    guard let titleNode = entry("title") else {
      throw doc.error("missing required key 'title' in the bank", line: 1, column: 1)
    }
    guard let seedNode = entry("seed") else {
      throw doc.error("missing required key 'seed' in the bank", line: 1, column: 1)
    }
    guard let itemsNode = entry("items") else {
      throw doc.error("missing required key 'items' in the bank", line: 1, column: 1)
    }
    let seedText = try doc.string(seedNode, what: "seed")
    guard let seed = UInt64(seedText) else {
      throw doc.error(
        "seed must be a whole number from 0 to 18446744073709551615, got '\(seedText)'", at: seedNode,
        length: seedText.count)
    }

    var items: [Item] = []
    for node in try doc.sequence(itemsNode, what: "items") {
      let fields = try doc.mapping(
        node, what: "a bank item",
        allowed: ["template", "variants", "points", "tolerance", "feedback", "balance", "only"])
      func field(_ key: String) -> YAMLNode? { fields.first { $0.key == key }?.value }
      guard let templateNode = field("template") else { throw doc.error("a bank item needs 'template'", at: node) }
      let variants = try field("variants").map { n throws(TemplateError) in try doc.int(n, what: "variants") } ?? 1
      guard (1...100_000).contains(variants) else {
        throw doc.error("variants must be between 1 and 100000, got \(variants)", at: field("variants"))
      }
      let pointsValue = try field("points").map { n throws(TemplateError) in try doc.double(n, what: "points") } ?? 1
      guard pointsValue > 0, let points = Points(exactly: pointsValue) else {
        throw doc.error(
          "points must be positive, in hundredths, at most \(Points.maximum), got \(pointsValue)", at: field("points"))
      }

      var tolerances: [String: Tolerance] = [:]
      if let toleranceNode = field("tolerance") {
        let t = try doc.mapping(toleranceNode, what: "tolerance")
        if t.allSatisfy({ ["relative", "absolute"].contains($0.key) }) {
          tolerances["*"] = try tolerance(toleranceNode, doc: doc)
        } else {
          for (answer, _, value) in t { tolerances[answer] = try tolerance(value, doc: doc) }
        }
      }
      var feedback: [String: String] = [:]
      if let feedbackNode = field("feedback") {
        for (id, _, value) in try doc.mapping(feedbackNode, what: "feedback") {
          feedback[id] = try doc.string(value, what: "feedback for '\(id)'")
        }
      }
      var balance: [String] = []
      if let balanceNode = field("balance") {
        let list: [YAMLNode]
        if case .scalar = balanceNode {
          list = [balanceNode]
        } else {
          list = try doc.sequence(balanceNode, what: "balance")
        }
        for entry in list {
          let name = try doc.string(entry, what: "a parameter or answer to balance")
          guard !balance.contains(name) else { throw doc.error("balance names '\(name)' twice", at: entry) }
          balance.append(name)
        }
      }
      var only: [(parameter: String, values: [String])] = []
      if let onlyNode = field("only") {
        for (name, _, value) in try doc.mapping(onlyNode, what: "only") {
          let list: [YAMLNode]
          if case .scalar = value {
            list = [value]
          } else {
            list = try doc.sequence(value, what: "the values of '\(name)'")
          }
          let values = try list.map { v throws(TemplateError) in try doc.string(v, what: "a value of '\(name)'") }
          guard !values.isEmpty else { throw doc.error("only: '\(name)' needs at least one value", at: value) }
          only.append((name, values))
        }
      }
      items.append(
        Item(
          template: try doc.string(templateNode, what: "template"), variants: variants, points: points,
          tolerances: tolerances, feedback: feedback,
          location: FilePosition(
            file: file, line: templateNode.mark?.line ?? 0, column: templateNode.mark?.column ?? 0),
          balance: balance, only: only))
    }
    guard !items.isEmpty else { throw doc.error("items must list at least one template", at: itemsNode) }

    var grading = GradingOptions()
    if let gradingNode = entry("grading") {
      for (key, _, value) in try doc.mapping(
        gradingNode, what: "grading",
        allowed: ["unit_slip_credit", "misconception_credit", "significant_figures"])
      {
        switch key {
        case "unit_slip_credit":
          grading.unitSlipCredit = try credit(value, what: "unit_slip_credit", doc: doc)
        case "misconception_credit":
          if case .scalar = value {
            grading.misconceptionCredit["*"] = try credit(value, what: "misconception_credit", doc: doc)
          } else {
            for (id, _, c) in try doc.mapping(value, what: "misconception_credit") {
              grading.misconceptionCredit[id] = try credit(c, what: "credit for '\(id)'", doc: doc)
            }
          }
        default:
          for (k, _, v) in try doc.mapping(value, what: "significant_figures", allowed: ["check", "credit"]) {
            if k == "check" {
              grading.checkSignificantFigures = try doc.bool(v, what: "check")
            } else {
              grading.significantFiguresCredit = try credit(v, what: "credit", doc: doc)
            }
          }
        }
      }
    }
    var folders: [String] = []
    if let foldersNode = entry("templates") {
      let list: [YAMLNode]
      if case .scalar = foldersNode {
        list = [foldersNode]
      } else {
        list = try doc.sequence(foldersNode, what: "templates (a list of folders)")
      }
      for node in list { folders.append(try doc.string(node, what: "a templates folder")) }
    }
    return Bank(
      title: try doc.string(titleNode, what: "title"), seed: seed, items: items, grading: grading, file: file,
      templateFolders: folders)
  }

  private static func tolerance(_ node: YAMLNode, doc: YAMLDocument) throws(TemplateError) -> Tolerance {
    var relative = 0.0
    var absolute = 0.0
    for (key, _, value) in try doc.mapping(node, what: "tolerance", allowed: ["relative", "absolute"]) {
      let x = try doc.double(value, what: "tolerance \(key)")
      guard x >= 0 else { throw doc.error("tolerance \(key) cannot be negative", at: value) }
      if key == "relative" { relative = x } else { absolute = x }
    }
    guard relative > 0 || absolute > 0 else {
      throw doc.error("tolerance needs a positive relative or absolute part", at: node)
    }
    return Tolerance(relative: relative, absolute: absolute)
  }

  private static func credit(_ node: YAMLNode, what: String, doc: YAMLDocument) throws(TemplateError) -> Double {
    let x = try doc.double(node, what: what)
    guard (0...1).contains(x) else { throw doc.error("\(what) must be a fraction from 0 to 1, got \(x)", at: node) }
    return x
  }
}
