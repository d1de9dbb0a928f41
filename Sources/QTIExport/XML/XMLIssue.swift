import QuizModel

/// One problem found in an XML file: where it is and what is wrong.
///
/// ```swift
/// XMLIssue(file: "items/nernst-01.xml", line: 12, column: 0, message: "Element 'equal': …")
///     .description   // "items/nernst-01.xml:12: error: Element 'equal': …"
/// ```
package struct XMLIssue: Hashable, Sendable, CustomStringConvertible {
  /// How serious an issue is.
  package enum Severity: String, Hashable, Sendable {
    /// The file is malformed, invalid, or scores wrongly.
    case error
    /// Worth a look, but the file works.
    case warning
    /// Information: something was skipped or set aside, and why.
    case note
  }

  /// The file, as a path inside the package or folder (or the name given for a single file).
  package var file: String
  /// The 1-based line, or 0 when no line applies.
  package var line = 0
  /// The 1-based column, or 0 when unknown (libxml2 gives columns for parse errors only).
  package var column = 0
  /// How serious it is.
  package var severity = Severity.error
  /// What is wrong, quoting the bad value where there is one.
  package var message: String

  /// `file:line:column: severity: message`, leaving out the parts that are unknown.
  package var description: String {
    "\(FilePosition(file: file, line: line, column: column)): \(severity.rawValue): \(message)"
  }
}
