import Foundation
import QuizModel

/// Where a ``CSVReader`` gets its bytes: a file read in chunks, or bytes in memory. UTF-16 input (recognised
/// by its byte-order mark) is transcoded to UTF-8 chunk by chunk; a UTF-8 byte-order mark is dropped.
struct ByteSource {
  private enum Origin {
    case file(FileHandle)
    case memory([UInt8], offset: Int)
  }

  enum Encoding { case utf8, utf16LittleEndian, utf16BigEndian }

  private var origin: Origin
  private(set) var encoding: Encoding = .utf8
  private var started = false
  /// Bytes of a UTF-16 code unit or surrogate pair cut by a chunk boundary.
  private var carry: [UInt8] = []
  let name: String
  /// Where the bytes come from, to read them again from the start.
  private let file: URL?
  private let bytes: [UInt8]
  static let chunkSize = 1 << 20

  init(file url: URL) throws(CSVError) {
    name = url.lastPathComponent
    file = url
    bytes = []
    do throws(InputFileError) {
      try InputFile.checkReadable(url)
    } catch {
      throw CSVError(.unreadableFile, file: url.lastPathComponent, message: error.message)
    }
    do {
      origin = .file(try FileHandle(forReadingFrom: url))
    } catch {
      throw CSVError(.unreadableFile, file: url.lastPathComponent, message: "cannot open the file")
    }
  }

  init(bytes: [UInt8], name: String = "input") {
    self.name = name
    file = nil
    self.bytes = bytes
    origin = .memory(bytes, offset: 0)
  }

  /// The same source, from its first byte.
  func restarted() throws(CSVError) -> ByteSource {
    if let file { return try ByteSource(file: file) }
    return ByteSource(bytes: bytes, name: name)
  }

  /// Replaces `buffer` with the next UTF-8 bytes; returns false at the end of the input.
  mutating func read(into buffer: inout [UInt8]) throws(CSVError) -> Bool {
    buffer.removeAll(keepingCapacity: true)
    while buffer.isEmpty {
      var raw = try readRaw()
      if !started {
        started = true
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) {
          raw.removeFirst(3)
        } else if raw.starts(with: [0xFF, 0xFE]) {
          encoding = .utf16LittleEndian
          raw.removeFirst(2)
        } else if raw.starts(with: [0xFE, 0xFF]) {
          encoding = .utf16BigEndian
          raw.removeFirst(2)
        }
        if raw.isEmpty, encoding == .utf8 { continue }
      }
      if raw.isEmpty {
        if !carry.isEmpty {
          throw CSVError(.invalidEncoding, file: name, message: "the UTF-16 text ends in the middle of a character")
        }
        return false
      }
      switch encoding {
      case .utf8: buffer = raw
      case .utf16LittleEndian, .utf16BigEndian: transcode(raw, into: &buffer)
      }
      if buffer.isEmpty, case .memory = origin { continue }
    }
    return true
  }

  private mutating func readRaw() throws(CSVError) -> [UInt8] {
    switch origin {
    case .file(let handle):
      do {
        guard let data = try handle.read(upToCount: ByteSource.chunkSize) else { return [] }
        return [UInt8](data)
      } catch {
        throw CSVError(.unreadableFile, file: name, message: "cannot read the file (\(InputFile.describe(error)))")
      }
    case .memory(let bytes, let offset):
      let end = min(bytes.count, offset + ByteSource.chunkSize)
      origin = .memory(bytes, offset: end)
      return Array(bytes[offset..<end])
    }
  }

  private mutating func transcode(_ raw: [UInt8], into out: inout [UInt8]) {
    var bytes = carry + raw
    carry.removeAll()
    let big = encoding == .utf16BigEndian
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var i = 0
    while i + 1 < bytes.count {
      units.append(big ? UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]) : UInt16(bytes[i + 1]) << 8 | UInt16(bytes[i]))
      i += 2
    }
    // Keep an odd byte, or a high surrogate whose partner is in the next chunk, for later.
    if i < bytes.count { carry.append(bytes[i]) }
    if let last = units.last, (0xD800...0xDBFF).contains(last) {
      units.removeLast()
      let keep = big ? [UInt8(last >> 8), UInt8(last & 0xFF)] : [UInt8(last & 0xFF), UInt8(last >> 8)]
      carry = keep + carry
    }
    bytes = []
    out.reserveCapacity(units.count * 3)
    for scalar in String(decoding: units, as: UTF16.self).utf8 { out.append(scalar) }
  }
}
