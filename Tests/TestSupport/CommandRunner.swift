public import Foundation

/// The outcome of running the built `nernstquiz` binary.
public struct CommandResult: Sendable {
  public var exitCode: Int32
  public var standardOutput: String
  public var standardError: String
}

/// Runs the `nernstquiz` executable that `swift build` put next to the test bundle.
public enum CommandRunner {
  /// The folder holding the products of this build (`.build/debug` or `.build/release`).
  public static let productsDirectory: URL = {
    // The test runner lives in the products folder (or inside an .xctest bundle there).
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<4 {
      if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("nernstquiz").path) { return url }
      url = url.deletingLastPathComponent()
    }
    return Bundle.main.bundleURL
  }()

  /// The path of the built binary.
  public static var executable: URL { productsDirectory.appendingPathComponent("nernstquiz") }

  /// Runs `nernstquiz` with `arguments`, optionally in `directory`, and collects its output.
  public static func run(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil
  ) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes to the end before waiting, so a large output cannot block the child.
    nonisolated(unsafe) var errorData = Data()
    let reader = Thread { errorData = err.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let outputData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !reader.isFinished { Thread.sleep(forTimeInterval: 0.001) }
    return CommandResult(
      exitCode: process.terminationStatus,
      standardOutput: String(decoding: outputData, as: UTF8.self),
      standardError: String(decoding: errorData, as: UTF8.self)
    )
  }
}

/// A fresh temporary folder, removed by ``remove()``.
public struct TemporaryDirectory: Sendable {
  public let url: URL

  public init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("nernstquiz-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  public func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The package's root folder (where `Package.swift` is), found from this source file.
public let packageRoot: URL = {
  var url = URL(fileURLWithPath: #filePath)
  while url.path != "/" {
    url = url.deletingLastPathComponent()
    if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
  }
  return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
}()
