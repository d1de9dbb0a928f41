import Dispatch
package import Foundation

/// Printing pages to PDF with a headless Chromium (Debian's `chromium`), when one is installed.
package struct Chromium: Sendable {
  /// The browser's executable.
  package var executable: URL

  /// The first Chromium or Chrome on `PATH` (`chromium`, `chromium-browser`, `google-chrome`), or nil.
  package static func find() -> Chromium? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
      for folder in path.split(separator: ":") {
        let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: url.path) { return Chromium(executable: url) }
      }
    }
    return nil
  }

  package init(executable: URL) { self.executable = executable }

  /// The options every run uses: headless, no sandbox (it runs as root in CI), no GPU, no first-run work.
  static let baseArguments = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
    "--hide-scrollbars", "--mute-audio",
  ]

  /// Prints the page at `page` to `pdf`, without the browser's own header and footer.
  ///
  /// - Throws: ``PageTemplateError`` when the browser fails or writes no PDF.
  package func printToPDF(_ page: URL, to pdf: URL) throws(PageTemplateError) {
    try? FileManager.default.removeItem(at: pdf)
    _ = try run(Chromium.baseArguments + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString])
    guard FileManager.default.fileExists(atPath: pdf.path) else {
      throw PageTemplateError("\(executable.lastPathComponent) wrote no PDF for \(page.lastPathComponent)")
    }
  }

  /// Whether this browser prints here: a one-line page prints to a PDF (it may be installed and still fail,
  /// as in a container without the kernel features it needs).
  package func canPrint() -> Bool {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nernstquiz-print-probe-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let page = folder.appendingPathComponent("probe.html")
      try Data("<!DOCTYPE html><p>probe</p>".utf8).write(to: page)
      try printToPDF(page, to: folder.appendingPathComponent("probe.pdf"))
      return true
    } catch {
      return false
    }
  }

  /// The page's DOM after loading it in a window `width` pixels wide (scripts run).
  package func dumpDOM(_ page: URL, width: Int, height: Int = 900) throws(PageTemplateError) -> String {
    try run(
      Chromium.baseArguments + [
        "--window-size=\(width),\(height)", "--virtual-time-budget=2000", "--dump-dom",
        page.absoluteString,
      ])
  }

  /// The longest a browser run may take before it is stopped: a browser that hangs is an error, not a hang.
  package static let timeLimit: Double = 120

  private func run(_ arguments: [String]) throws(PageTemplateError) -> String {
    // The output goes to a file, not a pipe, so that waiting for the browser can time out.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nernstquiz-chromium-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let outputURL = folder.appendingPathComponent("stdout")
    let output: FileHandle
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
      output = try FileHandle(forWritingTo: outputURL)
    } catch {
      throw PageTemplateError(
        "cannot make a temporary folder for \(executable.lastPathComponent): \(error.localizedDescription)")
    }
    defer { try? output.close() }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments + ["--user-data-dir=\(folder.appendingPathComponent("profile").path)"]
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    do { try process.run() } catch {
      throw PageTemplateError("cannot start \(executable.path): \(error.localizedDescription)")
    }
    if finished.wait(timeout: .now() + Chromium.timeLimit) == .timedOut {
      process.terminate()
      _ = finished.wait(timeout: .now() + 5)
      throw PageTemplateError("\(executable.lastPathComponent) did not finish within \(Int(Chromium.timeLimit)) s")
    }
    guard process.terminationStatus == 0 else {
      throw PageTemplateError("\(executable.lastPathComponent) failed with status \(process.terminationStatus)")
    }
    let data = (try? Data(contentsOf: outputURL)) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }
}
