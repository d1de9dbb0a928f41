import QuizModel

/// A problem with an expression: it does not parse, or it cannot be evaluated with the given variables.
///
/// The error points at the offending token by its offset in ``source``, counted in `Character`s from 0,
/// so that a caller that knows where the expression sits in a file can turn it into a line and a column.
/// Its ``description`` shows the column, the message, the source and a caret line:
///
/// ```
/// column 5: unknown variable 'Vm'; did you mean 'Vm_mV'?
///   abs(Vm - E) > 5
///       ^^
/// ```
///
/// ``code`` tells the kinds apart; ``isDomainError`` says whether the expression is fine and only the values
/// it was given are out of its domain (a division by zero, the logarithm of a negative number, a zero
/// concentration), so that a generator drawing random values can draw again.
package struct ExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong, quoting the bad token or value: "unknown function 'nerst'; did you mean 'nernst'?".
  package var message: String
  /// The 0-based offset of the offending token in ``source``, in `Character`s. It equals the length of the
  /// source when the problem is an unexpected end of input.
  package var offset: Int
  /// The length of the offending token in `Character`s (at least 1), for the caret line.
  package var length: Int
  /// The whole expression the error is about.
  package var source: String
  /// The kind of problem.
  package var code: Code

  /// Creates an error; `length` is raised to 1 if smaller.
  package init(_ code: Code, _ message: String, offset: Int, length: Int, source: String) {
    self.code = code
    self.message = message
    self.offset = offset
    self.length = Swift.max(length, 1)
    self.source = source
  }

  /// The kind of an ``ExpressionError``. New kinds may be added.
  package struct Code: Hashable, Sendable, CustomStringConvertible {
    private let name: String
    private init(_ name: String) { self.name = name }

    /// The text does not follow the grammar: an unexpected character or token, an unterminated string, a
    /// malformed number, a missing `)`, an unexpected end of input.
    package static let syntax = Code("syntax")
    /// A call to a function the language does not have.
    package static let unknownFunction = Code("unknown function")
    /// A function called with the wrong number of arguments.
    package static let argumentCount = Code("argument count")
    /// A variable that is not among the values the expression was evaluated with.
    package static let unknownVariable = Code("unknown variable")
    /// An operator or a function given a value of the wrong type ("'+' needs numbers, got a string"), or an
    /// expression whose result is not of the type asked for.
    package static let typeMismatch = Code("type mismatch")
    /// A division or a remainder by zero.
    package static let divisionByZero = Code("division by zero")
    /// A result that is NaN or infinite (`ln(-1)`, `sqrt(-1)`, `exp(1000)`), or a variable that is.
    package static let nonFinite = Code("non-finite")
    /// A function argument outside the function's domain: a zero concentration, a valence that is not a
    /// whole number, a temperature at or below absolute zero.
    package static let domain = Code("domain")

    /// The name of the kind: "syntax", "unknown variable", ….
    package var description: String { name }
  }

  /// Whether the expression itself is well-formed and only the values it was evaluated with are out of its
  /// domain: a division by zero, a non-finite result or an argument a function rejects.
  package var isDomainError: Bool { code == .divisionByZero || code == .nonFinite || code == .domain }

  /// The 1-based line of the offending token within ``source`` (1 unless the source spans lines).
  package var line: Int { position.line }

  /// The 1-based column of the offending token within its line.
  package var column: Int { position.column }

  /// "column N: message", or "line L, column N: message" for a source of several lines, then the source line
  /// and a caret line under the offending token.
  package var description: String {
    let (line, column) = position
    let lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    let place = lines.count > 1 ? "line \(line), column \(column)" : "column \(column)"
    let text = line - 1 < lines.count ? String(lines[line - 1]) : ""
    let lineLength = text.count
    let caretCount = Swift.max(1, Swift.min(length, lineLength - (column - 1)))
    let caret = String(repeating: " ", count: column - 1) + String(repeating: "^", count: caretCount)
    return "\(place): \(message)\n  \(text)\n  \(caret)"
  }

  private var position: (line: Int, column: Int) {
    var line = 1
    var column = 1
    for (index, character) in source.enumerated() {
      if index >= offset { break }
      if character.isNewline {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return (line, column)
  }
}
