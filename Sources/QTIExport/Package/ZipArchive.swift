import CZlibSystem
package import Foundation

/// A small, deterministic zip writer: entries in the order added, deflated with zlib, every timestamp
/// 1980-01-01 00:00, no extra fields. The same entries give byte-identical archives, in memory or written to a
/// file as they are added.
package struct ZipWriter {
  private var output = Data()
  private var central = Data()
  private var count = 0
  /// The file the archive goes to as it is made (nil: kept in memory), the bytes already written there, and
  /// the first error writing them.
  private let file: FileHandle?
  private var written = 0
  private var failure: (any Error)?

  /// An empty archive, kept in memory.
  package init() { file = nil }

  /// An empty archive written to `file` as entries are added, a megabyte at a time, so that memory never
  /// holds it; ``finishFile()`` writes the rest.
  package init(writingTo file: FileHandle) { self.file = file }

  /// The DOS date of 1980-01-01 (the earliest a zip can say) and time 00:00:00.
  private static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1
  private static let dosTime: UInt16 = 0

  /// One file ready to be added: its checksum and its body, deflated unless that would not be smaller. Entries
  /// can be made on any thread; the archive depends only on the entries and the order they are added in.
  package struct Entry: Sendable {
    var path: String
    var crc: UInt32
    var size: Int
    var stored: Bool
    var body: Data

    package init(path: String, data: Data, deflater: Deflater? = nil) {
      self.path = path
      crc = ZipWriter.crc32(data)
      let compressed = deflater?.deflate(data) ?? ZipWriter.deflate(data)
      stored = compressed.count >= data.count
      body = stored ? data : compressed
      size = data.count
    }

    /// An entry whose body was deflated elsewhere (``Deflater/Stream``): its checksum, size and deflated bytes.
    package init(path: String, crc: UInt32, size: Int, deflated: Data) {
      self.path = path
      self.crc = crc
      self.size = size
      stored = false
      body = deflated
    }
  }

  /// Adds one file.
  mutating func add(path: String, data: Data) { add(Entry(path: path, data: data)) }

  /// Adds one prepared file.
  package mutating func add(_ entry: Entry) {
    let name = Data(entry.path.utf8)
    let crc = entry.crc
    let stored = entry.stored
    let body = entry.body
    let offset = UInt32(written + output.count)
    precondition(written + output.count + body.count < Int(UInt32.max), "zip64 archives are not supported")

    // The local header and the central directory's header share the fields from "version needed" to the
    // extra field's length (APPNOTE.TXT 4.3.7 and 4.3.12).
    var shared: [UInt8] = []
    shared.reserveCapacity(26)
    shared.append(le16: 20)  // version needed: 2.0
    shared.append(le16: 0x0800)  // UTF-8 names
    shared.append(le16: stored ? 0 : 8)
    shared.append(le16: ZipWriter.dosTime)
    shared.append(le16: ZipWriter.dosDate)
    shared.append(le32: crc)
    shared.append(le32: UInt32(body.count))
    shared.append(le32: UInt32(entry.size))
    shared.append(le16: UInt16(name.count))
    shared.append(le16: 0)  // extra

    var local: [UInt8] = []
    local.reserveCapacity(30)
    local.append(le32: 0x0403_4b50)
    local.append(contentsOf: shared)
    output.append(contentsOf: local)
    output.append(name)
    output.append(body)

    var header: [UInt8] = []
    header.reserveCapacity(46)
    header.append(le32: 0x0201_4b50)
    header.append(le16: 0x031E)  // made by: Unix, 3.0
    header.append(contentsOf: shared)
    header.append(le16: 0)  // comment
    header.append(le16: 0)  // disk
    header.append(le16: 0)  // internal attributes
    header.append(le32: 0o100644 << 16)  // external: regular file, rw-r--r--
    header.append(le32: offset)
    central.append(contentsOf: header)
    central.append(name)
    count += 1
    if output.count >= 1 << 20 { flush() }
  }

  /// Moves the bytes made so far to the file, when there is one; the first error is kept for
  /// ``finishFile()``, and nothing more is written after it.
  private mutating func flush() {
    guard let file else { return }
    if failure == nil {
      do { try file.write(contentsOf: output) } catch { failure = error }
    }
    written += output.count
    output.removeAll(keepingCapacity: true)
  }

  /// The most entries a zip without ZIP64 records.
  static let maximumEntries = 65_535
  /// Uncompressed bytes below which every offset fits 32 bits (compressed data is never larger than this
  /// much input plus headers).
  static let maximumBytes = 4_000_000_000

  /// The finished archive; the writer is left empty (the archive's bytes are moved out, not copied). For an
  /// archive written to a file, the bytes not yet written (``finishFile()`` writes them).
  package mutating func finish() -> Data {
    precondition(
      count <= Self.maximumEntries && written + output.count < 0xFFFF_FFFF, "callers check the zip limits first")
    var result = output
    output = Data()
    defer { central = Data() }
    let centralOffset = UInt32(written + result.count)
    result.append(central)
    result.append(le32: 0x0605_4b50)
    result.append(le16: 0)
    result.append(le16: 0)
    result.append(le16: UInt16(count))
    result.append(le16: UInt16(count))
    result.append(le32: UInt32(central.count))
    result.append(le32: centralOffset)
    result.append(le16: 0)
    return result
  }

  /// Finishes an archive written to its file: writes the rest and returns the archive's size.
  ///
  /// - Throws: The first error writing the file.
  package mutating func finishFile() throws -> Int {
    output = finish()
    flush()
    if let failure { throw failure }
    return written
  }

  static func crc32(_ data: Data) -> UInt32 {
    data.withUnsafeBytes { raw -> UInt32 in
      guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return 0 }
      return UInt32(CZlibSystem.crc32(0, base, uInt(raw.count)))
    }
  }

  /// Raw deflate (no zlib header) at ``Deflater/level``.
  static func deflate(_ data: Data) -> Data { Deflater().deflate(data) }
}

/// A reusable raw-deflate stream: reset between files instead of allocated for each. Not thread-safe: one per
/// thread.
package final class Deflater {
  /// zlib's fastest level: on the exporter's small XML files it deflates several times faster than the default
  /// level 6, for zips about an eighth larger (a 3,000-item QTI 2.1 package: 5.3 MB instead of 4.7 MB).
  package static let level: Int32 = 1

  /// zlib keeps a pointer back to the stream, so it lives at one address.
  fileprivate let stream: UnsafeMutablePointer<z_stream>
  /// Output space for ``Stream``, kept between files.
  fileprivate let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 1)
  /// Output space, grown as needed and kept between files.
  private var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16_384, alignment: 1)

  /// A stream at `level` (the benchmark compares levels; the exporter uses ``level``).
  package init(level: Int32 = Deflater.level) {
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    guard czlib_deflate_init_raw(stream, level) == Z_OK else { preconditionFailure("zlib deflateInit2 failed") }
  }

  deinit {
    deflateEnd(stream)
    stream.deallocate()
    buffer.deallocate()
    scratch.deallocate()
  }

  /// Raw deflate (no zlib header) of `data`.
  func deflate(_ data: Data) -> Data {
    guard deflateReset(stream) == Z_OK else { preconditionFailure("zlib deflateReset failed") }
    let bound = Int(deflateBound(stream, uLong(data.count)))
    if buffer.count < bound {
      buffer.deallocate()
      buffer = .allocate(byteCount: max(bound, 2 * buffer.count), alignment: 1)
    }
    let output = buffer
    let written = data.withUnsafeBytes { input -> Int in
      stream.pointee.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
      stream.pointee.avail_in = uInt(input.count)
      stream.pointee.next_out = output.bindMemory(to: Bytef.self).baseAddress
      stream.pointee.avail_out = uInt(output.count)
      let status = CZlibSystem.deflate(stream, Z_FINISH)
      precondition(status == Z_STREAM_END, "zlib deflate did not finish (\(status))")
      return Int(stream.pointee.total_out)
    }
    return Data(bytes: output.baseAddress!, count: written)
  }
}

extension Deflater {
  /// One file deflated as its pieces come, into the same bytes ``Deflater/deflate(_:)`` gives for the whole
  /// file (zlib's output does not depend on how its input is split when nothing is flushed in between), with
  /// its checksum; only the deflated bytes are kept.
  package final class Stream {
    private let deflater: Deflater
    private(set) var crc: UInt32 = 0
    private(set) var size = 0
    private var output = Data()

    init(_ deflater: Deflater) {
      self.deflater = deflater
      guard deflateReset(deflater.stream) == Z_OK else { preconditionFailure("zlib deflateReset failed") }
    }

    /// Deflates the next piece.
    func append(_ data: Data) {
      crc = data.withUnsafeBytes { raw in
        UInt32(CZlibSystem.crc32(uLong(crc), raw.bindMemory(to: UInt8.self).baseAddress, uInt(raw.count)))
      }
      size += data.count
      run(data, flush: Z_NO_FLUSH)
    }

    /// The zip entry of everything appended.
    func finish(path: String) -> ZipWriter.Entry {
      run(Data(), flush: Z_FINISH)
      defer { output = Data() }
      return ZipWriter.Entry(path: path, crc: crc, size: size, deflated: output)
    }

    private func run(_ data: Data, flush: Int32) {
      let stream = deflater.stream
      let scratch = deflater.scratch
      data.withUnsafeBytes { input in
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
        stream.pointee.avail_in = uInt(input.count)
        while true {
          stream.pointee.next_out = scratch.bindMemory(to: Bytef.self).baseAddress
          stream.pointee.avail_out = uInt(scratch.count)
          let status = CZlibSystem.deflate(stream, flush)
          precondition(status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR, "zlib deflate failed")
          output.append(
            scratch.bindMemory(to: UInt8.self).baseAddress!, count: scratch.count - Int(stream.pointee.avail_out))
          if flush == Z_FINISH ? status == Z_STREAM_END : stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 {
            break
          }
        }
      }
    }
  }
}

extension RangeReplaceableCollection where Element == UInt8 {
  /// Appends `value` as two little-endian bytes (zip headers).
  mutating func append(le16 value: UInt16) {
    append(UInt8(value & 0xff))
    append(UInt8(value >> 8))
  }

  /// Appends `value` as four little-endian bytes.
  mutating func append(le32 value: UInt32) {
    append(le16: UInt16(value & 0xffff))
    append(le16: UInt16(value >> 16))
  }
}
