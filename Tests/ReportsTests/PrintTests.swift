import Foundation
import Grading
import QuizModel
import Reports
import Synchronization
import TemplateEngine
import TestSupport
import Testing

/// The pages as printed by a real browser: Banks/default.yaml for a roster of 30 on A4, its preview and the
/// grading report of the class's answers, each rendered once for the whole suite.
///
/// Enabled only where headless Chromium and pdftotext run (Debian's `chromium` and `poppler-utils`, which
/// `.ci/setup` installs): without a browser there is no printed layout to check.
@Suite(
  .enabled(if: PrintTools.available, "needs headless Chromium and pdftotext (apt-get install chromium poppler-utils)"))
struct PrintTests {
  struct Printed {
    var ids: [String]
    var variantCount: Int
    var pdfs: [String: PrintedPDF]
    var phoneWidths: [String: (width: Int, element: String)]
  }

  static let printed: Result<Printed, any Error> = Result {
    let folder = try TemporaryDirectory().url
    let assignment = try ClassFixture.assignment(students: 30)
    let quiz = try Samples.defaultQuiz()
    let pages: [(String, String)] = [
      ("handouts", try HandoutPages.handouts(assignment, course: "Physiology 201", paper: .a4)),
      ("answer-keys", try HandoutPages.answerKeys(assignment, course: "Physiology 201", paper: .a4)),
      ("preview", try PreviewPage.html(for: quiz)),
      ("preview-without-answers", try PreviewPage.html(for: quiz, answersShown: false)),
      ("report", try ClassFixture.gradingReport(assignment, in: folder)),
    ]
    // Two pages at a time: each browser run waits on its own processes.
    let results = Mutex<[String: Result<(PrintedPDF, (width: Int, element: String)), any Error>]>([:])
    DispatchQueue.concurrentPerform(iterations: pages.count) { i in
      let (name, html) = pages[i]
      let result = Result { () throws -> (PrintedPDF, (width: Int, element: String)) in
        let url = folder.appendingPathComponent(name + ".html")
        try Data(html.utf8).write(to: url)
        let pdf = folder.appendingPathComponent(name + ".pdf")
        try PrintTools.chromium!.printToPDF(url, to: pdf)
        return (try PrintedPDF(pdf: pdf), try PrintTools.widestRightEdge(of: html, width: 400, in: folder))
      }
      results.withLock { $0[name] = result }
    }
    var pdfs: [String: PrintedPDF] = [:]
    var widths: [String: (width: Int, element: String)] = [:]
    for (name, result) in results.withLock({ $0 }) {
      (pdfs[name], widths[name]) = try result.get()
    }
    return Printed(
      ids: assignment.students.map(\.id), variantCount: quiz.variants.count, pdfs: pdfs, phoneWidths: widths)
  }

  @Test func eachStudentsHandoutFitsTwoA4PagesFilledWithoutHeadingsAtPageEdges() throws {
    let printed = try PrintTests.printed.get()
    let pdf = try #require(printed.pdfs["handouts"])
    let groups = pdf.groups(startingWith: printed.ids)
    #expect(groups.map(\.start) == printed.ids)
    #expect(pdf.problems(groups: groups, maximumPages: 2) == [])
  }

  @Test func eachStudentsAnswerKeyStartsOnItsOwnPageFilledWithoutHeadingsAtPageEdges() throws {
    let printed = try PrintTests.printed.get()
    let pdf = try #require(printed.pdfs["answer-keys"])
    let groups = pdf.groups(startingWith: printed.ids)
    #expect(groups.map(\.start) == printed.ids)
    #expect(pdf.problems(groups: groups, maximumPages: 2) == [])
  }

  @Test func thePreviewPrintsSeveralVariantsPerPageWithoutHeadingsAtPageEdges() throws {
    let printed = try PrintTests.printed.get()
    let shown = try #require(printed.pdfs["preview"])
    let hidden = try #require(printed.pdfs["preview-without-answers"])
    // With every answer, mistake and explanation a variant takes a third of a page; without, a fifth.
    #expect(shown.pages.count * 3 <= printed.variantCount * 2)
    #expect(hidden.pages.count * 4 <= printed.variantCount)
    #expect(shown.problems(groups: [("preview", Array(shown.pages.indices))]) == [])
    #expect(hidden.problems(groups: [("preview", Array(hidden.pages.indices))]) == [])
  }

  @Test func thePreviewsAnswerSwitchDecidesWhetherAnswersPrint() throws {
    let printed = try PrintTests.printed.get()
    let shown = try #require(printed.pdfs["preview"]).pages.flatMap(\.lines).map(\.text).joined(separator: " ")
    let hidden = try #require(printed.pdfs["preview-without-answers"]).pages.flatMap(\.lines).map(\.text).joined(
      separator: " ")
    #expect(shown.contains("accepted"))
    #expect(!hidden.contains("accepted"))
    #expect(hidden.contains("Answers not printed"))
    #expect(shown.contains("Answers printed"))
    #expect(!hidden.contains("Show and print"))
  }

  @Test func theGradingReportPrintsFilledPagesWithoutHeadingsAtPageEdges() throws {
    let pdf = try #require(try PrintTests.printed.get().pdfs["report"])
    #expect(pdf.problems(groups: [("report", Array(pdf.pages.indices))]) == [])
  }

  @Test(arguments: ["handouts", "answer-keys", "preview", "preview-without-answers", "report"])
  func nothingIsWiderThanAPhone(page: String) throws {
    let measured = try #require(try PrintTests.printed.get().phoneWidths[page])
    #expect(measured.width <= 400, "\(page): \(measured.element) reaches \(measured.width) px")
  }

  @Test func aPageWiderThanAPhoneIsCaught() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let wide =
      "<!DOCTYPE html><meta name=viewport content='width=device-width'><p>narrow</p><div style='width:600px'>wide</div>"
    #expect(try PrintTools.widestRightEdge(of: wide, width: 400, in: folder.url).width > 400)
  }
}

@Suite struct PrintedLayoutCheckTests {
  static func pdf(_ pages: [[(String, Double, Double)]]) -> PrintedPDF {
    var text = "<doc>\n"
    for page in pages {
      text += "<page width=\"595\" height=\"842\">\n"
      for (word, top, size) in page {
        text += "<word xMin=\"50\" yMin=\"\(top)\" xMax=\"90\" yMax=\"\(top + size)\">\(word)</word>\n"
      }
      text += "</page>\n"
    }
    return PrintedPDF(bboxXHTML: text + "</doc>\n")
  }

  @Test func aHeadingAtTheFootOfAPageOrAHalfEmptyPageIsReported() {
    let body: [(String, Double, Double)] = stride(from: 40.0, through: 300, by: 14).map { ("text", $0, 10) }
    let pdf = PrintedLayoutCheckTests.pdf([
      [("s001", 26, 10)] + body + [("Heading", 320, 16)], [("s002", 26, 10)] + body,
    ])
    let problems = pdf.problems(groups: [("s001", [0, 1])], maximumPages: 1)
    #expect(problems.contains("s001: 2 pages (at most 1)"))
    #expect(problems.contains("page 1 ends with the heading \"Heading\""))
    #expect(problems.contains { $0.hasPrefix("page 1 (s001) is") })
    #expect(pdf.groups(startingWith: ["s001", "s002"]).map(\.pages) == [[0], [1]])
  }

  @Test func aFullPageOfBodyTextHasNoProblem() {
    let body: [(String, Double, Double)] = stride(from: 40.0, through: 800, by: 14).map { ("text", $0, 10) }
    #expect(PrintedLayoutCheckTests.pdf([body, body]).problems(groups: [("all", [0, 1])]) == [])
  }
}
