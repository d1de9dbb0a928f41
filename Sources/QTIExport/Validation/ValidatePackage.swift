import Foundation

/// What ``validatePackage(at:schemas:)`` found.
public struct ValidationReport: Hashable, Sendable, CustomStringConvertible {
  /// The files checked, as paths inside the package or folder.
  public var files: [String]
  /// Every issue, errors first within each file, files in order.
  public var issues: [XMLIssue]
  /// Whether XSD validation ran (a schema folder was given and usable).
  public var schemaValidated: Bool
  /// Items (QTI items, Canvas questions) whose scoring the self-check evaluated.
  public var itemsChecked: Int
  /// Self-check proofs that passed.
  public var proofs: Int

  /// The issues that are errors.
  public var errors: [XMLIssue] { issues.filter { $0.severity == .error } }

  /// Whether no error was found.
  public var isValid: Bool { errors.isEmpty }

  /// One issue per line, then a summary.
  public var description: String {
    var lines = issues.map(\.description)
    lines.append("\(files.count) files: well-formed \(wellFormedCount)/\(files.count); "
      + "self-checks: \(itemsChecked) items, \(proofs) proofs passed; "
      + (schemaValidated ? "XSD validation: done" : "XSD validation: skipped (no --schemas folder given)"))
    lines.append(isValid ? "valid" : "\(errors.count) problems found")
    return lines.joined(separator: "\n")
  }

  private var wellFormedCount: Int {
    let malformed = Set(issues.filter { $0.message.hasPrefix(ValidationReport.malformedPrefix) }.map(\.file))
    return files.count - malformed.count
  }

  static let malformedPrefix = "not well-formed: "
}

/// Why a path cannot be validated at all (the CLI exits with status 2).
public struct ValidationInputError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The path given.
  public var path: String
  /// What is wrong with it.
  public var reason: String

  /// Creates an error.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// `cannot validate 'x': reason`.
  public var description: String { "cannot validate '\(path)': \(reason)" }
}

/// Checks a package (`.zip`), a folder of XML files, or one `.xml` file: well-formedness (read with network and
/// entity expansion off), the references between manifest, test and items, the scoring self-checks, and, when
/// `schemas` is given, XSD validation against the official schemas.
///
/// ```swift
/// let report = try validatePackage(at: URL(fileURLWithPath: "quiz-qti21.zip"), schemas: schemaFolder)
/// report.isValid        // true
/// print(report)         // issues with file:line, then a summary
/// ```
///
/// - Parameters:
///   - url: A `.zip`, a folder, or an `.xml` file.
///   - schemas: A folder laid out like `shared/qti-schemas`, or `nil` to skip XSD validation.
/// - Returns: The report.
/// - Throws: ``ValidationInputError`` when the path is missing, is not a zip, holds no XML file, or the schema
///   folder is not usable.
public func validatePackage(at url: URL, schemas: URL?) throws(ValidationInputError) -> ValidationReport {
  let path = url.path
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
    throw ValidationInputError(path: path, reason: "no such file or folder")
  }
  let folder = schemas.map(SchemaFolder.init)
  if let folder, !folder.isUsable {
    throw ValidationInputError(path: folder.url.path, reason: "not a schema folder (catalog.xml or qti21/imsqti_v2p1.xsd is missing)")
  }
  var files: [PackageFile] = []
  if isDirectory.boolValue {
    let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
    var found: [String] = []
    while let next = enumerator?.nextObject() as? URL {
      guard next.pathExtension.lowercased() == "xml" else { continue }
      found.append(String(next.standardizedFileURL.path.dropFirst(url.standardizedFileURL.path.count + 1)))
    }
    for relative in found.sorted() {
      guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(relative).path) else { continue }
      files.append(PackageFile(path: relative, data: data))
    }
  } else {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ValidationInputError(path: path, reason: "the file cannot be read")
    }
    if url.pathExtension.lowercased() == "zip" || data.starts(with: [0x50, 0x4b, 0x03, 0x04]) {
      do {
        files = try ZipReader.entries(of: data).filter { $0.path.lowercased().hasSuffix(".xml") }
          .map { PackageFile(path: $0.path, data: $0.data) }
      } catch {
        throw ValidationInputError(path: path, reason: error.description)
      }
    } else {
      files = [PackageFile(path: url.lastPathComponent, data: data)]
    }
  }
  guard !files.isEmpty else { throw ValidationInputError(path: path, reason: "it holds no .xml file") }
  return validate(files, schemas: folder, isPackage: isDirectory.boolValue || files.count > 1 || files.first?.path != url.lastPathComponent)
}

/// Checks files already in memory (see ``validatePackage(at:schemas:)``).
func validate(_ files: [PackageFile], schemas: SchemaFolder?, isPackage: Bool) -> ValidationReport {
  var report = ValidationReport(files: files.map(\.path), issues: [], schemaValidated: schemas != nil, itemsChecked: 0, proofs: 0)
  let paths = Set(files.map(\.path))
  for file in files {
    switch XMLReader.parse(file.data, file: file.path) {
    case let .failure(list):
      report.issues += list.issues.map { issue in
        var copy = issue
        copy.message = ValidationReport.malformedPrefix + issue.message
        return copy
      }
      continue
    case let .success(root):
      if isPackage { report.issues += references(root, file: file.path, paths: paths) }
      let result = SelfCheck.check(root, file: file.path)
      report.itemsChecked += result.items
      report.proofs += result.proofs
      report.issues += result.issues
    }
    if let schemas { report.issues += schemas.validate(file.data, file: file.path) }
  }
  return report
}

/// Manifest `file href`s and test `assessmentItemRef href`s that point at files the package lacks.
func references(_ root: XMLNode, file: String, paths: Set<String>) -> [XMLIssue] {
  let base = file.contains("/") ? String(file[..<file.lastIndex(of: "/")!]) + "/" : ""
  var targets: [(href: String, line: Int)] = []
  switch root.name {
  case "manifest":
    targets = root.descendants("file").compactMap { f in f[attribute: "href"].map { ($0, f.line) } }
  case "assessmentTest", "qti-assessment-test":
    targets = (root.descendants("assessmentItemRef") + root.descendants("qti-assessment-item-ref"))
      .compactMap { r in r[attribute: "href"].map { ($0, r.line) } }
  default:
    return []
  }
  return targets.filter { !paths.contains(base + $0.href) && $0.href.lowercased().hasSuffix(".xml") }.map {
    XMLIssue(file: file, line: $0.line, message: "refers to '\($0.href)', which is not in the package")
  }
}
