import PhysicsCore
import QuizModel

/// Text with `{placeholders}`: a stem, a prompt, a feedback message.
///
/// A placeholder holds an expression and an optional format after a colon:
///
/// | placeholder | shows |
/// |---|---|
/// | `{inside_mM}` | a parameter exactly as displayed (`140`, `−70`, `K⁺`) |
/// | `{E}` | a computed number to 3 significant figures with a real minus sign (`−95.0`) |
/// | `{E:4sf}` / `{E:1d}` | 4 significant figures / 1 decimal |
/// | `{df:+3sf}` | with an explicit sign for positive values (`+25.0`) |
/// | `{Vm_mV:+}` | a parameter as displayed, with `+` when positive (`+30`) |
/// | `{abs(df):3sf}` | any expression |
/// | `{ion:name}` / `{ion:symbol}` | an ion's name (`potassium`) or ASCII symbol (`K+`) |
///
/// `{{` and `}}` write literal braces.
package struct TextTemplate: Sendable {
  enum Segment: Sendable {
    case literal(String)
    case placeholder(Placeholder)
  }

  /// A `{placeholder}`: its expression, its format, its character offset in ``source``, and the expression's
  /// text without surrounding spaces (the parameter whose display it shows, when it names one).
  struct Placeholder: Sendable {
    var expression: Expression
    var format: Format
    var offset: Int
    var name: String
  }

  enum Format: Sendable, Equatable {
    case automatic
    /// As displayed, with `+` before a positive number.
    case automaticWithPlus
    case number(NumberFormat, explicitPlus: Bool)
    case ionName
    case ionSymbol
  }

  /// The text as written.
  package let source: String
  let segments: [Segment]

  /// A problem in the text, at a character offset.
  struct ParseError: Error {
    var message: String
    var offset: Int
    var length: Int
  }

  /// Text with no placeholders, taken as it is.
  init(literal: String) {
    source = literal
    segments = literal.isEmpty ? [] : [.literal(literal)]
  }

  /// Parses `source`.
  init(parsing source: String) throws(ParseError) {
    self.source = source
    var segments: [Segment] = []
    var literal = ""
    let characters = Array(source)
    var i = 0
    while i < characters.count {
      let c = characters[i]
      if c == "{", i + 1 < characters.count, characters[i + 1] == "{" {
        literal.append("{")
        i += 2
      } else if c == "}", i + 1 < characters.count, characters[i + 1] == "}" {
        literal.append("}")
        i += 2
      } else if c == "}" {
        throw ParseError(message: "unmatched '}' (write '}}' for a literal brace)", offset: i, length: 1)
      } else if c == "{" {
        guard let close = TextTemplate.closingBrace(in: characters, from: i + 1) else {
          throw ParseError(message: "unclosed '{' placeholder", offset: i, length: 1)
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        literal = ""
        let body = String(characters[(i + 1)..<close])
        let (expressionText, formatText) = TextTemplate.splitFormat(body)
        let format: Format
        do { format = try TextTemplate.format(formatText) } catch {
          throw ParseError(
            message: error.message, offset: i + 1 + expressionText.count + 1, length: formatText?.count ?? 1)
        }
        guard !expressionText.allSatisfy(\.isWhitespace) else {
          throw ParseError(message: "empty placeholder '{}'", offset: i, length: close - i + 1)
        }
        do {
          let expression = try Expression(parsing: expressionText)
          segments.append(
            .placeholder(
              Placeholder(
                expression: expression, format: format, offset: i + 1,
                name: expression.source.trimmingSpaces())))
        } catch {
          throw ParseError(message: error.message, offset: i + 1 + error.offset, length: error.length)
        }
        i = close + 1
      } else {
        literal.append(c)
        i += 1
      }
    }
    if !literal.isEmpty { segments.append(.literal(literal)) }
    self.segments = segments
  }

  /// The expressions in the placeholders, with their character offsets in ``source``.
  var placeholders: [(expression: Expression, offset: Int)] {
    segments.compactMap { if case .placeholder(let p) = $0 { (p.expression, p.offset) } else { nil } }
  }

  private static func closingBrace(in characters: [Character], from start: Int) -> Int? {
    var quote: Character?
    var i = start
    while i < characters.count {
      let c = characters[i]
      if let q = quote {
        if c == q { quote = nil }
      } else if c == "\"" || c == "'" {
        quote = c
      } else if c == "}" {
        return i
      } else if c == "{" {
        return nil
      }
      i += 1
    }
    return nil
  }

  /// Splits `expr:format` at the last colon outside quotes.
  private static func splitFormat(_ body: String) -> (String, String?) {
    var quote: Character?
    var colon: String.Index?
    for index in body.indices {
      let c = body[index]
      if let q = quote {
        if c == q { quote = nil }
      } else if c == "\"" || c == "'" {
        quote = c
      } else if c == ":" {
        colon = index
      }
    }
    guard let colon else { return (body, nil) }
    return (String(body[..<colon]), String(body[body.index(after: colon)...]))
  }

  private static func format(_ text: String?) throws(ParseError) -> Format {
    guard let raw = text?.trimmingSpaces() else { return .automatic }
    switch raw {
    case "+": return .automaticWithPlus
    case "name": return .ionName
    case "symbol": return .ionSymbol
    default: break
    }
    var spec = Substring(raw)
    let plus = spec.first == "+"
    if plus { spec = spec.dropFirst() }
    if spec.hasSuffix("sf"), let n = Int(spec.dropLast(2)), (1...15).contains(n) {
      return .number(.significantFigures(n), explicitPlus: plus)
    }
    if spec.hasSuffix("d"), let n = Int(spec.dropLast(1)), (0...15).contains(n) {
      return .number(.decimals(n), explicitPlus: plus)
    }
    throw ParseError(
      message: "unknown format '\(raw)'; use Nsf (significant figures), Nd (decimals), +Nsf, name or symbol",
      offset: 0, length: raw.count)
  }
}

/// The values a draw has so far, by slot of its ``DrawProgram``, and how its parameters are displayed.
struct Environment: Sendable {
  var values: [ExpressionValue]
  /// By parameter, in declaration order.
  var displays: [String]
}

extension String {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s.removeFirst() }
    while s.last?.isWhitespace == true { s.removeLast() }
    return String(s)
  }
}
