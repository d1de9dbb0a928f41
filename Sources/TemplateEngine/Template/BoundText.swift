import PhysicsCore
import QuizModel

/// A ``TextTemplate`` bound to the slots of a ``DrawProgram``: literal text kept as UTF-8, a placeholder that
/// shows a parameter as displayed read from the parameter's display, every other placeholder a
/// ``BoundExpression``.
///
/// The pieces hold no references (a literal is a range of ``literals``, an expression an index into
/// ``expressions``), so rendering walks them without retaining anything.
struct BoundText: Sendable {
  enum Piece: Sendable {
    /// `literals[range]`.
    case literal(Range<Int>)
    /// A parameter as displayed, with `+` before a positive number when `plus`.
    case display(parameter: Int, slot: Int, plus: Bool)
    /// `expressions[index]`, shown in `format`.
    case expression(index: Int, TextTemplate.Format)
  }

  let pieces: [Piece]
  /// The literal text of every piece, one after another.
  let literals: [UInt8]
  let expressions: [BoundExpression]

  /// Binds `text`: `displays` gives the index of each parameter by name, `parameterSlots` its slot.
  ///
  /// - Throws: An unknown-variable error for a placeholder naming a value not in `layout`.
  init(_ text: TextTemplate, layout: [String], parameterSlots: [Int], displays: [String: Int])
    throws(ExpressionError)
  {
    var pieces: [Piece] = []
    var literals: [UInt8] = []
    var expressions: [BoundExpression] = []
    for segment in text.segments {
      switch segment {
      case .literal(let s):
        let start = literals.count
        literals += s.utf8
        pieces.append(.literal(start..<literals.count))
      case .placeholder(let p):
        if p.format == .automatic || p.format == .automaticWithPlus, let parameter = displays[p.name] {
          pieces.append(
            .display(parameter: parameter, slot: parameterSlots[parameter], plus: p.format == .automaticWithPlus))
        } else {
          pieces.append(.expression(index: expressions.count, p.format))
          expressions.append(try p.expression.bound(to: layout))
        }
      }
    }
    self.pieces = pieces
    self.literals = literals
    self.expressions = expressions
  }

  /// The text filled in from `environment`, without trailing blank space (a YAML block scalar ends with a
  /// newline); `scratch` is working space, reused from text to text.
  func render(_ environment: Environment, ions: IonNames, scratch out: inout [UInt8]) throws(ExpressionError)
    -> String
  {
    out.removeAll(keepingCapacity: true)
    for piece in pieces {
      switch piece {
      case .literal(let range):
        literals.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
      case .display(let parameter, let slot, let plus):
        if plus, case .number(let x) = environment.values[slot], x > 0 { out.append(UInt8(ascii: "+")) }
        out.append(contentsOf: environment.displays[parameter].utf8)
      case .expression(let index, let format):
        try Self.append(expressions[index].evaluate(with: environment.values), format, ions: ions, to: &out)
      }
    }
    // Trailing ASCII blank space goes byte by byte; after anything else, as characters (so that a grapheme that
    // merely ends in a space stays whole).
    var end = out.count
    while end > 0, Self.isASCIISpace(out[end - 1]) { end -= 1 }
    if end == 0 || out[end - 1] < 0x80 { return String(decoding: out[..<end], as: UTF8.self) }
    var text = String(decoding: out, as: UTF8.self)
    while text.last?.isWhitespace == true { text.removeLast() }
    return text
  }

  private static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }

  private static func append(
    _ value: ExpressionValue, _ format: TextTemplate.Format, ions: IonNames, to out: inout [UInt8]
  ) {
    switch (value, format) {
    case (.number(let x), .automaticWithPlus):
      let numberFormat = NumberFormat.significantFigures(3)
      if numberFormat.rounded(x) > 0 { out.append(UInt8(ascii: "+")) }
      numberFormat.append(x, to: &out)
    case (.number(let x), .number(let numberFormat, let plus)):
      if plus && numberFormat.rounded(x) > 0 { out.append(UInt8(ascii: "+")) }
      numberFormat.append(x, to: &out)
    case (.number(let x), _): NumberFormat.significantFigures(3).append(x, to: &out)
    case (.string(let s), .ionName): out.append(contentsOf: (ions.ion(s)?.name ?? s).utf8)
    case (.string(let s), .ionSymbol): out.append(contentsOf: (ions.ion(s)?.symbol ?? s).utf8)
    case (.string(let s), _): out.append(contentsOf: s.utf8)
    case (.bool(let b), _): out.append(contentsOf: (b ? "true" : "false").utf8)
    }
  }
}
