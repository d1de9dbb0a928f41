import Foundation
import QuizModel
import TemplateEngine
import TestSupport
import Testing

/// Drawing a personalised quiz for a roster: distinct variants per student, a shared pool spread evenly, and
/// earlier students kept when the roster grows.
@Suite struct AssignTests {
  static let library: TemplateLibrary = try! TemplateLibrary.load(from: packageRoot.appendingPathComponent("Templates"))
  static func bank() throws -> Bank {
    let url = packageRoot.appendingPathComponent("Banks/default.yaml")
    return try Bank.parse(String(contentsOf: url, encoding: .utf8), file: url.path)
  }

  static func roster(_ range: ClosedRange<Int>) -> [RosterStudent] { range.map { RosterStudent(id: "s\($0)") } }

  @Test func everyStudentGetsAVariantOfEachItemThatNobodyElseHas() throws {
    let assignment = try AssignTests.bank().assign(AssignTests.roster(1...30), library: AssignTests.library)
    #expect(assignment.quiz.items.allSatisfy { $0.variants.count == 30 })
    for item in assignment.quiz.items.indices {
      #expect(Set(assignment.choices.map { $0[item] }).count == 30)
    }
    // Distinct as printed, not only by number: no two handouts show the same stem for an item.
    for s in assignment.students.indices.dropFirst() {
      #expect(assignment.handout(s).map(\.variant.stem) != assignment.handout(s - 1).map(\.variant.stem))
    }
  }

  @Test func aSharedPoolIsSpreadEvenly() throws {
    let bank = try AssignTests.bank()
    let assignment = try bank.assign(AssignTests.roster(1...30), library: AssignTests.library, sharing: .shared)
    #expect(assignment.quiz.items.map(\.variants.count) == bank.items.map(\.variants))
    for (item, uses) in assignment.uses.enumerated() {
      let k = bank.items[item].variants
      #expect(uses.allSatisfy { $0 == 30 / k || $0 == (30 + k - 1) / k }, "item \(item + 1): \(uses)")
    }
    // Neighbours on the roster differ.
    #expect(assignment.choices[0] != assignment.choices[1])
  }

  @Test func keepingAPreviousAssignmentChangesNobodysNumbers() throws {
    let bank = try AssignTests.bank()
    let first = try bank.assign(AssignTests.roster(1...30), library: AssignTests.library)
    // Read back from its key, as `assign --keep` does; s5 has left, s31 and s32 join.
    let previous = try Assignment(key: AnswerKey.read(first.keyJSONLines()))
    let roster = AssignTests.roster(1...4) + AssignTests.roster(6...32)
    let second = try bank.assign(roster, library: AssignTests.library, previous: previous)
    for (s, student) in second.students.enumerated() where student.id != "s31" && student.id != "s32" {
      let before = first.students.firstIndex(of: student)!
      #expect(second.handout(s).map(\.variant) == first.handout(before).map(\.variant))
    }
    for (item, old) in first.quiz.items.enumerated() {
      #expect(Array(second.quiz.items[item].variants.prefix(30)) == old.variants)
      let fresh = second.quiz.items[item].variants.dropFirst(30)
      #expect(fresh.count == 2)
      #expect(Set(fresh.map(\.stem)).isDisjoint(with: old.variants.map(\.stem)))
      #expect(fresh.map(\.id).allSatisfy { !old.variants.map(\.id).contains($0) })
    }
    let newcomers = second.students.indices.filter { ["s31", "s32"].contains(second.students[$0].id) }
    #expect(newcomers.map { second.choices[$0] } == [[30, 30, 30], [31, 31, 31]])
  }

  @Test func aTemplateThatCannotGiveEachStudentTheirOwnVariantIsNamed() throws {
    let template = try TemplateFixtures.parse(TemplateFixtures.template(parameters: "  x: { choice: [1, 2, 3] }"))
    let bank = try Bank.parse("title: t\nseed: 1\nitems:\n  - template: sample\n    variants: 2\n", file: "b.yaml")
    let error = try #require(throws: QuizError.self) {
      try bank.assign(AssignTests.roster(1...4), library: TemplateLibrary([template]))
    }
    #expect(error.description.hasPrefix("template 'sample' produced only 3 distinct variants of the 4 requested"))
    #expect(
      try bank.assign(AssignTests.roster(1...4), library: TemplateLibrary([template]), sharing: .shared).uses == [
        [2, 2]
      ])
  }
}

@Suite struct AssignKeepMismatchTests {
  @Test func aPreviousAssignmentOfAnotherBankIsRefusedNamingBothItemLists() throws {
    let bank = try AssignTests.bank()
    let previous = try bank.assign(AssignTests.roster(1...2), library: AssignTests.library)
    var other = bank
    other.items.removeLast()
    let error = try #require(throws: QuizError.self) {
      try other.assign(AssignTests.roster(1...3), library: AssignTests.library, previous: previous)
    }
    #expect(
      error.description.contains(
        "the previous assignment (--keep) has the items nernst-potential, driving-force, charge-per-voltage; this bank has nernst-potential, driving-force"
      ))
  }
}
