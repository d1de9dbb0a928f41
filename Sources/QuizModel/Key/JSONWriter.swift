/// Compact JSON written straight into a UTF-8 buffer, member by member, with the commas placed for the caller:
/// what `key.jsonl` is written with, one record per line, without building a ``JSONValue`` per record.
///
/// ```swift
/// var json = JSONWriter()
/// json.beginObject()
/// json.member("value", -95.02)
/// json.member("unit", "mV")
/// json.endObject()      // json.bytes: {"value":-95.02,"unit":"mV"}
/// ```
///
/// Strings and numbers are written exactly as ``JSONValue/serialized()`` writes them.
package struct JSONWriter {
  /// The JSON text so far.
  package var bytes: [UInt8] = []
  /// The bytes of a string being escaped, kept to reuse its capacity.
  private var scratch: [UInt8] = []
  /// Whether the next key or element follows another in the same object or array.
  private var needsComma = false

  package init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  private mutating func separate() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
  }

  /// Opens an object or array (`{` or `[`) as the next value.
  private mutating func open(_ bracket: Unicode.Scalar) {
    separate()
    bytes.append(UInt8(ascii: bracket))
    needsComma = false
  }

  /// Closes an object or array (`}` or `]`); a value may follow it.
  private mutating func close(_ bracket: Unicode.Scalar) {
    bytes.append(UInt8(ascii: bracket))
    needsComma = true
  }

  package mutating func beginObject() { open("{") }
  package mutating func endObject() { close("}") }
  package mutating func beginArray() { open("[") }
  package mutating func endArray() { close("]") }

  /// A member whose value is an object, with the members `body` writes: `"key":{…}`.
  package mutating func object(_ key: String, _ body: (inout JSONWriter) -> Void) {
    self.key(key)
    open("{")
    body(&self)
    close("}")
  }

  /// A member whose value is an array, with one element per item written by `element`: `"key":[…]`.
  package mutating func array<Items: Sequence>(
    _ key: String, _ items: Items, _ element: (Items.Element, inout JSONWriter) -> Void
  ) {
    self.key(key)
    open("[")
    for item in items { element(item, &self) }
    close("]")
  }

  /// Ends a JSON Lines record: a newline, after which a new top-level value starts.
  package mutating func endLine() {
    bytes.append(0x0A)
    needsComma = false
  }

  /// A member's key and colon; its value follows.
  package mutating func key(_ key: String) {
    separate()
    JSONWriter.appendString(key, to: &bytes, scratch: &scratch)
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  package mutating func string(_ s: String) {
    separate()
    JSONWriter.appendString(s, to: &bytes, scratch: &scratch)
    needsComma = true
  }

  /// The shortest text that reads back as the same `Double` (integral values without a fraction; `null` when
  /// not finite).
  package mutating func number(_ x: Double) {
    separate()
    if !x.isFinite {
      bytes.append(contentsOf: "null".utf8)
    } else if x == x.rounded(), abs(x) < 1e15 {
      NumberFormat.appendInteger(Int64(x), to: &bytes)
    } else {
      bytes.append(contentsOf: x.description.utf8)
    }
    needsComma = true
  }

  package mutating func integer(_ i: Int) {
    separate()
    NumberFormat.appendInteger(Int64(i), to: &bytes)
    needsComma = true
  }

  package mutating func bool(_ b: Bool) {
    separate()
    bytes.append(contentsOf: (b ? "true" : "false").utf8)
    needsComma = true
  }

  package mutating func null() {
    separate()
    bytes.append(contentsOf: "null".utf8)
    needsComma = true
  }

  /// Text already spelled as JSON, written as it is.
  package mutating func raw(_ text: String) {
    separate()
    bytes.append(contentsOf: text.utf8)
    needsComma = true
  }

  package mutating func member(_ name: String, _ value: String) {
    key(name)
    string(value)
  }

  package mutating func member(_ name: String, _ value: Double) {
    key(name)
    number(value)
  }

  package mutating func member(_ name: String, integer value: Int) {
    key(name)
    integer(value)
  }

  /// Points as a JSON number with at most two decimals (`0.67`, `2`).
  package mutating func member(_ name: String, _ points: Points) {
    key(name)
    raw(points.description)
  }

  /// A JSON string: `"`, `\`, the control characters and U+2028/U+2029 escaped (the last two are valid JSON
  /// but break JavaScript string literals).
  ///
  /// A string with nothing to escape (most keys and values) is appended whole, one bulk copy; otherwise its bytes
  /// are copied once into `scratch`, and the runs between escapes are appended from there as slices (bulk copies),
  /// the escaped bytes one by one.
  static func appendString(_ s: String, to bytes: inout [UInt8], scratch: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    guard let first = firstEscaped(s.utf8.span) else {
      bytes.append(contentsOf: s.utf8)
      bytes.append(UInt8(ascii: "\""))
      return
    }
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: s.utf8)
    let count = scratch.count
    var runStart = 0
    var i = first
    while i < count {
      let byte = scratch[i]
      guard needsLook(byte) else {
        i += 1
        continue
      }
      var width = 1
      let escape: String
      switch byte {
      case 0x22: escape = "\\\""
      case 0x5C: escape = "\\\\"
      case 0x0A: escape = "\\n"
      case 0x0D: escape = "\\r"
      case 0x09: escape = "\\t"
      case 0x00..<0x20: escape = "\\u00"
      case _ where i + 2 < count && scratch[i + 1] == 0x80 && (scratch[i + 2] == 0xA8 || scratch[i + 2] == 0xA9):
        escape = scratch[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
        width = 3
      default:  // another character starting with 0xE2
        i += 1
        continue
      }
      bytes.append(contentsOf: scratch[runStart..<i])
      bytes.append(utf8: escape)
      if byte < 0x20, escape.utf8.count == 4 {
        bytes.append(hexDigits[Int(byte >> 4)])
        bytes.append(hexDigits[Int(byte & 0xF)])
      }
      i += width
      runStart = i
    }
    bytes.append(contentsOf: scratch[runStart..<count])
    bytes.append(UInt8(ascii: "\""))
  }

  /// Whether `byte` may start something to escape: `"`, `\`, a control character, or 0xE2 (the first byte of
  /// U+2028 and U+2029, and of other characters such as U+2212).
  @inline(__always)
  private static func needsLook(_ byte: UInt8) -> Bool {
    byte < 0x23 ? (byte < 0x20 || byte == 0x22) : (byte == 0x5C || byte == 0xE2)
  }

  /// Where the first byte to escape is, or nil when there is none.
  private static func firstEscaped(_ utf8: Span<UInt8>) -> Int? {
    let count = utf8.count
    for i in 0..<count where needsLook(utf8[i]) {
      guard utf8[i] == 0xE2 else { return i }
      if i + 2 < count, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9 { return i }
    }
    return nil
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
