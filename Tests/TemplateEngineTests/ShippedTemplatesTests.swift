import Foundation
import PropertyBased
import QuizModel
import TemplateEngine
import TestSupport
import Testing

/// The content that ships: every template in Templates/ and the default bank.
@Suite struct ShippedTemplatesTests {
  static let templatesFolder = packageRoot.appendingPathComponent("Templates")
  static let templateFiles: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: templatesFolder.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted()
  }()
  static let library = try! TemplateLibrary.load(from: templatesFolder)

  @Test func theLibraryHasAtLeastEighteenFamilies() {
    #expect(Self.templateFiles.count >= 18, "templates: \(Self.templateFiles)")
  }

  @Test(arguments: templateFiles)
  func everyShippedTemplatePassesCheck(file: String) throws {
    let template = try TemplateLibrary.load(file: Self.templatesFolder.appendingPathComponent(file))
    let report = template.check(variants: 300, seed: 11)
    #expect(report.passed, "\(report)")
    #expect(report.variants == 300)
  }

  // MARK: - The default bank's key

  @Test func defaultBankKeyMatchesItsGoldenFile() throws {
    let key = try defaultQuiz().keyJSONLines()
    try assertSnapshot(key, named: "default-bank-key.jsonl")
  }

  /// The keys of the three reference templates, recomputed from the parameters *in the key file* with
  /// textbook formulas and constants typed in here, not with PhysicsCore.
  @Test func referenceTemplateKeysFollowFromTheirDisplayedParameters() throws {
    let r = 8.314462618153
    let f = 96485.33212331
    let e = 1.602176634e-19
    for line in try defaultQuiz().keyJSONLines().split(separator: "\n").dropFirst() {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let list = try #require(object["params"] as? [[String: Any]])
      let params = Dictionary(uniqueKeysWithValues: list.map { ($0["name"] as! String, $0["value"]!) })
      let answers = try #require(object["answers"] as? [[String: Any]])
      func p(_ name: String) throws -> Double {
        try #require((params[name] as? NSNumber)?.doubleValue, "param \(name)")
      }
      func key(_ id: String) throws -> Double {
        let answer = try #require(answers.first { $0["id"] as? String == id })
        return try #require((answer["value"] as? NSNumber)?.doubleValue)
      }
      func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }
      switch object["template"] as? String {
      case "nernst-potential":
        let eIon =
          r * (try p("temperature_C") + 273.15) / (try p("z") * f) * log(try p("outside_mM") / p("inside_mM")) * 1000
        #expect(close(try key("E"), eIon))
      case "driving-force":
        let eIon =
          r * (try p("temperature_C") + 273.15) / (try p("z") * f) * log(try p("outside_mM") / p("inside_mM")) * 1000
        #expect(close(try key("driving_force"), try p("Vm_mV") - eIon))
        let direction = try #require(answers.first { $0["id"] as? String == "direction" }?["correct"] as? String)
        #expect(direction == (try p("z") * (try p("Vm_mV") - eIon) > 0 ? "efflux" : "influx"))
      case "charge-per-voltage":
        let d = try p("diameter_um") * 1e-6
        let coulombs = try p("capacitance_uF_per_cm2") * 1e-2 * Double.pi * d * d * (try p("delta_V_mV") / 1000)
        #expect(close(try key("charge_pC"), coulombs * 1e12))
        #expect(close(try key("ions"), coulombs / (try p("z") * e)))
        let molesInside = try p("inside_mM") * Double.pi * d * d * d / 6
        #expect(close(try key("fraction_ppm"), coulombs / (try p("z") * f) / molesInside * 1e6))
      default: break
      }
    }
  }

  @Test func keyLinesCarryWhatGradersAndExportersNeed() throws {
    let found = try defaultQuiz().keyJSONLines().split(separator: "\n").first { $0.contains("\"driving-force-01\"") }
    let line = try #require(found)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["record", "id", "item", "template", "seed", "points", "params", "stem", "answers"])
    let params = try #require(object["params"] as? [[String: Any]])
    // side_pick, side and u place the clamped potential on either side of E (so influx and efflux are both asked)
    #expect(
      params.map { $0["name"] as? String } == [
        "ion", "z", "inside_mM", "outside_mM", "temperature_C", "side_pick", "side", "u", "Vm_mV",
      ])
    #expect(params.allSatisfy { $0["display"] is String })
    let answers = try #require(object["answers"] as? [[String: Any]])
    #expect(answers.map { $0["id"] as? String } == ["driving_force", "direction"])
    #expect(answers.map { ($0["points"] as? NSNumber)?.doubleValue } == [1.5, 1.5])
    #expect(answers[0]["unit"] as? String == "mV")
    let interval = try #require(answers[0]["interval"] as? [String: String])
    #expect(Set(interval.keys) == ["key", "half_width", "low", "high"])
    #expect((answers[1]["options"] as? [[String: Any]])?.map { $0["id"] as? String } == ["influx", "efflux"])
  }

  // MARK: - Properties over every shipped template

  @Test func everyNumericKeyLiesInItsOwnIntervalAndNoMisconceptionDoes() async {
    let templates = Self.library.templates
    await propertyCheck(count: 300, input: Gen.int(in: 0...(templates.count - 1)), Gen.uint64()) { index, seed in
      let variant = try templates[index].drawVariant(seed: seed, id: "p")
      for answer in variant.answers {
        if let numeric = answer.numeric {
          #expect(numeric.interval.contains(numeric.value))
          #expect(numeric.interval.lower <= numeric.interval.upper)
          for m in numeric.misconceptions {
            #expect(
              !numeric.interval.contains(m.value!), "\(templates[index].id) seed \(seed): \(m.id) inside the interval")
          }
        }
        if let choice = answer.choice {
          #expect(choice.options.filter { $0.misconception != nil }.allSatisfy { $0.id != choice.correct })
          #expect(choice.misconceptions.allSatisfy { $0.option != choice.correct })
        }
      }
    }
  }

  private func defaultQuiz() throws -> Quiz {
    let url = packageRoot.appendingPathComponent("Banks/default.yaml")
    return try Bank.parse(try String(contentsOf: url, encoding: .utf8), file: "Banks/default.yaml").drawQuiz(
      library: Self.library)
  }
}
