import ArgumentParser
import Foundation
import TestSupport
import Testing

@testable import nernstquiz

/// The help of every command and subcommand, as a terminal of 80 columns shows it: no line wider, every example
/// whole (a command a shell would take, never cut by the wrapping), the exit statuses the README tables.
@Suite struct HelpTextTests {
  /// Every command path: `[]` for nernstquiz itself, `["generate"]`, …, `["calc", "nernst"]`, ….
  static let commands: [[String]] = {
    func paths(_ command: any ParsableCommand.Type, _ prefix: [String]) -> [[String]] {
      [prefix]
        + command.configuration.subcommands.flatMap { sub in
          paths(sub, prefix + [sub._commandName])
        }
    }
    return paths(NernstQuiz.self, [])
  }()

  static func help(_ command: [String]) throws -> String {
    let result = try CommandRunner.run(command + ["--help"], environment: ["COLUMNS": "80", "PATH": "/usr/bin:/bin"])
    #expect(result.exitCode == 0, "\(command): \(result.standardError)")
    return result.standardOutput
  }

  /// The examples in a help text: lines that start with `nernstquiz ` (after the indent), joined with the lines
  /// a trailing backslash continues, as a shell joins them.
  static func examples(in help: String) -> [String] {
    var examples: [String] = []
    var continuing: String?
    for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
      let text = line.trimmingCharacters(in: .whitespaces)
      if var example = continuing {
        example += " " + text
        continuing = example.hasSuffix("\\") ? String(example.dropLast()).trimmingCharacters(in: .whitespaces) : nil
        if continuing == nil { examples.append(example) }
      } else if text.hasPrefix("nernstquiz "), !text.contains("<") {
        if text.hasSuffix("\\") {
          continuing = String(text.dropLast()).trimmingCharacters(in: .whitespaces)
        } else {
          examples.append(text)
        }
      }
    }
    return examples
  }

  @Test func thereAreCommandsAndSubcommandsToCheck() {
    #expect(Self.commands.count == 16)
    #expect(Self.commands.contains(["calc", "ghk"]) && Self.commands.contains(["assign"]))
  }

  @Test(arguments: commands)
  func noHelpLineIsWiderThan80Columns(command: [String]) throws {
    let help = try Self.help(command)
    #expect(!help.isEmpty)
    for line in help.split(separator: "\n") {
      #expect(line.count <= 80, "\(command.joined(separator: " ")): \(line.count) columns: \(line)")
    }
  }

  @Test(arguments: commands)
  func everyExampleIsAWholeCommand(command: [String]) throws {
    let help = try Self.help(command)
    let examples = Self.examples(in: help)
    #expect(!examples.isEmpty, "\(command): no example in the help")
    for example in examples {
      let words = example.split(separator: " ").dropFirst().map(String.init)
      // Parsed as the shell would hand it over; our own checks of files and values may refuse it, the parser may not.
      do {
        _ = try NernstQuiz.parseAsRoot(words)
      } catch {
        let message = NernstQuiz.message(for: error)
        for parserWord in ["Missing", "Unknown option", "Unexpected argument", "is invalid for"] {
          #expect(!message.contains(parserWord), "\(example): \(message)")
        }
      }
    }
  }

  @Test(arguments: ExitStatusTable.all)
  func eachCommandsHelpEndsWithItsExitStatuses(command: String, table: ExitStatusTable) throws {
    let help = try Self.help([command])
    #expect(help.contains(table.help + "\n"))
    #expect(table.rows.first?.status == .success && table.rows.last?.status == .badArguments)
  }

  @Test func theReadmeTablesEveryCommandsExitStatuses() throws {
    let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    for (command, table) in ExitStatusTable.all {
      for row in table.rows {
        let line = "| `\(command)` | \(row.status.rawValue) | \(row.meaning) |"
        let found = readme.contains(line)
        #expect(found, "README.md lacks: \(line)")
      }
    }
  }

  @Test func templatesFitsIn80Columns() throws {
    let result = try CommandRunner.run(["templates"], in: packageRoot)
    #expect(result.exitCode == 0)
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.count > 30)
    for line in lines { #expect(line.count <= 80, "\(line.count) columns: \(line)") }
    #expect(result.standardOutput.hasPrefix("calcium-entry-buffering [advanced]\n  Ca²⁺ entry"))
  }

  @Test func wrappingBreaksAtSpacesWithinTheWidth() {
    #expect(Terminal.wrapped("aaa bbb ccc", indent: 2, width: 9) == "  aaa bbb\n  ccc")
    #expect(Terminal.wrapped("a-very-long-word b", width: 5) == "a-very-long-word\nb")
  }
}
