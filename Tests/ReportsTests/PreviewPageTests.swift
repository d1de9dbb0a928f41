import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

@testable import Reports

@Suite struct PreviewPageTests {
  @Test func thePreviewListsEachItemsSourcesEscaped() throws {
    let quiz = try Samples.defaultQuiz()
    let html = try PreviewPage.html(for: quiz, sources: ["nernst-potential": ["Hille B (2001) <Ion Channels>"]])
    #expect(html.contains("<li>Hille B (2001) &lt;Ion Channels&gt;</li>"))
    #expect(!(try PreviewPage.html(for: quiz)).contains("Hille"))
  }

  /// Quizzes whose pages are compared with the reference renderer: the default bank, every kind the exporters
  /// write, hostile text, and the edge cases of the template's sections.
  static func quizzes() throws -> [(name: String, quiz: Quiz)] {
    [
      ("default bank", try Samples.defaultQuiz()), ("every kind", SampleQuiz.Export.quiz),
      ("hostile", SampleQuiz.Export.hostileQuiz), ("grading sample", SampleQuiz.Grading.quiz),
      ("edge cases", Samples.edgeQuiz), ("no items", Quiz(title: "Empty", seed: 1, items: [])),
    ]
  }

  @Test func thePageIsByteForByteThePageTheWholeTemplateRendered() throws {
    for (name, quiz) in try PreviewPageTests.quizzes() {
      for answersShown in [true, false] {
        let sources = ["nernst-potential": ["Hille B (2001) <Ion Channels>", "Second & last"], "hostile": ["<b>"]]
        let page = try PreviewPage.html(for: quiz, sources: sources, answersShown: answersShown)
        let reference = try ReferencePreview.html(for: quiz, sources: sources, answersShown: answersShown)
        #expect(page == reference, "\(name), answers shown: \(answersShown)")
        #expect(reference.contains("<article class=\"variant\"") == !quiz.variants.isEmpty)
        if page != reference,
          let line = zip(page.split(separator: "\n"), reference.split(separator: "\n")).first(
            where: { $0 != $1 })
        {
          Issue.record("first differing line:\n\(line.0)\n\(line.1)")
        }
      }
    }
  }

  @Test func thePageIsTheSameWhateverTheWorkersAndComesInPiecesOfAboutAMegabyte() throws {
    let quiz = SampleQuiz.Export.manyVariants(4_000)
    let whole = try PreviewPage(quiz).html
    for workers in [1, 2, 3] {
      var pieces: [[UInt8]] = []
      try PreviewPage(quiz, workers: workers).write { pieces.append($0) }
      #expect(String(decoding: pieces.joined(), as: UTF8.self) == whole, "\(workers) workers")
      #expect(pieces.count > 1)
      #expect(pieces.dropLast().allSatisfy { $0.count >= 1 << 20 && $0.count < (1 << 20) + 200_000 })
    }
  }

  @Test func aWriteThatFailsStopsThePageWithItsError() throws {
    struct DiskFull: Error {}
    var calls = 0
    #expect(throws: DiskFull.self) {
      try PreviewPage(SampleQuiz.Export.manyVariants(4_000), workers: 2).write { _ in
        calls += 1
        throw DiskFull()
      }
    }
    #expect(calls == 1)
  }

  @Test func aTemplateWithoutTheVariantsLineOnceInEachItemIsAnError() throws {
    let shell = "<main>\n<section>\n<!-- variants -->\n</section>\n<section>\n</section>\n</main>\n"
    #expect(
      try PreviewPage.split(shell, items: 1).map { String(decoding: $0, as: UTF8.self) }
        == ["<main>\n<section>\n", "</section>\n<section>\n</section>\n</main>\n"])
    for items in [0, 2] {
      let error = try #require(throws: PageTemplateError.self) { try PreviewPage.split(shell, items: items) }
      #expect(error.message.contains("'<!-- variants -->' once in each item's section"))
    }
  }
}

@Suite struct PageTextTests {
  /// Texts built from the pieces the rules look at: digits and superscripts, spaces, units, line breaks
  /// (CR LF among them), escaped characters and combining marks.
  static func texts(count: Int, seed: UInt64) -> [String] {
    let pieces = [
      "1", "9", "²", "⁴", "³", "⁰", " ", " ", "mM", "°C", "%", "µm", "Ω", "é", "e\u{301}", "\n", "\n\n", "\r\n",
      "\r", "<", "&", "\"", "'", "\u{1}", "−", "x", "😀", "\t",
    ]
    var state = seed
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    return (0..<count).map { _ in (0..<next(14)).map { _ in pieces[next(pieces.count)] }.joined() }
  }

  @Test func numbersKeepTheirUnitsAsTheScalarRuleSays() {
    for text in PageTextTests.texts(count: 20_000, seed: 17) {
      #expect(PageText.keepingUnits(text) == ReferencePageText.keepingUnits(text), "\(Array(text.unicodeScalars))")
    }
    #expect(
      PageText.keepingUnits("140 mM at 37 °C, 10⁴ Ω and 5 %") == "140\u{A0}mM at 37\u{A0}°C, 10⁴\u{A0}Ω and 5\u{A0}%")
  }

  @Test func paragraphsSplitAtBlankLinesAsSwiftsSplitDoes() {
    for text in PageTextTests.texts(count: 20_000, seed: 29) {
      #expect(PageText.paragraphs(text) == ReferencePageText.paragraphs(text), "\(Array(text.unicodeScalars))")
    }
    #expect(PageText.paragraphs("a\r\n\nb\n\n\nc\n\n") == ["a\r\n\nb", "\nc"])
  }

  @Test func escapedTextIsTheEscaperAppliedAfterTheUnits() {
    for text in PageTextTests.texts(count: 5_000, seed: 41) {
      var out: [UInt8] = []
      PageText.append(text.utf8.span, keepingUnits: true, escaped: true, to: &out)
      #expect(String(decoding: out, as: UTF8.self) == HTMLText.escape(ReferencePageText.keepingUnits(text)))
    }
  }
}

extension Samples {
  /// The sections' edge cases: an empty stem and prompt, a stem with CR LF and blank lines only, options with
  /// and without feedback, an empty explanation and feedback, a mistake without a value, hostile names.
  static let edgeQuiz: Quiz = {
    let numeric = NumericAnswer(
      value: -1.25e-7, unit: "A & <B>", tolerance: Tolerance(relative: 0.05, absolute: 1e-9), significantFigures: 3,
      misconceptions: [
        MisconceptionOutcome(id: "m1", label: "no value <here>", value: nil, feedback: ""),
        MisconceptionOutcome(id: "m2", label: "big", value: 4.9e7, feedback: "10 mV \"quoted\""),
      ])
    let choice = ChoiceAnswer(
      options: [
        ChoiceOption(id: "a", text: "5 mV & up", feedback: ""), ChoiceOption(id: "b", text: "−70 mV"),
        ChoiceOption(id: "c", text: "<none>", feedback: "It's 3 µm"),
      ],
      correct: "b", misconceptions: [])
    let variants = [
      Variant(
        id: "edge-01", template: "edge", seed: 0, parameters: [("a<b", .text("x&y", display: "\"x\" & 'y'"))],
        stem: "", answers: [Answer(id: "a", prompt: "", kind: .numeric(numeric), explanation: "")]),
      Variant(
        id: "edge-02", template: "edge", seed: UInt64.max, parameters: [],
        stem: "\n\n\r\n\nLine 1 mM\r\n\n\n\n2 °C\n",
        answers: [
          Answer(id: "b", prompt: "Pick 1 mV", kind: .choice(choice), explanation: "Because 4 mM"),
          Answer(id: "c", prompt: "Then", kind: .numeric(numeric)),
        ]),
    ]
    return Quiz(
      title: "Edge <cases> & 'quotes'", seed: 3,
      items: [
        QuizItem(template: "edge", title: "Edge \"items\"", points: 2, variants: variants),
        QuizItem(template: "empty", title: "No variants", points: 1, variants: []),
      ])
  }()
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
