package import Foundation
package import QuizModel

/// One file inside a package.
package struct PackageFile: Hashable, Sendable {
  /// The path inside the package (`imsmanifest.xml`, `items/nernst-01.xml`).
  package var path: String
  /// The file's bytes.
  package var data: Data
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
  return try buildPackage(quiz, format: format, baseName: baseName, workers: workers, keepingFiles: true)
}

/// ``makePackage(_:format:baseName:workers:)``; with `keepingFiles` false the package's ``QTIPackage/files``
/// are left empty, and each file is dropped as soon as it is checked and deflated into the zip, so memory holds
/// the deflated package but never all of its files. With `zipFile` (a zip format), the zip goes to that file
/// as it is made and ``QTIPackage/zip`` is left empty: memory does not hold the package either. The caller has
/// already found no ``exportProblems(_:formats:)`` for `format`.
func buildPackage(
  _ quiz: Quiz, format: QTIFormat, baseName: String, workers: Int, keepingFiles: Bool, zipFile: FileHandle? = nil
) throws(ExportError) -> QTIPackage {
  if format == .moodle { return try makeMoodlePackage(quiz, baseName: baseName, workers: workers) }
  var package = PackageBuilder(keepingFiles: keepingFiles, zip: zipFile.map(ZipWriter.init(writingTo:)) ?? ZipWriter())

  switch format {
  case .canvas:
    let writer = CanvasWriter(quiz: quiz)
    let manifest = PackageFile(path: "imsmanifest.xml", data: writer.manifest())
    package.add(ZipWriter.Entry(path: manifest.path, data: manifest.data), file: manifest)
    let assessment = writeAndCheckCanvas(writer, workers: workers, keepingFile: keepingFiles)
    package.add(assessment.entry, file: assessment.file)
    package.check(assessment.check)
    package.issues += referenceIssues(manifest, paths: [manifest.path, writer.assessmentPath])
  case .qti21, .qti30:
    let writer = QTI2Writer(quiz: quiz, dialect: QTIDialect.of(format)!)
    var references: [XMLIssue] = []
    writeAndCheckQTI(writer, workers: workers) { item in
      package.add(item.entry, file: item.file)
      package.check(item.check)
      references += item.references
    }
    package.issues += references
  case .moodle:
    preconditionFailure("Moodle files are written by makeMoodlePackage")
  }
  if !package.issues.isEmpty {
    throw ExportError(
      code: .selfCheckFailed,
      message: "\(format.displayName): \(package.issues.count) self-checks failed; the package was not kept",
      issues: package.issues)
  }

  // The zip writer has no ZIP64: at most 65,535 entries and 4 GiB. Say so instead of overflowing.
  if package.tooLarge {
    throw ExportError(
      code: .unexportable,
      message: "\(format.displayName): the package would hold \(package.count) files "
        + "(\(package.totalBytes / 1_048_576) MB); a zip without ZIP64 holds at most \(ZipWriter.maximumEntries) "
        + "files and 4 GiB. Ask for fewer variants per template, or split the bank.")
  }
  let count = package.count
  let files = package.files
  let itemsChecked = package.itemsChecked
  let proofs = package.proofs
  var data = Data()
  var bytes = 0
  if zipFile == nil {
    data = package.zip.finish()
    bytes = data.count
  } else {
    do { bytes = try package.zip.finishFile() } catch {
      throw ExportError(
        code: .io, message: "could not write the \(format.displayName) package: \(InputFile.describe(error))")
    }
  }
  let report = ExportReport.FormatReport(
    format: format, packageName: "\(baseName)-\(format.fileSuffix).zip", files: count, bytes: bytes,
    itemsChecked: itemsChecked, proofs: proofs,
    templates: OrderedWork.map(count: quiz.items.count, chunkSize: 1, workers: workers, state: {}) { _, range in
      range.map { Fidelity.report(for: quiz.items[$0], format: format) }
    },
    deliveryMap: DeliveryMap(quiz: quiz, format: format))
  return QTIPackage(format: format, files: files, zip: data, report: report)
}

/// A zip package filled as its files come, with what their self-checks proved and found.
struct PackageBuilder {
  /// Keep every file's bytes in ``files`` (``makePackage(_:format:baseName:workers:)``), or only the zip.
  let keepingFiles: Bool
  var zip: ZipWriter
  var files: [PackageFile] = []
  /// Files and their bytes before deflating, counted whether or not the zip could take them.
  var count = 0
  var totalBytes = 0
  /// Whether a file was left out because the zip would have passed its limits.
  var tooLarge = false
  var itemsChecked = 0
  var proofs = 0
  var issues: [XMLIssue] = []

  init(keepingFiles: Bool, zip: ZipWriter = ZipWriter()) {
    self.keepingFiles = keepingFiles
    self.zip = zip
  }

  /// Adds a file to the zip (and to ``files`` when they are kept), unless the zip would pass its limits.
  mutating func add(_ entry: ZipWriter.Entry, file: PackageFile?) {
    count += 1
    totalBytes += entry.size
    if keepingFiles, let file { files.append(file) }
    tooLarge = tooLarge || count > ZipWriter.maximumEntries || totalBytes >= ZipWriter.maximumBytes
    if !tooLarge { zip.add(entry) }
  }

  /// Counts a file's proofs and keeps its issues.
  mutating func check(_ result: SelfCheckResult) {
    itemsChecked += result.items
    proofs += result.proofs
    issues += result.issues
  }
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
/// deflated. `consume` gets them in package order as they come; they are the same whatever the number of workers.
func writeAndCheckQTI(_ writer: QTI2Writer, workers: Int, consume: (WrittenItem) -> Void) {
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
  OrderedWork.forEach(
    count: jobs.count + 2, workers: workers, state: state,
    transform: { tools, range in
      range.map { index -> WrittenItem in
        let (checker, deflater, xmlWriter) = tools
        guard index >= 2 else {
          let file =
            index == 0
            ? PackageFile(path: "imsmanifest.xml", data: writer.manifest())
            : PackageFile(path: QTI2Writer.testPath, data: writer.test())
          var written = WrittenItem(
            file: file, entry: ZipWriter.Entry(path: file.path, data: file.data, deflater: deflater))
          written.references = referenceIssues(file, paths: paths)
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
    }, consume: consume)
}

/// What a manifest or test refers to that is not in the package (`paths`), or why it cannot be read. Read from
/// SAX events into flat arrays, not a tree: the manifest and test of a large quiz are large.
func referenceIssues(_ file: PackageFile, paths: Set<String>) -> [XMLIssue] {
  // The reader outlives the element views read from it.
  let reader = SAXReader()
  return withExtendedLifetime(reader) {
    switch reader.read(file.data, file: file.path) {
    case .failure(let list): list.issues
    case .success(let root): references(root, file: file.path, paths: paths)
    }
  }
}

/// Writes one zip package per format and `export-report.txt` into `directory`.
///
/// Every file of a package is self-checked as it is built: each file is re-read with libxml2, the key of every
/// item scores full marks, values just outside the accepted interval do not, and every misconception value
/// fires its feedback. A zip is written beside its place (`<name>.partial`) as it is made, never whole in
/// memory, and moved into place only when every check holds; when a package fails, the ones written before are
/// removed, so nothing is written unless every package is. The same quiz always gives byte-identical zips.
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
  // Each package is written as soon as it is built and dropped from memory; when a later one fails, the
  // ones written before are removed again, so nothing is written unless every package is.
  let fileManager = FileManager.default
  let existed = fileManager.fileExists(atPath: directory.path)
  var written: [URL] = []
  func removeWritten() {
    for url in written { try? fileManager.removeItem(at: url) }
    if !existed { try? fileManager.removeItem(at: directory) }
  }
  func write(_ data: Data, _ name: String) throws(ExportError) {
    let url = directory.appendingPathComponent(name)
    do {
      try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
      try data.write(to: url, options: .atomic)
      written.append(url)
    } catch {
      removeWritten()
      throw ExportError(
        code: .io, message: "could not write the packages to '\(directory.path)': \(InputFile.describe(error))")
    }
  }
  var reports: [ExportReport.FormatReport] = []
  for format in unique {
    let name = format.packageName(baseName: baseName)
    let package: QTIPackage
    do {
      if format == .moodle {
        package = try buildPackage(
          quiz, format: format, baseName: baseName, workers: workers, keepingFiles: false)
        try write(package.zip, name)
      } else {
        let url = directory.appendingPathComponent(name)
        package = try buildPackage(quiz, format: format, baseName: baseName, workers: workers, into: url)
        written.append(url)
      }
    } catch {
      removeWritten()
      throw error
    }
    reports.append(package.report)
  }
  let report = ExportReport(quizTitle: quiz.title, seed: quiz.seed, formats: reports)
  try write(Data(report.description.utf8), "export-report.txt")
  return report
}

/// Builds a zip package into the file at `url` as it is made: into `<name>.partial` beside it, renamed into
/// place once the package is whole and proven, and removed when it is not.
private func buildPackage(
  _ quiz: Quiz, format: QTIFormat, baseName: String, workers: Int, into url: URL
) throws(ExportError) -> QTIPackage {
  let fileManager = FileManager.default
  let partial = url.appendingPathExtension("partial")
  let file: FileHandle
  do {
    try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    guard fileManager.createFile(atPath: partial.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
    file = try FileHandle(forWritingTo: partial)
  } catch {
    throw ExportError(code: .io, message: "cannot create '\(partial.path)': \(InputFile.describe(error))")
  }
  defer { try? fileManager.removeItem(at: partial) }
  let package: QTIPackage
  do {
    defer { try? file.close() }
    // exportPackages found no problem in any format before building the first package.
    package = try buildPackage(
      quiz, format: format, baseName: baseName, workers: workers, keepingFiles: false, zipFile: file)
  }
  guard rename(partial.path, url.path) == 0 else {
    throw ExportError(
      code: .io, message: "cannot write '\(url.path)': \(String(cString: strerror(errno)))")
  }
  return package
}
