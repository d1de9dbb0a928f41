import PhysicsCore
import QuizModel

/// A recursive-descent parser from tokens to a ``Node`` tree.
///
///     expression  = or
///     or          = and { ("or" | "||") and }
///     and         = comparison { ("and" | "&&") comparison }
///     comparison  = additive [ ("<" | "<=" | ">" | ">=" | "==" | "!=") additive ]
///     additive    = term { ("+" | "-") term }
///     term        = unary { ("*" | "/" | "%") unary }
///     unary       = ("-" | "+" | "not" | "!") unary | power
///     power       = primary [ "^" unary ]
///     primary     = number | string | "true" | "false" | constant | variable
///                 | name "(" [ expression { "," expression } ] ")" | "(" expression ")"
///
/// `^` is right-associative and binds tighter than a unary minus on its left (`-2^2` is −4) but takes a
/// unary operand on its right (`2^-1` is 0.5). Comparisons do not chain.
struct Parser {
  private let tokens: [Token]
  private let source: String
  private var index = 0
  /// The free variables seen so far.
  private(set) var variables: Set<String> = []

  /// The reserved uppercase names and their values.
  static let constants: [String: Double] = [
    "FARADAY": PhysicalConstants.faraday,
    "GAS_CONSTANT": PhysicalConstants.gasConstant,
    "ELEMENTARY_CHARGE": PhysicalConstants.elementaryCharge,
    "AVOGADRO": PhysicalConstants.avogadro,
    "BOLTZMANN": PhysicalConstants.boltzmann,
    "PI": Double.pi,
  ]

  /// Function names by spelling.
  static let functions: [String: Function] = Dictionary(uniqueKeysWithValues: Function.allCases.map { ($0.name, $0) })

  /// The most tokens an expression may have, so that no input can make parsing or evaluation recurse deeply
  /// enough to exhaust a thread's stack. Template expressions are far shorter.
  static let maximumTokens = 1000
  /// The deepest nesting of parentheses, calls and prefix operators.
  static let maximumDepth = 100
  private var depth = 0

  init(source: String) throws(ExpressionError) {
    self.source = source
    tokens = try Lexer.tokens(of: source)
    if tokens.count - 1 > Self.maximumTokens {
      let first = tokens[Self.maximumTokens].span.offset
      throw ExpressionError(
        .syntax, "expression is too long: more than \(Self.maximumTokens) tokens", offset: first,
        length: (tokens.last?.span.offset ?? first) - first, source: source)
    }
  }

  /// Counts one level of nesting at `token`.
  private mutating func enter(_ token: Token) throws(ExpressionError) {
    depth += 1
    if depth > Self.maximumDepth {
      throw error("expression is nested too deeply: more than \(Self.maximumDepth) levels", at: token.span)
    }
  }

  /// Parses the whole source.
  mutating func parse() throws(ExpressionError) -> Node {
    let node = try expression()
    let token = current
    switch token.kind {
    case .end: return node
    case .symbol(.rightParen): throw error("unexpected ')' with no matching '('", at: token.span)
    default:
      throw error("unexpected \(describe(token)); expected an operator or the end of the expression", at: token.span)
    }
  }

  // MARK: Tokens

  private var current: Token { tokens[index] }

  private mutating func advance() -> Token {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  private func isSymbol(_ symbol: Token.Symbol) -> Bool {
    if case .symbol(symbol) = current.kind { return true }
    return false
  }

  private func error(_ message: String, at span: Span, code: ExpressionError.Code = .syntax) -> ExpressionError {
    ExpressionError(code, message, offset: span.offset, length: span.length, source: source)
  }

  /// `'x'`, `number '2'`, `string "K+"`, `end of input`, as messages quote a token.
  private func describe(_ token: Token) -> String {
    switch token.kind {
    case .end: "end of input"
    case .number: "number '\(token.text)'"
    case .string: "string \(token.text)"
    case .identifier, .symbol: "'\(token.text)'"
    }
  }

  // MARK: Grammar

  private mutating func expression() throws(ExpressionError) -> Node { try or() }

  private mutating func or() throws(ExpressionError) -> Node {
    var left = try and()
    while isSymbol(.or) {
      let op = advance()
      left = .logical(isAnd: false, left, try and(), op.span)
    }
    return left
  }

  private mutating func and() throws(ExpressionError) -> Node {
    var left = try comparison()
    while isSymbol(.and) {
      let op = advance()
      left = .logical(isAnd: true, left, try comparison(), op.span)
    }
    return left
  }

  private static func comparisonOperator(_ kind: Token.Kind) -> ComparisonOperator? {
    guard case .symbol(.comparison(let op)) = kind else { return nil }
    return op
  }

  private mutating func comparison() throws(ExpressionError) -> Node {
    let left = try additive()
    guard let op = Self.comparisonOperator(current.kind) else { return left }
    let opToken = advance()
    let node = Node.comparison(op, left, try additive(), opToken.span)
    if Self.comparisonOperator(current.kind) != nil {
      throw error(
        "comparisons do not chain: '\(current.text)' follows '\(opToken.text)'; combine two comparisons with 'and'",
        at: current.span)
    }
    return node
  }

  private mutating func additive() throws(ExpressionError) -> Node {
    var left = try term()
    while true {
      guard case .symbol(.arithmetic(let op)) = current.kind, op == .add || op == .subtract else { return left }
      let opToken = advance()
      left = Self.arithmetic(op, left, try term(), opToken.span)
    }
  }

  private mutating func term() throws(ExpressionError) -> Node {
    var left = try unary()
    while true {
      guard case .symbol(.arithmetic(let op)) = current.kind, op == .multiply || op == .divide || op == .remainder
      else { return left }
      let opToken = advance()
      left = Self.arithmetic(op, left, try unary(), opToken.span)
    }
  }

  private mutating func unary() throws(ExpressionError) -> Node {
    guard isSymbol(.arithmetic(.subtract)) || isSymbol(.arithmetic(.add)) || isSymbol(.not) else { return try power() }
    try enter(current)
    defer { depth -= 1 }
    if isSymbol(.arithmetic(.subtract)) {
      let op = advance()
      let operand = try unary()
      if case .literal(.number(let x), let span) = operand { return .literal(.number(-x), op.span.union(span)) }
      return .negate(operand, op.span)
    }
    if isSymbol(.arithmetic(.add)) {
      let op = advance()
      let operand = try unary()
      if case .literal(.number(let x), let span) = operand { return .literal(.number(x), op.span.union(span)) }
      return .identity(operand, op.span)
    }
    if isSymbol(.not) {
      let op = advance()
      return .not(try unary(), op.span)
    }
    return try power()
  }

  private mutating func power() throws(ExpressionError) -> Node {
    let base = try primary()
    guard isSymbol(.arithmetic(.power)) else { return base }
    let op = advance()
    try enter(op)
    defer { depth -= 1 }
    return Self.arithmetic(.power, base, try unary(), op.span)
  }

  private mutating func primary() throws(ExpressionError) -> Node {
    let token = advance()
    switch token.kind {
    case .number(let x): return .literal(.number(x), token.span)
    case .string(let s): return .literal(.string(s), token.span)
    case .identifier(let name): return try named(name, token)
    case .symbol(.leftParen):
      try enter(token)
      defer { depth -= 1 }
      let inner = try expression()
      try expectClosing(openedAt: token.span, context: nil)
      return inner
    case .end: throw error("unexpected end of input; expected a value", at: token.span)
    case .symbol:
      throw error("unexpected \(describe(token)); expected a value", at: token.span)
    }
  }

  private mutating func expectClosing(openedAt open: Span, context: String?) throws(ExpressionError) {
    if isSymbol(.rightParen) {
      _ = advance()
      return
    }
    let found = current
    let column = open.offset + 1
    if found.kind == .end {
      throw error("missing ')' to close the '(' at column \(column)", at: found.span)
    }
    if let context {
      throw error("expected ',' or ')' after an argument of \(context), found \(describe(found))", at: found.span)
    }
    throw error("missing ')' to close the '(' at column \(column); found \(describe(found))", at: found.span)
  }

  /// An identifier: a keyword, a constant, a function call or a variable.
  private mutating func named(_ name: String, _ token: Token) throws(ExpressionError) -> Node {
    let calling = isSymbol(.leftParen)
    switch name {
    case "true", "false":
      if calling { throw error("'\(name)' is not a function", at: token.span, code: .unknownFunction) }
      return .literal(.bool(name == "true"), token.span)
    case "if":
      guard calling else {
        throw error("'if' needs its arguments in parentheses: if(condition, then, else)", at: token.span)
      }
      let (arguments, whole) = try argumentList(of: token, context: "if")
      guard arguments.count == 3 else {
        throw error(
          "if takes 3 arguments (condition, then, else), got \(arguments.count)", at: token.span,
          code: .argumentCount)
      }
      return .conditional(arguments[0], arguments[1], arguments[2], keyword: token.span, whole: whole)
    default: break
    }
    if let value = Self.constants[name] {
      if calling { throw error("'\(name)' is a constant, not a function", at: token.span, code: .unknownFunction) }
      return .literal(.number(value), token.span)
    }
    if let function = Self.functions[name] {
      guard calling else {
        throw error("'\(name)' is a function; call it as \(function.signature)", at: token.span)
      }
      let (arguments, whole) = try argumentList(of: token, context: name)
      guard function.arity.contains(arguments.count) else {
        throw error(function.argumentCountMessage(got: arguments.count), at: token.span, code: .argumentCount)
      }
      return .call(function, arguments, name: token.span, whole: whole)
    }
    if calling {
      var message = "unknown function '\(name)'"
      if let suggestion = Suggestion.nearest(to: name, among: Self.functions.keys) {
        message += "; did you mean '\(suggestion)'?"
      }
      throw error(message, at: token.span, code: .unknownFunction)
    }
    variables.insert(name)
    return .variable(name, token.span)
  }

  /// `( a, b, … )` after a function name; returns the arguments and the span from the name to `)`.
  private mutating func argumentList(of name: Token, context: String) throws(ExpressionError) -> ([Node], Span) {
    let open = advance()
    try enter(open)
    defer { depth -= 1 }
    var arguments: [Node] = []
    if !isSymbol(.rightParen) {
      arguments.append(try expression())
      while isSymbol(.comma) {
        _ = advance()
        arguments.append(try expression())
      }
    }
    let close = current
    try expectClosing(openedAt: open.span, context: context)
    return (arguments, name.span.union(close.span))
  }

  // MARK: Folding

  /// An arithmetic node, folded to a literal when both sides are number literals and the result is an
  /// ordinary finite number (errors such as `1/0` are left for evaluation, which may never reach them).
  private static func arithmetic(_ op: ArithmeticOperator, _ left: Node, _ right: Node, _ span: Span) -> Node {
    if case .literal(.number(let a), let l) = left, case .literal(.number(let b), let r) = right {
      let zeroDivisor = (op == .divide || op == .remainder) && b == 0
      let value = op.apply(a, b)
      if !zeroDivisor, value.isFinite { return .literal(.number(value), l.union(r)) }
    }
    return .arithmetic(op, left, right, span)
  }
}

/// "Did you mean …?" for misspelled names.
enum Suggestion {
  /// The candidate closest to `name` by edit distance (ignoring case), if it is close enough to be a typo:
  /// at most 1 edit for names up to 4 characters, 2 for longer ones. Ties go to the alphabetically first.
  static func nearest(to name: String, among candidates: some Sequence<String>) -> String? {
    let target = Array(name.lowercased())
    let limit = target.count <= 4 ? 1 : 2
    var best: (distance: Int, name: String)?
    for candidate in candidates.sorted() {
      let d = distance(target, Array(candidate.lowercased()))
      if d <= limit, d < (best?.distance ?? Int.max) { best = (d, candidate) }
    }
    return best?.name
  }

  /// "unknown variable 'Vm_mv'; did you mean 'Vm_mV'?".
  static func unknownVariableMessage(_ name: String, among names: some Sequence<String>) -> String {
    var message = "unknown variable '\(name)'"
    if let suggestion = nearest(to: name, among: names) { message += "; did you mean '\(suggestion)'?" }
    return message
  }

  /// The Levenshtein distance.
  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var row = previous
    for i in 1...a.count {
      row[0] = i
      for j in 1...b.count {
        row[j] = Swift.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &row)
    }
    return previous[b.count]
  }
}
