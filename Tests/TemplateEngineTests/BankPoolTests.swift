import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

/// Fair pools (`balance:`, `only:`), distinct variants, and instructors' own templates beside the library.
@Suite struct BankPoolTests {
  static let libraryFolder = packageRoot.appendingPathComponent("Templates")
  static let library = try! TemplateLibrary.load(from: libraryFolder)

  private func quiz(_ bankText: String, library: TemplateLibrary = BankPoolTests.library, workers: Int = 1) throws
    -> Quiz
  {
    try Bank.parse(bankText, file: "bank.yaml").drawQuiz(library: library, workers: workers)
  }

  private func ions(_ item: QuizItem) -> [String] { item.variants.map { $0.parameter("ion")?.display ?? "" } }

  // MARK: - balance and only

  @Test func aBalancedPoolOfEightNernstVariantsHoldsTwoOfEachIon() throws {
    let quiz = try quiz(
      "title: t\nseed: 20261121\nitems:\n  - template: nernst-potential\n    variants: 8\n    balance: [ion]\n")
    let counts = Dictionary(ions(quiz.items[0]).map { ($0, 1) }, uniquingKeysWith: +)
    #expect(counts == ["K⁺": 2, "Na⁺": 2, "Cl⁻": 2, "Ca²⁺": 2])
  }

  @Test func extraVariantsOfABalancedPoolGoToTheValuesListedFirst() throws {
    let quiz = try quiz(
      "title: t\nseed: 3\nitems:\n  - template: nernst-potential\n    variants: 10\n    balance: [ion]\n")
    #expect(ions(quiz.items[0]) == ["K⁺", "Na⁺", "Cl⁻", "Ca²⁺", "K⁺", "Na⁺", "Cl⁻", "Ca²⁺", "K⁺", "Na⁺"])
  }

  @Test func aBalancedPoolIsTheSameOnOneOrTwoThreads() throws {
    let text =
      "title: t\nseed: 9\nitems:\n  - template: driving-force\n    variants: 12\n    only: { ion: [K+, Na+, Cl-] }\n    balance: [ion, direction]\n"
    #expect(try quiz(text, workers: 1) == quiz(text, workers: 2))
  }

  @Test func balancingAChoiceAnswerSplitsItsCorrectOptionsEvenly() throws {
    let quiz = try quiz(
      "title: t\nseed: 4\nitems:\n  - template: surface-potential\n    variants: 9\n    balance: [side]\n")
    let sides = quiz.items[0].variants.map { $0.answer("side")?.choice?.correct ?? "" }
    #expect(sides.filter { $0 == "enriched" }.count == 5)
    #expect(sides.filter { $0 == "depleted" }.count == 4)
  }

  @Test func numericChoicesAndPresetsBalanceAndRestrictToo() throws {
    let quiz = try quiz(
      """
      title: t
      seed: 8
      items:
        - template: nernst-potential
          variants: 6
          balance: [temperature_C]
        - template: ghk-resting-potential
          variants: 4
          only: { cell: [squid-giant-axon, frog-skeletal-muscle] }
          balance: [cell]
      """)
    #expect(quiz.items[0].variants.map { $0.parameter("temperature_C")?.number } == [20, 25, 37, 20, 25, 37])
    #expect(
      quiz.items[1].variants.map { $0.parameter("cell")?.display } == [
        "squid giant axon", "frog skeletal muscle", "squid giant axon", "frog skeletal muscle",
      ])
  }

  @Test func onlyRestrictsAnIonParameter() throws {
    let quiz = try quiz(
      "title: t\nseed: 2\nitems:\n  - template: nernst-potential\n    variants: 6\n    only: { ion: [K+, Na+] }\n    balance: [ion]\n"
    )
    #expect(ions(quiz.items[0]) == ["K⁺", "Na⁺", "K⁺", "Na⁺", "K⁺", "Na⁺"])
  }

  @Test func aBalanceTheConstraintsMakeImpossibleIsAnErrorNamingTheParameter() throws {
    let text =
      "title: t\nseed: 5\nitems:\n  - template: driving-force\n    variants: 4\n    only: { ion: [Ca2+] }\n    balance: [direction]\n"
    do {
      _ = try quiz(text)
      Issue.record("Ca²⁺ at a clamped potential below E_Ca never flows out; the balance cannot be met")
    } catch {
      #expect("\(error)".hasPrefix("bank.yaml:4:15: error: balance: [direction]:"))
      #expect("\(error)".contains("direction = efflux"))
    }
  }

  @Test(arguments: [
    (
      "balance: [Vm_mV]",
      "balance: 'Vm_mV' is not a choice, ion or preset parameter or a choice answer of 'driving-force'"
    ),
    ("only: { ion: [Mg2+] }", "only: 'ion' has no value 'Mg2+' (its values are K+, Na+, Cl-, Ca2+)"),
    ("only: { Vm_mV: [10] }", "only: 'Vm_mV' is not drawn from a list"),
    ("only: { potential: [10] }", "only: 'potential' is not a parameter of 'driving-force'"),
  ])
  func badBalanceOrOnlyNamesTheParameter(line: String, message: String) throws {
    do {
      _ = try quiz("title: t\nseed: 5\nitems:\n  - template: driving-force\n    variants: 2\n    \(line)\n")
      Issue.record("\(line) was accepted")
    } catch {
      #expect("\(error)".contains(message), "\(error)")
    }
  }

  // MARK: - Distinct variants

  @Test func aVariantWhoseConcentrationsAreAnothersScaledIsADuplicate() throws {
    // Na⁺ 15/150, 14/140, 13/130 mM at 37 °C: different stems, one problem.
    let template = try TemplateParser.parse(
      """
      format: 1
      id: scaled
      title: Scaled
      topic: t
      objective: o
      difficulty: introductory
      parameters:
        k: { integer: [10, 15] }
        inside_mM: { value: k }
        outside_mM: { value: 10 * k }
      stem: "Na⁺ {inside_mM} mM in, {outside_mM} mM out."
      answers:
        - id: E
          numeric: nernst(1, inside_mM, outside_mM, 37)
          unit: mV
      """, file: "scaled.yaml")
    let bank = try Bank.parse("title: t\nseed: 1\nitems:\n  - template: scaled\n    variants: 2\n", file: "bank.yaml")
    #expect(throws: QuizError.self) { try bank.drawQuiz(library: TemplateLibrary([template])) }
  }

  @Test func everyFamilyDrawnByAPlainBankIsFair() throws {
    var lines = ["title: fairness\nseed: 20261121\nitems:"]
    for template in Self.library.templates { lines.append("  - template: \(template.id)\n    variants: 150") }
    let quiz = try quiz(lines.joined(separator: "\n") + "\n", workers: 2)
    for item in quiz.items {
      for answer in item.variants[0].answers {
        let keys = item.variants.compactMap { v -> String? in
          guard let a = v.answer(answer.id) else { return nil }
          if let n = a.numeric { return NumberFormat.significantFigures(3).string(n.value) }
          return a.choice?.correct
        }
        let commonest = Dictionary(keys.map { ($0, 1) }, uniquingKeysWith: +).max { $0.value < $1.value }!
        let limit = answer.choice != nil ? 0.7 : 0.5
        #expect(
          Double(commonest.value) <= limit * 150,
          "\(item.template)/\(answer.id): '\(commonest.key)' in \(commonest.value) of 150")
      }
    }
  }

  // MARK: - Instructors' templates beside the library

  private func writeInstructorTemplate(id: String, to folder: URL) throws {
    let text = """
      format: 1
      id: \(id)
      title: An instructor's own question
      topic: capacitance
      objective: Double a number.
      difficulty: introductory
      sources: ["Course notes, week 3"]
      parameters:
        x: { integer: [1, 200] }
      stem: "What is twice {x}?"
      answers:
        - id: twice
          numeric: 2 * x
          unit: pC
      """
    try Data(text.utf8).write(to: folder.appendingPathComponent("\(id).yaml"))
  }

  @Test func anInstructorsTemplateInTheBanksFolderWorksBesideTheShippedOnes() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try writeInstructorTemplate(id: "my-question", to: folder.url)
    let bankURL = folder.url.appendingPathComponent("quiz.yaml")
    let text =
      "title: mine\nseed: 1\nitems:\n  - template: my-question\n    variants: 3\n  - template: nernst-potential\n    variants: 2\n"
    try Data(text.utf8).write(to: bankURL)
    let bank = try Bank.parse(text, file: bankURL.path)
    let library = try TemplateLibrary.load(for: bank, library: Self.libraryFolder)
    let quiz = try bank.drawQuiz(library: library)
    #expect(quiz.items.map(\.template) == ["my-question", "nernst-potential"])
    #expect(library.sourcesByTemplate["my-question"] == ["Course notes, week 3"])
  }

  @Test func aBankFindsTemplatesInItsTemplatesFoldersAndByPath() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let mine = folder.url.appendingPathComponent("mine")
    let loose = folder.url.appendingPathComponent("loose")
    for f in [mine, loose] { try FileManager.default.createDirectory(at: f, withIntermediateDirectories: true) }
    try writeInstructorTemplate(id: "from-folder", to: mine)
    try writeInstructorTemplate(id: "by-path", to: loose)
    let text = """
      title: mine
      seed: 1
      templates: [mine]
      items:
        - template: from-folder
        - template: loose/by-path.yaml
        - template: by-path
      """
    let bank = try Bank.parse(text, file: folder.url.appendingPathComponent("quiz.yaml").path)
    let quiz = try bank.drawQuiz(library: TemplateLibrary.load(for: bank, library: Self.libraryFolder))
    #expect(quiz.items.map(\.template) == ["from-folder", "by-path", "by-path"])
    // the same template named by path and by id: two items, distinct variant ids
    #expect(quiz.items[1].variants[0].id == "by-path-2-01")
    #expect(quiz.items[2].variants[0].id == "by-path-3-01")
  }

  @Test func theSameIdInTwoPlacesIsAnErrorNamingBothFiles() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try writeInstructorTemplate(id: "nernst-potential", to: folder.url)
    let bank = try Bank.parse(
      "title: t\nseed: 1\nitems:\n  - template: nernst-potential\n",
      file: folder.url.appendingPathComponent("quiz.yaml").path)
    do {
      _ = try TemplateLibrary.load(for: bank, library: Self.libraryFolder)
      Issue.record("two templates with one id were accepted")
    } catch {
      #expect(error.message.contains("template id 'nernst-potential' is defined twice"))
      #expect(error.message.contains(folder.url.appendingPathComponent("nernst-potential.yaml").path))
      #expect(error.message.contains(Self.libraryFolder.appendingPathComponent("nernst-potential.yaml").path))
    }
  }

  // MARK: - A bank reads only the templates it names

  /// A template whose `stem:` names a variable nobody declared: broken on line 9, column 19.
  private func writeBrokenTemplate(id: String, to folder: URL) throws {
    let text = """
      format: 1
      id: \(id)
      title: A template with a typo
      topic: capacitance
      objective: Double a number.
      difficulty: introductory
      parameters:
        x: { integer: [1, 200] }
      stem: "What is {twice_y}?"
      answers:
        - id: twice
          numeric: 2 * x
          unit: pC
      """
    try Data(text.utf8).write(to: folder.appendingPathComponent("\(id).yaml"))
  }

  @Test func aBrokenTemplateTheBankDoesNotNameDoesNotStopIt() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try writeBrokenTemplate(id: "unfinished", to: folder.url)
    try writeInstructorTemplate(id: "my-question", to: folder.url)
    let bank = try Bank.parse(
      "title: t\nseed: 1\nitems:\n  - template: my-question\n    variants: 2\n  - template: nernst-potential\n",
      file: folder.url.appendingPathComponent("quiz.yaml").path)
    let library = try TemplateLibrary.load(for: bank, library: Self.libraryFolder, workers: 2)
    #expect(library.templates.map(\.id) == ["my-question", "nernst-potential"])
    let quiz = try bank.drawQuiz(library: library)
    #expect(quiz.items.map(\.template) == ["my-question", "nernst-potential"])
    // The digests in the key are those of the files the bank uses, as when every template was read.
    let everything = try TemplateLibrary.load(from: Self.libraryFolder)
    #expect(quiz.templateDigests.last?.digest == everything["nernst-potential"]?.digest)
  }

  @Test func aBrokenTemplateTheBankNamesIsAnErrorWithItsFileAndLine() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try writeBrokenTemplate(id: "unfinished", to: folder.url)
    let bank = try Bank.parse(
      "title: t\nseed: 1\nitems:\n  - template: nernst-potential\n  - template: unfinished\n",
      file: folder.url.appendingPathComponent("quiz.yaml").path)
    let error = #expect(throws: TemplateError.self) {
      try TemplateLibrary.load(for: bank, library: Self.libraryFolder, workers: 2)
    }
    #expect(error?.file == folder.url.appendingPathComponent("unfinished.yaml").path)
    #expect(error?.line == 9)
    #expect(error?.message.contains("twice_y") == true)
  }

  @Test func anUnknownTemplateIsStillMatchedAgainstTheTemplatesNotRead() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let bank = try Bank.parse(
      "title: t\nseed: 1\nitems:\n  - template: nernst-potental\n",
      file: folder.url.appendingPathComponent("quiz.yaml").path)
    let library = try TemplateLibrary.load(for: bank, library: Self.libraryFolder)
    #expect(library.templates.isEmpty)
    let error = #expect(throws: QuizError.self) { try bank.drawQuiz(library: library) }
    #expect(
      error?.description.contains("unknown template 'nernst-potental' (did you mean 'nernst-potential'?)") == true)
  }

  @Test func aMissingTemplateErrorSaysWhereItLooked() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let bank = try Bank.parse(
      "title: t\nseed: 1\nitems:\n  - template: my-question\n",
      file: folder.url.appendingPathComponent("quiz.yaml").path)
    let library = try TemplateLibrary.load(for: bank, library: Self.libraryFolder)
    do {
      _ = try bank.drawQuiz(library: library)
      Issue.record("an unknown template was accepted")
    } catch {
      #expect(
        error.description.contains(
          "unknown template 'my-question'; looked in \(folder.url.path), \(Self.libraryFolder.path)"))
    }
  }
}
