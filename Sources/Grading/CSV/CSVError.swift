import QuizModel

/// A problem with a submissions file as a whole: it cannot be read, it is not well-formed CSV, or its header
/// is not one of the supported formats.
///
/// The message says where (file, row, column) and quotes the offending text:
///
/// ```
/// quiz.csv:7:3: a quote opens a field but is never closed (from "−95 mV…)
/// ```
///
/// Rows are counted as a spreadsheet shows them: the header is row 1. Columns are counted from 1.
package struct CSVError: Error, CustomStringConvertible, Hashable, Sendable {
  /// What kind of problem.
  package enum Code: String, Hashable, Sendable {
    /// The file could not be opened or read.
    case unreadableFile
    /// The file has no header row.
    case emptyFile
    /// A quoted field is never closed.
    case unterminatedQuote
    /// A quote appears inside an unquoted field.
    case quoteInUnquotedField
    /// Text follows the closing quote of a quoted field.
    case textAfterClosingQuote
    /// A row has more non-empty fields than the header has columns.
    case tooManyFields
    /// A field or a record is longer, or a record has more fields, than ``CSVReader/Limits`` allow.
    case tooLarge
    /// The UTF-16 text is cut in the middle of a character.
    case invalidEncoding
    /// The header matches none of the supported formats, or lacks a column the chosen format needs.
    case unknownHeader
    /// A roster row names no student, or a student another row already names.
    case invalidRoster
  }

  /// What kind of problem.
  package var code: Code
  /// The file's name (not its full path), or `input` for text in memory.
  package var file: String
  /// The row (the header is row 1), or 0 when the problem is not in a row.
  package var row: Int
  /// The column, from 1, or 0 when the problem is not in a column.
  package var column: Int
  /// What went wrong, quoting the bad text.
  package var message: String

  /// Creates an error; `row` and `column` count from 1 (0 means "not applicable").
  package init(_ code: Code, file: String, row: Int = 0, column: Int = 0, message: String) {
    self.code = code
    self.file = file
    self.row = row
    self.column = column
    self.message = message
  }

  /// `file:row:column: message`, in the one format of every error's place (``FilePosition``).
  package var description: String { "\(FilePosition(file: file, line: row, column: column)): \(message)" }
}

/// Quotes a piece of user text for an error message or feedback, with line breaks shown as `\n` and `\r`,
/// shortened to `limit` characters.
func quoted(_ text: String, limit: Int = 40) -> String {
  var out = "\""
  var count = 0
  for scalar in text.unicodeScalars {
    if count == limit {
      out += "…"
      break
    }
    switch scalar {
    case "\r": out += "\\r"
    case "\n": out += "\\n"
    default: out.unicodeScalars.append(scalar)
    }
    count += 1
  }
  return out + "\""
}
