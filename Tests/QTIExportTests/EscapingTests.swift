import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

@testable import QTIExport

/// Hostile text in a stem (`<`, `&`, quotes, `]]>`, control characters) gives valid XML that says the same thing.
struct EscapingTests {
  /// What the stem says once the characters XML cannot carry are replaced.
  let expectedParagraphs = [
    "If [K⁺]out < 5 & [K⁺]in > 100 mM, is \"E\" 'negative'? ]]> <![CDATA[x]]> &amp; \u{FFFD}\u{FFFD}end",
    "Second <p>paragraph</p>.",
  ]

  @Test(arguments: [QTIFormat.qti21, .qti30])
  func qtiItemSaysTheSameThing(format: QTIFormat) throws {
    let package = try makePackage(SampleQuiz.Export.hostileQuiz, format: format, baseName: "h")
    let item = try parsedFile(package, "items/nernst-k-09.xml")
    let body = try #require(item.descendants(format == .qti21 ? "itemBody" : "qti-item-body").first)
    let paragraphs = try #require(body.child("div")).children("p").map(\.textContent)
    #expect(paragraphs == expectedParagraphs)
    #expect(item[attribute: "title"] == "Escaping <&> \"test\"")
    let raw = try fileText(package, "items/nernst-k-09.xml")
    #expect(raw.contains("]]&gt;"))
    #expect(!raw.contains("\u{1}") && !raw.contains("&#1;"))
  }

  @Test func canvasHTMLIsEscapedTwiceAndReadsBack() throws {
    let package = try makePackage(SampleQuiz.Export.hostileQuiz, format: .canvas, baseName: "h")
    let assessment = try parsedFile(package, "nernstquiz_9/nernstquiz_9.xml")
    #expect(assessment.child("assessment")?[attribute: "title"] == "Hostile & <quiz>")
    let html = try #require(assessment.descendants("mattext").first).textContent
    let fragment = try XMLReader.parse(Data(html.utf8), file: "fragment").get()
    #expect(fragment.children("p").map(\.textContent) == expectedParagraphs + ["E_K (mV)"])
  }

  @Test func reportWarnsAboutReplacedControlCharacters() throws {
    let package = try makePackage(SampleQuiz.Export.hostileQuiz, format: .qti21, baseName: "h")
    #expect(
      package.report.templates[0].warnings.contains(
        "control characters U+0001, U+0007 cannot appear in XML and were replaced by U+FFFD"))
  }

  @Test func sanitizedKeepsTabsAndNewlines() {
    #expect(XMLText.sanitized("a\tb\nc\r\u{0}d\u{FFFE}") == "a\tb\nc\r\u{FFFD}d\u{FFFD}")
  }
}

struct PlainTextTests {
  @Test func paragraphsOverBytesMatchParagraphsOverCharacters() {
    let pieces = ["a", "é", " ", "\t", "\n", "\n\n", " \n", "x\u{301}", "\u{301}", "⁺", "<p>"]
    var state: UInt64 = 12345
    for _ in 0..<2000 {
      var text = ""
      for _ in 0..<Int(state % 12) {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        text += pieces[Int((state >> 33) % UInt64(pieces.count))]
      }
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      #expect(PlainText.byteLineParagraphs(text) == PlainText.characterLineParagraphs(text), "\(text.debugDescription)")
    }
  }

  @Test(arguments: [
    ("nernst-k-01", "nernst-k-01"), ("1st", "_1st"), ("-x", "_-x"), (".x", "_.x"), ("", "_"),
    ("K⁺ flux", "K__flux"), ("a\u{301}", "a_"), ("Ω", "_"), ("_a.b-9", "_a.b-9"), ("Zz_0", "Zz_0"), ("9", "_9"),
    ("a b", "a_b"), ("a:b", "a_b"), ("é", "_"),
  ])
  func identifiersAreNCNames(text: String, expected: String) {
    #expect(PlainText.identifier(text) == expected)
  }
}
