import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

@testable import QTIExport

/// The key's delivery records, made item by item as the key reads them, against the writers' records of the
/// whole quiz at once.
@Suite struct DeliveryMapTests {
  static func quizzes() throws -> [(name: String, quiz: Quiz)] {
    let library = try TemplateLibrary.load(from: packageRoot.appendingPathComponent("Templates"))
    let url = packageRoot.appendingPathComponent("Banks/default.yaml")
    let bank = try Bank.parse(try String(contentsOf: url, encoding: .utf8), file: url.path)
    let unanswered = Variant(id: "none-1", template: "none", seed: 1, parameters: [], stem: "No parts.", answers: [])
    return [
      ("default bank", try bank.drawQuiz(library: library)), ("every kind", SampleQuiz.Export.quiz),
      ("grading sample", SampleQuiz.Grading.quiz), ("hostile", SampleQuiz.Export.hostileQuiz),
      ("no items", Quiz(title: "Empty", seed: 1, items: [])),
      (
        "no parts",
        Quiz(
          title: "No parts", seed: 2,
          items: [QuizItem(template: "none", title: "None", points: 1, variants: [unanswered])])
      ),
    ]
  }

  static func whole(_ quiz: Quiz, _ format: QTIFormat) -> [Delivery] {
    switch format {
    case .canvas: CanvasWriter(quiz: quiz).deliveries()
    case .qti21, .qti30: QTI2Writer(quiz: quiz, dialect: QTIDialect.of(format)!).deliveries()
    case .moodle: MoodleWriter(quiz: quiz).deliveries()
    }
  }

  @Test(arguments: QTIFormat.allCases)
  func theRecordsItemByItemAreTheWritersRecordsOfTheWholeQuiz(format: QTIFormat) throws {
    for (name, quiz) in try DeliveryMapTests.quizzes() {
      let map = DeliveryMap(quiz: quiz, format: format)
      let whole = DeliveryMapTests.whole(quiz, format)
      #expect(Array(map) == whole, "\(name)")
      #expect(map.isEmpty == whole.isEmpty, "\(name)")
    }
  }

  @Test func theKeyFromTheRecordsAsTheyAreMadeIsTheKeyFromAllOfThem() throws {
    for (name, quiz) in try DeliveryMapTests.quizzes() {
      let formats: [[QTIFormat]] = [[.canvas, .qti21, .qti30, .moodle], [.moodle, .canvas], [.qti30], []]
      for chosen in formats {
        let report = ExportReport(
          quizTitle: quiz.title, seed: quiz.seed,
          formats: chosen.map { format in
            ExportReport.FormatReport(
              format: format, packageName: "p", files: 0, bytes: 0, itemsChecked: 0, proofs: 0, templates: [],
              deliveryMap: DeliveryMap(quiz: quiz, format: format))
          })
        let whole = quiz.keyJSONLinesBytes(deliveries: report.deliveries)
        for workers in [1, 3] {
          var chunked: [UInt8] = []
          quiz.writeKeyJSONLines(deliveries: report.deliveryChunks, workers: workers) { chunked += $0 }
          #expect(chunked == whole, "\(name), \(chunked.count) bytes on \(workers) workers")
        }
      }
    }
  }

  @Test func aCanvasChunkHoldsOnePartOfAtMostSixtyFourVariants() throws {
    let quiz = try DeliveryMapTests.quizzes()[0].quiz
    let map = DeliveryMap(quiz: quiz, format: .canvas)
    let chunks = map.chunks
    #expect(chunks.count >= quiz.items.count)
    for chunk in chunks {
      let records = map.deliveries(in: chunk)
      #expect(records.count <= DeliveryMap.variantsPerChunk)
      #expect(Set(records.map(\.part)).count <= 1)
    }
  }
}
