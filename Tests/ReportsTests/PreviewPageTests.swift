import Foundation
import QuizModel
import Reports
import TemplateEngine
import TestSupport
import Testing

@Suite struct PreviewPageTests {
  @Test func thePreviewListsEachItemsSourcesEscaped() throws {
    let quiz = try Samples.defaultQuiz()
    let html = try PreviewPage.html(for: quiz, sources: ["nernst-potential": ["Hille B (2001) <Ion Channels>"]])
    #expect(html.contains("<li>Hille B (2001) &lt;Ion Channels&gt;</li>"))
    #expect(!(try PreviewPage.html(for: quiz)).contains("Hille"))
  }
}

/// The shipped default bank, drawn once.
enum Samples {
  static func library() throws -> TemplateLibrary {
    try TemplateLibrary.load(from: packageRoot.appendingPathComponent("Templates"))
  }

  static func bank() throws -> Bank {
    let url = packageRoot.appendingPathComponent("Banks/default.yaml")
    return try Bank.parse(String(contentsOf: url, encoding: .utf8), file: url.path)
  }

  static func defaultQuiz() throws -> Quiz { try bank().drawQuiz(library: library()) }
}
