import ArgumentParser
import Dispatch
import Foundation
import QTIExport
import QuizModel
import TemplateEngine

/// `nernstquiz-bench`: measures drawing, export, grading and start-up, and prints a table.
///
/// Each case runs in a child process of its own (`--case NAME`), so that its peak resident memory is its own;
/// within the child, one warm-up run is followed by `--runs` timed runs, and the median is reported.
@main
struct Benchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nernstquiz-bench",
    abstract: "Measure NernstQuiz: variants drawn, items exported and responses graded per second, and start-up.",
    discussion: """
      Build and run in release mode: swift run -c release nernstquiz-bench
      Every figure is the median of --runs timed runs after one warm-up, each case in a process of its own so
      that its peak resident memory (VmHWM) is its own. --quick runs the small sizes only.
      --compare measures our CSV reader, zip writer and JSON writer against the libraries they
      replace instead (the figures of ARCHITECTURE.md).
      """
  )

  @Flag(help: "Small sizes only (a smoke run).") var quick = false
  @Flag(help: "Our CSV reader, zip and JSON writers against the libraries they replace.") var compare = false
  @Option(help: "Timed runs per case.") var runs = 5
  @Option(help: "Only the cases whose name contains this text.") var only: String?
  @Flag(help: "Print one JSON object per case instead of the table.") var json = false
  @Option(name: .customLong("case"), help: .hidden) var caseName: String?
  @Option(help: ArgumentHelp("The package folder (with Templates/ and Banks/).", valueName: "dir"))
  var root: String = Benchmark.defaultRoot

  static var defaultRoot: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
  }

  func validate() throws {
    guard runs >= 1 else { throw ValidationError("Invalid value '\(runs)' for '--runs': at least one.") }
  }

  func run() throws {
    if let caseName {
      let workload = try Workload(root: URL(fileURLWithPath: root))
      let result = try BenchmarkCase.named(caseName).measure(workload: workload, runs: runs)
      print(result.json.serialized())
      return
    }
    var cases = compare ? Comparison.cases(quick: quick) : BenchmarkCase.all(quick: quick)
    if let only { cases = cases.filter { $0.name.contains(only) } }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    if !json {
      print("NernstQuiz benchmark — release build, \(cores) cores, median of \(runs) runs after 1 warm-up")
      print(Row.header)
    }
    for benchmarkCase in cases {
      let result = try benchmarkCase.isStartup
        ? benchmarkCase.measureStartup(runs: max(runs, 20))
        : runChild(benchmarkCase.name)
      print(json ? result.json.serialized() : Row(result).text)
    }
  }

  /// Runs this executable with `--case NAME` and reads its one-line JSON result.
  private func runChild(_ name: String) throws -> CaseResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    process.arguments = ["--case", name, "--runs", String(runs), "--root", root]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let result = CaseResult(json: data) else {
      throw ValidationError("case \(name) failed (exit \(process.terminationStatus)): \(String(decoding: data, as: UTF8.self))")
    }
    return result
  }
}

/// One line of the table.
struct Row {
  static let header = pad("case", 34) + pad("work", 22) + pad("median", 11) + pad("rate", 26) + "peak RSS"
  let text: String

  init(_ r: CaseResult) {
    let work = "\(Self.grouped(r.items)) \(r.unit)" + (r.detail.isEmpty ? "" : " \(r.detail)")
    let rate = r.unit == "run" ? "—" : "\(Self.grouped(Int((Double(r.items) / r.medianSeconds).rounded()))) \(r.unit)/s"
    let time = r.medianSeconds < 0.1 ? String(format: "%.1f ms", r.medianSeconds * 1000) : String(format: "%.2f s", r.medianSeconds)
    text = Self.pad(r.name, 34) + Self.pad(work, 22) + Self.pad(time, 11) + Self.pad(rate, 26)
      + String(format: "%.0f MB", Double(r.peakKilobytes) / 1024)
  }

  static func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(1, width - s.count)) }

  static func grouped(_ n: Int) -> String {
    let digits = String(n)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out += "," }
      out.append(c)
    }
    return out
  }
}

/// What one case measured.
struct CaseResult {
  var name: String
  var items: Int
  var unit: String
  var detail: String
  var medianSeconds: Double
  var peakKilobytes: Int

  var json: JSONValue {
    .object([
      ("case", .string(name)), ("items", .integer(items)), ("unit", .string(unit)), ("detail", .string(detail)),
      ("median_seconds", .number(medianSeconds)), ("per_second", .number(Double(items) / medianSeconds)),
      ("peak_rss_kb", .integer(peakKilobytes)),
    ])
  }

  init(name: String, items: Int, unit: String, detail: String = "", medianSeconds: Double, peakKilobytes: Int) {
    self.name = name
    self.items = items
    self.unit = unit
    self.detail = detail
    self.medianSeconds = medianSeconds
    self.peakKilobytes = peakKilobytes
  }

  init?(json data: Data) {
    guard let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last,
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
      let name = object["case"] as? String, let items = (object["items"] as? NSNumber)?.intValue,
      let unit = object["unit"] as? String, let median = (object["median_seconds"] as? NSNumber)?.doubleValue,
      let peak = (object["peak_rss_kb"] as? NSNumber)?.intValue
    else { return nil }
    self.init(name: name, items: items, unit: unit, detail: object["detail"] as? String ?? "", medianSeconds: median,
              peakKilobytes: peak)
  }
}

/// Peak resident memory of this process so far (VmHWM), in kB; 0 where /proc is missing.
func peakResidentKilobytes() -> Int {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
  else { return 0 }
  return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "0") ?? 0
}

/// Times `body` once as a warm-up and `runs` times more; returns the median in seconds.
func median(runs: Int, _ body: () throws -> Void) rethrows -> Double {
  try body()
  var times: [Double] = []
  for _ in 0..<runs {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  times.sort()
  return times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
}
