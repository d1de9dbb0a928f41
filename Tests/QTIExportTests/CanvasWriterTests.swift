import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

@testable import QTIExport

struct CanvasWriterTests {
  let package: QTIPackage

  init() throws { package = try makePackage(SampleQuiz.Export.quiz, format: .canvas, baseName: "sample") }

  var assessment: XMLNode { get throws { try parsedFile(package, "nernstquiz_42/nernstquiz_42.xml") } }

  // MARK: Structure

  @Test func packageHoldsManifestAndAssessment() throws {
    #expect(package.files.map(\.path) == ["imsmanifest.xml", "nernstquiz_42/nernstquiz_42.xml"])
    let manifest = try parsedFile(package, "imsmanifest.xml")
    let resource = try #require(manifest.descendants("resource").first)
    #expect(resource[attribute: "type"] == "imsqti_xmlv1p2")
    #expect(resource[attribute: "href"] == "nernstquiz_42/nernstquiz_42.xml")
  }

  @Test func everyTemplatePartIsAQuestionGroupPickingOne() throws {
    let root = try #require(try assessment.descendants("section").first { $0[attribute: "ident"] == "root_section" })
    let groups = root.children("section")
    #expect(
      groups.map { $0[attribute: "ident"] } == [
        "g_nernst-k_E", "g_k-flux_driving_force", "g_k-flux_direction", "g_charge_Q",
      ])
    for group in groups {
      let selection = try #require(group.child("selection_ordering")?.child("selection"))
      #expect(selection.child("selection_number")?.textContent == "1")
      #expect(selection.child("selection_extension")?.child("points_per_item") != nil)
    }
    #expect(groups[1].descendants("points_per_item").first?.textContent == "1.5")
    #expect(groups[0].children("item").count == 2)
  }

  @Test func numericItemIsCanvasNumericalQuestion() throws {
    let item = try #require(try assessment.descendants("item").first { $0[attribute: "ident"] == "nernst-k-01_E" })
    let fields = item.descendants("qtimetadatafield").map {
      ($0.child("fieldlabel")!.textContent, $0.child("fieldentry")!.textContent)
    }
    #expect(fields.map(\.0) == ["question_type", "points_possible", "original_answer_ids"])
    #expect(fields[0].1 == "numerical_question")
    #expect(item.descendants("render_fib").first?[attribute: "fibtype"] == "Decimal")
    let conditions = item.descendants("respcondition")
    #expect(conditions.count == 2)
    // The first shows the worked explanation whatever the answer and scores nothing; no catch-all gives marks.
    #expect(conditions[0].child("conditionvar")?.child("other") != nil)
    #expect(conditions[0].child("displayfeedback")?[attribute: "linkrefid"] == "general_fb")
    #expect(conditions[0][attribute: "continue"] == "Yes")
    #expect(conditions[0].descendants("setvar").isEmpty)
    #expect(conditions[1].descendants("other").isEmpty)
    #expect(item.child("itemfeedback")?[attribute: "ident"] == "general_fb")
    #expect(item.child("itemfeedback")?.textContent.contains("E = (RT/F) ln(4/140)") == true)
    let or = try #require(conditions[1].child("conditionvar")?.child("or"))
    let varequal = try #require(or.child("varequal"))
    #expect(varequal.textContent == "-95.0189")
    #expect(varequal[attribute: "margintype"] == "absolute")
    #expect(varequal[attribute: "margin"] == "2.40038")
    #expect(or.child("and")?.child("vargte")?.textContent == "-97.41928")
    #expect(or.child("and")?.child("varlte")?.textContent == "-92.61852")
    #expect(conditions[1].child("setvar")?.textContent == "100")
  }

  @Test func choiceItemCarriesDistractorFeedback() throws {
    let item = try #require(
      try assessment.descendants("item").first { $0[attribute: "ident"] == "k-flux-01_direction" })
    #expect(item.descendants("fieldentry").first?.textContent == "multiple_choice_question")
    let labels = item.descendants("response_label")
    #expect(
      labels.map { $0.descendants("mattext").first?.textContent } == [
        "influx (into the cell)", "efflux (out of the cell)", "no net movement",
      ])
    let influx = try #require(labels.first?[attribute: "ident"])
    let feedback = try #require(item.child("itemfeedback"))
    #expect(feedback[attribute: "ident"] == "\(influx)_fb")
    #expect(feedback.textContent.contains("A positive driving force pushes cations out."))
    let model = CanvasItemModel(item: item)
    #expect(try model.run(influx).feedback == ["\(influx)_fb"])
    #expect(try model.run(labels[1][attribute: "ident"]).score == 100)
  }

  @Test func questionTextIsStemAndPromptAsHTML() throws {
    let item = try #require(
      try assessment.descendants("item").first { $0[attribute: "ident"] == "k-flux-01_driving_force" })
    let mattext = try #require(item.descendants("mattext").first)
    #expect(mattext[attribute: "texttype"] == "text/html")
    #expect(
      mattext.textContent
        == "<div><p>A cell rests at Vm = −70 mV; E_K = −95.02 mV.</p><p>Driving force Vm − E (mV)</p></div>")
  }

  // MARK: Keys Canvas cannot hold

  @Test func tinyKeyIsAnExportErrorAskingForAnotherUnit() throws {
    let error = #expect(throws: ExportError.self) {
      try makePackage(SampleQuiz.Export.tinyQuiz, format: .canvas, baseName: "t")
    }
    #expect(error?.code == .unexportable)
    #expect(
      error?.problems.map(\.description) == [
        "canvas: template 'tiny', variant 'tiny-01', answer 'Q': the key 0.0000105 C is below 10⁻⁴ in magnitude, "
          + "and Canvas keeps numeric answers to 4 decimal places; ask for this answer in a smaller unit so the key is at least 0.0001"
      ])
  }

  @Test func tinyKeyIsFineInQTI21() throws {
    let package = try makePackage(SampleQuiz.Export.tinyQuiz, format: .qti21, baseName: "t")
    #expect(try fileText(package, "items/tiny-01.xml").contains("<value>0.0000105</value>"))
  }

  @Test func zeroKeyIsAllowed() throws {
    var variant = SampleQuiz.Export.tinyVariant()
    variant.answers[0].kind = .numeric(NumericAnswer(value: 0, unit: "mV", tolerance: Tolerance(absolute: 0.5)))
    let quiz = Quiz(
      title: "Zero", seed: 1, items: [QuizItem(template: "zero", title: "Zero", points: 1, variants: [variant])])
    #expect(throws: Never.self) { try makePackage(quiz, format: .canvas, baseName: "z") }
  }
}
