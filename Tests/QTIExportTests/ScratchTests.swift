import Foundation
import Testing
@testable import QTIExport

@Test func scratchDump() throws {
  for format in QTIFormat.allCases {
    let package = try makePackage(SampleQuiz.quiz, format: format, baseName: "sample")
    let dir = URL(fileURLWithPath: "/tmp/qti-scratch/\(format.rawValue)")
    for file in package.files {
      let url = dir.appendingPathComponent(file.path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try file.data.write(to: url)
    }
    try package.zip.write(to: URL(fileURLWithPath: "/tmp/qti-scratch/sample-\(format.rawValue).zip"))
    print(package.report)
  }
}

@Test func scratchValidate() throws {
  for format in QTIFormat.allCases {
    let start = Date()
    let report = try validatePackage(at: URL(fileURLWithPath: "/tmp/qti-scratch/sample-\(format.rawValue).zip"),
                                     schemas: URL(fileURLWithPath: "/work/shared/qti-schemas"))
    print(format, Date().timeIntervalSince(start))
    print(report)
  }
}
