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
    case (.bool(let x), .bool(let y)): x == y
    case (.number(let x), .number(let y)): x == y
    case (.integer(let x), .integer(let y)): x == y
    case (.string(let x), .string(let y)): x == y
    case (.array(let x), .array(let y)): x == y
    case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    case (.raw(let x), .raw(let y)): x == y
    default: false
    }
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

  /// The value as compact JSON text on one line. Non-finite numbers, which JSON cannot represent, are
  /// written as `null`.
  public func serialized() -> String {
    var json = JSONWriter()
    write(to: &json)
    return String(decoding: json.bytes, as: UTF8.self)
  }

  /// Appends the compact JSON text of this value to `out`.
  public func write(to out: inout String) {
    out += serialized()
  }

  /// Writes this value with `json`.
  package func write(to json: inout JSONWriter) {
    switch self {
    case .null: json.null()
    case .bool(let b): json.bool(b)
    case .number(let x): json.number(x)
    case .integer(let i): json.integer(i)
    case .raw(let text): json.raw(text)
    case .string(let s): json.string(s)
    case .array(let items):
      json.beginArray()
      for item in items { item.write(to: &json) }
      json.endArray()
    case .object(let members):
      json.beginObject()
      for (key, value) in members {
        json.key(key)
        value.write(to: &json)
      }
      json.endObject()
    }
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
