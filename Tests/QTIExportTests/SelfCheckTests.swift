import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

@testable import QTIExport

struct SelfCheckTests {
  func fixture(_ name: String) throws -> URL {
    try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
  }

  func errors(_ name: String) throws -> [String] {
    try validatePackage(at: fixture(name), schemas: nil).errors.map(\.description)
  }

  // MARK: Constructs only foreign packages use

  /// A QTI 2.1 item as another tool might write it, scored with what our writer never emits: relative
  /// tolerance with exclusive bounds, `responseElseIf`, `and`, `or`, `gte`, `lte`, `gt` and `lt`.
  static let foreignItem = """
    <?xml version="1.0" encoding="UTF-8"?>
    <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="foreign" title="Foreign" adaptive="false" timeDependent="false">
      <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="float">
        <correctResponse><value>10</value></correctResponse>
      </responseDeclaration>
      <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"><defaultValue><value>0</value></defaultValue></outcomeDeclaration>
      <outcomeDeclaration identifier="MAXSCORE" cardinality="single" baseType="float"><defaultValue><value>2</value></defaultValue></outcomeDeclaration>
      <itemBody><p>x = <textEntryInteraction responseIdentifier="RESPONSE"/></p></itemBody>
      <responseProcessing>
        <responseCondition>
          <responseIf>
            <equal toleranceMode="relative" tolerance="1" includeLowerBound="false" includeUpperBound="false">
              <correct identifier="RESPONSE"/><variable identifier="RESPONSE"/>
            </equal>
            <setOutcomeValue identifier="SCORE"><baseValue baseType="float">2</baseValue></setOutcomeValue>
          </responseIf>
          <responseElseIf>
            <and>
              <gte><variable identifier="RESPONSE"/><baseValue baseType="float">9</baseValue></gte>
              <lte><variable identifier="RESPONSE"/><baseValue baseType="float">11</baseValue></lte>
            </and>
            <setOutcomeValue identifier="SCORE"><baseValue baseType="float">1</baseValue></setOutcomeValue>
          </responseElseIf>
          <responseElseIf>
            <or>
              <gt><variable identifier="RESPONSE"/><baseValue baseType="float">100</baseValue></gt>
              <lt><variable identifier="RESPONSE"/><baseValue baseType="float">-100</baseValue></lt>
            </or>
            <setOutcomeValue identifier="SCORE"><baseValue baseType="float">-1</baseValue></setOutcomeValue>
          </responseElseIf>
        </responseCondition>
      </responseProcessing>
    </assessmentItem>
    """

  @Test func foreignConstructsAreEvaluated() throws {
    let root = try XMLReader.parse(Data(Self.foreignItem.utf8), file: "foreign.xml").get()
    let result = SelfCheck.check(root, file: "foreign.xml")
    #expect(result.issues.isEmpty, "\(result.issues)")
    #expect(result.items == 1 && result.proofs == 3)  // the key, and just below and above its band
    let item = CompiledItem(root: root)
    let scores: [(Double, Double)] = [
      (10, 2), (10.05, 2), (10.1, 1), (9.9, 1), (9.5, 1), (8, 0), (150, -1), (-150, -1), (50, 0),
    ]
    for (response, score) in scores {
      #expect(item.run(["RESPONSE": .float(response)])["SCORE"] == .float(score), "\(response)")
    }
    #expect(item.run(["RESPONSE": .null])["SCORE"] == .float(0), "no response matches no branch")
  }

  /// An item whose outcome N is set to 1 when `conditions[N]` holds and to 2 otherwise (null included).
  static func conditionsItem(_ conditions: [String]) -> String {
    let outcomes = conditions.indices.map {
      "<outcomeDeclaration identifier=\"O\($0)\" cardinality=\"single\" baseType=\"float\"/>"
    }
    let rules = conditions.enumerated().map { n, condition in
      """
      <responseCondition><responseIf>\(condition)<setOutcomeValue identifier="O\(n)"><baseValue baseType="float">1</baseValue></setOutcomeValue></responseIf>
      <responseElse><setOutcomeValue identifier="O\(n)"><baseValue baseType="float">2</baseValue></setOutcomeValue></responseElse></responseCondition>
      """
    }
    return """
      <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="logic" title="Logic" adaptive="false" timeDependent="false">
      <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="float"/>
      \(outcomes.joined(separator: "\n"))
      <responseProcessing>\(rules.joined(separator: "\n"))</responseProcessing>
      </assessmentItem>
      """
  }

  /// A null operand anywhere makes `and`, `or`, `sum`, `not` null (even after an operand that decides), and
  /// `multiple` of nulls is null; the same from the export's SAX-read elements as from the tree.
  @Test func nullOperandsMakeLogicAndSumsNullWhereverTheyStand() throws {
    let null = "<variable identifier=\"RESPONSE\"/>"
    let yes = "<baseValue baseType=\"boolean\">true</baseValue>"
    let no = "<baseValue baseType=\"boolean\">false</baseValue>"
    let one = "<baseValue baseType=\"float\">1</baseValue>"
    let conditions: [(String, Double)] = [
      ("<isNull><and>\(no)\(null)</and></isNull>", 1), ("<isNull><and>\(null)\(no)</and></isNull>", 1),
      ("<isNull><or>\(yes)\(null)</or></isNull>", 1), ("<or>\(no)\(yes)</or>", 1), ("<or>\(no)\(no)</or>", 2),
      ("<and>\(yes)\(yes)</and>", 1), ("<and>\(yes)\(no)</and>", 2), ("<isNull><sum>\(one)\(null)</sum></isNull>", 1),
      ("<isNull><sum>\(one)\(one)</sum></isNull>", 2), ("<isNull><multiple>\(null)\(null)</multiple></isNull>", 1),
      ("<isNull><not>\(null)</not></isNull>", 1), ("<not>\(no)</not>", 1), ("<isNull/>", 2),
    ]
    let data = Data(Self.conditionsItem(conditions.map(\.0)).utf8)
    let reader = SAXReader()
    let items = [
      CompiledItem(root: try XMLReader.parse(data, file: "logic.xml").get()),
      CompiledItem(root: try reader.read(data, file: "logic.xml").get()),
    ]
    for item in items {
      #expect(item.processingFailure == nil)
      let outcomes = item.run([:])
      for (n, (condition, expected)) in conditions.enumerated() {
        #expect(outcomes["O\(n)"] == .float(expected), "\(condition)")
      }
    }
  }

  /// What the one compiler cannot evaluate is said, with its line; an item that computes its key is a note.
  @Test(arguments: [
    (
      "<templateProcessing/>", "",
      "note: the item computes its key in templateProcessing, which the self-check does not evaluate"
    ),
    ("", "<responseProcessing>", "error: the item has no response processing"),
    ("", "<responseIf>", "error: unexpected 'responseWhen' in a response condition"),
    ("", "<responseCondition>", "error: the response rule 'exitResponse' is not evaluated by the self-check"),
  ])
  func unevaluatedConstructsAreReported(added: String, edited: String, expected: String) throws {
    var text = Self.foreignItem.replacingOccurrences(of: "<responseProcessing>", with: added + "<responseProcessing>")
    switch edited {
    case "<responseProcessing>":
      let start = try #require(text.range(of: "<responseProcessing>"))
      let end = try #require(text.range(of: "</responseProcessing>"))
      text.removeSubrange(start.lowerBound..<end.upperBound)
    case "<responseIf>":
      text = text.replacingOccurrences(of: "<responseElseIf>\n        <or>", with: "<responseWhen>\n        <or>")
      text = text.replacingOccurrences(
        of: "</setOutcomeValue>\n      </responseElseIf>\n    </responseCondition>",
        with: "</setOutcomeValue>\n      </responseWhen>\n    </responseCondition>")
    default:
      text = text.replacingOccurrences(of: "</responseCondition>", with: "</responseCondition><exitResponse/>")
    }
    let root = try XMLReader.parse(Data(text.utf8), file: "f.xml").get()
    let issues = SelfCheck.check(root, file: "f.xml").issues.map(\.description)
    #expect(issues.count == 1 && issues[0].hasPrefix("f.xml:") && issues[0].hasSuffix(expected), "\(issues)")
  }

  // MARK: What the exporter writes

  @Test(arguments: QTIFormat.allCases)
  func everyExportedItemProvesItsKey(format: QTIFormat) throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: format, baseName: "s")
    #expect(package.report.itemsChecked == (format == .canvas ? 7 : 5))
    #expect(package.report.proofs > package.report.itemsChecked * 2)
    // The Moodle file is proven against the quiz when written (MoodleSelfCheckTests); `validate` reads QTI.
    guard format != .moodle else { return }
    let report = validate(package.files, schemas: nil, isPackage: true)
    #expect(report.isValid, "\(report)")
    #expect(report.proofs == package.report.proofs)
  }

  @Test func misconceptionValuesFireTheirFeedback() throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: .qti21, baseName: "s")
    let root = try parsedFile(package, "items/nernst-k-01.xml")
    let triggers = CompiledItem(root: root).triggers
    #expect(triggers.map(\.feedback) == ["FB_E_log10-for-ln", "FB_E_inside-outside-swapped"])
    let written: [Double] = [-95.0189 / 2.302585, 95.0189].map { Double(DecimalText.exact($0))! }
    #expect(triggers.map(\.value) == written.map(QTIValue.float))
  }

  @Test func misconceptionInsideTheIntervalIsReportedNotWritten() throws {
    var variant = SampleQuiz.Export.nernstVariant(1)
    guard case .numeric(var n) = variant.answers[0].kind else {
      Issue.record("not numeric")
      return
    }
    n.misconceptions = [MisconceptionOutcome(id: "close", label: "close", value: n.value + 0.1, feedback: "close")]
    variant.answers[0].kind = .numeric(n)
    let quiz = Quiz(title: "Q", seed: 1, items: [QuizItem(template: "t", title: "T", points: 1, variants: [variant])])
    let package = try makePackage(quiz, format: .qti21, baseName: "q")
    #expect(!(try fileText(package, "items/nernst-k-01.xml")).contains("FB_E_close"))
    #expect(
      package.report.templates[0].lost.contains(
        "feedback: 1 misconception values fall inside the accepted interval and cannot be told apart from the key"))
  }

  // MARK: Broken files

  @Test func keyThatDoesNotScoreIsFound() throws {
    #expect(try errors("qti21-wrong-key.xml") == ["qti21-wrong-key.xml:17: error: the key scores 0"])
  }

  @Test func relativeToleranceOnANegativeKeyIsFound() throws {
    #expect(
      try errors("qti21-relative-negative.xml") == [
        "qti21-relative-negative.xml:17: error: the key scores 0",
        "qti21-relative-negative.xml:20: error: toleranceMode 'relative' on 'RESPONSE': QTI's relative band x·(1 − t/100) … x·(1 + t/100) is empty for the negative key -89.06; use 'absolute'",
      ])
  }

  @Test func feedbackWithoutModalFeedbackIsFound() throws {
    #expect(
      try errors("qti21-feedback-missing.xml") == [
        "qti21-feedback-missing.xml:30: error: no modal feedback shows 'FB_swapped' when FEEDBACK holds it"
      ])
  }

  /// A Canvas file whose bound is `inf`, `nan` or the largest double is reported, never trusted or crashed on.
  @Test(arguments: ["inf", "nan", "-1.7976931348623157e308"])
  func nonFiniteCanvasBoundsAreReported(bound: String) throws {
    let package = try makePackage(SampleQuiz.Export.quiz, format: .canvas, baseName: "s")
    let file = try #require(package.files.first { $0.path.hasSuffix("nernstquiz_42.xml") })
    var text = String(decoding: file.data, as: UTF8.self)
    let open = "<vargte respident=\"response1\">"
    let start = try #require(text.range(of: open))
    let end = try #require(text.range(of: "</vargte>", range: start.upperBound..<text.endIndex))
    text.replaceSubrange(start.upperBound..<end.lowerBound, with: bound)
    let root = try XMLReader.parse(Data(text.utf8), file: file.path).get()
    let issues = SelfCheck.check(root, file: file.path).issues.map(\.message)
    #expect(issues.contains { $0.contains("'\(bound)'") && $0.contains("are not all finite numbers") }, "\(issues)")
  }

  @Test func invertedBoundsAndCatchAllAreFound() throws {
    #expect(
      try errors("canvas-catch-all.xml") == [
        "canvas-catch-all.xml:31: error: item 'catch_all': the bounds -86 … -92 do not hold the key -89.06 (are they sorted?)",
        "canvas-catch-all.xml:26: error: item 'catch_all': the value -92.006, just outside -92 … -86, scores 100",
        "canvas-catch-all.xml:26: error: item 'catch_all': the value -85.994, just outside -92 … -86, scores 100",
      ])
  }
}
