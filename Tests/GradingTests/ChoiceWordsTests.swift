import Foundation
import Grading
import QuizModel
import TemplateEngine
import TestSupport
import Testing

/// Students answer the library's choice questions in their own words and in either spelling: every option of
/// every shipped choice answer is read from the natural words for it.
@Suite struct ChoiceWordsTests {
  let parser = AnswerParser()

  /// Natural ways to name each option id the shipped library uses.
  static let words: [String: [String]] = [
    "influx": ["influx", "into the cell", "in", "inward"],
    "efflux": ["efflux", "out of the cell", "out", "outward"],
    "inward": ["inward", "inward current", "in"],
    "outward": ["outward", "outward current", "out"],
    "into": ["into the cell", "inward", "in"],
    "out": ["out of the cell", "outward", "out"],
    "depolarize": [
      "depolarize", "depolarise", "Depolarises", "depolarization", "depolarisation", "less negative",
      "it depolarizes", "becomes less negative",
    ],
    "hyperpolarize": [
      "hyperpolarize", "hyperpolarise", "hyperpolarization", "hyperpolarisation", "more negative",
      "it hyperpolarizes", "becomes more negative",
    ],
    "unchanged": [
      "no change", "stays the same", "unchanged", "stay the same", "it does not change", "remains the same",
    ],
    "more_positive": ["more positive", "less negative", "rises", "becomes more positive"],
    "more_negative": ["more negative", "less positive", "falls", "becomes more negative"],
    "enriched": ["enriched", "higher", "increased", "more concentrated"],
    "depleted": ["depleted", "lower", "decreased", "less concentrated"],
    "forward": ["forward", "Forward mode", "forward mode", "calcium extrusion", "Ca2+ out"],
    "reverse": ["reverse", "Reverse mode", "reversed", "calcium entry", "Ca2+ in"],
    "electrogenic": ["electrogenic", "Electrogenic", "the pump current", "loss of the electrogenic current"],
    "rundown": ["rundown", "run-down", "run down of the gradients", "the ion gradients", "Na+ accumulation"],
    "yes": ["yes", "Yes."],
    "no": ["no", "No."],
    "K": ["K+", "K⁺", "potassium", "Potassium"],
    "Na": ["Na+", "Na⁺", "sodium"],
    "Cl": ["Cl-", "Cl⁻", "chloride"],
    "Ca": ["Ca2+", "Ca²⁺", "Ca++", "calcium"],
  ]

  static let library = try! TemplateLibrary.load(from: packageRoot.appendingPathComponent("Templates"))

  /// One variant of every shipped template with a choice answer, and that answer.
  static let choices: [(String, Answer)] = library.templates.flatMap { template -> [(String, Answer)] in
    guard let variant = try? template.drawVariant(seed: 7, id: template.id) else { return [] }
    return variant.answers.compactMap { answer in
      if case .choice = answer.kind { return ("\(template.id)/\(answer.id)", answer) }
      return nil
    }
  }

  @Test func everyShippedChoiceOptionHasNaturalWords() {
    for (name, answer) in Self.choices {
      guard case .choice(let choice) = answer.kind else { continue }
      for option in choice.options {
        #expect(Self.words[option.id] != nil, "\(name): option '\(option.id)' has no natural words in this table")
      }
    }
    #expect(Self.choices.count >= 10)
  }

  @Test func naturalWordsInEitherSpellingPickTheirOption() {
    for (name, answer) in Self.choices {
      guard case .choice(let choice) = answer.kind else { continue }
      for option in choice.options {
        for typed in Self.words[option.id] ?? [] {
          #expect(
            parser.parse(typed, for: answer) == .option(option.id), "\(name): '\(typed)' should pick '\(option.id)'")
        }
      }
    }
  }

  @Test func aWordForAnotherQuestionPicksNothing() {
    let answer = Answer(
      id: "direction", prompt: "",
      kind: .choice(
        ChoiceAnswer(
          options: [
            ChoiceOption(id: "depolarize", text: "depolarize (become less negative)"),
            ChoiceOption(id: "hyperpolarize", text: "hyperpolarize (become more negative)"),
          ], correct: "depolarize")))
    guard case .unreadable = parser.parse("influx", for: answer) else {
      Issue.record("'influx' was read as a change of potential")
      return
    }
    #expect(parser.parse("depolarised", for: answer) == .option("depolarize"))
  }

  @Test func exchangerModesAreReadFromTheirWordsAndNotFromDirections() {
    let answer = Answer(
      id: "mode", prompt: "",
      kind: .choice(
        ChoiceAnswer(
          options: [
            ChoiceOption(id: "forward", text: "Forward mode (Ca²⁺ out, Na⁺ in, an inward current)"),
            ChoiceOption(id: "reverse", text: "Reverse mode (Ca²⁺ in, Na⁺ out, an outward current)"),
          ], correct: "forward")))
    for typed in ["forward", "Forward mode", "forwards", "the forward mode", "Ca²⁺ extrusion", "normal mode"] {
      #expect(parser.parse(typed, for: answer) == .option("forward"), "'\(typed)'")
    }
    for typed in ["reverse", "Reverse mode", "reversed", "backward mode", "calcium entry", "Ca++ influx"] {
      #expect(parser.parse(typed, for: answer) == .option("reverse"), "'\(typed)'")
    }
    for typed in ["inward", "depolarize", "yes"] {
      guard case .unreadable = parser.parse(typed, for: answer) else {
        Issue.record("'\(typed)' was read as a mode")
        continue
      }
    }
  }
}
