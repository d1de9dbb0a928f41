import QuizModel
import TemplateEngine
import Testing

@Suite struct ExpressionParserTests {
  // MARK: Precedence and associativity

  @Test(arguments: [
    ("1 + 2 * 3", 7.0), ("(1 + 2) * 3", 9), ("10 - 4 - 3", 3), ("100 / 10 / 5", 2), ("2 * 3 % 4", 2),
    ("7 % 3", 1), ("-7 % 3", -1), ("2 ^ 3 ^ 2", 512), ("-2 ^ 2", -4), ("(-2) ^ 2", 4), ("2 ^ -1", 0.5),
    ("-2 ^ -2", -0.25), ("2 * -3", -6), ("- -3", 3), ("+3", 3), ("1 - -1", 2), ("2 ^ 3 * 2", 16),
    ("-x ^ 2", -9), ("x ^ 2", 9), ("-x", -3), ("2 * x ^ 2 + 1", 19), ("8 / 2 * 4", 16), ("1 + 2 - 3 + 4", 4),
  ])
  func arithmeticFollowsUsualPrecedence(source: String, expected: Double) {
    #expect(evaluate(source, ["x": 3]) == .number(expected))
  }

  @Test(arguments: [
    ("1 + 2 < 4", true), ("not true or true", true), ("!(1 > 2)", true), ("true or false and false", true),
    ("(true or false) and false", false), ("1 < 2 and 2 < 3", true), ("1 <= 1", true), ("3 >= 4", false),
    ("(2 > 1) == true", true), ("not (1 > 2) == true", true), ("1 != 2 && 2 != 2 || true", true),
    ("-1 < -0.5", true), ("true == false", false), ("false != true", true),
  ])
  func logicAndComparisonsFollowUsualPrecedence(source: String, expected: Bool) {
    #expect(evaluate(source) == .bool(expected))
  }

  // MARK: Literals

  @Test(arguments: [
    ("140", 140.0), ("0.05", 0.05), ("1e-3", 0.001), (".5", 0.5), ("6.02E23", 6.02e23), ("1.5e+2", 150),
    ("\u{2212}5 + 2", -3), ("  42  ", 42), ("3.", 3),
  ])
  func numberLiterals(source: String, expected: Double) {
    #expect(evaluate(source) == .number(expected))
  }

  @Test(arguments: [
    ("'single'", "single"), ("\"double\"", "double"), ("'it\\'s'", "it's"), ("\"say \\\"hi\\\"\"", "say \"hi\""),
    ("'a\\\\b'", "a\\b"), ("'K⁺ µm'", "K⁺ µm"), ("''", ""), ("\"it's\"", "it's"),
  ])
  func stringLiterals(source: String, expected: String) {
    #expect(evaluate(source) == .string(expected))
  }

  @Test func booleanLiterals() {
    #expect(evaluate("true") == .bool(true))
    #expect(evaluate("false") == .bool(false))
  }

  @Test(arguments: [
    ("FARADAY", 96485.33212331001), ("GAS_CONSTANT", 8.31446261815324), ("ELEMENTARY_CHARGE", 1.602176634e-19),
    ("AVOGADRO", 6.02214076e23), ("BOLTZMANN", 1.380649e-23), ("PI", Double.pi),
  ])
  func constants(name: String, expected: Double) throws {
    let value = try #require(evaluate(name)?.number)
    #expect(isClose(value, expected, relative: 1e-15))
  }

  @Test func constantsAreNotVariables() {
    #expect(evaluate("PI", ["PI": 3]) == .number(.pi))
  }

  // MARK: Variables

  @Test(arguments: [
    ("nernst(z, inside_mM, outside_mM, temperature_C)", ["z", "inside_mM", "outside_mM", "temperature_C"]),
    ("if(z > 0, a, b) + PI * ln(c)", ["z", "a", "b", "c"]),
    ("true and FARADAY > x", ["x"]), ("'x' == y", ["y"]), ("x + x * x", ["x"]), ("1 + 2", []),
    ("abs(Vm_mV - E) > 5", ["Vm_mV", "E"]), ("not flag_1 or _hidden", ["flag_1", "_hidden"]),
  ])
  func referencedVariablesAreTheFreeIdentifiers(source: String, expected: [String]) throws {
    #expect(try Expression(parsing: source).referencedVariables == Set(expected))
  }

  @Test func variablesAreLookedUpByName() {
    #expect(evaluate("Vm_mV - E", ["Vm_mV": -70, "E": -95.5]) == .number(25.5))
    #expect(evaluate("ion", ["ion": "K+"]) == .string("K+"))
    #expect(evaluate("flag and true", ["flag": true]) == .bool(true))
  }

  // MARK: The value type

  @Test func expressionsAreEqualWhenTheirSourcesAre() throws {
    #expect(try Expression(parsing: "1 + x") == Expression(parsing: "1 + x"))
    #expect(try Expression(parsing: "1 + x") != Expression(parsing: "1+x"))
    #expect(try Expression(parsing: "a * 2").description == "a * 2")
  }

  @Test func reservedNamesCoverFunctionsConstantsAndKeywords() {
    for name in ["nernst", "ln", "sigfig", "ghk_pump", "PI", "FARADAY", "if", "and", "or", "not", "true", "false"] {
      #expect(Expression.reservedNames.contains(name), "\(name)")
    }
    #expect(!Expression.reservedNames.contains("z"))
    #expect(Expression.functionNames.count == 32)
    #expect(
      Expression.constantNames == ["AVOGADRO", "BOLTZMANN", "ELEMENTARY_CHARGE", "FARADAY", "GAS_CONSTANT", "PI"])
  }

  @Test func valuesDescribeThemselvesAsTheLanguageWritesThem() {
    #expect(ExpressionValue.number(-95.02).description == "-95.02")
    #expect(ExpressionValue.number(4).description == "4")
    #expect(ExpressionValue.bool(true).description == "true")
    #expect(ExpressionValue.string("influx").description == "\"influx\"")
  }
}
