import ArgumentParser
import Foundation
import QTIExport

/// `nernstquiz validate PATH [--schemas DIR]`: checks an exported package, a folder or one XML file.
struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a QTI package, a folder of QTI files, or one QTI file.",
    usage: "nernstquiz validate <path> [--schemas <dir>] [<limits>]",
    discussion: """
      Checks that every XML file is well-formed (read with network access and
      entity expansion off), that the manifest and test refer only to files in
      the package, and that every item scores its own key: the key gets full
      marks, a value just outside the accepted interval does not, and each
      misconception value shows its feedback. With --schemas, every file is also
      validated against the official XSDs in that folder (laid out like
      shared/qti-schemas, with its catalog.xml); without it, XSD validation is
      skipped and the output says so.

      The package is read as untrusted: one file at a time, inflated in chunks, under
      limits that --max-file-size, --max-total-size and --max-entries raise (a Canvas
      package of tens of thousands of questions holds one large assessment file).
      ZIP64 archives are read; entry names unsafe to extract (.., absolute paths,
      symbolic links) and documents with a DTD are errors.

      Examples:
        nernstquiz validate out/default-qti21.zip
        nernstquiz validate out --schemas ../shared/qti-schemas

      \(ExitStatusTable.validate.help)
      """
  )

  @Argument(help: "A .zip package, a folder, or one .xml file.")
  var path: String

  @Option(help: ArgumentHelp("The official QTI and IMS CP schemas, with catalog.xml.", valueName: "dir"))
  var schemas: String?

  @Option(
    name: .customLong("max-file-size"),
    help: ArgumentHelp("The most one file may inflate to, in MB (default: 64).", valueName: "MB"))
  var maxFileSize: Int = PackageLimits().maximumFileBytes >> 20

  @Option(
    name: .customLong("max-total-size"),
    help: ArgumentHelp("The most all files together may inflate to, in MB (default: 1024).", valueName: "MB"))
  var maxTotalSize: Int = PackageLimits().maximumTotalBytes >> 20

  @Option(
    name: .customLong("max-entries"),
    help: ArgumentHelp("The most entries a package may have (default: 100000).", valueName: "n"))
  var maxEntries: Int = PackageLimits().maximumEntries

  @OptionGroup var jobs: Jobs

  func validate() throws {
    for (name, value) in [
      ("--max-file-size", maxFileSize), ("--max-total-size", maxTotalSize), ("--max-entries", maxEntries),
    ]
    where value < 1 || value > 1 << 40 {
      throw ValidationError("'\(name)' must be a positive whole number, got \(value).")
    }
    guard FileManager.default.fileExists(atPath: path) else {
      throw ValidationError("No package, folder or file at '\(path)'.")
    }
  }

  func run() throws {
    let report: ValidationReport
    let limits = PackageLimits(
      maximumFileBytes: maxFileSize << 20, maximumTotalBytes: maxTotalSize << 20, maximumEntries: maxEntries)
    do {
      report = try validatePackage(
        at: URL(fileURLWithPath: path), schemas: schemas.map { URL(fileURLWithPath: $0) }, limits: limits,
        workers: jobs.count)
    } catch {
      throw CommandFailure("\(error)")
    }
    Terminal.out(report)
    if !report.isValid { throw ExitStatus.attention.exit }
  }
}
