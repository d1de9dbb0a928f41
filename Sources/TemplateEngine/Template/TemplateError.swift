import QuizModel

/// A problem in a template or bank file, with the place it was found.
///
/// The description reads like a compiler diagnostic, with the offending line and a caret:
///
///     Templates/nernst.yaml:14:19: error: unknown variable 'Vm' (did you mean 'Vm_mV'?)
///        value: nernst(z, Vm, 4, 37)
///                         ^~
package struct TemplateError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file, as given to the loader.
  package var file: String
  /// 1-based line; 0 when the problem is about the file as a whole.
  package var line: Int
  /// 1-based column; 0 when unknown.
  package var column: Int
  /// What is wrong and what was expected.
  package var message: String
  /// The source line, for the caret display.
  package var sourceLine: String?
  /// How many characters to underline.
  package var length: Int

  package init(file: String, line: Int, column: Int, message: String, sourceLine: String? = nil, length: Int = 1) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.sourceLine = sourceLine
    self.length = max(length, 1)
  }

  package var description: String {
    // A compiler diagnostic always has a column: the first when the problem is about the whole line.
    var text = "\(FilePosition(file: file, line: line, column: max(column, 1))): error: \(message)"
    if let sourceLine, column > 0 {
      let pad = String(repeating: " ", count: column - 1)
      text += "\n" + sourceLine + "\n" + pad + "^" + String(repeating: "~", count: max(0, length - 1))
    }
    return text
  }
}
