import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem writing the output folder, or with the arguments of a grading run.
public struct GradingError: Error, CustomStringConvertible, Hashable, Sendable {
  /// What went wrong, naming the file and quoting the value.
  public var message: String

  /// Creates an error with its message.
  public init(_ message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}

/// An output file written through a buffer to a temporary file next to its destination, and renamed into
/// place by ``commit()``: readers see the old file or the complete new one, never a partial one.
final class OutputFile {
  let destination: URL
  private let temporary: URL
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private static let capacity = 1 << 18

  init(_ destination: URL) throws(GradingError) {
    self.destination = destination
    temporary = destination.deletingLastPathComponent()
      .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).partial")
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
          let handle = try? FileHandle(forWritingTo: temporary)
    else { throw GradingError("Cannot write \(destination.lastPathComponent) in \(destination.deletingLastPathComponent().lastPathComponent)/") }
    self.handle = handle
    buffer.reserveCapacity(OutputFile.capacity)
  }

  deinit {
    try? handle.close()
    unlink(temporary.path)
  }

  @inline(__always)
  func write(_ byte: UInt8) {
    buffer.append(byte)
  }

  func write(_ text: String) {
    var t = text
    t.withUTF8 { buffer.append(contentsOf: $0) }
    if buffer.count >= OutputFile.capacity { flush() }
  }

  func write(_ bytes: UnsafeBufferPointer<UInt8>) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= OutputFile.capacity { flush() }
  }

  /// Writes `text` as one CSV field, quoted when it holds a comma, a quote or a line break.
  func field(_ text: String) {
    var t = text
    t.withUTF8 { field($0) }
  }

  /// Writes bytes as one CSV field, quoted when needed.
  func field(_ bytes: UnsafeBufferPointer<UInt8>) {
    var needsQuotes = false
    for b in bytes where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
      needsQuotes = true
      break
    }
    if !needsQuotes {
      buffer.append(contentsOf: bytes)
    } else {
      buffer.append(0x22)
      for b in bytes {
        if b == 0x22 { buffer.append(0x22) }
        buffer.append(b)
      }
      buffer.append(0x22)
    }
    if buffer.count >= OutputFile.capacity { flush() }
  }

  /// Writes a whole CSV row and a line break.
  func row(_ fields: [String]) {
    for (i, f) in fields.enumerated() {
      if i > 0 { write(0x2C) }
      field(f)
    }
    write(0x0A)
  }

  private var failed = false

  func flush() {
    guard !buffer.isEmpty else { return }
    do { try handle.write(contentsOf: Data(buffer)) } catch { failed = true }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, closes and renames the file into place.
  func commit() throws(GradingError) {
    flush()
    try? handle.synchronize()
    try? handle.close()
    guard !failed, rename(temporary.path, destination.path) == 0 else {
      throw GradingError("Cannot write \(destination.lastPathComponent): the disk may be full or the folder read-only")
    }
  }
}
