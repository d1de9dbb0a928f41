import Foundation

/// One JSON object of a key line, with typed look-ups whose errors name the line and the field.
struct KeyObject: Sendable {
  enum Value: Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case object(KeyObject)
    case array([Value])
    case null
  }

  var members: [(String, Value)]
  let file: String
  let line: Int

  init(parsing data: Data, file: String, line: Int) throws(KeyFileError) {
    let parsed: JSONNode
    do {
      parsed = try JSONDecoder().decode(JSONNode.self, from: data)
    } catch {
      throw KeyFileError(
        file: file, line: line, message: "not a JSON object (is this the key.jsonl written by `nernstquiz generate`?)")
    }
    guard case .object(let members) = parsed else {
      throw KeyFileError(
        file: file, line: line, message: "not a JSON object (is this the key.jsonl written by `nernstquiz generate`?)")
    }
    self.init(members, file: file, line: line)
  }

  init(_ members: [String: JSONNode], file: String, line: Int) {
    self.file = file
    self.line = line
    self.members = members.map { ($0.key, KeyObject.value($0.value, file: file, line: line)) }
  }

  static func value(_ node: JSONNode, file: String, line: Int) -> Value {
    switch node {
    case .string(let s): .string(s)
    case .number(let x): .number(x)
    case .bool(let b): .bool(b)
    case .object(let o): .object(KeyObject(o, file: file, line: line))
    case .array(let a): .array(a.map { value($0, file: file, line: line) })
    case .null: .null
    }
  }

  func has(_ name: String) -> Bool { members.contains { $0.0 == name } }
  func value(_ name: String) -> Value? { members.first { $0.0 == name }?.1 }

  func error(_ message: String, field: String) -> KeyFileError {
    KeyFileError(file: file, line: line, message: "\(field): \(message)")
  }

  private func required(_ name: String) throws(KeyFileError) -> Value {
    guard let v = value(name) else {
      throw KeyFileError(file: file, line: line, message: "the field '\(name)' is missing")
    }
    return v
  }

  func string(_ name: String) throws(KeyFileError) -> String {
    guard case .string(let s) = try required(name) else { throw error("expected text", field: name) }
    return s
  }

  func optionalString(_ name: String) throws(KeyFileError) -> String? {
    switch value(name) {
    case nil, .null?: return nil
    case .string(let s)?: return s
    default: throw error("expected text", field: name)
    }
  }

  func number(_ name: String) throws(KeyFileError) -> Double {
    guard case .number(let x) = try required(name), x.isFinite else { throw error("expected a number", field: name) }
    return x
  }

  func integer(_ name: String) throws(KeyFileError) -> Int {
    let x = try number(name)
    guard x == x.rounded(), abs(x) < 1e15 else { throw error("expected a whole number", field: name) }
    return Int(x)
  }

  func optionalInteger(_ name: String) throws(KeyFileError) -> Int? {
    switch value(name) {
    case nil, .null?: return nil
    default: return try integer(name)
    }
  }

  func bool(_ name: String) throws(KeyFileError) -> Bool {
    guard case .bool(let b) = try required(name) else { throw error("expected true or false", field: name) }
    return b
  }

  func points(_ name: String) throws(KeyFileError) -> Points {
    let x = try number(name)
    guard let p = Points(exactly: x) else {
      throw error("\(x) is not a number of points to the hundredth from 0 to \(Points.maximum)", field: name)
    }
    return p
  }

  func object(_ name: String) throws(KeyFileError) -> KeyObject {
    guard case .object(let o) = try required(name) else { throw error("expected an object", field: name) }
    return o
  }

  func objects(_ name: String) throws(KeyFileError) -> [KeyObject] {
    guard case .array(let items) = try required(name) else { throw error("expected a list", field: name) }
    var result: [KeyObject] = []
    for item in items {
      guard case .object(let o) = item else { throw error("expected a list of objects", field: name) }
      result.append(o)
    }
    return result
  }

  /// An object's members in file order... JSONSerialization does not keep it, so in name order.
  func members(_ name: String) throws(KeyFileError) -> [(String, Value)] {
    try object(name).members.sorted { $0.0 < $1.0 }
  }
}

/// Any JSON value, as `JSONDecoder` reads it (booleans and numbers kept apart).
enum JSONNode: Decodable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONNode])
  case object([String: JSONNode])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let b = try? container.decode(Bool.self) {
      self = .bool(b)
    } else if let x = try? container.decode(Double.self) {
      self = .number(x)
    } else if let s = try? container.decode(String.self) {
      self = .string(s)
    } else if let a = try? container.decode([JSONNode].self) {
      self = .array(a)
    } else {
      self = .object(try container.decode([String: JSONNode].self))
    }
  }
}
