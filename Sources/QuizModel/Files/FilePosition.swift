/// Where something is in a file: the one way every error and issue names its place.
///
/// ```swift
/// FilePosition(file: "responses.csv", line: 12, column: 3).description   // "responses.csv:12:3"
/// FilePosition(file: "key.jsonl", line: 4).description                  // "key.jsonl:4"
/// FilePosition(file: "bank.yaml").description                            // "bank.yaml"
/// ```
public struct FilePosition: Hashable, Sendable, CustomStringConvertible {
  /// The file, as given or as a path inside a package.
  public var file: String
  /// The line (for a CSV file, the row; the header is row 1), from 1; 0 when the place is the whole file.
  public var line: Int
  /// The column (for a CSV file, the field), from 1; 0 when unknown or not applicable.
  public var column: Int

  /// Creates a position; a line or column of 0 is left out of the description.
  public init(file: String, line: Int = 0, column: Int = 0) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column`, as compilers write it, leaving out a column or line that is 0 (never `file:0:0`).
  public var description: String {
    guard line > 0 else { return file }
    return column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)"
  }
}
