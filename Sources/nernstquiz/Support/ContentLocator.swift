import ArgumentParser
import Foundation
import QuizModel
import TemplateEngine

/// Finds the shipped `Banks/` and `Templates/` folders: next to the bank given, in the current folder or one
/// of its parents, or beside the executable (a `swift build` product sits in `.build/<config>/` of the
/// package).
enum ContentLocator {
  /// The folder that holds `Banks/` and `Templates/`.
  static func packageFolder() -> URL? {
    var candidates: [URL] = []
    var url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    for _ in 0..<6 {
      candidates.append(url)
      url.deleteLastPathComponent()
    }
    url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<6 {
      candidates.append(url)
      url.deleteLastPathComponent()
    }
    return candidates.first { folder in
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("Templates").path)
        && FileManager.default.fileExists(atPath: folder.appendingPathComponent("Banks").path)
    }
  }

  /// The bank file to use: the one given, or the shipped `Banks/default.yaml`.
  static func bank(_ path: String?) throws -> URL {
    if let path {
      let url = URL(fileURLWithPath: path)
      guard FileManager.default.fileExists(atPath: url.path) else {
        throw ValidationError("No bank file at '\(path)'.")
      }
      return url
    }
    guard let folder = packageFolder() else {
      throw ValidationError("No bank given and no Banks/default.yaml found here or above: give the bank file, e.g. 'nernstquiz generate Banks/default.yaml'.")
    }
    return folder.appendingPathComponent("Banks/default.yaml")
  }

  /// The templates folder: the one given, else `Templates/` beside the bank's folder, else the shipped one.
  static func templates(_ path: String?, bank: URL?) throws -> URL {
    if let path {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw ValidationError("No templates folder at '\(path)'.")
      }
      return URL(fileURLWithPath: path)
    }
    if let bank {
      let sibling = bank.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates")
      if FileManager.default.fileExists(atPath: sibling.path) { return sibling }
    }
    guard let folder = packageFolder() else {
      throw ValidationError("No Templates/ folder found: give one with '--templates DIR'.")
    }
    return folder.appendingPathComponent("Templates")
  }
}

/// Where `nernstquiz` writes, the way it reports failures, and how it shows progress.
enum Terminal {
  /// Whether standard error is a terminal (progress lines are shown only then).
  static let isInteractive = isatty(STDERR_FILENO) == 1

  /// Writes a line to standard error, control characters shown as escapes.
  static func error(_ text: String) {
    FileHandle.standardError.write(Data((safe(text) + "\n").utf8))
  }

  /// Writes a line to standard output, control characters shown as escapes.
  static func out(_ text: some CustomStringConvertible) {
    print(safe(text.description))
  }

  /// `text` with every control character except line feed and tab shown as `\u{…}`: escape sequences, carriage
  /// returns, backspaces and bidirectional overrides from input files (student text, entry names, template
  /// text quoted in an error) are shown, never obeyed by the terminal.
  static func safe(_ text: String) -> String {
    func isControl(_ v: UInt32) -> Bool {
      (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
        || (0x2066...0x2069).contains(v)
    }
    guard text.unicodeScalars.contains(where: { isControl($0.value) }) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      if isControl(scalar.value) {
        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A progress line that rewrites itself, on a terminal only.
  static func progress(_ text: String) {
    guard isInteractive else { return }
    FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
  }

  static func endProgress() {
    guard isInteractive else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
  }
}

/// A failure of the command's work (not of its arguments): printed as one message, exit status 1 unless said.
struct CommandFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Opens `path` as an ``OutputFolder`` (see there), as a ``CommandFailure`` when it cannot be.
func openOutputFolder(_ path: String, inputs: [URL]) throws -> OutputFolder {
  do { return try OutputFolder(URL(fileURLWithPath: path), inputs: inputs) } catch { throw CommandFailure(error.description) }
}

extension OutputFolder {
  /// ``commit(command:)``, failing with a ``CommandFailure``.
  @discardableResult
  func commitOrFail(command: String) throws -> [URL] {
    do { return try commit(command: command) } catch { throw CommandFailure(error.description) }
  }
}

/// Writes `data` to `url` through a temporary file renamed into place, so readers never see half a file.
func writeAtomically(_ data: Data, to url: URL) throws {
  do { try data.write(to: url, options: .atomic) } catch {
    throw CommandFailure("cannot write \(url.path): \(InputFile.describe(error))")
  }
}
