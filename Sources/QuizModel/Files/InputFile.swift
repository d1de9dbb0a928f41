public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why an input file could not be read, in words a user can act on, with the path: no raw Foundation error
/// text (`NSCocoaErrorDomain Code=259 …`) ever reaches a message.
///
/// ```swift
/// InputFileError(path: "Banks/x.yaml", reason: .notUTF8(line: 3, column: 7)).description
/// // "Banks/x.yaml:3:7: the file is not UTF-8 text (invalid byte 0xE9)"
/// ```
public struct InputFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Reason: Hashable, Sendable {
    /// Nothing exists at the path.
    case noSuchFile
    /// The path is a folder.
    case isADirectory
    /// The file exists but may not be read.
    case permissionDenied
    /// The bytes are not UTF-8; the place of the first bad byte (1-based line and column) and the byte.
    case notUTF8(line: Int, column: Int, byte: UInt8)
    /// The file holds more bytes than the limit allows.
    case tooLarge(limit: Int)
    /// Any other operating-system error, as its message (`strerror`).
    case other(String)
  }

  /// The path as given.
  public var path: String
  /// What went wrong.
  public var reason: Reason

  /// Creates an error.
  public init(path: String, reason: Reason) {
    self.path = path
    self.reason = reason
  }

  /// Where (`path` or `path:line:column`) and what.
  public var description: String {
    guard case .notUTF8(let line, let column, _) = reason else { return "\(FilePosition(file: path)): \(message)" }
    return "\(FilePosition(file: path, line: line, column: column)): \(message)"
  }

  /// What went wrong, without the place.
  public var message: String {
    switch reason {
    case .noSuchFile: "no such file"
    case .isADirectory: "is a folder, not a file"
    case .permissionDenied: "permission denied"
    case .notUTF8(_, _, let byte):
      "the file is not UTF-8 text (invalid byte 0x\(String(byte, radix: 16, uppercase: true)))"
    case .tooLarge(let limit): "the file is larger than the limit of \(InputFile.byteCount(limit))"
    case .other(let message): message
    }
  }

  /// The reason an `errno` value stands for.
  public static func reason(errno code: Int32) -> Reason {
    switch code {
    case ENOENT, ENOTDIR: .noSuchFile
    case EISDIR: .isADirectory
    case EACCES, EPERM: .permissionDenied
    default: .other(String(cString: strerror(code)))
    }
  }
}

/// Reading input files with a size limit and translated errors: the bounded, user-facing way every command
/// reads a bank, a template or a key.
public enum InputFile {
  /// The default limit for a text input (a bank, a template, a key): 64 MiB.
  public static let defaultTextLimit = 64 << 20

  /// Reads the file at `url` as bytes, refusing folders and files larger than `limit` before allocating.
  /// Devices and pipes are read up to `limit` bytes (so `/dev/zero` ends in ``InputFileError/Reason/tooLarge(limit:)``).
  ///
  /// - Throws: ``InputFileError``.
  /// - Complexity: O(min(file size, limit)) time and memory.
  public static func bytes(at url: URL, limit: Int = defaultTextLimit) throws(InputFileError) -> [UInt8] {
    let path = url.path
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw InputFileError(path: path, reason: InputFileError.reason(errno: errno)) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw InputFileError(path: path, reason: InputFileError.reason(errno: errno)) }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw InputFileError(path: path, reason: .isADirectory) }
    if (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > limit {
      throw InputFileError(path: path, reason: .tooLarge(limit: limit))
    }
    var result: [UInt8] = []
    let chunk = 1 << 16
    while true {
      if result.count > limit { throw InputFileError(path: path, reason: .tooLarge(limit: limit)) }
      guard let piece = readUpTo(chunk, from: fd) else {
        if errno == EINTR { continue }
        throw InputFileError(path: path, reason: InputFileError.reason(errno: errno))
      }
      if piece.isEmpty { break }
      result.append(contentsOf: piece)
    }
    if result.count > limit { throw InputFileError(path: path, reason: .tooLarge(limit: limit)) }
    return result
  }

  /// The first `count` bytes of the file (fewer if it is shorter); a folder or an unreadable path throws.
  public static func bytes(atStartOf url: URL, count: Int) throws(InputFileError) -> [UInt8] {
    try checkReadable(url)
    let fd = open(url.path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw InputFileError(path: url.path, reason: InputFileError.reason(errno: errno)) }
    defer { close(fd) }
    guard let result = readUpTo(count, from: fd) else {
      throw InputFileError(path: url.path, reason: InputFileError.reason(errno: errno))
    }
    return result
  }

  /// At most `count` bytes read from the open file `fd` (fewer near its end, none at it), or nil when the
  /// read fails (`errno` says why).
  private static func readUpTo(_ count: Int, from fd: Int32) -> [UInt8]? {
    var failed = false
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      // read(2) writes at most `count` bytes, the buffer's capacity, and returns how many it wrote (or −1).
      let n = read(fd, buffer.baseAddress, count)
      failed = n < 0
      initialized = max(n, 0)
    }
    return failed ? nil : bytes
  }

  /// Throws unless `url` names something that can be opened for reading and is not a folder.
  public static func checkReadable(_ url: URL) throws(InputFileError) {
    let fd = open(url.path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw InputFileError(path: url.path, reason: InputFileError.reason(errno: errno)) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw InputFileError(path: url.path, reason: InputFileError.reason(errno: errno))
    }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw InputFileError(path: url.path, reason: .isADirectory) }
  }

  /// A Foundation or POSIX error in plain words (`is a folder, not a file`), never its raw domain and code.
  public static func describe(_ error: any Error) -> String {
    let ns = error as NSError
    var posix: Int32? = ns.domain == NSPOSIXErrorDomain ? Int32(ns.code) : nil
    if posix == nil, let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      posix = Int32(underlying.code)
    }
    if let posix { return InputFileError(path: "", reason: InputFileError.reason(errno: posix)).message }
    switch ns.code {
    case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file"
    case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
    case NSFileReadInapplicableStringEncodingError: return "the file is not UTF-8 text"
    case NSFileWriteOutOfSpaceError: return "no space left on the disk"
    case NSFileWriteVolumeReadOnlyError: return "the disk is read-only"
    default: return "input/output error"
    }
  }

  /// Reads the file at `url` as UTF-8 text (a byte-order mark is dropped), refusing invalid UTF-8 with the
  /// line and column of the first bad byte.
  ///
  /// - Throws: ``InputFileError``.
  public static func text(at url: URL, limit: Int = defaultTextLimit) throws(InputFileError) -> String {
    var bytes = try self.bytes(at: url, limit: limit)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    if let (line, column, byte) = firstInvalidUTF8(bytes) {
      throw InputFileError(path: url.path, reason: .notUTF8(line: line, column: column, byte: byte))
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The 1-based line and column (in characters, counted as Unicode scalars) of the first byte that is not
  /// valid UTF-8, and the byte; nil for valid text.
  public static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int, byte: UInt8)? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    var line = 1
    var column = 1
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        if encoded.count == 1, encoded.first == 0x0A {
          line += 1
          column = 1
        } else {
          column += 1
        }
        offset += encoded.count
      case .emptyInput:
        return nil
      case .error:
        return (line, column, bytes[offset])
      }
    }
  }

  /// The offset of the first byte of `bytes` that is not valid UTF-8, or nil.
  public static func firstInvalidUTF8Offset(_ bytes: Span<UInt8>) -> Int? {
    do {
      _ = try UTF8Span(validating: bytes)
      return nil
    } catch {
      return error.byteOffsets.lowerBound
    }
  }

  /// `1.5 MiB`, `64 MiB`, `512 KiB` or `300 bytes`.
  public static func byteCount(_ n: Int) -> String {
    if n >= 1 << 30, n % (1 << 30) == 0 { return "\(n >> 30) GiB" }
    if n >= 1 << 20, n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
    if n >= 1 << 10, n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
    return "\(n) bytes"
  }
}
