package import Foundation
package import QuizModel

/// Reading a class roster for a personalised quiz: a CSV in any encoding and separator `grade` reads, with a
/// column identifying each student and, optionally, a name and a section.
package enum Roster {
  /// The identifier columns recognised, in the order they are preferred.
  package static let identityColumns = [
    "student id", "id", "sis id", "sis_id", "student number", "email", "email address",
    "username", "login",
  ]
  static let nameColumns = ["name", "full name", "student name", "student", "your name"]
  static let sectionColumns = ["section", "group", "class"]
  /// The most students a roster may name: as many variants as a bank item may have, each student their own.
  package static let maximumStudents = 100_000

  /// The students of the roster at `url`, in file order.
  ///
  /// - Parameter identityColumn: The header of the identifier column (`--id-column`), instead of the first
  ///   of ``identityColumns`` the header has.
  /// - Throws: ``CSVError`` for a malformed file, a header with no identifier column, or rows whose identifier
  ///   is empty or repeats another's (every such row named).
  package static func read(at url: URL, identityColumn: String? = nil) throws(CSVError) -> [RosterStudent] {
    var reader = try CSVReader(contentsOf: url)
    return try read(&reader, identityColumn: identityColumn)
  }

  /// The students of the roster `reader` reads.
  package static func read(_ reader: inout CSVReader, identityColumn: String? = nil) throws(CSVError) -> [RosterStudent]
  {
    guard try reader.next() else {
      throw CSVError(
        .emptyFile, file: reader.fileName,
        message: "the roster is empty: expected a header row with a Student ID column")
    }
    let header = reader.strings.map(HeaderName.normalize)
    let id: Int
    if let identityColumn {
      guard let c = header.firstIndex(of: HeaderName.normalize(identityColumn)) else {
        throw CSVError(
          .unknownHeader, file: reader.fileName, row: 1,
          message: "no column \(quoted(identityColumn, limit: 60)) (--id-column) in the roster's header")
      }
      id = c
    } else {
      guard let c = HeaderName.column(in: header, among: identityColumns) else {
        throw CSVError(
          .unknownHeader, file: reader.fileName, row: 1,
          message:
            "the roster's header \(quoted(reader.strings.joined(separator: ","), limit: 80)) has no student identifier column "
            + "(Student ID, ID, SIS ID, Email, Email address or Username); name it with --id-column")
      }
      id = c
    }
    let name = HeaderName.column(in: header, among: nameColumns).flatMap { $0 == id ? nil : $0 }
    let first = header.firstIndex(of: "first name")
    let last = header.firstIndex(of: "last name")
    let section = HeaderName.column(in: header, among: sectionColumns)
    var students: [RosterStudent] = []
    var rowOf: [String: Int] = [:]
    var empty: [Int] = []
    var repeated: [(row: Int, first: Int, id: String)] = []
    while try reader.next() {
      if reader.isBlank { continue }
      let row = reader.row
      func field(_ c: Int?) -> String {
        c.flatMap { $0 < reader.fieldCount ? reader.trimmedString(at: $0) : nil } ?? ""
      }
      let identifier = field(id)
      guard !identifier.isEmpty else {
        empty.append(row)
        continue
      }
      if let earlier = rowOf[identifier] {
        repeated.append((row, earlier, identifier))
        continue
      }
      rowOf[identifier] = row
      guard students.count < maximumStudents else {
        throw CSVError(
          .tooLarge, file: reader.fileName, row: row, message: "the roster names more than \(maximumStudents) students")
      }
      var fullName = field(name)
      if fullName.isEmpty { fullName = [field(first), field(last)].filter { !$0.isEmpty }.joined(separator: " ") }
      students.append(RosterStudent(id: identifier, name: fullName, section: field(section)))
    }
    var problems: [String] = []
    if !empty.isEmpty { problems.append("no student identifier in row\(empty.count == 1 ? "" : "s") \(list(empty))") }
    for r in repeated.prefix(20) {
      problems.append("row \(r.row) repeats \(quoted(r.id, limit: 40)) of row \(r.first)")
    }
    if repeated.count > 20 { problems.append("and \(repeated.count - 20) more repeated identifiers") }
    guard problems.isEmpty else {
      throw CSVError(
        .invalidRoster, file: reader.fileName, row: empty.first ?? repeated.first?.row ?? 0, column: id + 1,
        message: problems.joined(separator: "; "))
    }
    guard !students.isEmpty else {
      throw CSVError(.invalidRoster, file: reader.fileName, message: "the roster names no student")
    }
    return students
  }

  private static func list(_ rows: [Int]) -> String {
    let shown = rows.prefix(20).map(String.init).joined(separator: ", ")
    return rows.count > 20 ? shown + " and \(rows.count - 20) more" : shown
  }
}
