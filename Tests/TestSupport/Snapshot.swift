import Foundation
public import Testing

/// Compares `actual` with the golden file `name` in the folder `Snapshots/` beside the calling test file.
///
/// With `NERNSTQUIZ_RECORD_SNAPSHOTS=1` (or when the golden file does not exist yet) the file is written and
/// the test fails, saying so: record mode never passes, so a recorded snapshot is always looked at and the
/// next run, without the variable, is the one that compares.
public func assertSnapshot(
  _ actual: String, named name: String, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
  if isRecordingSnapshots || !FileManager.default.fileExists(atPath: url.path) {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(actual.utf8).write(to: url)
    Issue.record(
      "Recorded the snapshot \(name); check the change, then run again without NERNSTQUIZ_RECORD_SNAPSHOTS.",
      sourceLocation: sourceLocation)
    return
  }
  let expected = try String(contentsOf: url, encoding: .utf8)
  #expect(
    actual == expected,
    "the snapshot \(name) differs; if the change is intended, re-record with NERNSTQUIZ_RECORD_SNAPSHOTS=1",
    sourceLocation: sourceLocation)
}

/// Whether `NERNSTQUIZ_RECORD_SNAPSHOTS=1` asks for golden files to be written.
public var isRecordingSnapshots: Bool { ProcessInfo.processInfo.environment["NERNSTQUIZ_RECORD_SNAPSHOTS"] == "1" }
