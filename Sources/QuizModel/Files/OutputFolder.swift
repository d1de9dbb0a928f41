public import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why an output folder could not be written.
public struct OutputFolderError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong, naming the folder or file.
  public var message: String

  /// Creates an error.
  public init(_ message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}

/// An output folder that is never left half-written: a command writes its files into ``staging``, a
/// temporary folder beside the target, and ``commit(command:)`` renames each file into place (each rename
/// atomic) and writes ``manifestName`` last, listing the set. Until then the target is untouched: a failure,
/// Ctrl-C or SIGTERM leaves the previous outputs as they were and removes the temporary folder.
///
/// ```swift
/// let output = try OutputFolder(URL(fileURLWithPath: "out"), inputs: [bank])
/// defer { output.discard() }                     // nothing to do after a commit
/// try keyText.write(to: output.staging.appendingPathComponent("key.jsonl"), …)
/// let files = try output.commit(command: "generate")
/// ```
///
/// Files in the target that the tool did not write are never touched. A file listed in the previous
/// manifest but not in the new set (a package of a format no longer asked for) is removed, so the folder
/// never mixes two runs, but only while it is still the regular file of the size the manifest recorded. An
/// output that would replace one of `inputs` (the same file, through any path or link) is refused before
/// anything is moved.
public final class OutputFolder: Sendable {
  /// The name of the manifest written last into the target.
  public static let manifestName = "nernstquiz-manifest.json"

  /// The folder the outputs are for.
  public let target: URL
  /// Where the command writes its files before ``commit(command:)``.
  public let staging: URL
  private let inputs: [URL]
  private let state = Mutex(false)  // committed or discarded

  /// Creates the temporary folder beside `target` (creating `target`'s parent folders when missing) and
  /// arranges for it to be removed on SIGINT and SIGTERM.
  ///
  /// - Parameters:
  ///   - target: The output folder.
  ///   - inputs: The files the command reads; an output that would replace one is refused.
  /// - Throws: ``OutputFolderError`` when the folder cannot be created, or `target` is a file.
  public init(_ target: URL, inputs: [URL] = []) throws(OutputFolderError) {
    self.target = target.standardizedFileURL
    self.inputs = inputs
    let parent = self.target.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: self.target.path, isDirectory: &isDirectory), !isDirectory.boolValue {
      throw OutputFolderError("cannot write into \(target.path): it is a file, not a folder")
    }
    do { try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
      throw OutputFolderError("cannot create the folder \(parent.path): \(InputFile.describe(error))")
    }
    let name = ".\(self.target.lastPathComponent).nernstquiz-\(getpid())-\(UUID().uuidString.prefix(8))"
    staging = parent.appendingPathComponent(name)
    OutputFolder.cleanup.install()  // before the folder exists, so no signal can leave it behind
    let path = staging.path
    try OutputFolder.cleanup.whileHoldingSignals { () throws(OutputFolderError) in
      OutputFolder.cleanup.register(path)
      guard mkdir(path, 0o755) == 0 else {
        let reason = InputFileError(path: parent.path, reason: InputFileError.reason(errno: errno)).message
        OutputFolder.cleanup.remove(path)
        throw OutputFolderError("cannot write in \(parent.path): \(reason)")
      }
    }
  }

  deinit { discard() }

  /// Removes the temporary folder and everything in it, leaving the target untouched. Does nothing after
  /// ``commit(command:)``.
  public func discard() {
    let done = state.withLock { done in
      defer { done = true }
      return done
    }
    guard !done else { return }
    OutputFolder.cleanup.remove(staging.path)
  }

  /// Throws if writing `names` into the target would replace one of the inputs. Called by
  /// ``commit(command:)``; commands whose output names are known early call it before doing the work.
  public func refuseOverwritingInputs(_ names: [String]) throws(OutputFolderError) {
    let identities = inputs.map { OutputFolder.identity(of: $0.path) }
    for name in names {
      let destination = target.appendingPathComponent(name)
      guard let id = OutputFolder.identity(of: destination.path) else { continue }
      if let index = identities.firstIndex(where: { $0 == id }) {
        throw OutputFolderError(
          "the output \(destination.path) would overwrite the input \(inputs[index].path): choose another output folder"
        )
      }
    }
  }

  /// Moves every file written into ``staging`` into the target, each by an atomic rename, then writes the
  /// manifest and removes the temporary folder.
  ///
  /// - Parameter command: The command's name, recorded in the manifest.
  /// - Returns: The files in the target, in name order (the manifest last).
  /// - Throws: ``OutputFolderError`` when an output would replace an input or a name is taken by a folder
  ///   (nothing has been moved then), or when the disk refuses a rename.
  @discardableResult
  public func commit(command: String) throws(OutputFolderError) -> [URL] {
    defer { discard() }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: staging.path).filter { !$0.hasPrefix(".") }.sorted()
    } catch {
      throw OutputFolderError("cannot read the temporary folder \(staging.path): \(InputFile.describe(error))")
    }
    try refuseOverwritingInputs(names + [OutputFolder.manifestName])
    for name in names + [OutputFolder.manifestName] {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: target.appendingPathComponent(name).path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        throw OutputFolderError("cannot write \(target.appendingPathComponent(name).path): a folder has that name")
      }
    }
    let previous = OutputFolder.manifestFiles(in: target)
    do { try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true) } catch {
      throw OutputFolderError("cannot create the output folder \(target.path): \(InputFile.describe(error))")
    }
    var entries: [(String, Int)] = []
    try OutputFolder.cleanup.whileHoldingSignals { () throws(OutputFolderError) in
      for name in names {
        let from = staging.appendingPathComponent(name)
        let to = target.appendingPathComponent(name)
        var info = stat()
        let size = stat(from.path, &info) == 0 ? Int(info.st_size) : 0
        try OutputFolder.move(from, to)
        entries.append((name, size))
      }
      // A file of the previous set not written this time goes, but only if it is still the regular file of the
      // size the manifest recorded: a file someone put or changed there since is never touched.
      for (stale, bytes) in previous
      where !names.contains(stale) && stale != OutputFolder.manifestName
        && !stale.contains("/") && !stale.hasPrefix(".")
      {
        var info = stat()
        let path = target.appendingPathComponent(stale).path
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes { unlink(path) }
      }
      let manifest = staging.appendingPathComponent(OutputFolder.manifestName)
      guard
        FileManager.default.createFile(
          atPath: manifest.path, contents: OutputFolder.manifest(command: command, files: entries))
      else {
        throw OutputFolderError("cannot write \(target.appendingPathComponent(OutputFolder.manifestName).path)")
      }
      try OutputFolder.move(manifest, target.appendingPathComponent(OutputFolder.manifestName))
    }
    return (names + [OutputFolder.manifestName]).map { target.appendingPathComponent($0) }
  }

  // MARK: Helpers

  /// Renames `from` to `to`; across file systems, copies to a temporary name beside `to` and renames that.
  private static func move(_ from: URL, _ to: URL) throws(OutputFolderError) {
    if rename(from.path, to.path) == 0 { return }
    let code = errno
    if code == EXDEV {
      let temporary = to.deletingLastPathComponent().appendingPathComponent(
        ".\(to.lastPathComponent).\(UUID().uuidString.prefix(8)).partial")
      do {
        try FileManager.default.copyItem(at: from, to: temporary)
        if rename(temporary.path, to.path) == 0 { return }
      } catch {}
      unlink(temporary.path)
    }
    let reason = InputFileError(path: to.path, reason: InputFileError.reason(errno: code)).message
    throw OutputFolderError("cannot write \(to.path): \(reason)")
  }

  /// The device and inode of the file at `path`, following links; nil when there is none.
  private static func identity(of path: String) -> [UInt64]? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return [UInt64(info.st_dev), UInt64(info.st_ino)]
  }

  /// The manifest: the command and each file's name and size, in name order (no time, so the same run gives
  /// the same bytes).
  static func manifest(command: String, files: [(String, Int)]) -> Data {
    var text = "{\"format\":1,\"tool\":\"nernstquiz\",\"command\":\(JSONValue.string(command).serialized()),\"files\":["
    text += files.map { "{\"name\":\(JSONValue.string($0.0).serialized()),\"bytes\":\($0.1)}" }.joined(separator: ",")
    text += "]}\n"
    return Data(text.utf8)
  }

  /// The files the manifest in `folder` lists, with their sizes (empty when there is none or it is unreadable).
  static func manifestFiles(in folder: URL) -> [(name: String, bytes: Int)] {
    let url = folder.appendingPathComponent(manifestName)
    guard let bytes = try? InputFile.bytes(at: url, limit: 16 << 20),
      let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
      object["tool"] as? String == "nernstquiz",
      let files = object["files"] as? [[String: Any]]
    else { return [] }
    return files.compactMap { file in
      guard let name = file["name"] as? String, let bytes = file["bytes"] as? Int else { return nil }
      return (name, bytes)
    }
  }

  // MARK: Signals

  /// The temporary folders alive in this process, removed on SIGINT and SIGTERM before the process ends
  /// with that signal.
  private static let cleanup = SignalCleanup()
}

/// Removes registered temporary folders when SIGINT or SIGTERM arrives, then ends the process with that
/// signal. The C handler only writes the signal's number to a pipe (async-signal-safe, installed
/// synchronously, so there is no moment when a signal is lost); a thread reading the pipe removes the
/// folders. A commit in progress finishes first.
final class SignalCleanup: Sendable {
  private let folders = Mutex<Set<String>>([])
  /// Held while a commit renames files, and by the handler, so a signal never interrupts a commit halfway.
  private let commitLock = NSLock()
  private let installed = Mutex(false)

  func register(_ path: String) {
    _ = folders.withLock { $0.insert(path) }
  }

  /// Installs the handlers (once per process).
  func install() {
    let first = installed.withLock { done in
      defer { done = true }
      return !done
    }
    guard first, signalPipe.write >= 0 else { return }
    let thread = Thread { [self] in
      var byte: UInt8 = 0
      while true {
        let n = read(signalPipe.read, &byte, 1)
        if n == 1 { handle(Int32(byte)) }
        if n == 0 { return }
      }
    }
    thread.start()
    // A parent may have started us with these signals blocked (a blocked mask is inherited through exec):
    // unblock them on this thread, so that Ctrl-C and SIGTERM reach the handler.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGINT)
    sigaddset(&unblock, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    for sig in [SIGINT, SIGTERM] {
      var action = sigaction()
      #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = signalWriter
      #else
        action.__sigaction_handler.sa_handler = signalWriter
      #endif
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(sig, &action, nil)
    }
  }

  /// Unregisters `path` and removes the folder.
  func remove(_ path: String) {
    folders.withLock { _ = $0.remove(path) }
    try? FileManager.default.removeItem(atPath: path)
  }

  func whileHoldingSignals<T>(_ body: () throws(OutputFolderError) -> T) throws(OutputFolderError) -> T {
    commitLock.lock()
    defer { commitLock.unlock() }
    return try body()
  }

  private func handle(_ sig: Int32) {
    commitLock.lock()
    let paths = folders.withLock { $0 }
    for path in paths { try? FileManager.default.removeItem(atPath: path) }
    signal(sig, SIG_DFL)
    kill(getpid(), sig)
  }
}

/// The self-pipe: the signal handler writes to `write`, the cleanup thread reads `read`.
private let signalPipe: (read: Int32, write: Int32) = {
  var fds: [Int32] = [-1, -1]
  guard pipe(&fds) == 0 else { return (-1, -1) }
  for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
  return (fds[0], fds[1])
}()

/// The C signal handler: writes the signal number to the pipe, nothing else.
private let signalWriter: @convention(c) (Int32) -> Void = { sig in
  var byte = UInt8(truncatingIfNeeded: sig)
  _ = write(signalPipe.write, &byte, 1)
}
