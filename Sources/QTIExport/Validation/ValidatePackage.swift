package import Foundation
import QuizModel

/// What ``validatePackage(at:schemas:limits:workers:)`` found.
package struct ValidationReport: Hashable, Sendable, CustomStringConvertible {
  /// The files checked, as paths inside the package or folder.
  package var files: [String]
  /// Every issue, errors first within each file, files in order.
  package var issues: [XMLIssue]
  /// Whether XSD validation ran (a schema folder was given and usable).
  package var schemaValidated: Bool
  /// Items (QTI items, Canvas questions) whose scoring the self-check evaluated.
  package var itemsChecked: Int
  /// Self-check proofs that passed.
  package var proofs: Int

  /// The issues that are errors.
  package var errors: [XMLIssue] { issues.filter { $0.severity == .error } }

  /// Whether no error was found.
  package var isValid: Bool { errors.isEmpty }

  /// One issue per line, then a summary.
  package var description: String {
    var lines = issues.map(\.description)
    lines.append(
      "\(files.count) files: well-formed \(wellFormedCount)/\(files.count); "
        + "self-checks: \(itemsChecked) items, \(proofs) proofs passed; "
        + (schemaValidated ? "XSD validation: done" : "XSD validation: skipped (no --schemas folder given)"))
    lines.append(isValid ? "valid" : "\(errors.count) problems found")
    return lines.joined(separator: "\n")
  }

  private var wellFormedCount: Int {
    let malformed = Set(
      issues.filter {
        $0.message.hasPrefix(ValidationReport.malformedPrefix)
          || $0.message.hasPrefix(ValidationReport.unreadablePrefix)
      }.map(\.file)
    ).intersection(files)
    return files.count - malformed.count
  }

  static let malformedPrefix = "not well-formed: "
  static let unreadablePrefix = "not read: "
}

/// Why a path cannot be validated at all (the CLI exits with status 2).
package struct ValidationInputError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The path given.
  package var path: String
  /// What is wrong with it.
  package var reason: String

  /// Creates an error.
  package init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// `cannot validate 'x': reason`.
  package var description: String { "cannot validate '\(path)': \(reason)" }
}

/// Checks a package (`.zip`), a folder of XML files, or one `.xml` file: well-formedness (read with network and
/// entity expansion off, a DTD refused), the references between manifest, test and items, the scoring
/// self-checks, and, when `schemas` is given, XSD validation against the official schemas.
///
/// ```swift
/// let report = try validatePackage(at: URL(fileURLWithPath: "quiz-qti21.zip"), schemas: schemaFolder)
/// report.isValid        // true
/// print(report)         // issues with file:line, then a summary
/// ```
///
/// The package is untrusted: files are read one after another (at most two per worker held at a time), each
/// inflated in chunks under `limits`, so memory stays bounded whatever sizes the archive declares. ZIP64 archives are read; an archive whose central
/// directory holds more entries than its end record declares is refused. Entry names that would be unsafe to
/// extract (`..`, an absolute path, a symbolic link) are reported as errors, as are files past the per-file
/// limit.
///
/// - Parameters:
///   - url: A `.zip`, a folder, or an `.xml` file.
///   - schemas: A folder laid out like `shared/qti-schemas`, or `nil` to skip XSD validation.
///   - limits: The sizes and entry count accepted (see <doc:Limits>).
///   - workers: How many threads check files, the calling one included (1, the default: none besides it);
///     the report is the same whatever the number.
/// - Returns: The report.
/// - Throws: ``ValidationInputError`` when the path is missing, is not a zip or is a damaged one, holds no XML
///   file, passes the total-size or entry-count limit, or the schema folder is not usable.
package func validatePackage(at url: URL, schemas: URL?, limits: PackageLimits = PackageLimits(), workers: Int = 1)
  throws(ValidationInputError) -> ValidationReport
{
  let path = url.path
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
    throw ValidationInputError(path: path, reason: "no such file or folder")
  }
  let folder = schemas.map(SchemaFolder.init)
  if let folder, !folder.isUsable {
    throw ValidationInputError(
      path: folder.url.path, reason: "not a schema folder (catalog.xml or qti21/imsqti_v2p1.xsd is missing)")
  }
  var total = 0
  /// Reads a file from disk under the per-file and total limits.
  func readFile(_ file: URL, name: String) throws(ValidationInputError) -> LoadedFile {
    do {
      let bytes = try InputFile.bytes(at: file, limit: limits.maximumFileBytes)
      total += bytes.count
      if total > limits.maximumTotalBytes {
        throw ValidationInputError(
          path: path,
          reason:
            "the files hold more than the limit of \(byteText(limits.maximumTotalBytes)) in all (raise it with --max-total-size)"
        )
      }
      return .data(Data(bytes))
    } catch let error as ValidationInputError {
      throw error
    } catch let error as InputFileError {
      if case .tooLarge = error.reason {
        return .unreadable(
          XMLIssue(
            file: name,
            message:
              "the file is larger than the limit of \(byteText(limits.maximumFileBytes)) per file (raise it with --max-file-size)"
          ))
      }
      return .unreadable(XMLIssue(file: name, message: "cannot read the file: \(error.message)"))
    } catch {
      return .unreadable(XMLIssue(file: name, message: "cannot read the file"))
    }
  }

  if isDirectory.boolValue {
    let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
    var found: [String] = []
    while let next = enumerator?.nextObject() as? URL {
      guard next.pathExtension.lowercased() == "xml" else { continue }
      found.append(String(next.standardizedFileURL.path.dropFirst(url.standardizedFileURL.path.count + 1)))
      if found.count > limits.maximumEntries {
        throw ValidationInputError(
          path: path,
          reason: "the folder holds more than \(limits.maximumEntries) XML files (raise the limit with --max-entries)")
      }
    }
    guard !found.isEmpty else { throw ValidationInputError(path: path, reason: "it holds no .xml file") }
    // Each file is read when its turn comes, so the folder is held one file at a time.
    var fatal: ValidationInputError?
    let report = validate(found.sorted(), extraIssues: [], schemas: folder, isPackage: true, workers: workers) {
      relative in
      if fatal != nil { return .unreadable(XMLIssue(file: relative, message: "not read")) }
      do throws(ValidationInputError) {
        return try readFile(url.appendingPathComponent(relative), name: relative)
      } catch {
        fatal = error
        return .unreadable(XMLIssue(file: relative, message: error.reason))
      }
    }
    if let fatal { throw fatal }
    return report
  }

  let isZip: Bool
  do {
    let head = try InputFile.bytes(atStartOf: url, count: 4)
    isZip = url.pathExtension.lowercased() == "zip" || head.starts(with: [0x50, 0x4b, 0x03, 0x04])
  } catch {
    throw ValidationInputError(path: path, reason: error.message)
  }
  guard isZip else {
    let result = try readFile(url, name: url.lastPathComponent)
    return validate([url.lastPathComponent], extraIssues: [], schemas: folder, isPackage: false) { _ in result }
  }

  var reader: ZipReader
  do { reader = try ZipReader(url: url, limits: limits) } catch {
    throw ValidationInputError(path: path, reason: error.description)
  }
  var unsafe: [XMLIssue] = []
  var seen: Set<String> = []
  var xmlEntries: [String: ZipReader.Entry] = [:]
  var xmlPaths: [String] = []
  for entry in reader.entries {
    if let reason = entry.unsafeReason {
      unsafe.append(XMLIssue(file: entry.path, message: "unsafe entry: the name '\(entry.path)' \(reason)"))
      continue
    }
    guard !entry.isDirectory else { continue }
    guard seen.insert(entry.path).inserted else {
      unsafe.append(XMLIssue(file: entry.path, message: "the package holds two entries named '\(entry.path)'"))
      continue
    }
    if entry.path.lowercased().hasSuffix(".xml") {
      xmlEntries[entry.path] = entry
      xmlPaths.append(entry.path)
    }
  }
  guard !xmlPaths.isEmpty else {
    if !unsafe.isEmpty {
      return ValidationReport(files: [], issues: unsafe, schemaValidated: folder != nil, itemsChecked: 0, proofs: 0)
    }
    throw ValidationInputError(path: path, reason: "it holds no .xml file")
  }
  var fatal: ZipReader.Failure?
  let report = validate(xmlPaths, extraIssues: unsafe, schemas: folder, isPackage: true, workers: workers) { name in
    if fatal != nil { return .unreadable(XMLIssue(file: name, message: "not read")) }
    do throws(ZipReader.Failure) { return .data(try reader.contents(of: xmlEntries[name]!)) } catch {
      if error.isFatal { fatal = error }
      return .unreadable(XMLIssue(file: name, message: error.description))
    }
  }
  if let fatal { throw ValidationInputError(path: path, reason: fatal.description) }
  return report
}

/// A file of a package, read, or the issue that kept it from being read.
enum LoadedFile: Sendable {
  case data(Data)
  case unreadable(XMLIssue)
}

/// Checks files already in memory (see ``validatePackage(at:schemas:limits:workers:)``).
func validate(_ files: [PackageFile], schemas: SchemaFolder?, isPackage: Bool) -> ValidationReport {
  var byPath: [String: Data] = [:]
  for file in files { byPath[file.path] = file.data }
  return validate(files.map(\.path), extraIssues: [], schemas: schemas, isPackage: isPackage) { .data(byPath[$0]!) }
}

/// Checks the files at `paths`, loading each only when its turn comes (so a package is held a few files at a
/// time: at most two per worker); a file that cannot be loaded is an error issue. `extraIssues` come first.
/// Files are checked on `workers` threads; the report is the same whatever the number.
func validate(
  _ paths: [String], extraIssues: [XMLIssue], schemas: SchemaFolder?, isPackage: Bool, workers: Int = 1,
  load: (String) -> LoadedFile
) -> ValidationReport {
  var report = ValidationReport(
    files: paths, issues: extraIssues, schemaValidated: schemas != nil, itemsChecked: 0, proofs: 0)
  let pathSet = Set(paths)
  var next = 0
  OrderedWork.pipeline(
    workers: workers,
    produce: { () -> (path: String, file: LoadedFile)? in
      guard next < paths.count else { return nil }
      defer { next += 1 }
      return (paths[next], load(paths[next]))
    },
    state: {},
    transform: { _, loaded in
      checkFile(loaded.path, loaded.file, schemas: schemas, packagePaths: isPackage ? pathSet : nil)
    },
    consume: { result in
      report.itemsChecked += result.items
      report.proofs += result.proofs
      report.issues += result.issues
    })
  return report
}

/// The checks of one file of ``validate(_:extraIssues:schemas:isPackage:workers:load:)``: well-formed, its
/// references to other files of the package (`packagePaths`, nil for a lone file), its self-checks and its
/// schema.
private func checkFile(_ path: String, _ loaded: LoadedFile, schemas: SchemaFolder?, packagePaths: Set<String>?)
  -> SelfCheckResult
{
  var result = SelfCheckResult()
  let data: Data
  switch loaded {
  case .unreadable(let issue):
    var copy = issue
    copy.message = ValidationReport.unreadablePrefix + issue.message
    result.issues.append(copy)
    return result
  case .data(let bytes): data = bytes
  }
  switch XMLReader.parse(data, file: path) {
  case .failure(let list):
    result.issues += list.issues.map { issue in
      var copy = issue
      copy.message = ValidationReport.malformedPrefix + issue.message
      return copy
    }
    return result
  case .success(let root):
    if let packagePaths { result.issues += references(root, file: path, paths: packagePaths) }
    let check = SelfCheck.check(root, file: path)
    result.items = check.items
    result.proofs = check.proofs
    result.issues += check.issues
  }
  if let schemas { result.issues += schemas.validate(data, file: path) }
  return result
}

/// Manifest `file href`s and test `assessmentItemRef href`s that point at files the package lacks.
func references<Element: XMLElementView>(_ root: Element, file: String, paths: Set<String>) -> [XMLIssue] {
  let base = file.contains("/") ? String(file[..<file.lastIndex(of: "/")!]) + "/" : ""
  var targets: [(href: String, line: Int)] = []
  switch root.name {
  case "manifest":
    targets = root.descendants(named: ["file"]).compactMap { f in f[attribute: "href"].map { ($0, f.line) } }
  case "assessmentTest", "qti-assessment-test":
    targets = root.descendants(named: ["assessmentItemRef", "qti-assessment-item-ref"])
      .compactMap { r in r[attribute: "href"].map { ($0, r.line) } }
  default:
    return []
  }
  return targets.filter { !paths.contains(base + $0.href) && $0.href.lowercased().hasSuffix(".xml") }.map {
    XMLIssue(file: file, line: $0.line, message: "refers to '\($0.href)', which is not in the package")
  }
}
