import Foundation
import Grading
import QTIExport
import QuizModel
import TemplateEngine

/// The cases behind the "built here or taken from a library" decisions of ARCHITECTURE.md: each of our own
/// readers and writers against the library it replaces, on the same input, doing the same work.
struct Comparison: Sendable {
  /// What a contender does, on the input its kind of work makes before the clock starts; it returns what it read
  /// or wrote (fields or bytes), printed beside the time so that the work can be seen to be the same.
  enum Work: Sendable {
    /// Reads a long-format submissions file, every field of every record as a `String`: the number of fields.
    case csv(@Sendable (URL) throws -> Int)
    /// Zips the files of a QTI 2.1 package into a file: the zip's size.
    case zip(@Sendable ([(path: String, data: Data)], URL) throws -> Int)
    /// Writes the key record of every variant as a JSON line: the bytes.
    case json(@Sendable ([JSONValue]) throws -> Int)
  }

  /// The contender and its settings, as results name it: `zip: ours, level 1`.
  var name: String
  var work: Work

  /// Every contender, ours first in each kind of work.
  static let all: [Comparison] = [
    Comparison(name: "csv: ours", work: .csv(ourCSVFields)),
    Comparison(name: "csv: yaslab/CSV.swift", work: .csv(csvSwiftFields)),
    Comparison(name: "csv: swiftcsv/SwiftCSV", work: .csv(swiftCSVFields)),
    Comparison(name: "zip: ours, level 1", work: .zip { try ourZip($0, level: 1, to: $1) }),
    Comparison(name: "zip: ours, level 6", work: .zip { try ourZip($0, level: 6, to: $1) }),
    Comparison(name: "zip: ZIPFoundation, level 6", work: .zip(foundationZip)),
    Comparison(name: "json: ours", work: .json { $0.reduce(0) { $0 + $1.serialized().utf8.count + 1 } }),
    Comparison(name: "json: JSONEncoder", work: .json(encoderBytes)),
  ]

  /// The cases, with the size of their input in their names.
  static func cases(quick: Bool) -> [BenchmarkCase] {
    all.map { comparison in
      let input = comparison.work.input(quick: quick)
      return BenchmarkCase(name: "\(comparison.name), \(input.label)", kind: .compare(comparison, size: input.size))
    }
  }

  /// Measures this comparison on an input of `size` (rows, variants per template or key records per
  /// template); the input is made before the clock starts.
  func measure(name: String, size: Int, workload: Workload, runs: Int) throws -> CaseResult {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nernstquiz-bench-\(getpid())")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    switch work {
    case .csv(let read):
      let input = folder.appendingPathComponent("submissions.csv")
      var generator = SubmissionGenerator(quiz: try workload.defaultQuiz(), seed: 11)
      try generator.writeLong(rows: size, to: input)
      let bytes = (try FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int) ?? 0
      var fields = 0
      let seconds = try median(runs: runs) { fields = try read(input) }
      return CaseResult(
        name: name, items: size, unit: "rows",
        detail: String(format: "(%.0f MB, %d fields)", Double(bytes) / 1_048_576, fields),
        medianSeconds: seconds.wall, cpuSeconds: seconds.cpu, peakKilobytes: peakResidentKilobytes())
    case .zip(let write):
      let files = try Self.packageFiles(workload: workload, perTemplate: size, folder: folder)
      let output = folder.appendingPathComponent("bench.zip")
      var bytes = 0
      let seconds = try median(runs: runs) { bytes = try write(files, output) }
      return CaseResult(
        name: name, items: files.count, unit: "files",
        detail: String(format: "(%.1f MB zip)", Double(bytes) / 1_048_576), medianSeconds: seconds.wall,
        cpuSeconds: seconds.cpu,
        peakKilobytes: peakResidentKilobytes())
    case .json(let write):
      let records = try Self.keyRecords(workload: workload, perTemplate: size)
      var bytes = 0
      let seconds = try median(runs: runs) { bytes = try write(records) }
      return CaseResult(
        name: name, items: records.count, unit: "records",
        detail: String(format: "(%.0f MB)", Double(bytes) / 1_048_576), medianSeconds: seconds.wall,
        cpuSeconds: seconds.cpu,
        peakKilobytes: peakResidentKilobytes())
    }
  }

  /// Every field of every record as a `String`, as the libraries hand them over.
  private static func ourCSVFields(_ url: URL) throws -> Int {
    var reader = try CSVReader(contentsOf: url)
    var fields = 0
    while try reader.next() { fields += reader.strings.count }
    return fields
  }

  /// The files of a QTI 2.1 package of `perTemplate` variants per template, read back from the exported zip.
  private static func packageFiles(workload: Workload, perTemplate: Int, folder: URL) throws -> [(
    path: String, data: Data
  )] {
    let report = try exportPackages(
      try workload.quiz(perTemplate: perTemplate), formats: [.qti21], to: folder,
      baseName: "source")
    return try zipEntries(folder.appendingPathComponent(report.formats[0].packageName))
  }

  private static func ourZip(_ files: [(path: String, data: Data)], level: Int32, to url: URL) throws -> Int {
    var zip = ZipWriter()
    let deflater = Deflater(level: level)
    for file in files { zip.add(ZipWriter.Entry(path: file.path, data: file.data, deflater: deflater)) }
    let data = zip.finish()
    try data.write(to: url)
    return data.count
  }

  /// The key record of every variant of `perTemplate` per template of the default bank.
  private static func keyRecords(workload: Workload, perTemplate: Int) throws -> [JSONValue] {
    try workload.templates.indices.flatMap { t in
      try (0..<perTemplate).map { i in
        try workload.templates[t].drawVariant(seed: workload.seed(template: t, index: i), id: "v\(i)").keyRecord(
          item: 1)
      }
    }
  }

  /// The same records through Foundation's JSONEncoder, one line each.
  private static func encoderBytes(_ records: [JSONValue]) throws -> Int {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    return try records.reduce(0) { $0 + (try encoder.encode(EncodableJSON($1))).count + 1 }
  }
}

extension Comparison.Work {
  /// The size of the input for a run (rows, variants per template, key records per template) and how a case's
  /// name says it (`1M rows`, `3000 items`, `30k records`: three templates each).
  func input(quick: Bool) -> (size: Int, label: String) {
    switch self {
    case .csv:
      let rows = quick ? 100_000 : 1_000_000
      return (rows, rows >= 1_000_000 ? "\(rows / 1_000_000)M rows" : "\(rows / 1000)k rows")
    case .zip:
      let items = quick ? 300 : 1_000
      return (items, "\(items * 3) items")
    case .json:
      let records = quick ? 1_000 : 10_000
      return (records, "\(records * 3 / 1000)k records")
    }
  }
}

/// A ``JSONValue`` as `Encodable`, keys in their order, for JSONEncoder.
struct EncodableJSON: Encodable {
  var value: JSONValue
  init(_ value: JSONValue) { self.value = value }

  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  func encode(to encoder: any Encoder) throws {
    switch value {
    case .null:
      var container = encoder.singleValueContainer()
      try container.encodeNil()
    case .bool(let b):
      var container = encoder.singleValueContainer()
      try container.encode(b)
    case .number(let x):
      var container = encoder.singleValueContainer()
      try container.encode(x)
    case .integer(let n):
      var container = encoder.singleValueContainer()
      try container.encode(n)
    case .string(let s), .raw(let s):
      var container = encoder.singleValueContainer()
      try container.encode(s)
    case .array(let values):
      var container = encoder.unkeyedContainer()
      for v in values { try container.encode(EncodableJSON(v)) }
    case .object(let pairs):
      var container = encoder.container(keyedBy: Key.self)
      for (k, v) in pairs { try container.encode(EncodableJSON(v), forKey: Key(stringValue: k)) }
    }
  }
}
