import Foundation
import QuizModel
import Reports
import Testing

/// The structure of the handouts and answer keys: one section per student, the printed labels, answer boxes
/// with units, tick boxes for choices, and keys only on the answer keys.
@Suite struct HandoutPagesTests {
  static let assignment: Assignment = try! ClassFixture.assignment(students: 3)

  @Test func eachStudentHasASectionWithTheirLabelsBoxesAndUnits() throws {
    let html = try HandoutPages.handouts(HandoutPagesTests.assignment, course: "Physiology 201", paper: .letter)
    #expect(html.components(separatedBy: "<section class=\"student\"").count == 4)
    #expect(html.contains("@page{size:letter;"))
    #expect(html.contains(".student+.student{break-before:page}"))
    for label in ["1", "2a", "2b", "3a", "3b", "3c"] {
      #expect(html.components(separatedBy: "<span class=\"label\">\(label)</span>").count == 4, "label \(label)")
    }
    #expect(html.contains("<span class=\"box\"></span><span class=\"unit\">mV</span>"))
    #expect(html.contains("<ul class=\"options\"><li>"))
    // The student's own numbers, and no key.
    let first = HandoutPagesTests.assignment.handout(0)[0].variant
    let key = try #require(first.answers[0].numeric)
    #expect(html.contains(PagesFixture.keepsUnits(String(first.stem.split(separator: "\n\n")[0]))))
    #expect(!html.contains("accepted"))
    #expect(!html.contains(NumberFormat.significantFigures(key.significantFigures).string(key.value) + "\u{A0}mV"))
  }

  @Test func theAnswerKeysShowEachStudentsKeyIntervalAndExplanation() throws {
    let html = try HandoutPages.answerKeys(HandoutPagesTests.assignment)
    let first = HandoutPagesTests.assignment.handout(1)[0]
    let key = try #require(first.variant.answers[0].numeric)
    #expect(html.contains("variant \(first.variant.id)"))
    #expect(html.contains(NumberFormat.significantFigures(key.significantFigures).string(key.value) + "\u{A0}mV"))
    #expect(html.contains("accepted <span class=\"nb\">"))
    #expect(html.contains("class=\"explanation\""))
    #expect(html.contains(" ✓</li>"))
  }

  @Test func aNumberIsNeverSeparatedFromItsUnit() throws {
    #expect(
      PagesFixture.keepsUnits("at 37 °C, 140 mM and −70 mV; 2 ions")
        == "at 37\u{A0}°C, 140\u{A0}mM and −70\u{A0}mV; 2\u{A0}ions")
    let html = try HandoutPages.handouts(HandoutPagesTests.assignment)
    #expect(!html.contains(" mM"))
    #expect(html.contains("\u{A0}mM"))
  }
}

enum PagesFixture {
  /// The page text of `text` as the pages write it (numbers kept with their units).
  static func keepsUnits(_ text: String) -> String {
    let assignment = Assignment(
      quiz: Quiz(
        title: "T", seed: 1,
        items: [
          QuizItem(
            template: "t", title: "T", points: 1,
            variants: [
              Variant(
                id: "t-01", template: "t", seed: 1, parameters: [], stem: text,
                answers: [
                  Answer(
                    id: "a", prompt: "",
                    kind: .numeric(NumericAnswer(value: 1, unit: "mV", tolerance: Tolerance(absolute: 0))))
                ])
            ])
        ]),
      students: [RosterStudent(id: "x")], choices: [[0]])
    let html = (try? HandoutPages.handouts(assignment)) ?? ""
    guard let start = html.range(of: "<p class=\"stem\">"), let end = html[start.upperBound...].range(of: "</p>") else {
      return ""
    }
    return String(html[start.upperBound..<end.lowerBound])
  }
}
