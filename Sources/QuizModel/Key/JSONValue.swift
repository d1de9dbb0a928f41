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
    case let .bool(b): json.bool(b)
    case let .number(x): json.number(x)
    case let .integer(i): json.integer(i)
    case let .raw(text): json.raw(text)
    case let .string(s): json.string(s)
    case let .array(items):
      json.beginArray()
      for item in items { item.write(to: &json) }
      json.endArray()
    case let .object(members):
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
