import QuizModel
import TemplateEngine
import Testing

/// One error case: the source, the exact message, and where the caret goes.
struct ErrorCase: Sendable, CustomTestStringConvertible {
  var source: String
  var variables: [String: ExpressionValue] = [:]
  var message: String
  var offset: Int
  var length: Int
  var code: ExpressionError.Code

  var testDescription: String { source }
}

@Suite struct ExpressionErrorTests {
  // MARK: Parsing

  static let syntaxErrors: [ErrorCase] = [
    ErrorCase(source: "1 + #", message: "unexpected character '#'", offset: 4, length: 1, code: .syntax),
    ErrorCase(
      source: "'abc", message: "unterminated string 'abc; add the closing '", offset: 0, length: 4, code: .syntax),
    ErrorCase(
      source: "x == \"in", message: "unterminated string \"in; add the closing \"", offset: 5, length: 3, code: .syntax),
    ErrorCase(source: "1 +", message: "unexpected end of input; expected a value", offset: 3, length: 1, code: .syntax),
    ErrorCase(source: "", message: "unexpected end of input; expected a value", offset: 0, length: 1, code: .syntax),
    ErrorCase(
      source: "(1 + 2", message: "missing ')' to close the '(' at column 1", offset: 6, length: 1, code: .syntax),
    ErrorCase(
      source: "abs((x)", message: "missing ')' to close the '(' at column 4", offset: 7, length: 1, code: .syntax),
    ErrorCase(
      source: "(1 + 2 3", message: "missing ')' to close the '(' at column 1; found number '3'", offset: 7,
      length: 1, code: .syntax),
    ErrorCase(
      source: "nernst(1, 2 3)", message: "expected ',' or ')' after an argument of nernst, found number '3'",
      offset: 12, length: 1, code: .syntax),
    ErrorCase(source: "1 + 2)", message: "unexpected ')' with no matching '('", offset: 5, length: 1, code: .syntax),
    ErrorCase(
      source: "a b", message: "unexpected 'b'; expected an operator or the end of the expression", offset: 2,
      length: 1, code: .syntax),
    ErrorCase(source: "* 2", message: "unexpected '*'; expected a value", offset: 0, length: 1, code: .syntax),
    ErrorCase(source: "max(1, )", message: "unexpected ')'; expected a value", offset: 7, length: 1, code: .syntax),
    ErrorCase(
      source: "1 < 2 < 3", message: "comparisons do not chain: '<' follows '<'; combine two comparisons with 'and'",
      offset: 6, length: 1, code: .syntax),
    ErrorCase(source: "a = 1", message: "unexpected '='; write '==' to compare", offset: 2, length: 1, code: .syntax),
    ErrorCase(source: "a & b", message: "unexpected '&'; write '&&' or 'and'", offset: 2, length: 1, code: .syntax),
    ErrorCase(source: "a | b", message: "unexpected '|'; write '||' or 'or'", offset: 2, length: 1, code: .syntax),
    ErrorCase(source: "2x + 1", message: "malformed number '2x'", offset: 0, length: 2, code: .syntax),
    ErrorCase(source: "1e", message: "malformed number '1e'", offset: 0, length: 2, code: .syntax),
    ErrorCase(source: "1.2.3", message: "malformed number '1.2.3'", offset: 0, length: 5, code: .syntax),
    ErrorCase(source: "1e999", message: "number '1e999' is too large", offset: 0, length: 5, code: .syntax),
    ErrorCase(
      source: "if x", message: "'if' needs its arguments in parentheses: if(condition, then, else)", offset: 0,
      length: 2, code: .syntax),
    ErrorCase(source: "ln + 1", message: "'ln' is a function; call it as ln(x)", offset: 0, length: 2, code: .syntax),
    ErrorCase(
      source: "2 * nernst", message: "'nernst' is a function; call it as nernst(z, in, out, T_C)", offset: 4,
      length: 6, code: .syntax),
    ErrorCase(source: "'é' + µ", message: "unexpected character 'µ'", offset: 6, length: 1, code: .syntax),
  ]

  static let callErrors: [ErrorCase] = [
    ErrorCase(
      source: "nerst(1, 140, 4, 37)", message: "unknown function 'nerst'; did you mean 'nernst'?", offset: 0,
      length: 5, code: .unknownFunction),
    ErrorCase(
      source: "1 + Ln(2)", message: "unknown function 'Ln'; did you mean 'ln'?", offset: 4, length: 2,
      code: .unknownFunction),
    ErrorCase(source: "foo(1)", message: "unknown function 'foo'", offset: 0, length: 3, code: .unknownFunction),
    ErrorCase(
      source: "PI(2)", message: "'PI' is a constant, not a function", offset: 0, length: 2, code: .unknownFunction),
    ErrorCase(
      source: "nernst(1, 140, 4)", message: "nernst takes 4 arguments (z, in, out, T_C), got 3", offset: 0,
      length: 6, code: .argumentCount),
    ErrorCase(
      source: "ln(1, 2)", message: "ln takes 1 argument (x), got 2", offset: 0, length: 2, code: .argumentCount),
    ErrorCase(
      source: "max(1)", message: "max takes at least 2 arguments, got 1", offset: 0, length: 3, code: .argumentCount),
    ErrorCase(
      source: "round()", message: "round takes 1 or 2 arguments (x, digits), got 0", offset: 0, length: 5,
      code: .argumentCount),
    ErrorCase(
      source: "if(true, 1)", message: "if takes 3 arguments (condition, then, else), got 2", offset: 0, length: 2,
      code: .argumentCount),
    ErrorCase(
      source: "ghk(1, 0.05, 0.45, 140, 4, 15, 145, 10, 110)",
      message: "ghk takes 10 arguments (pK, pNa, pCl, Kin, Kout, Nain, Naout, Clin, Clout, T_C), got 9",
      offset: 0, length: 3, code: .argumentCount),
  ]

  @Test(arguments: syntaxErrors + callErrors)
  func parsingErrorsSayWhatAndWhere(_ c: ErrorCase) throws {
    #expect(throws: ExpressionError.self) { try Expression(parsing: c.source) }
    let error = try #require(expressionError(c.source))
    #expect(error.message == c.message)
    #expect(error.offset == c.offset)
    #expect(error.length == c.length)
    #expect(error.code == c.code)
    #expect(error.source == c.source)
    #expect(!error.isDomainError)
  }

  // MARK: Evaluation

  static let evaluationErrors: [ErrorCase] = [
    ErrorCase(source: "x + 1", message: "unknown variable 'x'", offset: 0, length: 1, code: .unknownVariable),
    ErrorCase(
      source: "abs(Vm_mv - E)", variables: ["Vm_mV": -70, "E": -95],
      message: "unknown variable 'Vm_mv'; did you mean 'Vm_mV'?",
      offset: 4, length: 5, code: .unknownVariable),
    ErrorCase(source: "'e\u{301}' == q", message: "unknown variable 'q'", offset: 7, length: 1, code: .unknownVariable),
    ErrorCase(source: "'a' + 1", message: "'+' needs numbers, got a string", offset: 4, length: 1, code: .typeMismatch),
    ErrorCase(
      source: "1 * true", message: "'*' needs numbers, got a boolean", offset: 2, length: 1, code: .typeMismatch),
    ErrorCase(source: "-'a'", message: "'-' needs a number, got a string", offset: 0, length: 1, code: .typeMismatch),
    ErrorCase(
      source: "not 1", message: "'not' needs a boolean, got a number", offset: 0, length: 3, code: .typeMismatch),
    ErrorCase(
      source: "!x", variables: ["x": "yes"], message: "'!' needs a boolean, got a string", offset: 0, length: 1,
      code: .typeMismatch),
    ErrorCase(
      source: "1 and true", message: "'and' needs booleans, got a number", offset: 2, length: 3, code: .typeMismatch),
    ErrorCase(
      source: "false || 2", message: "'||' needs booleans, got a number", offset: 6, length: 2, code: .typeMismatch),
    ErrorCase(
      source: "'a' < 'b'", message: "'<' needs numbers, got a string", offset: 4, length: 1, code: .typeMismatch),
    ErrorCase(
      source: "1 == 'a'", message: "'==' needs two values of the same type, got a number and a string", offset: 2,
      length: 2, code: .typeMismatch),
    ErrorCase(
      source: "if(1, 2, 3)", message: "if needs a boolean condition, got a number", offset: 3, length: 1,
      code: .typeMismatch),
    ErrorCase(
      source: "ln('x')", message: "ln needs a number for x, got a string", offset: 3, length: 3, code: .typeMismatch),
    ErrorCase(
      source: "nernst(1, 140, ion, 37)", variables: ["ion": "K+"],
      message: "nernst needs a number for out, got a string",
      offset: 15, length: 3, code: .typeMismatch),
    ErrorCase(
      source: "x / (a - b)", variables: ["x": 1, "a": 2, "b": 2], message: "division by zero: 'a - b' is 0",
      offset: 2, length: 1, code: .divisionByZero),
    ErrorCase(source: "5 % 0", message: "remainder by zero: '0' is 0", offset: 2, length: 1, code: .divisionByZero),
    ErrorCase(
      source: "ln(-2)", message: "result is not a finite number: ln(-2) = NaN", offset: 0, length: 6, code: .nonFinite),
    ErrorCase(
      source: "1 + sqrt(x)", variables: ["x": -1], message: "result is not a finite number: sqrt(-1) = NaN", offset: 4,
      length: 7, code: .nonFinite),
    ErrorCase(
      source: "exp(1000)", message: "result is not a finite number: exp(1000) = inf", offset: 0, length: 9,
      code: .nonFinite),
    ErrorCase(
      source: "ln(0)", message: "result is not a finite number: ln(0) = -inf", offset: 0, length: 5, code: .nonFinite),
    ErrorCase(
      source: "10 ^ 400", message: "result is not a finite number: 10 ^ 400 = inf", offset: 3, length: 1,
      code: .nonFinite),
    ErrorCase(
      source: "(-8) ^ 0.5", message: "result is not a finite number: -8 ^ 0.5 = NaN", offset: 5, length: 1,
      code: .nonFinite),
    ErrorCase(
      source: "x * 1e300", variables: ["x": 1e10], message: "result is not a finite number: 10000000000 * 1e+300 = inf",
      offset: 2, length: 1, code: .nonFinite),
    ErrorCase(
      source: "x", variables: ["x": .number(.nan)], message: "variable 'x' is not a finite number (NaN)", offset: 0,
      length: 1, code: .nonFinite),
    ErrorCase(
      source: "nernst(1, 0, 4, 37)", message: "nernst: inside concentration must be positive, got 0 mM", offset: 0,
      length: 19, code: .domain),
    ErrorCase(
      source: "nernst(0, 140, 4, 37)", message: "nernst: valence must not be zero: the formula divides by the valence",
      offset: 0, length: 21, code: .domain),
    ErrorCase(
      source: "nernst(1.5, 140, 4, 37)", message: "nernst needs a whole number for z, got 1.5", offset: 7, length: 3,
      code: .domain),
    ErrorCase(
      source: "current(-1, -70, 60)", message: "current: conductance must not be negative, got -1 nS", offset: 0,
      length: 20, code: .domain),
    ErrorCase(
      source: "charge(0, 1, 100)", message: "charge: diameter must be positive, got 0 µm", offset: 0, length: 17,
      code: .domain),
    ErrorCase(
      source: "ions(7.5, 0)", message: "ions: z must not be zero: the formula divides by the valence", offset: 0,
      length: 12, code: .domain),
    ErrorCase(
      source: "ghk(0, 0, 0, 140, 4, 15, 145, 10, 110, 37)",
      message: "ghk: the Goldman–Hodgkin–Katz equation needs at least one ion with a positive permeability",
      offset: 0, length: 42, code: .domain),
    ErrorCase(
      source: "sigfig(1, 0)", message: "sigfig needs a whole number from 1 to 17 for n, got 0", offset: 10, length: 1,
      code: .domain),
    ErrorCase(
      source: "round(1, 0.5)", message: "round needs a whole number from -15 to 15 for digits, got 0.5", offset: 9,
      length: 3, code: .domain),
  ]

  @Test(arguments: evaluationErrors)
  func evaluationErrorsSayWhatAndWhere(_ c: ErrorCase) throws {
    let error = try #require(expressionError(c.source, c.variables))
    #expect(error.message == c.message)
    #expect(error.offset == c.offset)
    #expect(error.length == c.length)
    #expect(error.code == c.code)
    #expect(error.isDomainError == [.divisionByZero, .nonFinite, .domain].contains(c.code))
  }

  @Test func resultOfTheWrongTypeIsAnError() throws {
    let e = try Expression(parsing: "1 < 2")
    #expect(
      throws: ExpressionError(
        .typeMismatch, "expected a number, but the expression gives a boolean (true)",
        offset: 0, length: 5, source: "1 < 2")
    ) {
      try e.evaluateNumber(with: [:])
    }
    #expect(throws: ExpressionError.self) { try Expression(parsing: "1").evaluateBool(with: [:]) }
    #expect(throws: ExpressionError.self) { try Expression(parsing: "1").evaluateString(with: [:]) }
    #expect(try Expression(parsing: "'x'").evaluateString(with: [:]) == "x")
    #expect(try Expression(parsing: "2 > 1").evaluateBool(with: [:]))
    #expect(try Expression(parsing: "2 * x").evaluateNumber(with: ["x": 4]) == 8)
  }

  // MARK: Limits

  @Test func deepNestingIsAnErrorNotACrash() throws {
    let source = String(repeating: "(", count: 101) + "1" + String(repeating: ")", count: 101)
    let error = try #require(expressionError(source))
    #expect(error.message == "expression is nested too deeply: more than 100 levels")
    #expect(error.offset == 100)
    let minuses = try #require(expressionError(String(repeating: "-", count: 5000) + "1"))
    #expect(minuses.code == .syntax)
  }

  @Test func overlongExpressionsAreAnErrorNotACrash() throws {
    let source = Array(repeating: "1", count: 600).joined(separator: " + ")
    let error = try #require(expressionError(source))
    #expect(error.message == "expression is too long: more than 1000 tokens")
    #expect(error.offset == 2000)
  }

  @Test func longButReasonableExpressionsWork() {
    let terms = Array(repeating: "x", count: 400).joined(separator: " + ")
    #expect(evaluate(terms, ["x": 1]) == .number(400))
    let nested = String(repeating: "abs(", count: 50) + "-2" + String(repeating: ")", count: 50)
    #expect(evaluate(nested) == .number(2))
  }

  // MARK: The text people read

  @Test func descriptionShowsTheColumnTheSourceAndACaret() throws {
    let error = try #require(expressionError("abs(Vm - E) > 5", ["E": -95]))
    #expect(
      error.description == """
        column 5: unknown variable 'Vm'
          abs(Vm - E) > 5
              ^^
        """)
    #expect(error.column == 5)
    #expect(error.line == 1)
  }

  @Test func descriptionOfAnErrorAtTheEndPointsPastTheLastCharacter() throws {
    let error = try #require(expressionError("(1 + 2"))
    #expect(
      error.description == """
        column 7: missing ')' to close the '(' at column 1
          (1 + 2
                ^
        """)
  }

  @Test func descriptionOfAMultilineSourceNamesTheLine() throws {
    let error = try #require(expressionError("1 +\n  foo(2)"))
    #expect(
      error.description == """
        line 2, column 3: unknown function 'foo'
            foo(2)
            ^^^
        """)
  }
}
