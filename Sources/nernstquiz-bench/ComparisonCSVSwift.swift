import CSV
import Foundation

/// Every field of every record through yaslab/CSV.swift's streaming reader.
func csvSwiftFields(_ url: URL) throws -> Int {
  guard let stream = InputStream(url: url) else { throw WorkloadError("cannot open \(url.path)") }
  let reader = try CSVReader(stream: stream)
  var fields = 0
  while let row = reader.next() { fields += row.count }
  if let error = reader.error { throw error }
  return fields
}
