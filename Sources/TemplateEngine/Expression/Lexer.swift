import QuizModel

/// A stretch of the source, in `Character`s.
struct Span: Hashable, Sendable {
  var offset: Int
  var length: Int

  /// The smallest span covering both.
  func union(_ other: Span) -> Span {
    let start = Swift.min(offset, other.offset)
    let end = Swift.max(offset + length, other.offset + other.length)
    return Span(offset: start, length: end - start)
  }
}

/// One token of an expression.
struct Token: Hashable, Sendable {
  enum Kind: Hashable, Sendable {
    case number(Double)
    case string(String)
    case identifier(String)
    case symbol(Symbol)
    case end
  }

  /// The operators and punctuation, with `and`, `or`, `not` (and their C spellings) among them; the
  /// arithmetic and comparison operators are the expression tree's own.
  enum Symbol: Hashable, Sendable {
    case arithmetic(ArithmeticOperator)
    case comparison(ComparisonOperator)
    case and, or, not
    case leftParen, rightParen, comma
  }

  var kind: Kind
  var span: Span
  /// The token as written (`&&`, `and`, `−`), for messages.
  var text: String
}

/// Splits an expression into tokens.
///
/// Offsets count `Character`s. Whitespace separates tokens; a U+2212 minus sign (`−`) is read as `-`, so that
/// numbers copied from a formatted key work.
struct Lexer {
  private let characters: [Character]
  private let source: String
  private var position = 0

  init(_ source: String) {
    self.source = source
    characters = Array(source)
  }

  /// All the tokens, ending with ``Token/Kind/end``.
  static func tokens(of source: String) throws(ExpressionError) -> [Token] {
    var lexer = Lexer(source)
    var tokens: [Token] = []
    while true {
      let token = try lexer.next()
      tokens.append(token)
      if token.kind == .end { return tokens }
    }
  }

  private func peek(_ ahead: Int = 0) -> Character? {
    position + ahead < characters.count ? characters[position + ahead] : nil
  }

  private static func isDigit(_ c: Character?) -> Bool {
    guard let c, c.isASCII else { return false }
    return ("0"..."9").contains(c)
  }

  private static func isIdentifierStart(_ c: Character?) -> Bool {
    guard let c, c.isASCII else { return false }
    return c.isLetter || c == "_"
  }

  private static func isIdentifierPart(_ c: Character?) -> Bool { isIdentifierStart(c) || isDigit(c) }

  private func error(_ message: String, at offset: Int, length: Int = 1) -> ExpressionError {
    ExpressionError(.syntax, message, offset: offset, length: length, source: source)
  }

  private mutating func next() throws(ExpressionError) -> Token {
    while let c = peek(), c.isWhitespace { position += 1 }
    let start = position
    guard let c = peek() else { return Token(kind: .end, span: Span(offset: start, length: 1), text: "") }

    func symbol(_ s: Token.Symbol, length: Int) -> Token {
      position += length
      return Token(
        kind: .symbol(s), span: Span(offset: start, length: length),
        text: String(characters[start..<start + length]))
    }

    if Self.isDigit(c) || (c == "." && Self.isDigit(peek(1))) { return try number() }
    if Self.isIdentifierStart(c) {
      while Self.isIdentifierPart(peek()) { position += 1 }
      let name = String(characters[start..<position])
      let span = Span(offset: start, length: position - start)
      switch name {
      case "and": return Token(kind: .symbol(.and), span: span, text: name)
      case "or": return Token(kind: .symbol(.or), span: span, text: name)
      case "not": return Token(kind: .symbol(.not), span: span, text: name)
      default: return Token(kind: .identifier(name), span: span, text: name)
      }
    }
    if c == "\"" || c == "'" { return try string(quote: c) }

    switch c {
    case "-", "\u{2212}": return symbol(.arithmetic(.subtract), length: 1)
    case "+": return symbol(.arithmetic(.add), length: 1)
    case "*": return symbol(.arithmetic(.multiply), length: 1)
    case "/": return symbol(.arithmetic(.divide), length: 1)
    case "%": return symbol(.arithmetic(.remainder), length: 1)
    case "^": return symbol(.arithmetic(.power), length: 1)
    case "(": return symbol(.leftParen, length: 1)
    case ")": return symbol(.rightParen, length: 1)
    case ",": return symbol(.comma, length: 1)
    case "<": return peek(1) == "=" ? symbol(.comparison(.lessEqual), length: 2) : symbol(.comparison(.less), length: 1)
    case ">":
      return peek(1) == "=" ? symbol(.comparison(.greaterEqual), length: 2) : symbol(.comparison(.greater), length: 1)
    case "=":
      if peek(1) == "=" { return symbol(.comparison(.equal), length: 2) }
      throw error("unexpected '='; write '==' to compare", at: start)
    case "!": return peek(1) == "=" ? symbol(.comparison(.notEqual), length: 2) : symbol(.not, length: 1)
    case "&":
      if peek(1) == "&" { return symbol(.and, length: 2) }
      throw error("unexpected '&'; write '&&' or 'and'", at: start)
    case "|":
      if peek(1) == "|" { return symbol(.or, length: 2) }
      throw error("unexpected '|'; write '||' or 'or'", at: start)
    default:
      throw error("unexpected character '\(c)'", at: start)
    }
  }

  /// `140`, `0.05`, `.5`, `1e-3`, `6.02E23`. A number run into letters (`2x`, `1e`) is malformed.
  private mutating func number() throws(ExpressionError) -> Token {
    let start = position
    while Self.isDigit(peek()) { position += 1 }
    if peek() == ".", Self.isDigit(peek(1)) || position > start {
      position += 1
      while Self.isDigit(peek()) { position += 1 }
    }
    var malformed = false
    if peek() == "e" || peek() == "E" {
      position += 1
      if peek() == "+" || peek() == "-" { position += 1 }
      if Self.isDigit(peek()) {
        while Self.isDigit(peek()) { position += 1 }
      } else {
        malformed = true
      }
    }
    if Self.isIdentifierPart(peek()) || peek() == "." {
      malformed = true
      while Self.isIdentifierPart(peek()) || peek() == "." { position += 1 }
    }
    let text = String(characters[start..<position])
    let span = Span(offset: start, length: position - start)
    guard !malformed, let value = Double(text), value.isFinite else {
      if !malformed, Double(text) != nil {
        throw error("number '\(text)' is too large", at: start, length: span.length)
      }
      throw error("malformed number '\(text)'", at: start, length: span.length)
    }
    return Token(kind: .number(value), span: span, text: text)
  }

  /// A string in single or double quotes. A backslash escapes the next character (`\"`, `\\`); `\n` and
  /// `\t` are a newline and a tab.
  private mutating func string(quote: Character) throws(ExpressionError) -> Token {
    let start = position
    position += 1
    var value = ""
    while let c = peek() {
      position += 1
      if c == quote {
        return Token(
          kind: .string(value), span: Span(offset: start, length: position - start),
          text: String(characters[start..<position]))
      }
      if c == "\\", let escaped = peek() {
        position += 1
        switch escaped {
        case "n": value.append("\n")
        case "t": value.append("\t")
        default: value.append(escaped)
        }
      } else {
        value.append(c)
      }
    }
    let text = String(characters[start..<position])
    throw error("unterminated string \(text); add the closing \(quote)", at: start, length: position - start)
  }
}
