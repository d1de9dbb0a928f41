import Foundation
import QuizModel
import TemplateEngine

/// Reads a bank and its templates and draws the quiz: what `generate` and `grade --bank` both start from.
enum QuizLoader {
  static func load(bank bankURL: URL, templates: String?, seed: UInt64?, workers: Int = 1) throws -> Quiz {
    try draw(bank: bankURL, templates: templates, seed: seed, workers: workers).quiz
  }

  /// The quiz and the templates it was drawn from (for their sources in the preview).
  static func draw(bank bankURL: URL, templates: String?, seed: UInt64?, workers: Int = 1) throws
    -> (quiz: Quiz, library: TemplateLibrary)
  {
    let templatesURL = try ContentLocator.templates(templates, bank: bankURL)
    do {
      let bank = try Bank.parse(try readYAMLText(at: bankURL, file: bankURL.relativePath), file: bankURL.relativePath)
      // The bank's own folder and its `templates:` folders first, then the library.
      let library = try TemplateLibrary.load(for: bank, library: templatesURL, workers: workers)
      let quiz = try bank.drawQuiz(library: library, seed: seed, workers: workers) {
        drawn, total in
        if total >= 2000 { Terminal.progress("drawing variants: \(drawn)/\(total)") }
      }
      Terminal.endProgress()
      return (quiz, library)
    } catch let error as TemplateError {
      throw CommandFailure(error.description)
    } catch let error as QuizError {
      throw CommandFailure(error.description)
    }
  }
}
