import Foundation
import QTIExport

/// Whole processes timed from outside: `nernstquiz generate` of a bank of 3 templates × 2,000 variants (drawing,
/// key, preview and one package), and, when installed, the peers on the same kind of work: text2qti turning 1,000
/// finished numeric questions into a Canvas package, and qti_package_maker writing 1,000 numeric questions as
/// QTI 2.1 (its Blackboard QTI 2.1 engine) and as Canvas QTI 1.2.
enum WholeProcess: Hashable, CaseIterable {
  /// `nernstquiz generate` writing one package format.
  case generate(QTIFormat)
  /// text2qti, which writes Canvas packages only.
  case text2qti
  /// qti_package_maker writing a Canvas or QTI 2.1 package.
  case packageMaker(QTIFormat)

  static let allCases: [WholeProcess] = [
    .generate(.canvas), .generate(.qti21), .text2qti, .packageMaker(.qti21), .packageMaker(.canvas),
  ]

  /// The case's name in the results: `nernstquiz generate canvas 3×2k`, `peer: text2qti canvas 1k`.
  var name: String {
    switch self {
    case .generate(let format): "nernstquiz generate \(format.rawValue) 3×2k"
    case .text2qti: "peer: text2qti canvas 1k"
    case .packageMaker(let format): "peer: qti_package_maker \(format.rawValue) 1k"
    }
  }

  static let variantsPerTemplate = 2_000
  static let peerQuestions = 1_000
  /// The bank's templates: three families with more than 2,000 distinct variants each (`nernstquiz check`), so
  /// repeats are drawn and discarded as in a real bank near a family's size.
  static let templates = ["gaba-chloride-reversal", "calcium-entry-buffering", "secondary-active-transport"]

  var items: Int {
    switch self {
    case .generate: WholeProcess.variantsPerTemplate * WholeProcess.templates.count
    case .text2qti, .packageMaker: WholeProcess.peerQuestions
    }
  }

  /// The peer this case is compared with (ours), or nil.
  var comparedWith: WholeProcess? {
    switch self {
    case .generate: nil
    case .text2qti: .generate(.canvas)
    case .packageMaker(let format): .generate(format)
    }
  }

  /// The command to run in `folder` (where its inputs are written), or nil with the reason when it cannot run.
  func command(root: String, folder: URL) throws -> (arguments: [String], missing: String?) {
    switch self {
    case .generate(let format):
      let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("nernstquiz").path
      guard FileManager.default.isExecutableFile(atPath: binary) else {
        return ([], "build nernstquiz first: no \(binary)")
      }
      let bank = folder.appendingPathComponent("bench-bank.yaml")
      var text = "title: Benchmark\nseed: 2026\nitems:\n"
      for template in WholeProcess.templates {
        text += "  - template: \(template)\n    variants: \(WholeProcess.variantsPerTemplate)\n    points: 1\n"
      }
      try text.write(to: bank, atomically: true, encoding: .utf8)
      return (
        [
          binary, "generate", bank.path, "--templates", root + "/Templates", "--format",
          format.rawValue, "--out", folder.appendingPathComponent("out").path,
        ], nil
      )
    case .text2qti:
      guard let python = WholeProcess.python, WholeProcess.succeeds([python, "-c", "import text2qti"]) else {
        return ([], "text2qti is not installed (pip install text2qti)")
      }
      let quiz = folder.appendingPathComponent("quiz.md")
      var text = "Quiz title: Nernst potentials\nQuiz description: benchmark\n\n"
      for i in 0..<WholeProcess.peerQuestions {
        text +=
          "\(i + 1).  The K⁺ concentration is \(WholeProcess.inside(i)) mM inside and 4 mM outside at 37 °C. "
          + "What is the Nernst potential of K⁺ in mV?\n=   \(WholeProcess.key(i)) +- 1.0\n\n"
      }
      try text.write(to: quiz, atomically: true, encoding: .utf8)
      // Its console script, run by the interpreter itself (not through a launcher shim).
      return ([python, "-c", "import sys; from text2qti.cmdline import main; sys.exit(main())", quiz.path], nil)
    case .packageMaker(let format):
      guard let python = WholeProcess.python, WholeProcess.succeeds([python, "-c", "import qti_package_maker"]) else {
        return ([], "qti_package_maker is not installed (pip install qti_package_maker)")
      }
      let script = folder.appendingPathComponent("package_maker.py")
      let text = """
        import sys
        from qti_package_maker.package_interface import QTIPackageInterface
        engine, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
        package = QTIPackageInterface("nernst_bench")
        for i in range(count):
            question = f"The K+ concentration is {100 + i / 10:.1f} mM inside and 4 mM outside at 37 C. What is the Nernst potential of K+ in mV?"
            package.add_item("NUM", (question, -85.0 - i / 100, 1.0))
        package.save_package(engine, out)

        """
      try text.write(to: script, atomically: true, encoding: .utf8)
      let engine = format == .qti21 ? "blackboard_qti_v2_1" : "canvas_qti_v1_2"
      return (
        [
          python, script.path, engine, String(WholeProcess.peerQuestions),
          folder.appendingPathComponent("out.zip").path,
        ], nil
      )
    }
  }

  static func inside(_ i: Int) -> String { NumberFormatText.oneDecimal(100 + Double(i) / 10) }
  static func key(_ i: Int) -> String { NumberFormatText.twoDecimals(-85 - Double(i) / 100) }

  /// The Python interpreter itself (`sys.executable` of `python3` on PATH, which may be a launcher), or nil.
  static let python: String? = {
    guard let launcher = which("python3") else { return nil }
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("nernstquiz-bench-python-\(getpid())")
    defer { try? FileManager.default.removeItem(at: output) }
    let code = "import sys; open(sys.argv[1], 'w').write(sys.executable)"
    guard succeeds([launcher, "-c", code, output.path]),
      let path = try? String(contentsOf: output, encoding: .utf8), !path.isEmpty
    else { return launcher }
    return path
  }()

  /// The full path of `program` on PATH, or nil.
  static func which(_ program: String) -> String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let path = "\(directory)/\(program)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  static func succeeds(_ arguments: [String]) -> Bool {
    (try? spawn(arguments, in: FileManager.default.temporaryDirectory))?.status == 0
  }

  /// What one run of a process cost: wall and CPU seconds (its own and its children's), peak RSS in kB.
  struct Cost {
    var status: Int32
    var wallSeconds: Double
    var cpuSeconds: Double
    var peakKilobytes: Int
  }

  /// Runs `arguments` (whose paths are absolute) with standard output and error to /dev/null, and waits for it.
  static func spawn(_ arguments: [String], in folder: URL) throws -> Cost {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    let start = DispatchTime.now().uptimeNanoseconds
    var pid: pid_t = 0
    guard posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else {
      throw WorkloadError("cannot start \(arguments[0])")
    }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    // wait4 reports the child's own usage, which includes the children it waited for.
    return Cost(
      status: status, wallSeconds: wall, cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
      peakKilobytes: Int(usage.ru_maxrss))
  }

  /// One warm-up and `runs` timed runs; the medians of wall and CPU time, and the largest peak RSS. A result with
  /// a note instead when the program is missing.
  func measure(root: String, runs: Int) throws -> CaseResult {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nernstquiz-bench-process-\(getpid())")
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let (arguments, missing) = try command(root: root, folder: folder)
    if let missing {
      return CaseResult(name: name, items: items, unit: "items", detail: "skipped: \(missing)", skipped: true)
    }
    var walls: [Double] = []
    var cpus: [Double] = []
    var peak = 0
    for run in 0...runs {
      try? FileManager.default.removeItem(at: folder.appendingPathComponent("out"))
      let cost = try WholeProcess.spawn(arguments, in: folder)
      guard cost.status == 0 else { throw WorkloadError("\(name) failed: wait status \(cost.status)") }
      if run > 0 {
        walls.append(cost.wallSeconds)
        cpus.append(cost.cpuSeconds)
      }
      peak = max(peak, cost.peakKilobytes)
    }
    return CaseResult(
      name: name, items: items, unit: "items", detail: "(whole process)",
      medianSeconds: medianOf(walls), cpuSeconds: medianOf(cpus), peakKilobytes: peak)
  }
}

/// Fixed-point text for the peers' inputs.
enum NumberFormatText {
  static func oneDecimal(_ x: Double) -> String { String(format: "%.1f", x) }
  static func twoDecimals(_ x: Double) -> String { String(format: "%.2f", x) }
}
