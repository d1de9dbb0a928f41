import ArgumentParser
import Foundation

/// `--jobs N`, shared by generate, validate and grade: how many threads the libraries may use. The command
/// line alone decides; the libraries take the number as a parameter. Outputs are the same bytes for any N.
struct Jobs: ParsableArguments {
  @Option(
    name: .customLong("jobs"),
    help: ArgumentHelp("Threads to use (default: the number of active processors).", valueName: "n"))
  var count: Int = ProcessInfo.processInfo.activeProcessorCount

  func validate() throws {
    guard count >= 1 else { throw ValidationError("'--jobs' must be at least 1, got \(count).") }
  }
}
