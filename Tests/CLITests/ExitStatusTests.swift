import ArgumentParser
import Foundation
import PhysicsCore
import Testing

@testable import nernstquiz

/// `ExitStatus.of(_:)`, the one place where an error becomes an exit status, for each kind of error a command
/// can end with.
@Suite struct ExitStatusTests {
  struct LibraryError: Error, CustomStringConvertible {
    var description: String { "answers.csv:3:2: a field is longer than the limit" }
  }

  @Test func unusableInputIsTwoWithTheMessage() {
    let (status, message) = ExitStatus.of(CommandFailure("bank.yaml:4:15: error: unknown template 'x'"))
    #expect(status == 2)
    #expect(message == "Error: bank.yaml:4:15: error: unknown template 'x'")
  }

  @Test func anErrorALibraryThrewIsUnusableInputToo() {
    let (status, message) = ExitStatus.of(LibraryError())
    #expect(status == 2)
    #expect(message == "Error: answers.csv:3:2: a field is longer than the limit")
  }

  @Test func aValidationErrorIsABadArgument() throws {
    #expect(throws: (any Error).self) { _ = try NernstQuiz.parseAsRoot(["templates", "--bogus"]) }
    do {
      _ = try NernstQuiz.parseAsRoot(["templates", "--bogus"])
    } catch {
      let (status, message) = ExitStatus.of(error)
      #expect(status == 64)
      #expect(message.hasPrefix("Error: Unknown option '--bogus'"))
    }
    #expect(ExitStatus.of(ValidationError("No bank file at 'x.yaml'.")).status == 64)
  }

  @Test func aValueOutsideAFormulasDomainIsABadArgument() {
    let (status, message) = ExitStatus.of(PhysicsError.zeroValence(parameter: "z"))
    #expect(status == 64)
    #expect(message.hasPrefix("Error: "))
  }

  @Test func aCommandsOwnStatusPassesThroughSilently() {
    let (status, message) = ExitStatus.of(ExitStatus.attention.exit)
    #expect(status == 1)
    #expect(message.isEmpty)
  }

  @Test func helpIsSuccessWithTheHelpText() {
    let (status, message) = ExitStatus.of(CleanExit.helpRequest(CalcNernst.self))
    #expect(status == 0)
    #expect(message.contains("USAGE: nernstquiz calc nernst --ion <ion> --inside <mM> --outside <mM>"))
  }
}
