import Foundation
import QuizModel
import TestSupport
import Testing

@testable import TemplateEngine

/// Hostile and broken template and bank files end in a located error, quickly.
@Suite struct YAMLLimitsTests {
  /// Nine levels of anchors, each repeating the one before ten times, used as mapping keys: 10⁹ nodes.
  static let nestedAnchors: String = {
    var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for i in 1...9 {
      let list = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
      text += "a\(i): &a\(i) [\(list)]\n"
    }
    text += "? *a9\n: 1\n? [*a9]\n: 2\n"
    return text
  }()

  @Test func nestedAliasesAreRefusedQuicklyWithTheirLocation() throws {
    #expect(Self.nestedAnchors.utf8.count < 1024)
    let start = Date()
    let error = #expect(throws: TemplateError.self) { try Bank.parse(Self.nestedAnchors, file: "bomb.yaml") }
    #expect(Date().timeIntervalSince(start) < 2)
    #expect(error?.file == "bomb.yaml")
    #expect((error?.line ?? 0) > 0)
    #expect(error?.message.contains("aliases") == true)
  }

  @Test func aCollectionAsAMappingKeyIsRefusedWithItsLocation() throws {
    let error = #expect(throws: TemplateError.self) { try Bank.parse("title: x\n? [a, b]\n: 1\n", file: "keys.yaml") }
    #expect(error?.line == 2)
    #expect(error?.message.contains("cannot be a mapping key") == true)
  }

  @Test func deepNestingIsRefusedInsteadOfOverflowingTheStack() throws {
    let text = "items: " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "\n"
    let error = #expect(throws: TemplateError.self) { try Bank.parse(text, file: "deep.yaml") }
    #expect(error?.line == 1)
    #expect(error?.message.contains("nested more than \(TemplateLimits.maximumYAMLDepth) deep") == true)
  }

  @Test func aFewAliasesStillWork() throws {
    let bank = try Bank.parse(
      """
      title: Aliases
      seed: 1
      items:
        - &item { template: nernst-potential, variants: 2, points: 1 }
        - *item
      """, file: "bank.yaml")
    #expect(bank.items.count == 2)
  }

  @Test func aTemplateWithMoreThanSixtyFourAnswersIsRefusedAtTheSixtyFifth() throws {
    let answers = (1...65).map { "  - { id: a\($0), numeric: x, unit: mV }" }.joined(separator: "\n")
    let error = TemplateFixtures.error(TemplateFixtures.template(answers: answers))
    #expect(error?.message.contains("at most 64 answers") == true)
    #expect(error.map { $0.line > 0 && $0.column > 0 } == true)
  }

  @Test func aDocumentLargerThanTheLimitIsRefusedBeforeParsing() throws {
    let text = "title: " + String(repeating: "x", count: TemplateLimits.maximumYAMLBytes) + "\n"
    let error = #expect(throws: TemplateError.self) { try Bank.parse(text, file: "big.yaml") }
    #expect(error?.message.contains("at most \(TemplateLimits.maximumYAMLBytes) bytes") == true)
  }

  // MARK: Files

  @Test func templateFilesWithTheSameIDAsYamlAndYmlAreAnError() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let text = TemplateFixtures.template()
    try Data(text.utf8).write(to: folder.url.appendingPathComponent("sample.yaml"))
    try Data(text.utf8).write(to: folder.url.appendingPathComponent("sample.yml"))
    let error = #expect(throws: TemplateError.self) { try TemplateLibrary.load(from: folder.url) }
    #expect(error?.message.contains("also the id of sample.yaml") == true)
  }

  @Test(arguments: [
    ("missing.yaml", "no such file"),
    ("folder.yaml", "is a folder, not a file"),
    ("latin1.yaml", "not UTF-8 text (invalid byte 0xE9)"),
  ])
  func unreadableFilesAreNamedWithAPlainReason(name: String, reason: String) throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try FileManager.default.createDirectory(
      at: folder.url.appendingPathComponent("folder.yaml"), withIntermediateDirectories: false)
    try Data("title: ok\nstem: caf\u{E9}".utf8.map { $0 }.prefix(14) + [0xE9, 0x0A]).write(
      to: folder.url.appendingPathComponent("latin1.yaml"))
    let error = #expect(throws: TemplateError.self) {
      try readYAMLText(at: folder.url.appendingPathComponent(name), file: name)
    }
    #expect(error?.file == name)
    #expect(error?.message.contains(reason) == true)
    #expect(error?.description.contains("NSCocoaErrorDomain") == false)
    if name == "latin1.yaml" {
      #expect(error?.line == 2)
      #expect(error?.column == 5)
    }
  }

  @Test func endlessInputIsCutAtTheLimit() throws {
    let error = #expect(throws: InputFileError.self) {
      try InputFile.bytes(at: URL(fileURLWithPath: "/dev/zero"), limit: 1 << 16)
    }
    #expect(error?.reason == .tooLarge(limit: 1 << 16))
  }
}

/// Errors found while drawing name a real place in the file, never `file:0:0`.
@Suite struct DrawErrorLocationTests {
  @Test func aStemThatFailsToRenderIsBlamedOnTheStemLine() throws {
    var text = TemplateFixtures.template()
    text = text.replacingOccurrences(of: "stem: \"x is {x}.\"", with: "stem: \"x is {log10(x - 5)}.\"")
    let template = try TemplateFixtures.parse(text)
    let error = #expect(throws: GenerationError.self) { try template.drawVariant(seed: 1, id: "sample-01") }
    let description = error?.description ?? ""
    #expect(!description.contains(":0:0"))
    let stemLine = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("stem:") }
      .map { $0 + 1 }
    #expect(description.hasPrefix("sample.yaml:\(stemLine ?? -1):"), "\(description)")
  }

  @Test func aPositionLeavesOutAnUnknownLineOrColumn() {
    #expect(FilePosition(file: "probe.yaml", line: 0, column: 0).description == "probe.yaml")
    #expect(FilePosition(file: "probe.yaml", line: 0, column: 4).description == "probe.yaml")
    #expect(FilePosition(file: "probe.yaml", line: 3, column: 0).description == "probe.yaml:3")
    #expect(FilePosition(file: "probe.yaml", line: 3, column: 4).description == "probe.yaml:3:4")
  }
}
