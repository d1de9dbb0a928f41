import Foundation
import SwiftCSV

/// Every field of every record through swiftcsv/SwiftCSV, row by row (no columns), header included.
func swiftCSVFields(_ url: URL) throws -> Int {
  let csv = try EnumeratedCSV(url: url, delimiter: .comma, loadColumns: false)
  return csv.header.count + csv.rows.reduce(0) { $0 + $1.count }
}
