import ArgumentParser
import Foundation
import PhysicsCore
import QuizModel
import TemplateEngine

/// `--ion K+` or `--charge Z`: which ion, or at least its valence.
struct IonOptions: ParsableArguments {
  @Option(help: ArgumentHelp("The ion (or give --charge).", valueName: "ion"))
  var ion: Ion?

  @Option(
    name: .customLong("charge"), parsing: .unconditional,
    help: ArgumentHelp("The valence z of any other ion, instead of --ion.", valueName: "z"))
  var valence: Int?

  func validate() throws {
    if ion != nil, valence != nil { throw ValidationError("Give either --ion or --charge, not both.") }
    if valence == 0 { throw ValidationError("Invalid value '0' for '--charge': the valence must not be zero.") }
  }

  /// Whether an ion or a valence was given at all.
  var isGiven: Bool { ion != nil || valence != nil }

  /// Throws unless `--ion` or `--charge` was given.
  func require() throws {
    if !isGiven {
      throw ValidationError("Missing '--ion <ion>' (K+, Na+, Cl-, Ca2+, Mg2+, H+, HCO3-) or '--charge <z>'.")
    }
  }

  /// The tabulated ion, if one was named.
  var tabulated: Ion? { ion }

  /// The valence, from the table or from `--charge`.
  var z: Int { tabulated?.valence ?? valence ?? 1 }

  /// `K⁺` or `z = −2`.
  var label: String { tabulated?.displayName ?? "ion of charge \(Format.valence(z))" }

  /// The ion's ASCII symbol, for JSON output.
  var symbol: String? { tabulated?.symbol }
}

/// `--temperature 37` (°C) or `--temperature 310.15K`.
struct TemperatureOption: ParsableArguments {
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Temperature in °C, or in kelvin with a K suffix (310.15K).", valueName: "T"))
  var temperature: CLITemperature = CLITemperature(Temperature.body)
}

/// A temperature as typed on the command line.
struct CLITemperature: ExpressibleByArgument {
  var value: Temperature
  var text: String
  init(_ value: Temperature) {
    self.value = value
    text = "37"
  }

  init?(argument: String) {
    self.text = argument
    var text = argument.trimmingCharacters(in: .whitespaces)
    let kelvin = text.hasSuffix("K") || text.hasSuffix("k")
    if kelvin { text.removeLast() }
    if text.hasSuffix("°C") {
      text.removeLast(2)
    } else if text.hasSuffix("C") || text.hasSuffix("c") {
      text.removeLast()
    }
    guard let number = Double(text.replacingOccurrences(of: "\u{2212}", with: "-")), number.isFinite else { return nil }
    value = kelvin ? .kelvin(number) : .celsius(number)
  }

  var defaultValueDescription: String { "37 °C" }
}

extension TemperatureOption {
  func validate() throws {
    guard temperature.value.kelvin > 0 else {
      throw ValidationError(
        "Invalid value '\(temperature.text)' for '--temperature': it is at or below absolute zero (°C unless suffixed K)."
      )
    }
  }
}

/// Rejects a value that must be strictly positive, naming the option: concentrations, sizes, capacitance.
func requirePositive(_ number: CLINumber, option: String, what: String) throws {
  guard number.value > 0 else {
    throw ValidationError("Invalid value '\(number.text)' for '--\(option)': \(what) must be positive.")
  }
}

/// Rejects a `K=…,Na=…` list with a non-positive entry.
func requirePositive(_ list: IonValueList, option: String, what: String) throws {
  if let bad = list.entries.first(where: { $0.value <= 0 }) {
    throw ValidationError(
      "Invalid value '\(list.text)' for '--\(option)': the \(what) of \(bad.ion.symbol) must be positive.")
  }
}

/// Reads a finite number, accepting the Unicode minus.
struct CLINumber: ExpressibleByArgument {
  var value: Double
  var text: String
  init?(argument: String) {
    text = argument
    guard let number = Double(argument.replacingOccurrences(of: "\u{2212}", with: "-")), number.isFinite else {
      return nil
    }
    value = number
  }
}

/// The calculator's number options, declared one way: the help, and the unit as the value's name in the
/// help (`--vm <mV>`). Each is read with `.unconditional` parsing, so a negative value (`--vm -70`) is a value,
/// not an option.
extension Option where Value == CLINumber {
  init(_ help: String, unit: String, name: NameSpecification = .long) {
    self.init(name: name, parsing: .unconditional, help: ArgumentHelp(help, valueName: unit))
  }

  init(wrappedValue: CLINumber, _ help: String, unit: String, name: NameSpecification = .long) {
    self.init(
      wrappedValue: wrappedValue, name: name, parsing: .unconditional, help: ArgumentHelp(help, valueName: unit))
  }
}

extension Option where Value == CLINumber? {
  init(_ help: String, unit: String, name: NameSpecification = .long) {
    self.init(name: name, parsing: .unconditional, help: ArgumentHelp(help, valueName: unit))
  }
}

/// A `K=140,Na=15,Cl=10` list.
struct IonValueList: ExpressibleByArgument {
  var entries: [(ion: Ion, value: Double)]
  var text: String

  init?(argument: String) {
    text = argument
    var entries: [(Ion, Double)] = []
    for part in argument.split(separator: ",") {
      let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard pair.count == 2, let ion = Ion(symbol: pair[0]),
        let value = Double(pair[1].replacingOccurrences(of: "\u{2212}", with: "-")), value.isFinite,
        !entries.contains(where: { $0.0 == ion })
      else { return nil }
      entries.append((ion, value))
    }
    guard !entries.isEmpty else { return nil }
    self.entries = entries
  }

  subscript(ion: Ion) -> Double? { entries.first { $0.ion == ion }?.value }
}

/// `--json` and the shared way of printing a result.
struct OutputOptions: ParsableArguments {
  @Flag(help: "Print one JSON object (value, unit, inputs, intermediate values) instead of text.")
  var json = false

  /// Prints `report`, or refuses a result or intermediate value that is not a finite number (an overflow
  /// such as `inf mV` or `NaN mV` is not an answer) with a ``ValidationError`` naming the options given, so
  /// the command exits with status 64.
  func emit(_ report: CalcReport) throws {
    let values = [report.value] + report.intermediates.compactMap(\.number)
    if let bad = values.first(where: { !$0.isFinite }) {
      throw ValidationError(
        "The result is not a finite number (\(bad)) for \(givenOptions()): "
          + "the values overflow or underflow what a Double holds; use less extreme values.")
    }
    Terminal.out(json ? report.json.serialized() : report.text)
  }
}

/// The options given on the command line with their values (`--inside 1e-300, --outside 1e300`), for messages.
func givenOptions(_ arguments: [String] = CommandLine.arguments) -> String {
  var parts: [String] = []
  var i = 0
  while i < arguments.count {
    let a = arguments[i]
    if a.hasPrefix("--"), a != "--json" {
      if a.contains("=") {
        parts.append(a)
      } else if i + 1 < arguments.count {
        parts.append("\(a) \(arguments[i + 1])")
        i += 1
      } else {
        parts.append(a)
      }
    }
    i += 1
  }
  return parts.isEmpty ? "these inputs" : parts.joined(separator: ", ")
}

/// `--ion/--charge`, `--inside` and `--outside`: an ion and its two concentrations, validated together.
struct IonGradientOptions: ParsableArguments {
  @OptionGroup var ion: IonOptions
  @Option("Intracellular concentration, mM.", unit: "mM") var inside: CLINumber
  @Option("Extracellular concentration, mM.", unit: "mM") var outside: CLINumber

  func validate() throws {
    try ion.require()
    try requirePositive(inside, option: "inside", what: "a concentration")
    try requirePositive(outside, option: "outside", what: "a concentration")
  }

  /// The ion and the concentrations given.
  var given: IonGradient { IonGradient(ion: ion, inside: inside, outside: outside) }
}

/// An ion and its concentrations on both sides: what its equilibrium potential is computed from.
struct IonGradient {
  var ion: IonOptions
  var inside: CLINumber
  var outside: CLINumber

  /// The equilibrium potential of the ion across this gradient.
  func equilibriumPotential(at temperature: Temperature) throws -> Voltage {
    try nernstPotential(
      valence: ion.z, inside: .millimolar(inside.value), outside: .millimolar(outside.value),
      temperature: temperature)
  }

  /// The input rows: ion, valence, inside and outside.
  var inputs: [CalcReport.Entry] {
    ionInputs(ion) + [
      .given("inside", inside.value, "mM", key: "inside_mM"),
      .given("outside", outside.value, "mM", key: "outside_mM"),
    ]
  }
}

/// `--vm`: the membrane potential, for the commands that compare it with an equilibrium potential.
struct MembranePotentialOption: ParsableArguments {
  @Option("Membrane potential Vm, mV.", unit: "mV") var vm: CLINumber

  /// The membrane potential.
  var potential: Voltage { .millivolts(vm.value) }

  /// The input row `Vm`.
  var input: CalcReport.Entry { .given("Vm", vm.value, "mV", key: "vm_mV") }
}

/// An ion's gradient, the membrane potential and the temperature: what the driving force and the free energy
/// of moving the ion are computed from.
struct ElectrochemicalOptions: ParsableArguments {
  @OptionGroup var gradient: IonGradientOptions
  @OptionGroup var membrane: MembranePotentialOption
  @OptionGroup var temperature: TemperatureOption

  /// The temperature given.
  var t: Temperature { temperature.temperature.value }

  /// The ion's equilibrium potential across the gradient, at the temperature given.
  func equilibriumPotential() throws -> Voltage { try gradient.given.equilibriumPotential(at: t) }

  /// The input rows: ion, valence, inside, outside, Vm and temperature.
  var inputs: [CalcReport.Entry] { gradient.given.inputs + [membrane.input, Format.temperatureEntry(t)] }
}
