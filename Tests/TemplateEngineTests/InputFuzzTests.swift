import Foundation
import TemplateEngine
import TestSupport
import Testing

/// Seeded, bounded fuzzing of the template and bank reader: mutated files never crash or hang, and every
/// error names the file and a line (or is about the file as a whole).
@Suite struct TemplateReaderFuzzTests {
  static let yamlTokens = [
    "&a ", "*a", "&b [*a, *a, *a]", "[", "]", "{", "}", ": ", "- ", "? ", "\n", "  ", "\"", "'", "|\n", ">\n", "#",
    "!!binary ", "!!map ", "%YAML 1.1\n", "---\n", "...\n", "\t", "{x}", "{", "1e308", "-1", "nan", "~", "null",
    "é", "\u{FEFF}", "\u{0}", "<<: *a\n", "\\", "x: [[1, 2], {a: b}]\n",
  ]

  /// File-level errors (no line applies).
  static func isFileLevel(_ error: TemplateError) -> Bool {
    error.message == "the file is empty" || error.message.hasPrefix("a template or bank may be at most")
  }

  @Test(arguments: ["nernst-potential.yaml", "driving-force.yaml"])
  func mutatedTemplatesFailWithALocatedErrorOrParse(name: String) throws {
    let original = Array(
      try String(contentsOf: packageRoot.appendingPathComponent("Templates/\(name)"), encoding: .utf8).utf8)
    var mutator = Mutator(seed: 0xF022 &+ UInt64(name.count), tokens: Self.yamlTokens)
    let start = Date()
    for _ in 0..<600 {
      let text = String(decoding: mutator.mutate(original), as: UTF8.self)
      do {
        let template = try TemplateParser.parse(text, file: name)
        _ = try? template.drawVariant(seed: 1, id: "fuzz-01")
      } catch {
        #expect(error.file == name)
        #expect(error.line > 0 || Self.isFileLevel(error), "\(error)")
        #expect(!error.description.contains(":0:0"))
      }
    }
    #expect(Date().timeIntervalSince(start) < 20)
  }

  @Test func mutatedBanksFailWithALocatedErrorOrParse() throws {
    let original = Array(
      try String(contentsOf: packageRoot.appendingPathComponent("Banks/default.yaml"), encoding: .utf8).utf8)
    var mutator = Mutator(
      seed: 0xBA2C, tokens: Self.yamlTokens + ["template: ", "variants: ", "points: ", "tolerance: ", "feedback: "])
    for _ in 0..<1500 {
      let text = String(decoding: mutator.mutate(original), as: UTF8.self)
      do {
        _ = try Bank.parse(text, file: "bank.yaml")
      } catch {
        #expect(error.file == "bank.yaml")
        #expect(error.line > 0 || Self.isFileLevel(error), "\(error)")
      }
    }
  }

  @Test func deeplyNestedExpressionsAreRefusedNotOverflowed() {
    for source in [
      String(repeating: "(", count: 100_000) + "1", String(repeating: "-", count: 100_000) + "1",
      Array(repeating: "2", count: 50_000).joined(separator: "^"),
    ] {
      #expect(throws: ExpressionError.self) { try Expression(parsing: source) }
    }
  }
}
