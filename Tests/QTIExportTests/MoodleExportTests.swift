import Foundation
import QuizModel
import TestSupport
import Testing

@testable import QTIExport

/// Quizzes for the Moodle tests: a single choice, hostile text, keys near zero, negative and huge.
enum MoodleSamples {
  static func choiceVariant(
    stem: String = "Which ion sets the resting potential of most neurons?",
    option: String = "Na⁺ (sodium)"
  ) -> Variant {
    Variant(
      id: "ion-01", template: "ion", seed: 501, parameters: [], stem: stem,
      answers: [
        Answer(
          id: "ion", prompt: "Ion",
          kind: .choice(
            ChoiceAnswer(
              options: [
                ChoiceOption(id: "k", text: "K⁺ (potassium)"),
                ChoiceOption(id: "na", text: option, misconception: "na-dominant"),
                ChoiceOption(id: "cl", text: "Cl⁻ (chloride)", feedback: "Cl⁻ is near equilibrium, it follows."),
              ],
              correct: "k",
              misconceptions: [
                MisconceptionOutcome(
                  id: "na-dominant", label: "Na⁺", option: "na",
                  feedback: "At rest the membrane is far more permeable to K⁺.")
              ])),
          explanation: "At rest P_K ≫ P_Na, so Vm lies near E_K.")
      ])
  }

  static let choiceItem = QuizItem(template: "ion", title: "Dominant ion", points: 1, variants: [choiceVariant()])

  /// One item of each Moodle question kind.
  static let quiz = Quiz(
    title: "Membrane potentials", seed: 42,
    items: [SampleQuiz.Export.nernstItem, choiceItem, SampleQuiz.Export.multiPartItem, SampleQuiz.Export.chargeItem])

  /// Text with XML specials, a CDATA end, Cloze metacharacters and control characters.
  static let hostile = "If [K⁺] < 5 & x > 1 ]]> {1:NUMERICAL:=3} #~/:=\\ %50% \u{1}\u{7}end"

  static func hostileQuiz() -> Quiz {
    var multi = SampleQuiz.Export.multiPartVariant(1)
    multi.stem = hostile + "\n\nSecond paragraph."
    multi.answers[0].prompt = "Driving force " + hostile
    if case .choice(var c) = multi.answers[1].kind {
      c.options[0].text = hostile
      c.misconceptions[0].feedback = "Feedback " + hostile
      multi.answers[1].kind = .choice(c)
    }
    if case .numeric(var n) = multi.answers[0].kind {
      n.misconceptions[0].feedback = "Numeric feedback " + hostile
      multi.answers[0].kind = .numeric(n)
    }
    let single = SampleQuiz.Export.nernstVariant(1, stem: hostile)
    let choice = choiceVariant(stem: hostile, option: hostile)
    return Quiz(
      title: "Hostile / quiz <&>", seed: 9,
      items: [
        QuizItem(template: "hostile-n", title: "/Slashes // in a title/", points: 1, variants: [single]),
        QuizItem(template: "hostile-c", title: "Choice <b>&</b>", points: 1, variants: [choice]),
        QuizItem(template: "hostile-m", title: "Cloze {x}", points: 3, variants: [multi]),
      ])
  }

  static func numericQuiz(key: Double, tolerance: Tolerance, misconception: Double? = nil) -> Quiz {
    let answer = Answer(
      id: "x", prompt: "x (mV)",
      kind: .numeric(
        NumericAnswer(
          value: key, unit: "mV", tolerance: tolerance,
          misconceptions: misconception.map {
            [MisconceptionOutcome(id: "m", label: "m", value: $0, feedback: "Mistake.")]
          } ?? [])))
    let variant = Variant(id: "k-01", template: "k", seed: 1, parameters: [], stem: "What is x?", answers: [answer])
    return Quiz(title: "K", seed: 1, items: [QuizItem(template: "k", title: "K", points: 1, variants: [variant])])
  }
}

struct MoodleExportTests {
  func package(_ quiz: Quiz = MoodleSamples.quiz) throws -> QTIPackage {
    try makePackage(quiz, format: .moodle, baseName: "s")
  }

  func text(_ package: QTIPackage) -> String { String(decoding: package.files[0].data, as: UTF8.self) }

  /// The self-checks of `text` (a possibly edited file) against `quiz`.
  func check(_ text: String, _ quiz: Quiz = MoodleSamples.quiz) -> SelfCheckResult {
    MoodleCheck.check(PackageFile(path: "s-moodle.xml", data: Data(text.utf8)), writer: MoodleWriter(quiz: quiz))
  }

  func question(_ package: QTIPackage, type: String) throws -> XMLNode {
    let root = try XMLReader.parse(package.files[0].data, file: "s-moodle.xml").get()
    return try #require(root.children("question").first { $0[attribute: "type"] == type })
  }

  // MARK: Golden files

  @Test(arguments: [("numerical", 0), ("multichoice", 1), ("multianswer", 2)])
  func eachQuestionKindMatchesItsGoldenFile(kind: String, item: Int) throws {
    let quiz = Quiz(title: "Membrane potentials", seed: 42, items: [MoodleSamples.quiz.items[item]])
    let package = try package(quiz)
    #expect(try question(package, type: kind)[attribute: "type"] == kind)
    try assertSnapshot(text(package), named: "moodle-\(kind).xml")
  }

  @Test func theFileIsOneUTF8XMLFileNamedForMoodle() throws {
    let package = try package()
    #expect(package.files.map(\.path) == ["s-moodle.xml"])
    #expect(package.report.packageName == "s-moodle.xml")
    #expect(package.zip == package.files[0].data)
    #expect(text(package).hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>"))
    #expect(!text(package).contains("<text>\u{2212}"))
    #expect(package.report.itemsChecked == 6)
  }

  // MARK: What is written

  @Test func categoriesCarryTheBankTitleSeedAndItemWithSeedBearingIdnumbers() throws {
    let root = try XMLReader.parse(try package().files[0].data, file: "s").get()
    let categories = root.children("question").filter { $0[attribute: "type"] == "category" }
    #expect(
      categories.map { $0.child("category")?.child("text")?.textContent } == [
        "$course$/Membrane potentials (seed 42)/Nernst potential of K⁺",
        "$course$/Membrane potentials (seed 42)/Dominant ion",
        "$course$/Membrane potentials (seed 42)/Driving force and direction",
        "$course$/Membrane potentials (seed 42)/Capacitive charge",
      ])
    #expect(
      categories.map { $0.child("idnumber")?.textContent } == [
        "nernstquiz-42-1-nernst-k", "nernstquiz-42-2-ion", "nernstquiz-42-3-k-flux", "nernstquiz-42-4-charge",
      ])
    let questions = root.children("question").filter { $0[attribute: "type"] != "category" }
    #expect(
      questions.map { $0.child("idnumber")?.textContent } == [
        "42-nernst-k-01", "42-nernst-k-02", "42-ion-01", "42-k-flux-01", "42-k-flux-02", "42-charge-01",
      ])
    #expect(
      questions.map { $0.child("name")?.child("text")?.textContent } == [
        "Nernst potential of K⁺ 01", "Nernst potential of K⁺ 02", "Dominant ion 01", "Driving force and direction 01",
        "Driving force and direction 02", "Capacitive charge 01",
      ])
  }

  @Test(arguments: [
    ("Tricky / one", "Tricky // one"), ("ends in /", "ends in // "), ("/ starts", " // starts"), ("a // b", "a //// b"),
    ("<b>bold</b>", "‹b›bold‹//b›"),
  ])
  func categoryNamesAreEscapedAsMoodleSplitsThem(name: String, escaped: String) {
    #expect(MoodleText.categoryName(name) == escaped)
    let split = MoodleText.splitCategoryPath("$course$/" + escaped + "/next")
    #expect(split.count == 3)
    #expect(
      split[1]
        == name.replacingOccurrences(of: "<", with: "‹").replacingOccurrences(of: ">", with: "›").trimmingCharacters(
          in: .whitespaces))
  }

  @Test func numericalPutsTheKeyFirstWithTheIntervalHalfWidthAndMisconceptionsAfter() throws {
    let q = try question(try package(), type: "numerical")
    let answers = q.children("answer")
    let n = try #require(SampleQuiz.Export.nernstVariant(1).answers[0].numeric)
    #expect(answers.map { $0[attribute: "fraction"] } == ["100", "0", "0"])
    #expect(answers[0].child("text")?.textContent == n.interval.keyText)
    #expect(answers.allSatisfy { $0.child("tolerance")?.textContent == n.interval.halfWidthText })
    #expect(answers[1].child("text")?.textContent == n.interval(ofMisconceptionAt: n.misconceptions[0].value!).keyText)
    #expect(
      answers[1].child("feedback")?.child("text")?.textContent
        == "<div><p>Nernst uses the natural logarithm, or 2.303 × log10.</p></div>")
    #expect(q.child("generalfeedback")?.child("text")?.textContent == "<div><p>E = (RT/F) ln(4/140)</p></div>")
    #expect(MoodleModel.units(of: q).map(\.name) == ["mV", "V", "µV", "μV", "uV"])
    #expect(MoodleModel.units(of: q).map(\.multiplier) == [1, 0.001, 1000, 1000, 1000])
    #expect(q.child("showunits")?.textContent == "0")
    #expect(q.child("unitgradingtype")?.textContent == "0")
  }

  @Test func misconceptionOverlappingTheKeyOrAnEarlierAnswerIsLeftOutAndReported() throws {
    // t = 0.5: a value 0.8 from the key overlaps it; a second mistake 0.9 from the first overlaps that one.
    var quiz = MoodleSamples.numericQuiz(key: 10, tolerance: Tolerance(absolute: 0.5))
    quiz.items[0].variants[0].answers[0].kind = .numeric(
      NumericAnswer(
        value: 10, unit: "mV", tolerance: Tolerance(absolute: 0.5),
        misconceptions: [
          MisconceptionOutcome(id: "near-key", label: "", value: 10.8, feedback: "a"),
          MisconceptionOutcome(id: "far", label: "", value: 20, feedback: "b"),
          MisconceptionOutcome(id: "near-far", label: "", value: 20.9, feedback: "c"),
          MisconceptionOutcome(id: "apart", label: "", value: 30, feedback: "d"),
        ]))
    let package = try package(quiz)
    let q = try question(package, type: "numerical")
    #expect(q.children("answer").map { $0.child("text")?.textContent } == ["10", "20", "30"])
    let lost = package.report.templates[0].lost
    #expect(lost.contains { $0.contains("'near-far' in 1 variant") && $0.contains("'near-key' in 1 variant") })
  }

  @Test func misconceptionCreditIsTheNearestLowerMoodleGradeAndSaidInTheReport() throws {
    var quiz = MoodleSamples.numericQuiz(key: 10, tolerance: Tolerance(absolute: 0.5), misconception: 20)
    quiz.grading.misconceptionCredit = ["*": 0.35]
    let package = try package(quiz)
    #expect(
      try question(package, type: "numerical").children("answer").map { $0[attribute: "fraction"] } == [
        "100", "33.33333",
      ])
    #expect(
      package.report.templates[0].lost.contains(
        "credit for 'm': 35 % lowered to 33.33333 %, the nearest lower of Moodle's grades"))
    quiz.grading.misconceptionCredit = ["*": 0.25]
    #expect(
      try question(try self.package(quiz), type: "numerical").children("answer").map { $0[attribute: "fraction"] } == [
        "100", "25",
      ])
  }

  @Test func multichoiceIsSingleUnshuffledWithOneFullMarkOptionAndDistractorFeedback() throws {
    let q = try question(try package(), type: "multichoice")
    #expect(q.child("single")?.textContent == "true")
    #expect(q.child("shuffleanswers")?.textContent == "false")
    let answers = q.children("answer")
    #expect(answers.map { $0[attribute: "fraction"] } == ["100", "0", "0"])
    #expect(answers.map { $0.child("text")?.textContent } == ["K⁺ (potassium)", "Na⁺ (sodium)", "Cl⁻ (chloride)"])
    #expect(
      answers.map { $0.child("feedback")?.child("text")?.textContent } == [
        "", "<div><p>At rest the membrane is far more permeable to K⁺.</p></div>",
        "<div><p>Cl⁻ is near equilibrium, it follows.</p></div>",
      ])
  }

  @Test func clozeKeepsThePartsTogetherWithWeightsInTheProportionOfTheirPoints() throws {
    let q = try question(try package(), type: "multianswer")
    let (gaps, text) = MoodleModel.cloze(q.child("questiontext")?.child("text")?.textContent ?? "")
    #expect(gaps.map(\.weight) == [1, 1])
    #expect(gaps.map(\.kind) == [.numerical, .multichoice])
    #expect(gaps[0].alternatives.map(\.answer) == ["25.02", "-25.02"])
    #expect(gaps[0].alternatives.map(\.tolerance) == ["0.5", "0.5"])
    #expect(gaps[0].alternatives.map(\.percent) == [100, 0])
    #expect(gaps[0].alternatives[1].feedback == "Driving force is Vm − E, not E − Vm.")
    #expect(
      gaps[1].alternatives.map(\.answer) == ["influx (into the cell)", "efflux (out of the cell)", "no net movement"])
    #expect(gaps[1].alternatives.map(\.percent) == [0, 100, 0])
    #expect(text.contains("Driving force Vm − E (mV) {#1} mV</p><p>Net K⁺ movement {#2}</p>"))
    var variant = SampleQuiz.Export.multiPartVariant(1)
    variant.answers[0].points = 2
    variant.answers[1].points = 0.5
    #expect(MoodleWriter(quiz: MoodleSamples.quiz).gapWeights(variant) == [4, 1])
    variant.answers[0].points = 0.67
    variant.answers[1].points = 0.66
    #expect(MoodleWriter(quiz: MoodleSamples.quiz).gapWeights(variant) == [67, 66])
  }

  @Test func everyNumberIsWrittenWithAnASCIIMinusAndADecimalPoint() throws {
    let text = text(
      try package(
        MoodleSamples.numericQuiz(key: -1234.5678, tolerance: Tolerance(relative: 0.02), misconception: 1234.5678)))
    let numbers = try XMLReader.parse(Data(text.utf8), file: "s").get().descendants("answer").flatMap {
      [$0.child("text")?.textContent ?? "", $0.child("tolerance")?.textContent ?? ""]
    }
    #expect(numbers == ["-1234.5678", "24.69136", "1234.5678", "24.69136"])
    #expect(numbers.allSatisfy { MoodleModel.number($0) != nil && !$0.contains(",") })
  }

  @Test func optionIDsThatCollideInXMLStillExportBecauseMoodleUsesTheOrder() throws {
    let quiz = IdentifierCollisionTests.quiz(options: ["a b", "a_b"], correct: "a_b")
    #expect(exportProblems(quiz, formats: [.moodle]).isEmpty)
    let answers = try question(try package(quiz), type: "multichoice").children("answer")
    #expect(answers.map { $0[attribute: "fraction"] } == ["0", "100"])
  }

  // MARK: The delivery map

  @Test func deliveriesNameEachQuestionItsIdnumberTextAndClozeGap() throws {
    let deliveries = try package().report.deliveries
    #expect(deliveries.allSatisfy { $0.format == "moodle" })
    let nernst = try #require(deliveries.first)
    #expect(nernst.name == "Nernst potential of K⁺ 01")
    #expect(nernst.item == "42-nernst-k-01")
    #expect(nernst.group == "$course$/Membrane potentials (seed 42)/Nernst potential of K⁺")
    #expect(
      nernst.questionText
        == "At 37 °C, [K⁺]in = 140 mM and [K⁺]out = 4 mM.\n\nWhat is the equilibrium potential of K⁺?\n\nE_K (mV)")
    #expect(nernst.gap == nil)
    // A multichoice question's summary lists its choices after the text (qtype_multichoice_base::get_question_summary).
    #expect(
      deliveries.first { $0.variant == "ion-01" }?.questionText
        == "Which ion sets the resting potential of most neurons?\n\nIon: K⁺ (potassium); Na⁺ (sodium); Cl⁻ (chloride)")
    let flux = deliveries.filter { $0.variant == "k-flux-01" }
    #expect(flux.map(\.part) == ["driving_force", "direction"])
    #expect(flux.map(\.gap) == [1, 2])
    #expect(flux.map(\.points) == [1.5, 1.5])
    #expect(
      flux[0].questionText == "A cell rests at Vm = −70 mV; E_K = −95.02 mV.\n\nDriving force Vm − E (mV) _____ mV\n\n"
        + "Net K⁺ movement {influx (into the cell); efflux (out of the cell); no net movement}")
  }

  // MARK: Hostile text, extreme keys

  @Test func hostileTextInStemOptionAndFeedbackSurvivesEveryKind() throws {
    let quiz = MoodleSamples.hostileQuiz()
    let package = try package(quiz)  // proven: texts read back as written
    let root = try XMLReader.parse(package.files[0].data, file: "s").get()
    let escaped = MoodleText.htmlEscaped(MoodleSamples.hostile)
    #expect(
      escaped.contains("&lt;") && escaped.contains("&amp;") && escaped.contains("\u{FFFD}")
        && !escaped.contains("\u{1}"))
    let cloze = try question(package, type: "multianswer")
    let (gaps, text) = MoodleModel.cloze(cloze.child("questiontext")?.child("text")?.textContent ?? "")
    #expect(gaps.count == 2, "the stem's '{1:NUMERICAL:=3}' is not read as a gap")
    #expect(gaps[1].alternatives[0].answer == escaped)
    #expect(gaps[1].alternatives[0].feedback == MoodleText.htmlEscaped("Feedback " + MoodleSamples.hostile))
    #expect(gaps[0].alternatives[1].feedback == MoodleText.htmlEscaped("Numeric feedback " + MoodleSamples.hostile))
    #expect(MoodleModel.decodeEntities(text).contains("{1:NUMERICAL:=3}"))
    let choice = try question(package, type: "multichoice")
    #expect(choice.children("answer")[1].child("text")?.textContent == escaped)
    let categories = root.children("question").filter { $0[attribute: "type"] == "category" }
      .map { MoodleText.splitCategoryPath($0.child("category")?.child("text")?.textContent ?? "") }
    #expect(
      categories[0] == [
        "$course$", "Hostile // quiz ‹&›".replacingOccurrences(of: "//", with: "/") + " (seed 9)",
        "/Slashes // in a title/",
      ])
    #expect(categories[1][2] == "Choice ‹b›&‹/b›")
    #expect(package.report.templates.allSatisfy { $0.warnings.contains { $0.contains("U+0001, U+0007") } })
  }

  static let extremeKeys: [(Double, Tolerance)] = [
    (1e-9, Tolerance(relative: 0.02)), (-3.2e-7, Tolerance(relative: 0.05)), (0, Tolerance(absolute: 0.001)),
    (-95.0189, Tolerance(relative: 0.02, absolute: 0.5)), (-6.02e23, Tolerance(relative: 0.01)),
    (4.9e17, Tolerance(relative: 0.02)),
    (-61.5, Tolerance()), (1234567.25, Tolerance()),
  ]

  @Test(arguments: MoodleExportTests.extremeKeys)
  func keysNearZeroNegativeAndHugeAreProven(key: Double, tolerance: Tolerance) throws {
    let quiz = MoodleSamples.numericQuiz(key: key, tolerance: tolerance, misconception: key == 0 ? 1 : -key)
    let package = try package(quiz)
    // The key and bounds, the misconception, just outside twice, far off (and each unit when t > 0).
    #expect(package.report.proofs >= 7)
    let q = try question(package, type: "numerical")
    let answers = try #require(MoodleModel.numericAnswers(of: q))
    let interval = quiz.variants[0].answers[0].numeric!.interval
    #expect(MoodleModel.match(interval.keyText, answers: answers, units: MoodleModel.units(of: q)) == 0)
    let keyText = try #require(q.child("answer")?.child("text")?.textContent)
    #expect(!keyText.contains("e"))
  }

  @Test func aHugeKeyWithATinyToleranceIsRefusedNamingTheVariantAndNothingIsWritten() throws {
    // Moodle widens every interval by 10⁻¹⁴ of the key: around 10²⁰ that is far more than ±0.001.
    let quiz = MoodleSamples.numericQuiz(key: 1e20, tolerance: Tolerance(absolute: 0.001))
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let error = #expect(throws: ExportError.self) {
      try exportPackages(quiz, formats: [.moodle], to: directory.url, baseName: "k")
    }
    #expect(error?.code == .unexportable)
    #expect(
      error?.problems.map(\.description) == [
        "moodle: template 'k', variant 'k-01', answer 'x': the key 100000000000000000000 mV ± 0.001: Moodle widens every interval by 10⁻¹⁴ of the key, which here reaches the last digit of the tolerance, so values just outside it would be accepted; ask for this answer in a larger unit or with a wider tolerance"
      ])
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    // Were it written, the self-check would refuse it, naming the variant.
    let written = String(decoding: MoodleWriter(quiz: quiz).document(), as: UTF8.self)
    #expect(
      check(written, quiz).issues.contains {
        $0.message.hasPrefix("variant 'k-01': the response") && $0.message.contains("just outside")
      })
  }

  // MARK: The self-check refuses mutated files

  /// Edits of the written file and what the self-check must then say.
  static let mutations: [(original: String, replacement: String, expected: String)] = [
    // A misconception before the key: the key no longer reaches its 100 % answer first.
    (
      "<answer fraction=\"100\" format=\"moodle_auto_format\">\n      <text>-95.0189</text>",
      "<answer fraction=\"0\" format=\"moodle_auto_format\"><text>-95</text><tolerance>3</tolerance></answer>\n    <answer fraction=\"100\" format=\"moodle_auto_format\">\n      <text>-95.0189</text>",
      "the first answer is not worth 100 %"
    ),
    // A misconception's value moved into the key's interval: the key's answer, first, takes it.
    ("<text>95.0189</text>", "<text>-95.0189</text>", "(95.0189) does not reach its own answer and feedback first"),
    ("<text>-95.0189</text>", "<text>\u{2212}95.0189</text>", "U+2212 minus"),
    ("<text>-95.0189</text>", "<text>-95,0189</text>", "thousands separator"),
    ("<tolerance>2.40038</tolerance>", "<tolerance>2.4</tolerance>", "which the key accepts"),
    ("<tolerance>2.40038</tolerance>", "<tolerance>2.41</tolerance>", "just outside"),
    (
      "fraction=\"0\" format=\"moodle_auto_format\"", "fraction=\"33\" format=\"moodle_auto_format\"",
      "not one of Moodle's grades"
    ),
    ("<text>&lt;div&gt;&lt;p&gt;E = (RT/F) ln(4/140)", "<text>&lt;div&gt;&lt;p&gt;", "not the worked explanation"),
    ("<multiplier>0.001</multiplier>", "<multiplier>1000</multiplier>", "the units are not"),
    ("Nernst uses the natural logarithm", "Nernst uses ln", "does not reach its own answer and feedback first"),
    ("<single>true</single>", "<single>false</single>", "not single-answer"),
    (
      "<answer fraction=\"100\" format=\"html\">", "<answer fraction=\"0\" format=\"html\">", "no choice is worth 100 %"
    ),
    ("{1:NUMERICAL:=25.02:0.5", "{1:NUMERICAL:=25.02:0.4", "which the key accepts"),
    (
      "{1:NUMERICAL:=25.02:0.5~%0%-25.02:0.5", "{1:NUMERICAL:%0%-25.02:0.5~=25.02:0.5",
      "the first answer is not worth 100 %"
    ),
    ("{1:MULTICHOICE:", "{2:MULTICHOICE:", "gap 2 weighs 2, not 1"),
    ("Vm − E, not E − Vm.", "Vm − E} not E − Vm.", "the text around the gaps is not the stem and prompts"),
    ("{1:NUMERICAL:=25.02:0.5", "{1:NUMERICAL:=25.02:0.5}{1:NUMERICAL:=1", "Moodle reads 3 gaps, not 2"),
    (
      "<question type=\"numerical\">", "<question type=\"random\"></question>\n  <question type=\"numerical\">",
      "'random' question is not importable"
    ),
    ("Membrane potentials (seed 42)/Dominant ion", "Membrane potentials (seed 42)/Other", "it is in category"),
    ("<idnumber>42-nernst-k-02</idnumber>", "<idnumber>42-nernst-k-01</idnumber>", "appears twice"),
  ]

  @Test(arguments: MoodleExportTests.mutations)
  func theSelfCheckRefusesAMutatedFile(original: String, replacement: String, expected: String) throws {
    let written = text(try package())
    #expect(check(written).issues.isEmpty)
    let range = try #require(written.range(of: original), "'\(original)' is in the file")
    let mutated = written.replacingCharacters(in: range, with: replacement)
    let issues = check(mutated).issues
    #expect(issues.contains { $0.message.contains(expected) }, "\(issues.map(\.message))")
  }

  @Test func anUnescapedAmpersandMakesTheFileUnreadable() throws {
    let written = text(try package())
    let issues = check(written.replacingOccurrences(of: "Nernst uses", with: "Nernst & uses")).issues
    #expect(!issues.isEmpty)
    #expect(issues.allSatisfy { $0.line > 0 })
  }

  @Test func failedProofsNameTheVariant() throws {
    var written = text(try package())
    let charge = try #require(written.range(of: "<idnumber>42-charge-01</idnumber>"))
    let start = try #require(written.range(of: "<tolerance>", range: charge.upperBound..<written.endIndex))
    let end = try #require(written.range(of: "</tolerance>", range: start.upperBound..<written.endIndex))
    written.replaceSubrange(start.upperBound..<end.lowerBound, with: "0.1")
    let issues = check(written).issues
    #expect(!issues.isEmpty)
    #expect(issues.allSatisfy { $0.message.hasPrefix("variant 'charge-01': ") }, "\(issues)")
  }
}

/// Every shipped template, drawn five times, becomes a Moodle file whose every question is proven.
struct MoodleShippedTemplateTests {
  @Test func everyShippedTemplateIsProvenInMoodle() throws {
    let quiz = try ShippedTemplateConformanceTests.everyTemplateQuiz()
    #expect(exportProblems(quiz, formats: [.moodle]).isEmpty)
    let package = try makePackage(quiz, format: .moodle, baseName: "every")
    #expect(package.report.itemsChecked == quiz.variants.count)
    #expect(package.report.proofs > 8 * quiz.variants.count)
    #expect(package.report.deliveries.count == quiz.variants.reduce(0) { $0 + $1.answers.count })
  }
}
