import Foundation
import QuizModel
import TemplateEngine
import Testing

@Suite struct TemplateParserTests {
  @Test func readsAMinimalTemplate() throws {
    let template = try TemplateFixtures.parse(TemplateFixtures.template())
    #expect(template.id == "sample")
    #expect(template.difficulty == .introductory)
    #expect(template.parameters.map(\.name) == ["x"])
    #expect(template.answers.map(\.id) == ["double"])
    #expect(template.maximumAttempts == 1000)
  }

  @Test func readsEveryParameterKind() throws {
    let template = try TemplateFixtures.parse(
      TemplateFixtures.template(
        parameters: """
            a: { choice: [1, 2, 3], weights: [1, 0, 2] }
            b: { uniform: [-90, -40], decimals: 0 }
            c: { log_uniform: [0.001, 10], sigfigs: 2 }
            d: { integer: [1, 6] }
            e: { ion: [K+, Ca2+], preset: squid-giant-axon }
            f: { preset: [mammalian-neuron, squid-giant-axon] }
            g: { value: "e_in * 2", jitter: 0.1 }
            h: 37
            x: { uniform: [1, 2] }
          """))
    #expect(template.parameters.map(\.name) == ["a", "b", "c", "d", "e", "f", "g", "h", "x"])
    #expect(template.parameters[4].companionNames == ["e_z", "e_in", "e_out"])
    #expect(template.parameters[5].companionNames.contains("f_K_in"))
    #expect(template.parameters[5].companionNames.contains("f_pNa"))
    #expect(template.parameters[5].companionNames.last == "f_T_C")
  }

  // MARK: - Errors name the place and what was expected

  @Test func unknownTopLevelKeySuggestsTheNearestOne() throws {
    let error = try #require(TemplateFixtures.error(TemplateFixtures.template(extra: "misconceptons: []")))
    #expect(error.description.hasPrefix("sample.yaml:"))
    #expect(error.message.contains("unknown key 'misconceptons' in a template (did you mean 'misconceptions'?)"))
  }

  @Test func unknownVariablePointsAtItsLineAndColumn() throws {
    let text = TemplateFixtures.template(
      answers: """
          - id: double
            numeric: 2 * xx
            unit: mV
        """)
    let error = try #require(TemplateFixtures.error(text))
    let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("2 * xx") }! + 1
    #expect(error.line == line)
    #expect(error.column == 18)
    #expect(error.message.hasPrefix("unknown variable 'xx' in answer 'double' (did you mean 'x'?)"))
    #expect(error.description.hasSuffix("    numeric: 2 * xx\n                 ^~"))
  }

  @Test func expressionSyntaxErrorIsPlacedInsideTheExpression() throws {
    let text = TemplateFixtures.template(derived: "  y: \"x * (2 + \"")
    let error = try #require(TemplateFixtures.error(text))
    #expect(error.message.hasPrefix("in derived value 'y':"))
    #expect(error.line == 10)  // the line of 'y:' under 'derived:'
    #expect(error.column > 5)
  }

  @Test func variableUsedBeforeItIsDeclaredIsRejected() throws {
    let error = try #require(
      TemplateFixtures.error(
        TemplateFixtures.template(
          parameters: """
              a: { value: "b + 1" }
              b: 2
            """)))
    #expect(error.message.hasPrefix("unknown variable 'b' in value of 'a'"))
  }

  @Test(arguments: [
    ("  x: { uniform: [2, 1] }", "uniform must have low < high, got [2.0, 1.0]"),
    ("  x: { uniform: [1, 2], choice: [1] }", "parameter 'x' needs exactly one of"),
    ("  x: { choice: [1, 2], weights: [1] }", "weights has 1 entries but choice has 2"),
    ("  x: { ion: [K+, Zn2+] }", "unknown ion 'Zn2+'"),
    (
      "  x: { ion: [HCO3-], preset: frog-skeletal-muscle }",
      "the preset 'frog-skeletal-muscle' has no concentrations for HCO3-"
    ),
    ("  x: { preset: [human] }", "unknown preset 'human'"),
    ("  x: { uniform: [1, 2], jitter: 0.1 }", "jitter goes with value, not uniform"),
    ("  x: { log_uniform: [0, 2] }", "log_uniform needs a positive low end"),
    ("  ln: { uniform: [1, 2] }", "'ln' is reserved by the expression language"),
    ("  x: { uniform: [1, 2], sigfigs: 0 }", "sigfigs must be between 1 and 15"),
    ("  x: { uniform: [1, two] }", "the high end of uniform must be a number, got 'two'"),
  ])
  func parameterMistakesAreExplained(parameters: String, message: String) throws {
    let error = try #require(TemplateFixtures.error(TemplateFixtures.template(parameters: parameters)))
    #expect(error.message.contains(message), "got: \(error.message)")
    #expect(error.line > 0)
  }

  @Test(arguments: [
    (
      """
        - id: a
          numeric: x
      """, "numeric answer 'a' needs a 'unit'"
    ),
    (
      """
        - id: a
          numeric: x
          unit: mV
          tolerance: { relative: 0 }
      """, "tolerance needs a positive relative or absolute part"
    ),
    (
      """
        - id: a
          choice:
            options: { up: Up, down: Down }
            correct: "'sideways'"
      """, "correct option 'sideways' is not one of the options (up, down)"
    ),
    (
      """
        - id: a
          unit: mV
      """, "answer 'a' needs 'numeric: <expression>' or 'choice:'"
    ),
    (
      """
        - id: a
          numeric: x
          unit: mV
        - id: a
          numeric: x
          unit: mV
      """, "duplicate answer id 'a'"
    ),
  ])
  func answerMistakesAreExplained(answers: String, message: String) throws {
    let error = try #require(TemplateFixtures.error(TemplateFixtures.template(answers: answers)))
    #expect(error.message.contains(message), "got: \(error.message)")
  }

  @Test(arguments: [
    (
      """
      misconceptions:
        - id: m
          answer: dubble
          value: x
          feedback: f
      """, "misconception 'm' names answer 'dubble', which the template does not have (did you mean 'double'?)"
    ),
    (
      """
      misconceptions:
        - id: m
          option: "'up'"
          feedback: f
      """, "answer 'double' is numeric: misconception 'm' needs 'value:', not 'option:'"
    ),
    (
      """
      misconceptions:
        - id: m
          value: x
      """, "misconception 'm' needs 'feedback'"
    ),
  ])
  func misconceptionMistakesAreExplained(extra: String, message: String) throws {
    let error = try #require(TemplateFixtures.error(TemplateFixtures.template(extra: extra)))
    #expect(error.message.contains(message), "got: \(error.message)")
  }

  @Test func unsupportedFormatVersionIsRejected() throws {
    let text = TemplateFixtures.template().replacingFirst("format: 1", with: "format: 2")
    let error = try #require(TemplateFixtures.error(text))
    #expect(error.message == "unsupported template format 2; this version of NernstQuiz reads format 1")
    #expect(error.line == 1)
  }

  @Test func invalidYAMLReportsItsPosition() throws {
    let error = try #require(TemplateFixtures.error("format: 1\nid: [unclosed\ntitle: x\n"))
    #expect(error.message.hasPrefix("invalid YAML"))
    #expect(error.line >= 2)
  }

  @Test func missingRequiredKeyIsNamed() throws {
    let text = TemplateFixtures.template().replacingFirst("topic: testing\n", with: "")
    let error = try #require(TemplateFixtures.error(text))
    #expect(error.message == "missing required key 'topic' in the template")
  }

  @Test func badPlaceholderFormatIsExplained() throws {
    let text = TemplateFixtures.template().replacingFirst("stem: \"x is {x}.\"", with: "stem: \"x is {x:7q}.\"")
    let error = try #require(TemplateFixtures.error(text))
    #expect(error.message.contains("unknown format '7q'"))
  }
}

extension String {
  func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let range = range(of: target) else { return self }
    return replacingCharacters(in: range, with: replacement)
  }
}

@Suite struct TemplateSourcesTests {
  @Test func readsTheSourcesListInOrder() throws {
    let template = try TemplateFixtures.parse(
      TemplateFixtures.template(
        extra: """
          sources:
            - "Hille B (2001) Ion Channels of Excitable Membranes, 3rd ed., ch. 1"
            - Nicholls JG et al. (2012) From Neuron to Brain, 5th ed., ch. 5
          """))
    #expect(
      template.sources == [
        "Hille B (2001) Ion Channels of Excitable Membranes, 3rd ed., ch. 1",
        "Nicholls JG et al. (2012) From Neuron to Brain, 5th ed., ch. 5",
      ])
  }

  @Test func aTemplateWithoutSourcesHasNone() throws {
    #expect(try TemplateFixtures.parse(TemplateFixtures.template()).sources.isEmpty)
  }

  @Test func sourcesMustBeAListOfNonEmptyCitations() throws {
    let notAList = try #require(TemplateFixtures.error(TemplateFixtures.template(extra: "sources: Hille 2001")))
    #expect(notAList.message.contains("sources"))
    let empty = try #require(
      TemplateFixtures.error(TemplateFixtures.template(extra: "sources: [\"Hille 2001\", \"  \"]")))
    #expect(empty.message == "a source cannot be empty; write the citation")
  }
}

@Suite struct MisconceptionAuthoringTests {
  @Test func aDuplicateMisconceptionIdIsCaughtWhenAnswerIsOmitted() throws {
    let error = try #require(
      TemplateFixtures.error(
        TemplateFixtures.template(
          extra: """
            misconceptions:
              - id: halved
                value: x
                feedback: a
              - id: halved
                value: x / 2
                feedback: b
            """)))
    #expect(error.message.hasPrefix("duplicate misconception 'halved' for answer 'double'"))
  }

  @Test func checkWarnsWhenTwoMisconceptionsCoincide() throws {
    let template = try TemplateFixtures.parse(
      TemplateFixtures.template(
        extra: """
          misconceptions:
            - id: halved
              value: x
              feedback: a
            - id: also-halved
              value: 4 * x / 4
              feedback: b
          """))
    let report = template.check(variants: 30)
    #expect(
      report.warnings.contains {
        $0.hasPrefix("misconceptions 'halved' and 'also-halved' of 'double' coincide in 30 variants")
      })
  }

  @Test func checkWarnsOnUnbalancedChoicesAndRepeatedKeys() throws {
    let template = try TemplateFixtures.parse(
      TemplateFixtures.template(
        parameters: "  x: { integer: [1, 10] }",
        answers: """
            - id: big
              choice:
                options: { yes: Yes, no: No }
                correct: if(x > 1, "yes", "no")
            - id: one
              numeric: if(x > 2, 1, x)
              unit: mV
          """))
    let report = template.check(variants: 100)
    #expect(report.warnings.contains { $0.hasPrefix("unbalanced choice 'big': option 'yes' is correct in") })
    #expect(report.warnings.contains { $0.hasPrefix("the key of 'one' is 1.00 in") })
  }

  @Test func whenLimitsAMisconceptionToTheVariantsItDescribes() throws {
    let template = try TemplateFixtures.parse(
      TemplateFixtures.template(
        parameters: "  x: { integer: [1, 10] }",
        extra: """
          misconceptions:
            - id: small-only
              when: x < 5
              value: x
              feedback: a
          """))
    for seed in UInt64(0)..<40 {
      let v = try template.drawVariant(seed: seed, id: "v")
      let applied = v.answer("double")!.numeric!.misconceptions.contains { $0.id == "small-only" }
      #expect(applied == (v.parameter("x")!.number! < 5))
    }
  }
}
