import Testing

@testable import Grading

@Suite struct ByteTableTests {
  @Test func findsWhatWasInsertedAcrossGrowth() {
    var table = ByteTable<Int>(capacity: 2)
    for i in 0..<5_000 { table.insert("student-\(i)@example.edu", value: i) }
    #expect(table.count == 5_000)
    for i in stride(from: 0, to: 5_000, by: 7) { #expect(table.value(for: "student-\(i)@example.edu") == i) }
    #expect(table.value(for: "student-5000@example.edu") == nil)
    #expect(table.value(for: "") == nil)
  }

  @Test func insertingAPresentStringKeyKeepsTheFirstValue() {
    var table = ByteTable<String>()
    table.insert("a", value: "first")
    table.insert("a", value: "second")
    #expect(table.count == 1)
    #expect(table.value(for: "a") == "first")
  }
}
