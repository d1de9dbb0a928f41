package import Foundation
package import QuizModel

/// One file inside a package.
package struct PackageFile: Hashable, Sendable {
  /// The path inside the package (`imsmanifest.xml`, `items/nernst-01.xml`).
  package var path: String
  /// The file's bytes.
  package var data: Data

  /// Creates a file entry.
  package init(path: String, data: Data) {
    self.path = path
    self.data = data
  }
}

/// A finished, self-checked package in memory.
package struct QTIPackage: Hashable, Sendable {
  /// The format.
  package var format: QTIFormat
  /// The files in package order (the manifest first).
  package var files: [PackageFile]
  /// The package file's bytes: the deterministic zip of ``files`` (Moodle: the one XML file itself).
  package var zip: Data
  /// What the format kept and lost, and what the self-check proved.
  package var report: ExportReport.FormatReport
}

/// Builds one package in memory, re-reads every file it wrote and proves its scoring.
///
/// ```swift
/// let package = try makePackage(quiz, format: .qti21, baseName: "membranes")
/// package.files.map(\.path)    // ["imsmanifest.xml", "assessment-test.xml", "items/nernst-01.xml", …]
/// ```
///
/// QTI 2.1 and 3.0 items are written, re-read, checked and deflated on `workers` threads; the package is the
/// same, byte for byte, whatever the number of workers.
///
/// - Parameters:
///   - quiz: The drawn quiz.
///   - format: Which format.
///   - baseName: The package file is named `<baseName>-<format>.zip`.
///   - workers: How many threads share the items, the calling one included (1, the default: none besides it).
/// - Returns: The files, the zip and the format's part of the fidelity report.
/// - Throws: ``ExportError`` with ``ExportError/Code/unexportable`` when a key cannot be written in this format,
///   or ``ExportError/Code/selfCheckFailed`` when a written file does not score its own key.
/// - Complexity: O(n) in the number of variants.
package func makePackage(
  _ quiz: Quiz, format: QTIFormat, baseName: String,
  workers: Int = 1
) throws(ExportError) -> QTIPackage {
  let problems = exportProblems(quiz, formats: [format])
  if !problems.isEmpty {
    throw ExportError(
      code: .unexportable,
      message: "\(format.displayName): \(problems.count) keys cannot be exported; nothing was written",
      problems: problems)
  }
  if format == .moodle { return try makeMoodlePackage(quiz, baseName: baseName, workers: workers) }
  var files: [PackageFile] = []
  var entries: [ZipWriter.Entry] = []
  var deliveries: [Delivery] = []
  var itemsChecked = 0
  var proofs = 0
  var issues: [XMLIssue] = []

  switch format {
  case .canvas:
    let writer = CanvasWriter(quiz: quiz)
    deliveries = writer.deliveries()
    files.append(PackageFile(path: "imsmanifest.xml", data: writer.manifest()))
    let assessment = PackageFile(path: writer.assessmentPath, data: writer.assessment())
    files.append(assessment)
    var parts: [String: Answer] = [:]
    for variant in quiz.variants {
      for answer in variant.answers { parts[PlainText.identifier("\(variant.id)_\(answer.id)")] = answer }
    }
    let result = checkCanvasAssessment(assessment, parts: parts, workers: workers)
    itemsChecked += result.items
    proofs += result.proofs
    issues += result.issues
  case .qti21, .qti30:
    let writer = QTI2Writer(quiz: quiz, dialect: QTIDialect.of(format)!)
    deliveries = writer.deliveries()
    let written = writeAndCheckQTI(writer, workers: workers)
    var references: [XMLIssue] = []
    for item in written {
      files.append(item.file)
      entries.append(item.entry)
      itemsChecked += item.check.items
      proofs += item.check.proofs
      issues += item.check.issues
      references += item.references
    }
    issues += references
  case .moodle:
    preconditionFailure("Moodle files are written by makeMoodlePackage")
  }
  if format == .canvas {
    let paths = Set(files.map(\.path))
    let manifest = files[0]
    switch XMLReader.parse(manifest.data, file: manifest.path) {
    case .failure(let list): issues += list.issues
    case .success(let root): issues += references(root, file: manifest.path, paths: paths)
    }
  }
  if !issues.isEmpty {
    throw ExportError(
      code: .selfCheckFailed,
      message: "\(format.displayName): \(issues.count) self-checks failed; the package was not kept",
      issues: issues)
  }

  // The zip writer has no ZIP64: at most 65,535 entries and 4 GiB. Say so instead of overflowing.
  let totalBytes = files.reduce(0) { $0 + $1.data.count }
  if files.count > ZipWriter.maximumEntries || totalBytes >= ZipWriter.maximumBytes {
    throw ExportError(
      code: .unexportable,
      message: "\(format.displayName): the package would hold \(files.count) files "
        + "(\(totalBytes / 1_048_576) MB); a zip without ZIP64 holds at most \(ZipWriter.maximumEntries) files and 4 GiB. "
        + "Ask for fewer variants per template, or split the bank.")
  }
  var zip = ZipWriter()
  for file in files.prefix(files.count - entries.count) { zip.add(path: file.path, data: file.data) }
  for entry in entries { zip.add(entry) }
  let data = zip.finish()
  let report = ExportReport.FormatReport(
    format: format, packageName: "\(baseName)-\(format.fileSuffix).zip", files: files.count, bytes: data.count,
    itemsChecked: itemsChecked, proofs: proofs,
    templates: quiz.items.map { Fidelity.report(for: $0, format: format, workers: workers) }, deliveries: deliveries)
  return QTIPackage(format: format, files: files, zip: data, report: report)
}

/// The generic self-checks of one file (any format): parse into ``XMLNode``s, ``SelfCheck``, and the checks
/// against the model in `model`. Only errors are kept.
func checkFile(_ file: PackageFile, model: (XMLNode) -> [XMLIssue]) -> SelfCheckResult {
  var result = SelfCheckResult()
  switch XMLReader.parse(file.data, file: file.path) {
  case .failure(let list):
    result.issues += list.issues
  case .success(let root):
    let check = SelfCheck.check(root, file: file.path)
    result.items = check.items
    result.proofs = check.proofs
    result.issues += check.issues.filter { $0.severity == .error }
    result.issues += model(root)
  }
  return result
}

/// The checks of `checkFile` for a Canvas assessment, the questions shared out to `workers` threads: the
/// self-checks of every question, then the checks against the model (`parts`: answers by question ident).
func checkCanvasAssessment(_ file: PackageFile, parts: [String: Answer], workers: Int) -> SelfCheckResult {
  let root: XMLNode
  switch XMLReader.parse(file.data, file: file.path) {
  case .failure(let list): return SelfCheckResult(issues: list.issues)
  case .success(let parsed): root = parsed
  }
  guard root.name == "questestinterop" else {
    return checkFile(file) { root in
      root.descendants("item").flatMap { node -> [XMLIssue] in
        guard let answer = parts[node[attribute: "ident"] ?? ""] else { return [] }
        return ModelCheck.checkCanvas(CanvasItemModel(item: node), answer: answer, file: file.path)
      }
    }
  }
  let questions = root.descendants("item")
  let checked = OrderedWork.map(count: questions.count, workers: workers, state: {}) { _, range in
    range.map { index -> (check: SelfCheckResult, model: [XMLIssue]) in
      let node = questions[index]
      var check = SelfCheckResult()
      SelfCheck.checkCanvas(node, file: file.path, into: &check)
      var model: [XMLIssue] = []
      if let answer = parts[node[attribute: "ident"] ?? ""] {
        model = ModelCheck.checkCanvas(CanvasItemModel(item: node), answer: answer, file: file.path)
      }
      return (check, model)
    }
  }
  var result = SelfCheckResult()
  var model: [XMLIssue] = []
  for (check, issues) in checked {
    result.items += check.items
    result.proofs += check.proofs
    result.issues += check.issues.filter { $0.severity == .error }
    model += issues
  }
  result.issues += model
  return result
}

/// One written, checked and deflated file.
struct WrittenItem: Sendable {
  var file: PackageFile
  var entry: ZipWriter.Entry
  var check = SelfCheckResult()
  /// For the manifest and the test: references to files the package lacks.
  var references: [XMLIssue] = []
}

/// Writes every file of a QTI 2.1 / 3.0 package on `workers` threads, in package order (manifest, test, items).
/// Manifest and test are checked for references to missing files; each item is written, re-read and checked
/// (``ItemChecker``); every file is
/// deflated. The result is the same whatever the number of workers.
func writeAndCheckQTI(_ writer: QTI2Writer, workers: Int) -> [WrittenItem] {
  var list: [(item: Int, variant: Int)] = []
  for (i, item) in writer.quiz.items.enumerated() {
    for v in item.variants.indices { list.append((i, v)) }
  }
  let jobs = list
  let paths = Set(["imsmanifest.xml", QTI2Writer.testPath] + writer.quiz.variants.map(QTI2Writer.itemPath))
  let state = { @Sendable () -> (checker: ItemChecker, deflater: Deflater, xmlWriter: XMLWriter) in
    let xmlWriter = XMLWriter()
    _ = xmlWriter.finish()
    return (ItemChecker(), Deflater(), xmlWriter)
  }
  return OrderedWork.map(count: jobs.count + 2, workers: workers, state: state) { tools, range in
    range.map { index -> WrittenItem in
      let (checker, deflater, xmlWriter) = tools
      guard index >= 2 else {
        let file =
          index == 0
          ? PackageFile(path: "imsmanifest.xml", data: writer.manifest())
          : PackageFile(path: QTI2Writer.testPath, data: writer.test())
        var written = WrittenItem(
          file: file, entry: ZipWriter.Entry(path: file.path, data: file.data, deflater: deflater))
        switch XMLReader.parse(file.data, file: file.path) {
        case .failure(let list): written.references = list.issues
        case .success(let root): written.references = references(root, file: file.path, paths: paths)
        }
        return written
      }
      let quizItem = writer.quiz.items[jobs[index - 2].item]
      let variant = quizItem.variants[jobs[index - 2].variant]
      let feedbacks = QTI2Writer.feedbacks(variant)
      let file = PackageFile(
        path: QTI2Writer.itemPath(variant),
        data: writer.item(variant, of: quizItem, feedbacks: feedbacks, using: xmlWriter))
      let check = checker.check(file, variant: variant, feedbacks: feedbacks)
      return WrittenItem(
        file: file, entry: ZipWriter.Entry(path: file.path, data: file.data, deflater: deflater),
        check: check)
    }
  }
}

/// Writes one zip package per format and `export-report.txt` into `directory`.
///
/// Every package is built in memory and self-checked before anything is written: each file is re-read with
/// libxml2, the key of every item scores full marks, values just outside the accepted interval do not, and
/// every misconception value fires its feedback. The same quiz always gives byte-identical zips.
///
/// ```swift
/// let report = try exportPackages(quiz, formats: [.canvas, .qti21, .qti30], to: out, baseName: "membranes")
/// print(report)   // also in out/export-report.txt
/// ```
///
/// - Parameters:
///   - quiz: The drawn quiz.
///   - formats: The formats to write, in order; duplicates are ignored.
///   - directory: The output folder (created if missing).
///   - baseName: Packages are named `<baseName>-canvas.zip`, `-qti21.zip`, `-qti30.zip`.
///   - workers: How many threads share the items (see ``makePackage(_:format:baseName:workers:)``).
/// - Returns: The fidelity report.
/// - Throws: ``ExportError``; when a key cannot be exported in one of the formats, nothing is written.
package func exportPackages(
  _ quiz: Quiz, formats: [QTIFormat] = QTIFormat.allCases, to directory: URL,
  baseName: String, workers: Int = 1
)
  throws(ExportError) -> ExportReport
{
  var unique: [QTIFormat] = []
  for f in formats where !unique.contains(f) { unique.append(f) }
  let problems = exportProblems(quiz, formats: unique)
  if !problems.isEmpty {
    throw ExportError(
      code: .unexportable, message: "\(problems.count) keys cannot be exported; nothing was written",
      problems: problems)
  }
  var packages: [QTIPackage] = []
  for format in unique { packages.append(try makePackage(quiz, format: format, baseName: baseName, workers: workers)) }
  let report = ExportReport(quizTitle: quiz.title, seed: quiz.seed, formats: packages.map(\.report))
  do {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for package in packages {
      try package.zip.write(to: directory.appendingPathComponent(package.report.packageName), options: .atomic)
    }
    try Data(report.description.utf8).write(to: directory.appendingPathComponent("export-report.txt"), options: .atomic)
  } catch {
    throw ExportError(
      code: .io, message: "could not write the packages to '\(directory.path)': \(InputFile.describe(error))")
  }
  return report
}
