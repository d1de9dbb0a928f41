public import ArgumentParser
import Foundation
import Grading
public import PhysicsCore
import QTIExport

// The libraries' value types as command-line arguments: ArgumentParser reads them, lists their values in
// --help and in shell completion, and rejects anything else with status 64 and the list of what it takes.

extension QTIFormat: ExpressibleByArgument {}
extension SubmissionFormat: ExpressibleByArgument {}
extension AttemptsRule: ExpressibleByArgument {}

extension Ion: ExpressibleByArgument {
  /// Any spelling ``Ion/init(symbol:)`` accepts: `K+`, `Ca2+`, `Ca++`, `potassium`, `Cl−`.
  public init?(argument: String) { self.init(symbol: argument) }

  public var defaultValueDescription: String { symbol }

  /// The ASCII symbols, as --help and completion offer them.
  public static var allValueStrings: [String] { Ion.all.map(\.symbol) }
}

/// The `--format` of `generate`: package formats, comma-separated (`canvas,qti21`), or `none`.
struct FormatList: ExpressibleByArgument, Sendable {
  /// The formats asked for, in the order given, each once.
  var formats: [QTIFormat]

  init(_ formats: [QTIFormat]) { self.formats = formats }

  init?(argument: String) {
    if argument == "none" {
      formats = []
      return
    }
    var formats: [QTIFormat] = []
    for name in argument.split(separator: ",", omittingEmptySubsequences: false) {
      guard let format = QTIFormat(rawValue: name.trimmingCharacters(in: .whitespaces)) else { return nil }
      if !formats.contains(format) { formats.append(format) }
    }
    self.formats = formats
  }

  /// Every format, the default.
  static let all = FormatList(QTIFormat.allCases)

  var defaultValueDescription: String { formats.isEmpty ? "none" : formats.map(\.rawValue).joined(separator: ",") }

  static var allValueStrings: [String] { QTIFormat.allCases.map(\.rawValue) + ["none"] }

  /// Completion offers each format; a shell completes one item of the list at a time.
  static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
