import Foundation
import QuizModel
import TemplateEngine
import Testing
@testable import QTIExport

/// Measures export speed; runs only with `NERNSTQUIZ_PERF=1` (use a release build:
/// `NERNSTQUIZ_PERF=1 swift test -c release -Xswiftc -enable-testing --filter ThroughputTests`).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["NERNSTQUIZ_PERF"] == "1", "set NERNSTQUIZ_PERF=1 to measure throughput"))
struct ThroughputTests {
  static func quiz(variants: Int) -> Quiz {
    let items = (0..<10).map { t in
      QuizItem(template: "t\(t)", title: "Template \(t)", points: 1, variants: (0..<(variants / 10)).map { v in
        SampleQuiz.nernstVariant(0, key: -95.0189 + Double(v) * 0.001).with(id: "t\(t)-\(v)")
      })
    }
    return Quiz(title: "Throughput", seed: 1, items: items)
  }

  @Test(arguments: QTIFormat.allCases)
  func itemsPerSecond(format: QTIFormat) throws {
    let quiz = Self.quiz(variants: 20_000)
    let clock = ContinuousClock()
    var best = Duration.seconds(1000)
    for _ in 0..<3 {
      let elapsed = try clock.measure { _ = try makePackage(quiz, format: format, baseName: "p") }
      best = min(best, elapsed)
    }
    let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18
    print("\(format.displayName): \(quiz.variants.count) variants in \(seconds) s, \(Int(Double(quiz.variants.count) / seconds)) items/s")
  }
}

extension Variant {
  func with(id: String) -> Variant {
    var copy = self
    copy.id = id
    return copy
  }
}
