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
      Build and run in release mode:
        swift build -c release --scratch-path .build-release
        .build-release/release/nernstquiz-bench --runs 3

      Every figure is the median of --runs timed runs after one warm-up, each case in a process of its own \
      so that its peak resident memory (VmHWM) is its own. --quick runs the small sizes only. --compare \
      measures our CSV reader, zip writer and JSON writer against the libraries they replace instead (the \
      figures of ARCHITECTURE.md).
      """
  )

  @Flag(help: "Small sizes only (a smoke run).") var quick = false
  @Flag(help: "Our CSV reader, zip and JSON writers against the libraries they replace.") var compare = false
  @Option(help: "Timed runs per case.") var runs = 5
  @Option(help: "Only the cases whose name contains this text (or one of these comma-separated texts).") var only:
    String?
  @Flag(help: "Print one JSON object per case instead of the table.") var json = false
  @Option(name: .customLong("case"), help: .hidden) var caseName: String?
  @Option(help: ArgumentHelp("The package folder (with Templates/ and Banks/).", valueName: "dir"))
  var root: String = Benchmark.defaultRoot

  static var defaultRoot: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .path
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
    if let only {
      let parts = only.split(separator: ",").map(String.init)
      cases = cases.filter { c in parts.contains { c.name.contains($0) } }
    }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    if !json {
      print("NernstQuiz benchmark — release build, \(cores) cores, median of \(runs) runs after 1 warm-up")
      print(Row.header)
    }
    var results: [String: CaseResult] = [:]
    for benchmarkCase in cases {
      let result: CaseResult
      switch benchmarkCase.kind {
      case .startup: result = try benchmarkCase.measureStartup(runs: max(runs, 20))
      case .process(let process): result = try process.measure(root: root, runs: runs)
      default: result = try runChild(benchmarkCase.name)
      }
      results[result.name] = result
      print(json ? result.json.serialized() : Row(result).text)
    }
    if !json { printRatios(results) }
  }

  /// Each peer against NernstQuiz's whole process on the same kind of work: how many times more CPU and wall time
  /// per item the peer takes.
  private func printRatios(_ results: [String: CaseResult]) {
    var lines: [String] = []
    for peer in WholeProcess.allCases {
      guard let ours = peer.comparedWith, let p = results[peer.name], let o = results[ours.name], !p.skipped,
        !o.skipped
      else { continue }
      lines.append(
        "\(peer.name) / \(ours.name): "
          + String(
            format: "%.1f× the CPU per item, %.1f× the wall time per item", p.cpuPerItem / o.cpuPerItem,
            p.wallPerItem / o.wallPerItem))
    }
    if !lines.isEmpty {
      print(
        "\nPeers per item, as multiples of NernstQuiz (higher: NernstQuiz is ahead)\n" + lines.joined(separator: "\n"))
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
      throw ValidationError(
        "case \(name) failed (exit \(process.terminationStatus)): \(String(decoding: data, as: UTF8.self))")
    }
    return result
  }
}

/// One line of the table.
struct Row {
  static let header =
    pad("case", 40) + pad("work", 34) + pad("wall µs/item", 14) + pad("CPU µs/item", 13)
    + pad("items/s", 12) + "peak RSS"
  let text: String

  init(_ r: CaseResult) {
    let work = "\(Self.grouped(r.items)) \(r.unit)" + (r.detail.isEmpty ? "" : " \(r.detail)")
    if r.skipped {
      text = Self.pad(r.name, 40) + r.detail
      return
    }
    let rate = r.unit == "run" ? "—" : Self.grouped(Int((Double(r.items) / r.medianSeconds).rounded()))
    text =
      Self.pad(r.name, 40) + Self.pad(work, 34) + Self.pad(Self.micro(r.wallPerItem), 14)
      + Self.pad(Self.micro(r.cpuPerItem), 13) + Self.pad(rate, 12)
      + String(format: "%.0f MB", Double(r.peakKilobytes) / 1024)
  }

  static func micro(_ seconds: Double) -> String {
    let us = seconds * 1e6
    return us < 10 ? String(format: "%.2f", us) : us < 100 ? String(format: "%.1f", us) : grouped(Int(us.rounded()))
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
  /// Median wall time of a run.
  var medianSeconds: Double
  /// Median CPU time of a run (every thread of the process, or the whole child process).
  var cpuSeconds: Double
  var peakKilobytes: Int
  /// Not measured (a peer that is not installed): `detail` says why.
  var skipped: Bool

  var wallPerItem: Double { medianSeconds / Double(max(items, 1)) }
  var cpuPerItem: Double { cpuSeconds / Double(max(items, 1)) }

  var json: JSONValue {
    .object([
      ("case", .string(name)), ("items", .integer(items)), ("unit", .string(unit)), ("detail", .string(detail)),
      ("median_seconds", .number(medianSeconds)), ("cpu_seconds", .number(cpuSeconds)),
      ("per_second", .number(skipped ? 0 : Double(items) / medianSeconds)),
      ("wall_us_per_item", .number(wallPerItem * 1e6)), ("cpu_us_per_item", .number(cpuPerItem * 1e6)),
      ("peak_rss_kb", .integer(peakKilobytes)), ("skipped", .bool(skipped)),
    ])
  }

  init(
    name: String, items: Int, unit: String, detail: String = "", medianSeconds: Double, cpuSeconds: Double,
    peakKilobytes: Int
  ) {
    self.name = name
    self.items = items
    self.unit = unit
    self.detail = detail
    self.medianSeconds = medianSeconds
    self.cpuSeconds = cpuSeconds
    self.peakKilobytes = peakKilobytes
    skipped = false
  }

  /// A case not measured, with the reason in `detail`.
  init(name: String, items: Int, unit: String, detail: String, skipped: Bool) {
    self.init(name: name, items: items, unit: unit, detail: detail, medianSeconds: 0, cpuSeconds: 0, peakKilobytes: 0)
    self.skipped = skipped
  }

  init?(json data: Data) {
    guard let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last,
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
      let name = object["case"] as? String, let items = (object["items"] as? NSNumber)?.intValue,
      let unit = object["unit"] as? String, let median = (object["median_seconds"] as? NSNumber)?.doubleValue,
      let cpu = (object["cpu_seconds"] as? NSNumber)?.doubleValue,
      let peak = (object["peak_rss_kb"] as? NSNumber)?.intValue
    else { return nil }
    self.init(
      name: name, items: items, unit: unit, detail: object["detail"] as? String ?? "", medianSeconds: median,
      cpuSeconds: cpu, peakKilobytes: peak)
  }
}

/// Peak resident memory of this process so far (VmHWM), in kB; 0 where /proc is missing.
func peakResidentKilobytes() -> Int {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
  else { return 0 }
  return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "0") ?? 0
}

/// CPU time of this process so far (every thread), in seconds.
func processCPUSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Times `body` once as a warm-up and `runs` times more; returns the medians of wall and CPU seconds.
func median(runs: Int, _ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
  try body()
  var walls: [Double] = []
  var cpus: [Double] = []
  for _ in 0..<runs {
    let start = DispatchTime.now().uptimeNanoseconds
    let cpu = processCPUSeconds()
    try body()
    cpus.append(processCPUSeconds() - cpu)
    walls.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  return (medianOf(walls), medianOf(cpus))
}

/// The median of `values` (not empty).
func medianOf(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.count % 2 == 1
    ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
