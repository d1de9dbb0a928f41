import ArgumentParser
import Foundation
import QTIExport

/// `nernstquiz validate PATH [--schemas DIR]`: checks an exported package, a folder or one XML file.
struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a QTI package, a folder of QTI files, or one QTI file.",
    discussion: """
      Checks that every XML file is well-formed (read with network access and
      entity expansion off), that the manifest and test refer only to files in
      the package, and that every item scores its own key: the key gets full
      marks, a value just outside the accepted interval does not, and each
      misconception value shows its feedback. With --schemas, every file is also
      validated against the official XSDs in that folder (laid out like
      shared/qti-schemas, with its catalog.xml); without it, XSD validation is
      skipped and the output says so.

      Exit status: 0 valid, 1 problems found, 2 the input cannot be read.

        nernstquiz validate out/quiz-qti21.zip --schemas ../shared/qti-schemas
      """
  )

  @Argument(help: "A .zip package, a folder, or one .xml file.")
  var path: String

  @Option(help: ArgumentHelp("A folder of the official QTI and IMS CP schemas, with catalog.xml.", valueName: "dir"))
  var schemas: String?

  func run() throws {
    let report: ValidationReport
    do {
      report = try validatePackage(at: URL(fileURLWithPath: path), schemas: schemas.map { URL(fileURLWithPath: $0) })
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode(2)
    }
    print(report)
    if !report.isValid { throw ExitCode(1) }
  }
}
