import CZlibSystem
import Foundation
import QuizModel

/// The limits ``validatePackage(at:schemas:limits:workers:)`` reads an untrusted package under. Memory stays bounded
/// whatever sizes the archive declares: entries are inflated one at a time, in chunks, and counted as they
/// grow, so a small zip that inflates to gigabytes stops at a limit with a clear error.
///
/// The defaults suit a package of a few thousand variants; `nernstquiz validate --max-file-size`,
/// `--max-total-size` and `--max-entries` raise them for a large course (a Canvas package of 30,000 questions
/// holds one assessment file of about 150 MB).
package struct PackageLimits: Hashable, Sendable {
  /// The most bytes one file may inflate to: 64 MiB by default.
  package var maximumFileBytes: Int
  /// The most bytes all files together may inflate to: 1 GiB by default.
  package var maximumTotalBytes: Int
  /// The most entries an archive may have: 100,000 by default (a zip without ZIP64 holds 65,535).
  package var maximumEntries: Int

  /// Creates limits; the defaults are those above.
  package init(maximumFileBytes: Int = 64 << 20, maximumTotalBytes: Int = 1 << 30, maximumEntries: Int = 100_000) {
    self.maximumFileBytes = maximumFileBytes
    self.maximumTotalBytes = maximumTotalBytes
    self.maximumEntries = maximumEntries
  }
}

/// Reads a zip archive from a file or from memory without trusting it: the end record (ZIP64 included) and
/// the central directory are checked against the archive's size, entries are inflated one at a time in
/// chunks under ``PackageLimits``, and their sizes and checksums are verified.
struct ZipReader {
  /// A problem with an archive or an entry.
  struct Failure: Error, CustomStringConvertible {
    var description: String
    /// True when the failure is about the whole archive rather than one entry.
    var isFatal = true
  }

  /// One entry of the central directory.
  struct Entry: Sendable {
    var path: String
    var method: Int
    var flags: Int
    var crc: UInt32
    var compressedSize: Int
    var size: Int
    var localOffset: Int
    /// The Unix mode says symbolic link.
    var isSymlink: Bool
    /// The name ends in `/`.
    var isDirectory: Bool

    /// Why extracting this entry would be unsafe (`..`, an absolute path, a drive letter, a symbolic link),
    /// or nil.
    var unsafeReason: String? {
      if isSymlink { return "is a symbolic link; extracting it could write or read outside the folder" }
      if path.isEmpty { return "has an empty name" }
      if path.utf8.contains(0) { return "has a NUL byte in its name" }
      let parts = path.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "\\" })
      if path.hasPrefix("/") || path.hasPrefix("\\") {
        return "has an absolute path; extracting it would write outside the folder"
      }
      if let first = parts.first, first.count == 2, first.last == ":" {
        return "starts with a drive letter; extracting it would write outside the folder"
      }
      if parts.contains("..") { return "has a '..' component; extracting it would write outside the folder" }
      return nil
    }
  }

  private enum Storage {
    case memory(Data)
    case file(FileHandle)
  }

  private let storage: Storage
  /// The archive's size in bytes.
  let size: Int
  let limits: PackageLimits
  /// The entries in central-directory order, folders included.
  private(set) var entries: [Entry] = []
  /// Bytes inflated so far, over all entries read.
  private(set) var inflatedBytes = 0

  /// Opens the archive at `url` and reads its central directory.
  init(url: URL, limits: PackageLimits = PackageLimits()) throws(Failure) {
    let handle: FileHandle
    do { handle = try FileHandle(forReadingFrom: url) } catch {
      throw Failure(description: "cannot open the file (\(InputFile.describe(error)))")
    }
    let end: UInt64
    do { end = try handle.seekToEnd() } catch {
      throw Failure(description: "cannot read the file (\(InputFile.describe(error)))")
    }
    try self.init(storage: .file(handle), size: Int(end), limits: limits)
  }

  /// Reads an archive already in memory.
  init(data: Data, limits: PackageLimits = PackageLimits()) throws(Failure) {
    try self.init(storage: .memory(data), size: data.count, limits: limits)
  }

  private init(storage: Storage, size: Int, limits: PackageLimits) throws(Failure) {
    self.storage = storage
    self.size = size
    self.limits = limits
    try readCentralDirectory()
  }

  /// Every file's path and contents, in order, folders left out (for archives the exporter wrote).
  static func entries(of archive: Data, limits: PackageLimits = PackageLimits()) throws(Failure) -> [(
    path: String, data: Data
  )] {
    var reader = try ZipReader(data: archive, limits: limits)
    var result: [(String, Data)] = []
    for entry in reader.entries where !entry.isDirectory { result.append((entry.path, try reader.contents(of: entry))) }
    return result
  }

  // MARK: Reading bytes

  /// `count` bytes at `offset`, which the caller has checked lie inside the archive.
  private func read(_ offset: Int, _ count: Int) throws(Failure) -> Data {
    guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
      throw Failure(description: "damaged zip: a record at byte \(offset) runs past the end of the archive")
    }
    switch storage {
    case .memory(let data):
      let start = data.startIndex + offset
      return data.subdata(in: start..<(start + count))
    case .file(let handle):
      do {
        try handle.seek(toOffset: UInt64(offset))
        let data = try handle.read(upToCount: count) ?? Data()
        guard data.count == count else {
          throw Failure(description: "the archive ended early at byte \(offset + data.count)")
        }
        return data
      } catch let failure as Failure {
        throw failure
      } catch {
        throw Failure(description: "cannot read the file (\(InputFile.describe(error)))")
      }
    }
  }

  // MARK: Central directory

  private mutating func readCentralDirectory() throws(Failure) {
    guard size >= 22 else { throw Failure(description: "not a zip archive (only \(size) bytes)") }
    // The end record is in the last 22 + 65,535 bytes (its comment is at most 65,535 bytes).
    let tailStart = max(0, size - 22 - 65_535)
    let tail = [UInt8](try read(tailStart, size - tailStart))
    var e = tail.count - 22
    while e >= 0, !(tail[e] == 0x50 && tail[e + 1] == 0x4b && tail[e + 2] == 5 && tail[e + 3] == 6) { e -= 1 }
    guard e >= 0 else { throw Failure(description: "not a zip archive (no end-of-central-directory record)") }
    var total = tail.u16(e + 10)
    var directorySize = tail.u32(e + 12)
    var directoryOffset = tail.u32(e + 16)
    guard tail.u16(e + 4) == 0, tail.u16(e + 6) == 0 else {
      throw Failure(description: "the archive is split over several disks, which is not supported")
    }
    let endOffset = tailStart + e
    if total == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
      // ZIP64: a locator (20 bytes) just before the end record points at the ZIP64 end record.
      guard endOffset >= 20 else { throw Failure(description: "damaged zip: ZIP64 fields without a ZIP64 locator") }
      let locator = [UInt8](try read(endOffset - 20, 20))
      if locator.u32(0) == 0x0706_4b50 {
        let recordOffset = try checkedInt(locator.u64(8), "ZIP64 end record offset")
        let record = [UInt8](try read(recordOffset, 56))
        guard record.u32(0) == 0x0606_4b50 else {
          throw Failure(description: "damaged zip: no ZIP64 end record at byte \(recordOffset)")
        }
        total = try checkedInt(record.u64(32), "ZIP64 entry count")
        directorySize = try checkedInt(record.u64(40), "ZIP64 central directory size")
        directoryOffset = try checkedInt(record.u64(48), "ZIP64 central directory offset")
      } else if total == 0xFFFF && directorySize != 0xFFFF_FFFF && directoryOffset != 0xFFFF_FFFF {
        // 65,535 entries exactly, or more written without ZIP64: the directory's size tells which.
      } else {
        throw Failure(description: "damaged zip: ZIP64 fields without a ZIP64 locator")
      }
    }
    guard total <= limits.maximumEntries else {
      throw Failure(
        description:
          "the archive has \(total) entries, more than the limit of \(limits.maximumEntries) (raise it with --max-entries)"
      )
    }
    guard directoryOffset <= endOffset, directorySize <= endOffset - directoryOffset else {
      throw Failure(
        description:
          "damaged zip: the central directory (\(directorySize) bytes at byte \(directoryOffset)) lies outside the archive"
      )
    }
    // The directory is read whole: cap it by what the entry limit needs (names of a few hundred bytes).
    let directoryLimit = max(64 << 20, limits.maximumEntries * 512)
    guard directorySize <= directoryLimit else {
      throw Failure(
        description: "the central directory is \(directorySize) bytes, more than \(byteText(directoryLimit)) for "
          + "\(limits.maximumEntries) entries (raise the limit with --max-entries)")
    }
    let directory = [UInt8](try read(directoryOffset, directorySize))
    var p = 0
    entries.reserveCapacity(min(total, 100_000))
    while p < directory.count {
      guard p + 46 <= directory.count, directory.u32(p) == 0x0201_4b50 else {
        if entries.count == total, p + 4 <= directory.count,
          directory.u32(p) == 0x0605_4b50 || directory.u32(p) == 0x0606_4b50
        {
          break
        }
        throw Failure(description: "damaged zip central directory at byte \(directoryOffset + p)")
      }
      guard entries.count < limits.maximumEntries else {
        throw Failure(
          description: "the archive has more than \(limits.maximumEntries) entries (raise the limit with --max-entries)"
        )
      }
      let madeBy = directory.u16(p + 4)
      let flags = directory.u16(p + 8)
      let method = directory.u16(p + 10)
      let crc = UInt32(directory.u32(p + 16))
      var compressedSize = directory.u32(p + 20)
      var size = directory.u32(p + 24)
      let nameLength = directory.u16(p + 28)
      let extraLength = directory.u16(p + 30)
      let commentLength = directory.u16(p + 32)
      let external = directory.u32(p + 38)
      var localOffset = directory.u32(p + 42)
      let next = p + 46 + nameLength + extraLength + commentLength
      guard next <= directory.count else {
        throw Failure(description: "damaged zip entry name at byte \(directoryOffset + p)")
      }
      let name = String(decoding: directory[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
      // ZIP64 extra field: the 64-bit values of the fields set to 0xFFFFFFFF, in this order.
      var x = p + 46 + nameLength
      let extraEnd = x + extraLength
      while x + 4 <= extraEnd {
        let id = directory.u16(x)
        let length = directory.u16(x + 2)
        var q = x + 4
        let fieldEnd = min(q + length, extraEnd)
        if id == 0x0001 {
          if size == 0xFFFF_FFFF, q + 8 <= fieldEnd {
            size = try checkedInt(directory.u64(q), "size of '\(name)'")
            q += 8
          }
          if compressedSize == 0xFFFF_FFFF, q + 8 <= fieldEnd {
            compressedSize = try checkedInt(directory.u64(q), "size of '\(name)'")
            q += 8
          }
          if localOffset == 0xFFFF_FFFF, q + 8 <= fieldEnd {
            localOffset = try checkedInt(directory.u64(q), "offset of '\(name)'")
          }
        }
        x += 4 + length
      }
      let unixMode = madeBy >> 8 == 3 ? external >> 16 : 0
      entries.append(
        Entry(
          path: name, method: method, flags: flags, crc: crc, compressedSize: compressedSize, size: size,
          localOffset: localOffset, isSymlink: unixMode & 0o170000 == 0o120000,
          isDirectory: name.hasSuffix("/")))
      p = next
    }
    guard entries.count == total else {
      throw Failure(
        description: entries.count > total
          ? "the central directory holds \(entries.count) entries but the end record declares \(total): the archive needs ZIP64, "
            + "and a reader that trusted the end record would skip entries"
          : "damaged zip: the end record declares \(total) entries but the central directory holds \(entries.count)")
    }
  }

  private func checkedInt(_ value: UInt64, _ what: String) throws(Failure) -> Int {
    guard value <= UInt64(Int.max / 2) else { throw Failure(description: "damaged zip: the \(what) is \(value)") }
    return Int(value)
  }

  // MARK: Entries

  /// The contents of `entry`, inflated in chunks: a failure (``Failure/isFatal`` false) when this entry is
  /// damaged, encrypted or larger than ``PackageLimits/maximumFileBytes``; fatal when all entries together pass
  /// ``PackageLimits/maximumTotalBytes``.
  ///
  /// - Complexity: O(entry size) time; memory O(min(entry size, limit)).
  mutating func contents(of entry: Entry) throws(Failure) -> Data {
    func fail(_ text: String) -> Failure { Failure(description: text, isFatal: false) }
    guard entry.flags & 1 == 0 else { throw fail("the entry is encrypted") }
    guard entry.method == 0 || entry.method == 8 else {
      throw fail("the entry uses compression method \(entry.method), which is not supported")
    }
    let perFile = limits.maximumFileBytes
    if entry.size > perFile {
      throw fail(
        "the entry declares \(entry.size) bytes, more than the limit of \(byteText(perFile)) per file (raise it with --max-file-size)"
      )
    }
    guard entry.localOffset <= size - 30 else { throw fail("damaged zip: the local header lies outside the archive") }
    let header = [UInt8](try read(entry.localOffset, 30))
    guard header.u32(0) == 0x0403_4b50 else { throw fail("damaged zip: no local header at byte \(entry.localOffset)") }
    let start = entry.localOffset + 30 + header.u16(26) + header.u16(28)
    guard start <= size, entry.compressedSize <= size - start else { throw fail("the entry is truncated") }

    var output = Data()
    func grow(by count: Int) throws(Failure) {
      if output.count + count > perFile {
        throw fail(
          "the entry inflates to more than the limit of \(byteText(perFile)) per file (raise it with --max-file-size)")
      }
      if inflatedBytes + count > limits.maximumTotalBytes {
        throw Failure(
          description: "the files inflate to more than the limit of \(byteText(limits.maximumTotalBytes)) in all "
            + "(raise it with --max-total-size)")
      }
      inflatedBytes += count
    }
    let chunk = 1 << 16
    if entry.method == 0 {
      guard entry.compressedSize == entry.size else { throw fail("damaged zip: a stored entry's sizes differ") }
      try grow(by: entry.size)
      output = try read(start, entry.size)
    } else {
      var stream = z_stream()
      guard czlib_inflate_init_raw(&stream) == Z_OK else { throw fail("zlib could not start") }
      defer { inflateEnd(&stream) }
      var buffer = [UInt8](repeating: 0, count: chunk)
      var input: [UInt8] = []
      var used = 0
      var consumed = 0
      while true {
        if used == input.count {
          guard consumed < entry.compressedSize else { throw fail("the entry's deflated data ends early") }
          let count = min(chunk, entry.compressedSize - consumed)
          input = [UInt8](try read(start + consumed, count))
          consumed += count
          used = 0
        }
        let (status, left, room) = input.withUnsafeMutableBufferPointer { inPtr in
          buffer.withUnsafeMutableBufferPointer { outPtr -> (Int32, Int, Int) in
            stream.next_in = inPtr.baseAddress! + used
            stream.avail_in = uInt(inPtr.count - used)
            stream.next_out = outPtr.baseAddress
            stream.avail_out = uInt(outPtr.count)
            let status = CZlibSystem.inflate(&stream, Z_NO_FLUSH)
            return (status, Int(stream.avail_in), Int(stream.avail_out))
          }
        }
        used = input.count - left
        let produced = chunk - room
        if produced > 0 {
          try grow(by: produced)
          output.append(contentsOf: buffer[0..<produced])
        }
        if status == Z_STREAM_END { break }
        guard status == Z_OK || (status == Z_BUF_ERROR && used == input.count) else {
          throw fail("the entry could not be inflated (zlib error \(status))")
        }
      }
    }
    guard output.count == entry.size else {
      throw fail("the entry inflates to \(output.count) bytes but its header declares \(entry.size)")
    }
    guard ZipWriter.crc32(output) == entry.crc else { throw fail("the entry's CRC-32 does not match its contents") }
    return output
  }
}

/// `64 MiB`, `1 GiB`, `300 bytes`.
func byteText(_ n: Int) -> String {
  if n >= 1 << 30, n % (1 << 30) == 0 { return "\(n >> 30) GiB" }
  if n >= 1 << 20, n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
  if n >= 1 << 10, n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
  return "\(n) bytes"
}

extension Array where Element == UInt8 {
  func u16(_ i: Int) -> Int { Int(self[i]) | Int(self[i + 1]) << 8 }
  func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
  func u64(_ i: Int) -> UInt64 { UInt64(u32(i)) | UInt64(u32(i + 4)) << 32 }
}
