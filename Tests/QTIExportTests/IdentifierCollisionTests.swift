import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

@testable import QTIExport

/// Two ids that clean up to one XML identifier would make the correct response point at the wrong option;
/// the export refuses them, naming the template and both ids.
@Suite struct IdentifierCollisionTests {
  static func quiz(options: [String], correct: String, answerIDs: [String] = ["pick"]) -> Quiz {
    let answers = answerIDs.map { id in
      Answer(
        id: id, prompt: "Pick",
        kind: .choice(
          ChoiceAnswer(
            options: options.map { ChoiceOption(id: $0, text: "option \($0)") }, correct: correct)))
    }
    let variant = Variant(id: "pick-01", template: "pick", seed: 1, parameters: [], stem: "Pick one.", answers: answers)
    return Quiz(
      title: "Collide", seed: 1, items: [QuizItem(template: "pick", title: "Pick", points: 1, variants: [variant])])
  }

  @Test(arguments: [QTIFormat.qti21, .qti30])
  func optionIDsThatCollideAfterCleaningAreRefused(format: QTIFormat) throws {
    let error = #expect(throws: ExportError.self) {
      try makePackage(Self.quiz(options: ["a b", "a_b"], correct: "a_b"), format: format, baseName: "c")
    }
    #expect(error?.code == .unexportable)
    #expect(
      error?.problems.map(\.description) == [
        "\(format.rawValue): template 'pick', variant 'pick-01', answer 'pick': the options 'a b' and 'a_b' both become the identifier 'a_b'; rename one in the template"
      ])
  }

  @Test func canvasNumbersItsOptionsSoTheSameIDsExport() throws {
    let package = try makePackage(Self.quiz(options: ["a b", "a_b"], correct: "a_b"), format: .canvas, baseName: "c")
    #expect(package.report.itemsChecked == 1)
  }

  @Test func distinctIDsStillExport() throws {
    let package = try makePackage(Self.quiz(options: ["a b", "c d"], correct: "c d"), format: .qti21, baseName: "c")
    #expect(package.report.proofs > 0)
  }

  @Test func canvasQuestionsAndGroupsWhoseIdentifiersCollideAreRefused() {
    func item(_ template: String, _ variantIDs: [String]) -> QuizItem {
      QuizItem(
        template: template, title: template, points: 1,
        variants: variantIDs.map { id in
          Variant(
            id: id, template: template, seed: 1, parameters: [], stem: "Which?",
            answers: [
              Answer(
                id: "x", prompt: "x",
                kind: .choice(ChoiceAnswer(options: [ChoiceOption(id: "a", text: "a")], correct: "a")))
            ])
        })
    }
    // `t u` and `t_u` give the group identifier `g_t_u_x`; `v 1` and `v_1` the question identifier `v_1_x`.
    let quiz = Quiz(title: "Collide", seed: 1, items: [item("t u", ["v 1", "v 2"]), item("t_u", ["v_1", "v_3"])])
    #expect(
      identifierCollisions(quiz, formats: [.canvas]).map(\.description) == [
        "canvas: template 't_u', variant 'v_1', answer 'x': the question 'v_1_x' gets the same identifier 'v_1_x' as 'v 1_x'",
        "canvas: template 't_u', variant 'v_1', answer 'x': the question group 't_u/x' gets the same identifier 'g_t_u_x' as 't u/x'",
      ])
    #expect(identifierCollisions(quiz, formats: [.qti21]).isEmpty)
  }

  @Test func exportPackagesWritesNothingWhenIDsCollide() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(throws: ExportError.self) {
      try exportPackages(Self.quiz(options: ["x?y", "x y"], correct: "x y"), to: directory.url, baseName: "c")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
  }
}
