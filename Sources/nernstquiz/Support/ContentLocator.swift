import ArgumentParser
import Foundation
import QuizModel
import TemplateEngine

/// Finds the shipped `Banks/` and `Templates/` folders: in the current folder or one of its parents, then
/// from the executable (symbolic links resolved): `../share/nernstquiz` as `scripts/install` lays it out
/// (`PREFIX/bin/nernstquiz` and `PREFIX/share/nernstquiz`, or the binary in `PREFIX/lib/nernstquiz`), or the
/// package around a `swift build` product (`.build/<config>/nernstquiz`).
enum ContentLocator {
  /// The folder that holds `Banks/` and `Templates/`.
  static func packageFolder() -> URL? {
    var candidates: [URL] = []
    var url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    for _ in 0..<6 {
      candidates.append(url)
      url.deleteLastPathComponent()
    }
    if let executable = executableFolder() {
      let prefix = executable.deletingLastPathComponent()
      candidates.append(prefix.appendingPathComponent("share/nernstquiz"))
      candidates.append(prefix.deletingLastPathComponent().appendingPathComponent("share/nernstquiz"))
      url = executable
      for _ in 0..<6 {
        candidates.append(url)
        url.deleteLastPathComponent()
      }
    }
    return candidates.first { folder in
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("Templates").path)
        && FileManager.default.fileExists(atPath: folder.appendingPathComponent("Banks").path)
    }
  }

  /// The folder of the running executable, links resolved. A command found through `PATH` has a bare name
  /// as `argv[0]`, so the system's answer comes first (`/proc/self/exe` on Linux).
  static func executableFolder() -> URL? {
    let executable =
      Bundle.main.executableURL
      ?? (CommandLine.arguments.first.map { URL(fileURLWithPath: $0) })
    return executable?.resolvingSymlinksInPath().deletingLastPathComponent()
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
      throw ValidationError(
        "No bank given, and no Banks/default.yaml here, above, or installed with nernstquiz: give the bank file.")
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
