import Foundation
import PropertyBased
import TestSupport
import Testing

@testable import QuizModel

/// The one-pass readers and writers of decimal text (``ExactDecimal/init(text:)``, ``ExactDecimal/text``) against
/// the digit lists of ``DecimalDigits`` they replace on the interval's path.
struct ExactDecimalTextTests {
  /// A decimal text of `digits` random digits with the point somewhere (or nowhere), a sign or not, and
  /// sometimes an exponent: `-000.0120300`, `+45`, `1.5e-7`.
  static func text(_ seed: UInt64, digits: Int, point: Int, sign: Int, exponent: Int) -> String {
    var generator = SplitMix(seed)
    var text = ["", "-", "+"][sign % 3]
    for i in 0..<digits {
      if i == point { text += "." }
      // Runs of zeros at both ends are what the readers must strip.
      let zeroBias = i < 3 || i >= digits - 3
      text += String(zeroBias && generator.next() % 2 == 0 ? 0 : Int(generator.next() % 10))
    }
    if exponent != 0 { text += "e\(exponent)" }
    return text
  }

  @Test func readingTextInOnePassGivesWhatTheDigitListGives() async {
    await propertyCheck(
      count: 3000, input: Gen.uint64(), Gen.int(in: 1...45), Gen.int(in: 0...46), Gen.int(in: 0...2),
      Gen.int(in: -3...3)
    ) { seed, digits, point, sign, exponent in
      let text = ExactDecimalTextTests.text(
        seed, digits: digits, point: point, sign: sign, exponent: exponent % 2 == 0 ? 0 : exponent * 7)
      let reference = DecimalDigits(parsing: text).flatMap(ExactDecimal.init)
      #expect(ExactDecimal(text: text) == reference, "\(text)")
    }
  }

  @Test func writingTextInOnePassGivesWhatTheDigitListWrites() async {
    await propertyCheck(
      count: 3000, input: Gen.uint64(), Gen.uint64(), Gen.int(in: 0...3), Gen.int(in: -45...45), Gen.bool
    ) { high, low, width, exponent, negative in
      // Mantissas of every size: 64 bits, up to 10³⁸, and beyond (a difference of aligned mantissas).
      let mantissa: UInt128 =
        switch width {
        case 0: UInt128(low % 1000)
        case 1: UInt128(low)
        case 2: (UInt128(high) << 64 | UInt128(low)) % ExactDecimal.powers[38]
        default: UInt128(high) << 64 | UInt128(low)
        }
      let value = ExactDecimal(negative: negative, mantissa: mantissa, exponent: exponent)
      #expect(value.text == value.digits.text, "\(mantissa)e\(exponent)")
    }
  }

  @Test func edgeTextsReadAndWriteAsBefore() {
    for text in [
      "0", "-0", "+0", "0.000", ".5", "5.", "000120000", "-0.000000000000105", "99999999999999999999999999999999999999",
      "999999999999999999999999999999999999999", "1" + String(repeating: "0", count: 45), "1.5e-7", "--1", "1.2.3", "",
      "-", "abc", ".",
    ] {
      let reference = DecimalDigits(parsing: text).flatMap(ExactDecimal.init)
      #expect(ExactDecimal(text: text) == reference, "\(text)")
      if let reference { #expect(reference.text == reference.digits.text, "\(text)") }
    }
  }
}

/// The key file's string escaping (run-based, bulk copies) against a reference that looks at one character at
/// a time.
struct JSONStringEscapingTests {
  /// `"`, `\`, the control characters and U+2028/U+2029 escaped, nothing else.
  static func reference(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  static let pieces: [String] = [
    "a", "mV", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "\u{2212}",
    "\u{2027}", "\u{202A}", "×", "é", "😀", "<p class=\"stem\">", "E", "\u{E2}",
  ]

  @Test func escapedStringsAreWhatEscapingOneCharacterAtATimeGives() async {
    await propertyCheck(count: 3000, input: Gen.uint64(), Gen.int(in: 0...60)) { seed, length in
      var generator = SplitMix(seed)
      var s = ""
      for _ in 0..<length { s += JSONStringEscapingTests.pieces[Int(generator.next() % 22)] }
      var json = JSONWriter()
      json.string(s)
      json.string(s)  // the scratch buffer reused
      let expected = JSONStringEscapingTests.reference(s)
      #expect(String(decoding: json.bytes, as: UTF8.self) == expected + "," + expected, "\(s.debugDescription)")
    }
  }

  @Test func numbersAreWrittenAsTheirShortestText() {
    var json = JSONWriter()
    json.beginArray()
    for x in [0.1, -95.0189345534543, 1e-7, 2.5e20, 1e15, 7, -0.0, .nan] { json.number(x) }
    json.endArray()
    #expect(
      String(decoding: json.bytes, as: UTF8.self) == "[0.1,-95.0189345534543,1e-07,2.5e+20,1000000000000000.0,7,0,null]"
    )
  }
}
