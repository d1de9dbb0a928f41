import QuizModel
import TemplateEngine
import Testing

@Suite struct ExpressionBindingTests {
  static let layout = ["z", "inside_mM", "outside_mM", "temperature_C", "Vm_mV", "E"]
  static let values: [ExpressionValue] = [1, 140, 4, 37, -70, -95]

  @Test(arguments: [
    "nernst(z, inside_mM, outside_mM, temperature_C)", "abs(Vm_mV - E) > 5", "flux_direction(z, Vm_mV, E)",
    "if(z > 0, inside_mM > outside_mM, true)", "RT_F(temperature_C) * log10(outside_mM / inside_mM) / z",
    "-Vm_mV ^ 2 + E % 7", "1 + 2",
  ])
  func boundEvaluationAgreesWithEvaluationByName(source: String) throws {
    let expression = try Expression(parsing: source)
    let byName = Dictionary(uniqueKeysWithValues: zip(Self.layout, Self.values))
    #expect(try expression.bound(to: Self.layout).evaluate(with: Self.values) == expression.evaluate(with: byName))
  }

  @Test func bindingReportsAMissingVariableOnce() throws {
    let expression = try Expression(parsing: "abs(Vm_mv - E) > 5")
    #expect(
      throws: ExpressionError(
        .unknownVariable, "unknown variable 'Vm_mv'; did you mean 'Vm_mV'?", offset: 4, length: 5,
        source: "abs(Vm_mv - E) > 5")
    ) {
      try expression.bound(to: Self.layout)
    }
  }

  @Test func boundEvaluationThrowsTheSameErrors() throws {
    let e = try Expression(parsing: "ln(x) + y").bound(to: ["y", "x"])
    #expect(
      throws: ExpressionError(
        .nonFinite, "result is not a finite number: ln(-1) = NaN", offset: 0, length: 5,
        source: "ln(x) + y")
    ) {
      try e.evaluate(with: [1, -1])
    }
    #expect(
      throws: ExpressionError(
        .typeMismatch, "'+' needs numbers, got a string", offset: 6, length: 1,
        source: "ln(x) + y")
    ) {
      try e.evaluate(with: ["one", 1])
    }
    #expect(
      throws: ExpressionError(
        .nonFinite, "variable 'x' is not a finite number (inf)", offset: 3, length: 1,
        source: "ln(x) + y")
    ) {
      try e.evaluate(with: [1, .number(.infinity)])
    }
  }

  @Test func typedEvaluationOfABoundExpression() throws {
    let layout = ["a", "b"]
    #expect(try Expression(parsing: "a * b").bound(to: layout).evaluateNumber(with: [3, 4]) == 12)
    #expect(try Expression(parsing: "a < b").bound(to: layout).evaluateBool(with: [3, 4]))
    #expect(try Expression(parsing: "if(a < b, 'up', 'down')").bound(to: layout).evaluateString(with: [3, 4]) == "up")
    #expect(throws: ExpressionError.self) { try Expression(parsing: "a").bound(to: layout).evaluateBool(with: [3, 4]) }
  }

  @Test func repeatedNamesBindToTheFirst() throws {
    #expect(try Expression(parsing: "x").bound(to: ["x", "x"]).evaluate(with: [1, 2]) == .number(1))
  }
}
