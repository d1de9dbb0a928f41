import Foundation
import QuizModel
import TemplateEngine

/// The shipped default bank's templates, and quizzes of any size drawn from them.
struct Workload {
  let root: URL
  let library: TemplateLibrary
  let bank: Bank
  let templates: [Template]

  init(root: URL) throws {
    self.root = root
    let library = try TemplateLibrary.load(from: root.appendingPathComponent("Templates"))
    let bankURL = root.appendingPathComponent("Banks/default.yaml")
    let bank = try Bank.parse(try String(contentsOf: bankURL, encoding: .utf8), file: bankURL.path)
    self.library = library
    self.bank = bank
    templates = try bank.items.map { item in
      guard let template = library[item.template] else { throw WorkloadError("unknown template \(item.template)") }
      return template
    }
  }

  /// The default bank's quiz, as `nernstquiz generate` draws it.
  func defaultQuiz() throws -> Quiz { try bank.drawQuiz(library: library) }

  /// The seed of variant `index` of template `t`: fixed, so every run does the same work.
  func seed(template t: Int, index: Int) -> UInt64 {
    SeededGenerator.derivedSeed(from: 2026, path: [.index(UInt64(t)), .index(UInt64(index))])
  }

  /// A quiz of `perTemplate` variants of each template (not de-duplicated: ids are unique, stems may repeat).
  func quiz(perTemplate: Int) throws -> Quiz {
    let items = try templates.enumerated().map { t, template in
      let variants = try (0..<perTemplate).map { i in
        try template.drawVariant(seed: seed(template: t, index: i), id: "\(template.id)-\(i + 1)")
      }
      return QuizItem(template: template.id, title: template.title, points: 1, variants: variants)
    }
    return Quiz(title: "Benchmark", seed: 2026, items: items)
  }
}

struct WorkloadError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
