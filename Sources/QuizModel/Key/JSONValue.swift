/// A JSON value whose objects keep their keys in the order they were written, so that output files are
/// byte-for-byte reproducible and read in a sensible order (`id` before `answers`).
///
/// ```swift
/// let json: JSONValue = .object([("value", .number(-95.02)), ("unit", .string("mV"))])
/// json.serialized() // {"value":-95.02,"unit":"mV"}
/// ```
public enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case integer(Int)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])
  /// A number already spelled as JSON (`0.67`), written as it is.
  case raw(String)

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case let (.bool(x), .bool(y)): x == y
    case let (.number(x), .number(y)): x == y
    case let (.integer(x), .integer(y)): x == y
    case let (.string(x), .string(y)): x == y
    case let (.array(x), .array(y)): x == y
    case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    case let (.raw(x), .raw(y)): x == y
    default: false
    }
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

  /// The value as compact JSON text on one line. Non-finite numbers, which JSON cannot represent, are
  /// written as `null`.
  public func serialized() -> String {
    var out = ""
    write(to: &out)
    return out
  }

  /// Appends the compact JSON text of this value to `out`.
  public func write(to out: inout String) {
    switch self {
    case .null: out += "null"
    case let .bool(b): out += b ? "true" : "false"
    case let .number(x): out += JSONValue.format(x)
    case let .integer(i): out += String(i)
    case let .raw(text): out += text
    case let .string(s): JSONValue.writeString(s, to: &out)
    case let .array(items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        item.write(to: &out)
      }
      out += "]"
    case let .object(members):
      out += "{"
      for (i, (key, value)) in members.enumerated() {
        if i > 0 { out += "," }
        JSONValue.writeString(key, to: &out)
        out += ":"
        value.write(to: &out)
      }
      out += "}"
    }
  }

  /// Shortest text that reads back as the same `Double`; integral values print without a fraction.
  static func format(_ x: Double) -> String {
    guard x.isFinite else { return "null" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
  }

  private static func writeString(_ s: String, to out: inout String) {
    out += "\""
    var text = s
    text.withUTF8 { bytes in
      // Copy runs of bytes that need no escaping in one append each.
      var runStart = 0
      var i = 0
      func flush(upTo end: Int) {
        if end > runStart { out += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self) }
      }
      while i < bytes.count {
        let byte = bytes[i]
        var escape: String?
        var width = 1
        switch byte {
        case 0x22: escape = "\\\""
        case 0x5C: escape = "\\\\"
        case 0x0A: escape = "\\n"
        case 0x0D: escape = "\\r"
        case 0x09: escape = "\\t"
        case 0x00..<0x20:
          let hex = String(byte, radix: 16)
          escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
          // U+2028 and U+2029 are valid JSON but break JavaScript string literals.
          escape = bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
          width = 3
        default: break
        }
        if let escape {
          flush(upTo: i)
          out += escape
          runStart = i + width
        }
        i += width
      }
      flush(upTo: bytes.count)
    }
    out += "\""
  }

}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByBooleanLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(floatLiteral value: Double) { self = .number(value) }
  public init(integerLiteral value: Int) { self = .integer(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
}
