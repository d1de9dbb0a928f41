import Foundation
import QuizModel
import TestSupport
import Testing

/// An output folder is never half-written: files appear together, the manifest last, and nothing happens to
/// the target until the commit.
@Suite struct OutputFolderTests {
  func names(_ url: URL) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }

  @Test func filesAppearOnlyAtCommitWithTheManifestAndTheTemporaryFolderGoes() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let target = dir.url.appendingPathComponent("out")
    let output = try OutputFolder(target)
    try Data("a".utf8).write(to: output.staging.appendingPathComponent("a.txt"))
    #expect(!FileManager.default.fileExists(atPath: target.path))
    let files = try output.commit(command: "test")
    #expect(files.map(\.lastPathComponent) == ["a.txt", OutputFolder.manifestName])
    #expect(try names(target) == ["a.txt", OutputFolder.manifestName])
    #expect(try names(dir.url) == ["out"])
    let manifest = try String(contentsOf: target.appendingPathComponent(OutputFolder.manifestName), encoding: .utf8)
    #expect(
      manifest
        == "{\"format\":1,\"tool\":\"nernstquiz\",\"command\":\"test\",\"files\":[{\"name\":\"a.txt\",\"bytes\":1}]}\n")
  }

  @Test func aDiscardedRunLeavesThePreviousOutputsAndOtherFilesUntouched() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let target = dir.url.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    try Data("old key".utf8).write(to: target.appendingPathComponent("key.jsonl"))
    try Data("mine".utf8).write(to: target.appendingPathComponent("notes.txt"))
    do {
      let output = try OutputFolder(target)
      try Data("new key".utf8).write(to: output.staging.appendingPathComponent("key.jsonl"))
      // The command fails here: the folder goes out of scope without a commit.
    }
    #expect(try String(contentsOf: target.appendingPathComponent("key.jsonl"), encoding: .utf8) == "old key")
    #expect(try names(target) == ["key.jsonl", "notes.txt"])
    #expect(try names(dir.url) == ["out"])
  }

  @Test func filesOfThePreviousSetNotInTheNewOneAreRemovedOthersKept() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let target = dir.url.appendingPathComponent("out")
    let first = try OutputFolder(target)
    for name in ["key.jsonl", "quiz-qti21.zip"] {
      try Data(name.utf8).write(to: first.staging.appendingPathComponent(name))
    }
    try first.commit(command: "generate")
    try Data("mine".utf8).write(to: target.appendingPathComponent("notes.txt"))
    let second = try OutputFolder(target)
    try Data("k2".utf8).write(to: second.staging.appendingPathComponent("key.jsonl"))
    try second.commit(command: "generate")
    #expect(try names(target) == ["key.jsonl", OutputFolder.manifestName, "notes.txt"])
  }

  @Test func anOutputThatWouldReplaceAnInputIsRefusedBeforeAnythingMoves() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let bank = dir.url.appendingPathComponent("key.jsonl")
    try Data("bank".utf8).write(to: bank)
    let output = try OutputFolder(dir.url, inputs: [URL(fileURLWithPath: dir.url.path + "/./key.jsonl")])
    try Data("new".utf8).write(to: output.staging.appendingPathComponent("key.jsonl"))
    try Data("new".utf8).write(to: output.staging.appendingPathComponent("preview.html"))
    let error = #expect(throws: OutputFolderError.self) { try output.commit(command: "generate") }
    #expect(error?.message.contains("would overwrite the input") == true)
    #expect(try String(contentsOf: bank, encoding: .utf8) == "bank")
    #expect(try names(dir.url) == ["key.jsonl"])
  }

  @Test func aTargetThatIsAFileIsRefused() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let file = dir.url.appendingPathComponent("out")
    try Data().write(to: file)
    let error = #expect(throws: OutputFolderError.self) { try OutputFolder(file) }
    #expect(error?.message.contains("it is a file, not a folder") == true)
  }
}

@Suite struct OutputFolderManifestTests {
  @Test func aFileChangedSinceThePreviousRunIsNotRemoved() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let target = dir.url.appendingPathComponent("out")
    let first = try OutputFolder(target)
    try Data("zip".utf8).write(to: first.staging.appendingPathComponent("quiz-qti21.zip"))
    try first.commit(command: "generate")
    try Data("the user's own file now".utf8).write(to: target.appendingPathComponent("quiz-qti21.zip"))
    let second = try OutputFolder(target)
    try Data("k".utf8).write(to: second.staging.appendingPathComponent("key.jsonl"))
    try second.commit(command: "generate")
    #expect(
      try String(contentsOf: target.appendingPathComponent("quiz-qti21.zip"), encoding: .utf8)
        == "the user's own file now")
  }
}
