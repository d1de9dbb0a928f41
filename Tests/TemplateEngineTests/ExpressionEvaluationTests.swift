import QuizModel
import TemplateEngine
import Testing

@Suite struct ExpressionEvaluationTests {
  // MARK: Laziness

  @Test(arguments: [
    ("false and 1 / 0 > 0", false), ("true or ln(-1) > 0", true), ("false && undefined", false),
    ("true || undefined", true), ("false and 'not a bool'", false), ("x > 0 and ln(x) < 1", false),
  ])
  func andAndOrShortCircuit(source: String, expected: Bool) {
    #expect(evaluate(source, ["x": -1]) == .bool(expected))
  }

  @Test func theRightSideIsEvaluatedWhenItDecides() throws {
    let error = try #require(expressionError("true and 1 / 0 > 0"))
    #expect(error.code == .divisionByZero)
    #expect(evaluate("true and 2 > 1") == .bool(true))
    #expect(evaluate("false or 2 > 1") == .bool(true))
  }

  @Test(arguments: [
    ("if(true, 1, 1 / 0)", ExpressionValue.number(1)), ("if(false, ln(-1), 2)", 2),
    ("if(z > 0, 'cation', 'anion')", "anion"), ("if(z > 0, undefined_name + 1, 0)", 0),
    ("if(true, if(false, 1, 2), 3)", 2), ("if(1 > 0, true, 1)", true),
  ])
  func ifEvaluatesOnlyTheChosenBranch(source: String, expected: ExpressionValue) {
    #expect(evaluate(source, ["z": -1]) == expected)
  }

  // MARK: Strings and booleans

  @Test(arguments: [
    ("direction == 'efflux'", true), ("direction != \"efflux\"", false), ("direction == 'Efflux'", false),
    ("'K+' == ion", true), ("flux_direction(1, -70, -95) == direction", true), ("'a' == 'a' and 'b' != 'a'", true),
    ("(1 > 0) == flag", true), ("flag != false", true),
  ])
  func stringsAndBooleansCompareForEquality(source: String, expected: Bool) {
    #expect(evaluate(source, ["direction": "efflux", "ion": "K+", "flag": true]) == .bool(expected))
  }

  // MARK: Reuse

  @Test func oneParsedExpressionEvaluatesWithManyEnvironments() throws {
    let e = try Expression(parsing: "nernst(z, inside, outside, 37)")
    let values = try [(1.0, 140.0, 4.0), (2, 0.0001, 2), (-1, 10, 110)].map { z, i, o in
      try e.evaluateNumber(with: ["z": .number(z), "inside": .number(i), "outside": .number(o)])
    }
    #expect(isClose(values[0], -95.02257566586907))
    #expect(isClose(values[1], 132.34356792097424))
    #expect(isClose(values[2], -64.087729543661))
  }

  @Test func extraVariablesAreIgnored() {
    #expect(evaluate("a + 1", ["a": 1, "b": "unused", "c": .number(.nan)]) == .number(2))
  }

  @Test func constantArithmeticIsFoldedWithoutHidingErrors() throws {
    // Folding happens at parse time; an error in a folded part would surface at evaluation, where `and` may
    // skip it.
    #expect(evaluate("2 * PI * 3") == .number(2 * .pi * 3))
    #expect(try Expression(parsing: "1 / 0 > 0 and true").referencedVariables.isEmpty)
    #expect(evaluate("false and 1 / 0 > 0") == .bool(false))
  }
}
