import Foundation

@testable import QTIExport

/// Builds zip archives byte by byte, including ones no honest writer makes: entries sharing one deflated
/// stream, end records that lie about the entry count, ZIP64 records, unsafe names and symbolic links.
struct HostileZip {
  struct Entry {
    var name: String
    /// The bytes stored at the entry's data offset (already deflated when `method` is 8).
    var body: Data
    var method: UInt16 = 0
    var crc: UInt32
    var size: Int
    /// The Unix mode (0o100644 for a file, 0o120777 for a symbolic link).
    var mode: UInt32 = 0o100644
    /// Point the central entry at the local header of an earlier entry instead of writing one.
    var sharesLocalHeaderOf: Int? = nil
  }

  var entries: [Entry] = []
  /// The entry count written in the end record (nil: the real count).
  var declaredCount: Int? = nil
  var zip64 = false

  mutating func add(_ name: String, _ text: String) {
    let data = Data(text.utf8)
    entries.append(Entry(name: name, body: data, crc: ZipWriter.crc32(data), size: data.count))
  }

  mutating func addDeflated(_ name: String, contents: Data, declaredSize: Int? = nil) {
    entries.append(
      Entry(
        name: name, body: ZipWriter.deflate(contents), method: 8, crc: ZipWriter.crc32(contents),
        size: declaredSize ?? contents.count))
  }

  func build() -> Data {
    var out: [UInt8] = []
    var central: [UInt8] = []
    var offsets: [Int] = []
    for entry in entries {
      let name = Array(entry.name.utf8)
      let offset: Int
      if let shared = entry.sharesLocalHeaderOf {
        offset = offsets[shared]
      } else {
        offset = out.count
        out.append(le32: 0x0403_4b50)
        out.append(le16: 20)
        out.append(le16: 0x0800)
        out.append(le16: entry.method)
        out.append(le16: 0)
        out.append(le16: 0x21)
        out.append(le32: entry.crc)
        out.append(le32: UInt32(entry.body.count))
        out.append(le32: UInt32(entry.size))
        out.append(le16: UInt16(name.count))
        out.append(le16: 0)
        out += name
        out += entry.body
      }
      offsets.append(offset)
      central.append(le32: 0x0201_4b50)
      central.append(le16: 0x031E)
      central.append(le16: 20)
      central.append(le16: 0x0800)
      central.append(le16: entry.method)
      central.append(le16: 0)
      central.append(le16: 0x21)
      central.append(le32: entry.crc)
      central.append(le32: UInt32(entry.body.count))
      central.append(le32: UInt32(entry.size))
      central.append(le16: UInt16(name.count))
      central.append(le16: 0)
      central.append(le16: 0)
      central.append(le16: 0)
      central.append(le16: 0)
      central.append(le32: entry.mode << 16)
      central.append(le32: UInt32(offset))
      central += name
    }
    let centralOffset = out.count
    out += central
    let count = declaredCount ?? entries.count
    if zip64 {
      let recordOffset = out.count
      out.append(le32: 0x0606_4b50)
      out.append(le64: 44)
      out.append(le16: 45)
      out.append(le16: 45)
      out.append(le32: 0)
      out.append(le32: 0)
      out.append(le64: UInt64(count))
      out.append(le64: UInt64(count))
      out.append(le64: UInt64(central.count))
      out.append(le64: UInt64(centralOffset))
      out.append(le32: 0x0706_4b50)
      out.append(le32: 0)
      out.append(le64: UInt64(recordOffset))
      out.append(le32: 1)
    }
    out.append(le32: 0x0605_4b50)
    out.append(le16: 0)
    out.append(le16: 0)
    let short = zip64 ? 0xFFFF : UInt16(truncatingIfNeeded: min(count, 0xFFFF))
    out.append(le16: UInt16(short))
    out.append(le16: UInt16(short))
    out.append(le32: zip64 ? 0xFFFF_FFFF : UInt32(central.count))
    out.append(le32: zip64 ? 0xFFFF_FFFF : UInt32(centralOffset))
    out.append(le16: 0)
    return Data(out)
  }
}

extension Array where Element == UInt8 {
  mutating func append(le64 value: UInt64) {
    append(le32: UInt32(value & 0xFFFF_FFFF))
    append(le32: UInt32(value >> 32))
  }
}
