/// One reason an export cannot be written: which format, template, variant and part, and what is wrong.
package struct ExportProblem: Hashable, Sendable, CustomStringConvertible {
  /// The format that cannot hold it.
  package var format: QTIFormat
  /// The template.
  package var template: String
  /// The variant.
  package var variant: String
  /// The part (answer identifier), if the problem is about one part.
  package var answer: String?
  /// What is wrong, quoting the value.
  package var message: String

  /// `canvas: template 'x', variant 'x-01', answer 'Q': …`.
  package var description: String {
    var place = "\(format.rawValue): template '\(template)', variant '\(variant)'"
    if let answer { place += ", answer '\(answer)'" }
    return place + ": " + message
  }
}

/// Why ``exportPackages(_:formats:to:baseName:workers:)`` wrote nothing, or stopped.
package struct ExportError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What kind of failure.
  package enum Code: Hashable, Sendable {
    /// Some keys cannot be written in a requested format (nothing was written).
    case unexportable
    /// A written file failed its own self-check: a bug in the exporter (the package was not kept).
    case selfCheckFailed
    /// The packages or the report could not be written to disk.
    case io
  }

  /// What kind of failure.
  package var code: Code
  /// The problems, for ``Code/unexportable``.
  package var problems: [ExportProblem]
  /// The failed checks, for ``Code/selfCheckFailed``.
  package var issues: [XMLIssue]
  /// A summary line.
  package var message: String

  /// Creates an error.
  package init(code: Code, message: String, problems: [ExportProblem] = [], issues: [XMLIssue] = []) {
    self.code = code
    self.message = message
    self.problems = problems
    self.issues = issues
  }

  /// The summary and one line per problem or issue.
  package var description: String {
    ([message] + problems.map { "  " + $0.description } + issues.map { "  " + $0.description })
      .joined(separator: "\n")
  }
}
