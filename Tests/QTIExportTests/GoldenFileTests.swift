import Foundation
import TestSupport
import Testing

@testable import QTIExport

/// One item of each kind in each format, compared with the golden files in `Snapshots/`
/// (re-record with `NERNSTQUIZ_RECORD_SNAPSHOTS=1 swift test --filter GoldenFileTests`).
struct GoldenFileTests {
  @Test func canvasAssessment() throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: .canvas, baseName: "s")
    try assertSnapshot(try fileText(package, "nernstquiz_42/nernstquiz_42.xml"), named: "canvas-assessment.xml")
    try assertSnapshot(try fileText(package, "imsmanifest.xml"), named: "canvas-imsmanifest.xml")
  }

  @Test(arguments: [QTIFormat.qti21, .qti30], ["nernst-k-01", "k-flux-01", "charge-01"])
  func qtiItem(format: QTIFormat, item: String) throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: format, baseName: "s")
    try assertSnapshot(try fileText(package, "items/\(item).xml"), named: "\(format.rawValue)-\(item).xml")
  }

  @Test(arguments: [QTIFormat.qti21, .qti30])
  func qtiTestAndManifest(format: QTIFormat) throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: format, baseName: "s")
    try assertSnapshot(try fileText(package, "assessment-test.xml"), named: "\(format.rawValue)-assessment-test.xml")
    try assertSnapshot(try fileText(package, "imsmanifest.xml"), named: "\(format.rawValue)-imsmanifest.xml")
  }
}
