import ArgumentParser
import Foundation
import PhysicsCore
import QuizModel
import TemplateEngine

/// A `calc` subcommand: its options, and the report it computes from them. Printing it (text or `--json`) and
/// refusing a result that is not a finite number are the same for every subcommand.
protocol CalcCommand: ParsableCommand {
  var output: OutputOptions { get }
  /// What the command computes from its options.
  func report() throws -> CalcReport
}

extension CalcCommand {
  func run() throws { try output.emit(report()) }
}

/// What a `calc` subcommand computed, printable for people or as JSON.
struct CalcReport {
  /// One named value: shown as `label  text`, written to JSON under `key`.
  struct Entry {
    var label: String
    var text: String
    var key: String
    var json: JSONValue

    /// The number this entry holds (`{"value": …}` or a bare number), if any.
    var number: Double? {
      switch json {
      case .number(let x): return x
      case .object(let members):
        if case .number(let x)? = members.first(where: { $0.0 == "value" })?.1 { return x }
        return nil
      default: return nil
      }
    }

    /// A number with a unit: JSON `{"value": …, "unit": …}`.
    static func quantity(_ label: String, _ value: Double, _ unit: String, key: String, figures: Int = 4) -> Entry {
      Entry(
        label: label, text: Format.quantity(value, unit, figures: figures), key: key,
        json: .object([("value", .number(value)), ("unit", .string(unit))]))
    }

    /// A number exactly as the user gave it, with its unit.
    static func given(_ label: String, _ value: Double, _ unit: String, key: String) -> Entry {
      Entry(
        label: label, text: unit.isEmpty ? Format.given(value) : "\(Format.given(value)) \(unit)", key: key,
        json: .object([("value", .number(value)), ("unit", .string(unit))]))
    }

    /// A word, such as a direction.
    static func word(_ label: String, _ value: String, key: String, explanation: String? = nil) -> Entry {
      Entry(label: label, text: explanation.map { "\(value) (\($0))" } ?? value, key: key, json: .string(value))
    }
  }

  /// The computed quantity: `I = −1310 pA`, JSON `"value"` and `"unit"`.
  struct Result {
    var label: String
    var value: Double
    var unit: String

    init(_ label: String, _ value: Double, _ unit: String) {
      self.label = label
      self.value = value
      self.unit = unit
    }
  }

  var title: String
  var quantity: String
  /// The formula in symbols, also the JSON `"formula"`.
  var formula: String
  /// The formula with the numbers put in, shown under it as `  = …` (text only).
  var substituted: String? = nil
  var inputs: [Entry]
  var result: Result
  var intermediates: [Entry] = []

  var value: Double { result.value }
  var unit: String { result.unit }

  var text: String {
    let rows =
      inputs.map { ($0.label, $0.text) } + [("formula", formula)]
      + (substituted.map { [("", "  = " + $0)] } ?? []) + [
        ("result", "\(result.label) = \(Format.quantity(value, unit))")
      ]
      + intermediates.map { ($0.label, $0.text) }
    let width = rows.map(\.0.count).max() ?? 0
    let lines = rows.map { label, text in "  " + label + String(repeating: " ", count: width - label.count + 2) + text }
    return ([title] + lines).joined(separator: "\n")
  }

  var json: JSONValue {
    var members: [(String, JSONValue)] = [
      ("quantity", .string(quantity)), ("value", .number(value)), ("unit", .string(unit)),
      ("formula", .string(formula)),
      ("inputs", .object(inputs.map { ($0.key, $0.json) })),
    ]
    members += intermediates.map { ($0.key, $0.json) }
    return .object(members)
  }
}

/// Number formatting for the calculator's human output.
enum Format {
  static func quantity(_ value: Double, _ unit: String, figures: Int = 4) -> String {
    let number = NumberFormat.significantFigures(figures).string(value)
    return unit.isEmpty ? number : "\(number) \(unit)"
  }

  /// An input echoed back: the shortest decimal that reads as the same number, with a real minus sign.
  static func given(_ value: Double) -> String {
    let text = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    return text.replacingOccurrences(of: "-", with: "\u{2212}")
  }

  /// `+1`, `−2`.
  static func valence(_ z: Int) -> String { z > 0 ? "+\(z)" : given(Double(z)) }

  static func temperature(_ t: Temperature) -> String {
    // 310.15 K − 273.15 is 37.000000000000057 in binary: echo the temperature to a sensible precision.
    let celsius = (t.celsius * 1e9).rounded() / 1e9
    let kelvin = (t.kelvin * 1e9).rounded() / 1e9
    return "\(given(celsius)) °C (\(given(kelvin)) K)"
  }

  static func temperatureEntry(_ t: Temperature) -> CalcReport.Entry {
    .init(
      label: "temperature", text: temperature(t), key: "temperature",
      json: .object([
        ("celsius", .number((t.celsius * 1e9).rounded() / 1e9)), ("kelvin", .number((t.kelvin * 1e9).rounded() / 1e9)),
      ]))
  }
}
