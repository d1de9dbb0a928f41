import Foundation
import ZIPFoundation

/// The entries of the zip at `url`, in their order (input for the zip cases, not timed).
func zipEntries(_ url: URL) throws -> [(path: String, data: Data)] {
  let archive = try Archive(url: url, accessMode: .read)
  return try archive.map { entry in
    var data = Data()
    _ = try archive.extract(entry) { data.append($0) }
    return (entry.path, data)
  }
}

/// `files` written with ZIPFoundation: each entry deflated by the archive itself (it takes no entry deflated
/// beforehand), into a file as the exporter writes its packages.
func foundationZip(_ files: [(path: String, data: Data)], to url: URL) throws -> Int {
  try? FileManager.default.removeItem(at: url)
  let archive = try Archive(url: url, accessMode: .create)
  let date = Date(timeIntervalSince1970: 315_532_800)
  for file in files {
    let data = file.data
    try archive.addEntry(
      with: file.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
      compressionMethod: .deflate
    ) { position, size in
      data.subdata(in: Int(position)..<Int(position) + size)
    }
  }
  return (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
}
