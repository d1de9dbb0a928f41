import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

@testable import QTIExport

struct QTI2WriterTests {
  // MARK: QTI 2.1

  @Test func numericItemUsesAbsoluteToleranceWithTheKeyFirst() throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: .qti21, baseName: "s")
    let item = try parsedFile(package, "items/nernst-k-01.xml")
    #expect(item.name == "assessmentItem")
    #expect(item.namespace == "http://www.imsglobal.org/xsd/imsqti_v2p1")
    let equals = item.descendants("equal")
    #expect(!equals.isEmpty)
    #expect(equals.allSatisfy { $0[attribute: "toleranceMode"] == "absolute" })
    let key = try #require(equals.first)
    #expect(key[attribute: "tolerance"] == "2.40038 2.40038")
    #expect(key.elements.map(\.name) == ["correct", "variable"])
    #expect(item.descendants("textEntryInteraction").first?[attribute: "responseIdentifier"] == "RESPONSE_E")
    #expect(item.descendants("responseDeclaration").first?[attribute: "baseType"] == "float")
  }

  @Test func noFileEverUsesRelativeTolerance() throws {
    for format in [QTIFormat.qti21, .qti30] {
      let package = try makePackage(SampleQuiz.Export.quiz, format: format, baseName: "s")
      for file in package.files {
        let text = String(decoding: file.data, as: UTF8.self)
        #expect(!text.contains("relative"), "\(format) \(file.path)")
      }
    }
  }

  @Test func misconceptionsSetFeedbackShownByModalFeedback() throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: .qti21, baseName: "s")
    let item = CompiledItem(root: try parsedFile(package, "items/nernst-k-01.xml"))
    #expect(item.feedbacks.map(\.identifier) == ["FB_E_log10-for-ln", "FB_E_inside-outside-swapped", "SOLUTION"])
    let outcomes = item.run(["RESPONSE_E": .float(-95.0189 / 2.302585)])
    #expect(outcomes["FEEDBACK"] == .multiple([.identifier("FB_E_log10-for-ln")]))
    #expect(outcomes["SCORE"] == .float(0))
  }

  @Test(arguments: [QTIFormat.qti21, .qti30])
  func theWorkedExplanationIsShownWheneverAResponseIsGiven(format: QTIFormat) throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: format, baseName: "s")
    let item = CompiledItem(root: try parsedFile(package, "items/nernst-k-01.xml"))
    let solution = try #require(item.feedbacks.first { $0.identifier == "SOLUTION" })
    #expect(solution.outcome == "SOLUTION" && solution.showHide == "show")
    for response: QTIValue in [.float(-95.0189), .float(12), .float(-95.0189 / 2.302585)] {
      #expect(item.run(["RESPONSE_E": response])["SOLUTION"] == .identifier("SOLUTION"))
    }
    #expect(item.run(["RESPONSE_E": .null])["SOLUTION"] != .identifier("SOLUTION"), "no response, no solution")
    // A variant without explanation gets no solution feedback.
    let plain = CompiledItem(root: try parsedFile(package, "items/charge-01.xml"))
    #expect(!plain.feedbacks.contains { $0.identifier == "SOLUTION" })
  }

  @Test func multiPartStaysOneItemWithSeveralInteractions() throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: .qti21, baseName: "s")
    let root = try parsedFile(package, "items/k-flux-01.xml")
    #expect(root.descendants("textEntryInteraction").count == 1)
    #expect(root.descendants("choiceInteraction").count == 1)
    let item = CompiledItem(root: root)
    let half = item.run(["RESPONSE_driving_force": .float(25.02), "RESPONSE_direction": .identifier("influx")])
    #expect(half["SCORE"] == .float(1.5))
    #expect(half["FEEDBACK"] == .multiple([.identifier("FB_direction_sign-flipped")]))
    let full = item.run(["RESPONSE_driving_force": .float(25.3), "RESPONSE_direction": .identifier("efflux")])
    #expect(full["SCORE"] == .float(3))
  }

  @Test func testSelectsOneVariantPerTemplate() throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: .qti21, baseName: "s")
    let test = try parsedFile(package, "assessment-test.xml")
    let sections = test.descendants("assessmentSection")
    #expect(sections.map { $0[attribute: "identifier"] } == ["section_nernst-k", "section_k-flux", "section_charge"])
    #expect(sections.allSatisfy { $0.child("selection")?[attribute: "select"] == "1" })
    #expect(
      sections[0].children("assessmentItemRef").map { $0[attribute: "href"] } == [
        "items/nernst-k-01.xml", "items/nernst-k-02.xml",
      ])
    let manifest = try parsedFile(package, "imsmanifest.xml")
    let types = manifest.descendants("resource").map { $0[attribute: "type"] ?? "" }
    #expect(types == ["imsqti_test_xmlv2p1"] + Array(repeating: "imsqti_item_xmlv2p1", count: 5))
  }

  // MARK: QTI 3.0

  @Test func qti30UsesItsOwnVocabulary() throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: .qti30, baseName: "s")
    let text = try fileText(package, "items/k-flux-01.xml")
    for name in [
      "<qti-assessment-item", "<qti-text-entry-interaction response-identifier=",
      "<qti-equal tolerance-mode=\"absolute\"",
      "<qti-modal-feedback outcome-identifier=\"FEEDBACK\"", "<qti-choice-interaction", "<qti-content-body>",
    ] {
      #expect(text.contains(name), "\(name)")
    }
    #expect(!text.contains("toleranceMode") && !text.contains("responseIdentifier"))
    let manifest = try fileText(package, "imsmanifest.xml")
    #expect(manifest.contains("type=\"imsqti_item_xmlv3p0\"") && manifest.contains("type=\"imsqti_test_xmlv3p0\""))
    #expect(try fileText(package, "assessment-test.xml").contains("<qti-selection select=\"1\"/>"))
  }

  @Test(arguments: [
    ("responseElseIf", "response-else-if"), ("toleranceMode", "tolerance-mode"), ("assessmentItem", "assessment-item"),
  ])
  func dialectNamesRoundTrip(camel: String, kebab: String) {
    #expect(QTIDialect.kebab(camel) == kebab)
    #expect(QTIDialect.camel("qti-" + kebab) == camel)
    #expect(QTIDialect.camel(kebab) == camel)
  }
}
