import Foundation
import TestSupport
import Testing

/// `scripts/install` as the README gives it, with the products this test run was built from (`--products`, so
/// the test builds nothing): the installed `nernstquiz`, found through PATH from a folder far from the
/// repository, finds its templates and banks.
@Suite struct InstallTests {
  @Test func theInstalledBinaryWorksFromAnyFolder() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let prefix = dir.url.appendingPathComponent("prefix")
    let install = Process()
    install.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    install.arguments = [
      "bash", packageRoot.appendingPathComponent("scripts/install").path,
      "--prefix", prefix.path, "--products", CommandRunner.productsDirectory.path,
    ]
    install.standardOutput = FileHandle.nullDevice
    try install.run()
    install.waitUntilExit()
    #expect(install.terminationStatus == 0)
    for path in [
      "bin/nernstquiz", "lib/nernstquiz/nernstquiz", "share/nernstquiz/Templates/nernst-potential.yaml",
      "share/nernstquiz/Banks/default.yaml",
    ] {
      #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path)")
    }
    let elsewhere = dir.url.appendingPathComponent("course/week1")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    let environment = ["PATH": prefix.appendingPathComponent("bin").path + ":/usr/bin:/bin", "HOME": dir.url.path]

    let generated = try run(["generate", "--format", "canvas"], in: elsewhere, environment: environment)
    #expect(generated.status == 0, "\(generated.error)")
    #expect(generated.output.hasPrefix("The electrochemical driving force"), "\(generated.output)")
    #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("out/default-canvas.zip").path))
    #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("out/key.jsonl").path))

    let templates = try run(["templates"], in: elsewhere, environment: environment)
    #expect(templates.status == 0, "\(templates.error)")
    #expect(templates.output.contains("nernst-potential [introductory]\n"))
    let check = try run(["check", "nernst-potential", "--variants", "20"], in: elsewhere, environment: environment)
    #expect(check.status == 0, "\(check.error)")
  }

  /// Runs `nernstquiz` by name, as a shell would find it through PATH.
  private func run(_ arguments: [String], in folder: URL, environment: [String: String]) throws
    -> (status: Int32, output: String, error: String)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["nernstquiz"] + arguments
    process.currentDirectoryURL = folder
    process.environment = environment
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self)
    )
  }
}
