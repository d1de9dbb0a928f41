import Foundation
import TestSupport
import Testing

@testable import QTIExport

/// `validate` reads packages from anywhere: bounded memory whatever the archive declares, no entry skipped,
/// unsafe names reported.
@Suite struct HostilePackageTests {
  static let item = "<r/>"

  func validateZip(_ zip: HostileZip, limits: PackageLimits = PackageLimits()) throws -> ValidationReport {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let url = directory.url.appendingPathComponent("p.zip")
    try zip.build().write(to: url)
    return try validatePackage(at: url, schemas: nil, limits: limits)
  }

  @Test func entriesSharingOneHugeStreamStopAtTheTotalLimit() throws {
    var zip = HostileZip()
    zip.addDeflated("a0.xml", contents: Data(count: 4 << 20))
    for i in 1..<200 {
      var shared = zip.entries[0]
      shared.name = "a\(i).xml"
      shared.sharesLocalHeaderOf = 0
      zip.entries.append(shared)
    }
    let start = Date()
    let error = #expect(throws: ValidationInputError.self) {
      try validateZip(zip, limits: PackageLimits(maximumFileBytes: 8 << 20, maximumTotalBytes: 32 << 20))
    }
    #expect(
      error?.reason == "the files inflate to more than the limit of 32 MiB in all (raise it with --max-total-size)")
    #expect(Date().timeIntervalSince(start) < 5)
  }

  @Test func anEntryInflatingPastItsDeclaredSizeStopsAtThePerFileLimit() throws {
    var zip = HostileZip()
    zip.add("ok.xml", Self.item)
    zip.addDeflated("bomb.xml", contents: Data(count: 8 << 20), declaredSize: 100)
    let report = try validateZip(zip, limits: PackageLimits(maximumFileBytes: 1 << 20))
    #expect(!report.isValid)
    #expect(
      report.errors.map(\.description).contains(
        "bomb.xml: error: not read: the entry inflates to more than the limit of 1 MiB per file (raise it with --max-file-size)"
      ))
  }

  @Test func aDeclaredSizePastThePerFileLimitIsRefusedBeforeInflating() throws {
    var zip = HostileZip()
    zip.addDeflated("big.xml", contents: Data(Self.item.utf8), declaredSize: 3 << 30)
    let report = try validateZip(zip)
    #expect(
      report.errors.first?.message.contains("declares 3221225472 bytes, more than the limit of 64 MiB per file") == true
    )
  }

  @Test func moreThan65535EntriesWithoutZIP64AreRefusedNotTruncated() throws {
    var zip = HostileZip()
    for i in 0..<65_537 { zip.add("i\(i).xml", Self.item) }
    zip.declaredCount = 65_537 & 0xFFFF  // what a writer without ZIP64 leaves: the count modulo 65,536
    let error = #expect(throws: ValidationInputError.self) { try validateZip(zip) }
    #expect(error?.reason.contains("the central directory holds 65537 entries but the end record declares 1") == true)
  }

  @Test func zip64ArchivesAreReadInFull() throws {
    var zip = HostileZip()
    zip.zip64 = true
    for i in 0..<3 { zip.add("i\(i).xml", Self.item) }
    let report = try validateZip(zip)
    #expect(report.files == ["i0.xml", "i1.xml", "i2.xml"])
    #expect(report.isValid)
  }

  @Test(arguments: [
    ("../../x.xml", "has a '..' component"),
    ("/etc/x.xml", "has an absolute path"),
    ("C:/x.xml", "starts with a drive letter"),
    ("items\\..\\..\\x.xml", "has a '..' component"),
  ])
  func unsafeEntryNamesAreErrors(name: String, reason: String) throws {
    var zip = HostileZip()
    zip.add("ok.xml", Self.item)
    zip.add(name, Self.item)
    let report = try validateZip(zip)
    #expect(!report.isValid)
    #expect(report.errors.contains { $0.file == name && $0.message.contains(reason) })
  }

  @Test func symbolicLinksAreErrors() throws {
    var zip = HostileZip()
    zip.add("ok.xml", Self.item)
    zip.add("link.xml", "/etc/passwd")
    zip.entries[1].mode = 0o120777
    let report = try validateZip(zip)
    #expect(
      report.errors.map(\.description) == [
        "link.xml: error: unsafe entry: the name 'link.xml' is a symbolic link; extracting it could write or read outside the folder"
      ])
  }

  @Test func aWrongChecksumIsAnError() throws {
    var zip = HostileZip()
    zip.add("ok.xml", Self.item)
    zip.entries[0].crc ^= 1
    let report = try validateZip(zip)
    #expect(report.errors.first?.message == "not read: the entry's CRC-32 does not match its contents")
  }

  @Test func tooManyEntriesAreRefusedBeforeReading() throws {
    var zip = HostileZip()
    for i in 0..<20 { zip.add("i\(i).xml", Self.item) }
    let error = #expect(throws: ValidationInputError.self) {
      try validateZip(zip, limits: PackageLimits(maximumEntries: 10))
    }
    #expect(error?.reason == "the archive has 20 entries, more than the limit of 10 (raise it with --max-entries)")
  }

  @Test func aDTDInAPackageIsAnError() throws {
    var zip = HostileZip()
    zip.add("a.xml", "<!DOCTYPE a [<!ENTITY e \"x\">]>\n<a>&e;</a>")
    let report = try validateZip(zip)
    #expect(
      report.errors.first?.description.hasPrefix("a.xml:1: error: not well-formed: the document has a DTD") == true)
  }

  @Test func aFolderIsReadOneFileAtATimeUnderTheSameLimits() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    for i in 0..<5 {
      try Data(("<r>" + String(repeating: "x", count: 300_000) + "</r>").utf8).write(
        to: directory.url.appendingPathComponent("f\(i).xml"))
    }
    let error = #expect(throws: ValidationInputError.self) {
      try validatePackage(
        at: directory.url, schemas: nil, limits: PackageLimits(maximumFileBytes: 1 << 20, maximumTotalBytes: 1 << 20))
    }
    #expect(error?.reason == "the files hold more than the limit of 1 MiB in all (raise it with --max-total-size)")
    let report = try validatePackage(at: directory.url, schemas: nil, limits: PackageLimits(maximumFileBytes: 100_000))
    #expect(report.errors.count == 5)
    #expect(
      report.errors.first?.message
        == "not read: the file is larger than the limit of 100000 bytes per file (raise it with --max-file-size)")
  }
}
