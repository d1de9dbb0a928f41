import Foundation
import QuizModel
import TestSupport
import Testing

@testable import QTIExport

/// The worked explanation reaches students in every format, and the self-checks refuse a file that drops it.
struct ExplanationTests {
  @Test(arguments: QTIFormat.allCases)
  func everyFormatCarriesTheExplanationAndReportsItKept(format: QTIFormat) throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: format, baseName: "s")
    let nernst = package.report.templates[0]
    #expect(nernst.kept.contains { $0.hasPrefix("explanations: the worked explanation as ") })
    #expect(!nernst.lost.contains { $0.hasPrefix("explanations") })
    // The sample's other templates have no explanation, and say nothing about one.
    #expect(!package.report.templates[2].kept.contains { $0.hasPrefix("explanations") })
  }

  @Test func qtiItemWithoutTheSolutionFeedbackIsRefused() throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: .qti21, baseName: "s")
    let text = try fileText(package, "items/nernst-k-01.xml")
    let start = try #require(text.range(of: "<modalFeedback outcomeIdentifier=\"SOLUTION\""))
    let end = try #require(text.range(of: "</modalFeedback>", range: start.upperBound..<text.endIndex))
    let edited = text.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "")
    let variant = SampleQuiz.Export.nernstVariant(1)
    let issues = ItemChecker().check(PackageFile(path: "i.xml", data: Data(edited.utf8)), variant: variant).issues
    #expect(issues.map(\.message).contains("the worked explanation is not shown as modal feedback 'SOLUTION'"))
  }

  @Test func qtiSolutionFeedbackThatNeedsTheRightAnswerIsRefused() throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: .qti21, baseName: "s")
    let text = try fileText(package, "items/nernst-k-01.xml")
    // Show the solution only to a right answer: a wrong response no longer sees it.
    let open = try #require(text.range(of: "<or>"))
    let close = try #require(text.range(of: "</or>", range: open.upperBound..<text.endIndex))
    let edited = text.replacingCharacters(
      in: open.lowerBound..<close.upperBound,
      with: """
        <equal toleranceMode="absolute" tolerance="2.40038 2.40038"><correct identifier="RESPONSE_E"/><variable identifier="RESPONSE_E"/></equal>
        """)
    #expect(edited != text)
    let exported = ItemChecker().check(
      PackageFile(path: "i.xml", data: Data(edited.utf8)), variant: SampleQuiz.Export.nernstVariant(1))
    #expect(exported.issues.contains { $0.message.hasPrefix("the solution feedback is not shown for the responses") })
    let result = SelfCheck.check(try XMLReader.parse(Data(edited.utf8), file: "i.xml").get(), file: "i.xml")
    #expect(result.issues.contains { $0.message.hasPrefix("the solution feedback is not shown for the responses") })
  }

  @Test func canvasQuestionWithoutGeneralFeedbackIsRefused() throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: .canvas, baseName: "s")
    let text = String(decoding: package.files[1].data, as: UTF8.self)
    let dropped = text.replacingOccurrences(of: "linkrefid=\"general_fb\"", with: "linkrefid=\"other_fb\"")
      .replacingOccurrences(of: "<itemfeedback ident=\"general_fb\">", with: "<itemfeedback ident=\"other_fb\">")
    let root = try XMLReader.parse(Data(dropped.utf8), file: "a.xml").get()
    let item = try #require(root.descendants("item").first { $0[attribute: "ident"] == "nernst-k-01_E" })
    let issues = ModelCheck.checkCanvas(
      CanvasItemModel(item: item), answer: SampleQuiz.Export.nernstVariant(1).answers[0], file: "a.xml")
    #expect(
      issues.map(\.message).contains(
        "item 'nernst-k-01_E': the worked explanation is not carried as general feedback 'general_fb'"))
    // Shown only to right answers: the generic check says so.
    let other = try #require(text.range(of: "<other/>"))
    let rightOnly = text.replacingCharacters(in: other, with: "<varequal respident=\"response1\">-95.0189</varequal>")
    #expect(rightOnly != text)
    var result = SelfCheckResult()
    let rightRoot = try XMLReader.parse(Data(rightOnly.utf8), file: "a.xml").get()
    SelfCheck.checkCanvas(try #require(rightRoot.descendants("item").first), file: "a.xml", into: &result)
    #expect(
      result.issues.contains { $0.message.contains("the general feedback 'general_fb' is not shown for the answer") })
  }

  @Test func moodleGeneralFeedbackIsTheExplanationOfEveryPart() throws {
    var variant = SampleQuiz.Export.multiPartVariant(1)
    variant.answers[0].explanation = "Vm − E = −70 − (−95.02)"
    variant.answers[1].explanation = "Positive: cations leave."
    let quiz = Quiz(
      title: "Q", seed: 3, items: [QuizItem(template: "k-flux", title: "Flux", points: 2, variants: [variant])])
    let package = try makePackage(quiz, format: .moodle, baseName: "q")
    let root = try XMLReader.parse(package.files[0].data, file: "q").get()
    let question = try #require(root.children("question").first { $0[attribute: "type"] == "multianswer" })
    #expect(
      question.child("generalfeedback")?.child("text")?.textContent
        == "<div><p><b>Driving force Vm − E (mV)</b></p><p>Vm − E = −70 − (−95.02)</p><p><b>Net K⁺ movement</b></p><p>Positive: cations leave.</p></div>"
    )
    #expect(package.report.proofs > 0)
  }
}
