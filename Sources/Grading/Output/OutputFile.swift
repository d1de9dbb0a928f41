import Foundation
import QuizModel

/// A problem writing the output folder, or with the arguments of a grading run.
package struct GradingError: Error, CustomStringConvertible, Hashable, Sendable {
  /// What went wrong, naming the file and quoting the value.
  package var message: String

  /// Creates an error with its message.
  package init(_ message: String) { self.message = message }

  /// The message.
  package var description: String { message }
}

/// An output file written through a buffer, straight to its place. Making outputs appear whole is the folder's
/// work, not the file's: a command writes into the `staging` folder of an `OutputFolder`, whose `commit` moves the
/// finished set into place, while a failed run leaves the previous outputs as they were.
final class OutputFile {
  let destination: URL
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private static let capacity = 1 << 18
  private var failed = false

  /// UTF-8's byte-order mark: spreadsheet programs (Excel) read a CSV as UTF-8 only when it starts with it,
  /// and show `−95 mV` and `Cl⁻` right; CSV readers (Canvas's gradebook import, ours) skip it.
  static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// Creates (or empties) a file; `spreadsheet` CSVs start with the UTF-8 byte-order mark.
  init(_ destination: URL, spreadsheet: Bool = false) throws(GradingError) {
    self.destination = destination
    guard FileManager.default.createFile(atPath: destination.path, contents: nil),
      let handle = try? FileHandle(forWritingTo: destination)
    else {
      throw GradingError(
        "Cannot write \(destination.lastPathComponent) in \(destination.deletingLastPathComponent().lastPathComponent)/"
      )
    }
    self.handle = handle
    buffer.reserveCapacity(OutputFile.capacity)
    if spreadsheet { buffer.append(contentsOf: OutputFile.byteOrderMark) }
  }

  deinit { try? handle.close() }

  /// Writes text as it is.
  func write(_ text: String) {
    buffer.appendText(text)
    if buffer.count >= OutputFile.capacity { flush() }
  }

  /// Writes bytes as they are.
  func write(_ bytes: [UInt8]) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= OutputFile.capacity { flush() }
  }

  /// Writes part of a byte array as it is (one copy).
  func write(_ bytes: ArraySlice<UInt8>) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= OutputFile.capacity { flush() }
  }

  /// Writes a whole CSV row and a line break; text cells that a spreadsheet would run as formulas are
  /// prefixed with `'` unless `formulaSafe` is false (for files meant as input, not to be opened).
  func row(_ fields: [String], formulaSafe: Bool = true) {
    var line: [UInt8] = []
    for (i, f) in fields.enumerated() {
      if i > 0 { line.append(0x2C) }
      line.appendCSVField(f, formulaSafe: formulaSafe)
    }
    line.append(0x0A)
    write(line)
  }

  func flush() {
    guard !buffer.isEmpty else { return }
    do { try handle.write(contentsOf: buffer) } catch { failed = true }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes what is buffered and closes the file, which is then complete.
  func close() throws(GradingError) {
    flush()
    try? handle.close()
    if failed {
      throw GradingError("Cannot write \(destination.lastPathComponent): the disk may be full or the folder read-only")
    }
  }
}
