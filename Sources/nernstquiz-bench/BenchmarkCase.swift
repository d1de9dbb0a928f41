import ArgumentParser
import Foundation
import Grading
import QTIExport
import QuizModel
import TemplateEngine

/// A measured case.
struct BenchmarkCase {
  enum Kind {
    case draw(perTemplate: Int, workers: Int)
    case export(QTIFormat, perTemplate: Int)
    /// `rows` long-format responses; with `students`, that many students answer round after round (the later
    /// rounds all repeated answers), so that memory can be compared at a fixed number of students.
    case grade(rows: Int, students: Int? = nil)
    case startup
    /// One of ARCHITECTURE.md's comparisons with a library, on an input of `size`.
    case compare(Comparison, size: Int)
    case floor(FloorPiece)
    case process(WholeProcess)
  }

  var name: String
  var kind: Kind

  var isStartup: Bool { if case .startup = kind { true } else { false } }

  static func all(quick: Bool) -> [BenchmarkCase] {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let draws = quick ? 2_000 : 10_000
    var cases: [BenchmarkCase] = [
      .init(name: "draw + key \(draws / 1000)k/template, 1 core", kind: .draw(perTemplate: draws, workers: 1)),
      .init(
        name: "draw + key \(draws / 1000)k/template, \(cores) cores", kind: .draw(perTemplate: draws, workers: cores)),
    ]
    for format in QTIFormat.allCases {
      for n in quick ? [1_000] : [1_000, 10_000] {
        cases.append(
          .init(name: "export \(format.rawValue) \(n / 1000)k/template", kind: .export(format, perTemplate: n)))
      }
    }
    for rows in quick ? [100_000] : [100_000, 1_000_000] {
      cases.append(
        .init(
          name: "grade \(rows >= 1_000_000 ? "\(rows / 1_000_000)M" : "\(rows / 1000)k") rows", kind: .grade(rows: rows)
        ))
    }
    if !quick {
      // Memory grows with students × questions, not with rows: the same 20,000 students in 1M and 2M rows.
      for rows in [1_000_000, 2_000_000] {
        cases.append(
          .init(name: "grade \(rows / 1_000_000)M rows, 20k students", kind: .grade(rows: rows, students: 20_000)))
      }
    }
    cases.append(.init(name: "CLI start-up", kind: .startup))
    cases += FloorPiece.allCases.map { .init(name: $0.rawValue, kind: .floor($0)) }
    cases += WholeProcess.allCases.map { .init(name: $0.name, kind: .process($0)) }
    return cases
  }

  static func named(_ name: String) throws -> BenchmarkCase {
    let all = all(quick: false) + all(quick: true) + Comparison.cases(quick: false) + Comparison.cases(quick: true)
    guard let found = all.first(where: { $0.name == name }) else { throw ValidationError("Unknown case '\(name)'.") }
    return found
  }

  func measure(workload: Workload, runs: Int) throws -> CaseResult {
    switch kind {
    case .draw(let perTemplate, let workers):
      var bytes = 0
      let seconds = try median(runs: runs) {
        bytes = try drawAndKey(workload, perTemplate: perTemplate, workers: workers)
      }
      return CaseResult(
        name: name, items: perTemplate * workload.templates.count, unit: "variants",
        detail: String(format: "(%.0f MB of key)", Double(bytes) / 1_048_576), medianSeconds: seconds.wall,
        cpuSeconds: seconds.cpu, peakKilobytes: peakResidentKilobytes())
    case .export(let format, let perTemplate):
      let quiz = try workload.quiz(perTemplate: perTemplate)
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nernstquiz-bench-\(getpid())")
      defer { try? FileManager.default.removeItem(at: folder) }
      var size = 0
      let seconds = try median(runs: runs) {
        let report = try exportPackages(
          quiz, formats: [format], to: folder, baseName: "bench",
          workers: ProcessInfo.processInfo.activeProcessorCount)
        let path = folder.appendingPathComponent(report.formats[0].packageName).path
        size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
      }
      return CaseResult(
        name: name, items: quiz.variants.count, unit: "items",
        detail: String(format: "(%.1f MB ", Double(size) / 1_048_576) + (format == .moodle ? "xml)" : "zip)"),
        medianSeconds: seconds.wall, cpuSeconds: seconds.cpu, peakKilobytes: peakResidentKilobytes())
    case .grade(let rows, let students):
      // The default bank's quiz, and a messy long-format file for it (neither is timed).
      let quiz = try workload.defaultQuiz()
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nernstquiz-bench-\(getpid())")
      defer { try? FileManager.default.removeItem(at: folder) }
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let input = folder.appendingPathComponent("submissions.csv")
      var generator = SubmissionGenerator(quiz: quiz, seed: 11)
      try generator.writeLong(rows: rows, students: students, to: input)
      let size = (try FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int) ?? 0
      let grader = Grader(quiz: quiz, policy: GradingPolicy(options: workload.bank.grading))
      let seconds = try median(runs: runs) {
        _ = try grader.grade(
          submissionsAt: input, into: folder.appendingPathComponent("out"),
          workers: ProcessInfo.processInfo.activeProcessorCount)
      }
      return CaseResult(
        name: name, items: rows, unit: "responses",
        detail: String(format: "(%.0f MB csv)", Double(size) / 1_048_576), medianSeconds: seconds.wall,
        cpuSeconds: seconds.cpu, peakKilobytes: peakResidentKilobytes())
    case .startup:
      return try measureStartup(runs: runs)
    case .compare(let comparison, let size):
      return try comparison.measure(name: name, size: size, workload: workload, runs: runs)
    case .floor(let piece):
      let item = try FloorPiece.typicalItem(workload)
      var total = 0
      let seconds = try median(runs: runs) { total += try piece.run(item, count: FloorPiece.iterations) }
      return CaseResult(
        name: name, items: FloorPiece.iterations, unit: "items",
        detail: "(\(item.count) B item\(total > 0 ? "" : ", no output"))", medianSeconds: seconds.wall,
        cpuSeconds: seconds.cpu, peakKilobytes: peakResidentKilobytes())
    case .process(let process):
      return try process.measure(root: workload.root.path, runs: runs)
    }
  }

  /// Draws every variant and serializes its key line; returns the bytes written (so nothing is optimized away).
  private func drawAndKey(_ workload: Workload, perTemplate: Int, workers: Int) throws -> Int {
    let jobs = workload.templates.indices.flatMap { t in (0..<perTemplate).map { (t, $0) } }
    let templates = workload.templates
    let sizes = OrderedWork.map(count: jobs.count, chunkSize: 64, workers: workers, state: {}) { _, range in
      range.map { index -> Result<Int, any Error> in
        let (t, i) = jobs[index]
        return Result {
          try templates[t].drawVariant(seed: workload.seed(template: t, index: i), id: "v").keyRecord(item: 1)
            .serialized().utf8.count
        }
      }
    }
    var total = 0
    for size in sizes {
      switch size {
      case .success(let bytes): total += bytes
      case .failure(let error): throw WorkloadError("\(error)")
      }
    }
    return total
  }

  /// Runs the sibling `nernstquiz` binary: `--help`, and a one-shot calculation.
  func measureStartup(runs: Int) throws -> CaseResult {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
      .appendingPathComponent("nernstquiz")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
      throw WorkloadError("build nernstquiz first: no \(binary.path)")
    }
    // posix_spawn and waitpid, not Foundation's Process, whose own set-up would be counted.
    let arguments = [binary.path, "calc", "nernst", "--ion", "K+", "--inside", "140", "--outside", "4", "--json"]
    var peak = 0
    var cpus: [Double] = []
    let seconds = try median(runs: runs) {
      var actions = posix_spawn_file_actions_t()
      posix_spawn_file_actions_init(&actions)
      defer { posix_spawn_file_actions_destroy(&actions) }
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
      var argv = arguments.map { strdup($0) } + [nil]
      defer { for pointer in argv { free(pointer) } }
      var pid: pid_t = 0
      guard posix_spawn(&pid, binary.path, &actions, nil, &argv, environ) == 0 else {
        throw WorkloadError("cannot start \(binary.path)")
      }
      var status: Int32 = 0
      var usage = rusage()
      wait4(pid, &status, 0, &usage)
      peak = max(peak, Int(usage.ru_maxrss))
      cpus.append(
        Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
          / 1e6)
    }
    return CaseResult(
      name: name, items: 1, unit: "run", detail: "of calc nernst", medianSeconds: seconds.wall,
      cpuSeconds: medianOf(cpus), peakKilobytes: peak)
  }
}
