import Foundation
import QuizModel

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

  /// `text` broken at spaces into lines of at most `width` characters, each indented by `indent` spaces (a
  /// word longer than a line stands alone on its line).
  static func wrapped(_ text: String, indent: Int = 0, width: Int = 80) -> String {
    let margin = String(repeating: " ", count: indent)
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty, margin.count + line.count + 1 + word.count > width {
        lines.append(margin + line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty || lines.isEmpty { lines.append(margin + line) }
    return lines.joined(separator: "\n")
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

/// Opens `path` as an ``OutputFolder`` (see there), as a ``CommandFailure`` when it cannot be.
func openOutputFolder(_ path: String, inputs: [URL]) throws -> OutputFolder {
  do { return try OutputFolder(URL(fileURLWithPath: path), inputs: inputs) } catch {
    throw CommandFailure(error.description)
  }
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
