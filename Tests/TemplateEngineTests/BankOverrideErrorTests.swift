import Foundation
import TemplateEngine
import TestSupport
import Testing

/// A bad override in a bank is the bank's fault: the error names the bank's file and line, not the template's.
@Suite struct BankOverrideErrorTests {
  @Test func aFeedbackOverrideWithAnUnknownVariableIsBlamedOnTheBank() throws {
    let bank = try Bank.parse(
      """
      title: T
      seed: 1
      items:
        - template: nernst-potential
          variants: 2
          feedback: { log10-for-ln: "Use ln, not log10 {nope}." }
      """, file: "bank.yaml")
    let error = #expect(throws: QuizError.self) { try bank.drawQuiz(library: BankTests.library) }
    let description = error?.description ?? ""
    #expect(description.hasPrefix("bank.yaml:4:"), "\(description)")
    #expect(description.contains("unknown variable 'nope'"))
    #expect(!description.contains("Templates/"))
  }
}

@Suite struct ChoiceParameterTests {
  @Test func aNestedListAsAChoiceIsRefusedWithItsPlace() throws {
    let error = TemplateFixtures.error(TemplateFixtures.template(parameters: "  x: { choice: [1, [2, 3]] }"))
    #expect(error?.message.contains("a choice must be a number or a word, not a list") == true)
    #expect(error?.line == 8)
    #expect((error?.column ?? 0) > 0)
  }
}
