import CLibXML2
import Foundation

/// A QTI 2.1 or 3.0 item compiled from its elements (``init(root:)``, through the ``QTIElement`` view):
/// declarations, response processing as a small expression tree with variables resolved to slots, and what the
/// checks need (`equal` comparisons and feedback triggers in document order, modal feedback, choices).
///
/// The one evaluator of QTI response processing: the export self-checks and `validate` both run it
/// (``QTIItemCheck``). It evaluates `responseCondition` with `responseIf`/`responseElseIf`/`responseElse`,
/// `setOutcomeValue`, and the expressions `baseValue`, `variable`, `correct`, `isNull`, `equal` (exact,
/// absolute and relative tolerance), `match`, `sum`, `multiple`, `and`, `or`, `not`, `gte`, `lte`, `gt`, `lt`.
/// Our writer (``QTI2Writer``) emits `responseCondition` with `responseIf` and `responseElse`,
/// `setOutcomeValue`, `baseValue`, `variable`, `correct`, `isNull`, `equal` (absolute tolerance, inclusive
/// bounds), `match`, `sum`, `multiple`, `or` and `not`. `responseElseIf`, `and`, `gte`, `lte`, `gt`, `lt`,
/// relative tolerance and exclusive bounds are never emitted: they are evaluated for the foreign packages
/// `validate` reads (hand-edited or other tools' items), and tests feed them such items.
struct CompiledItem {
  indirect enum Expression {
    case constant(QTIValue)
    case response(Int)
    case outcome(Int)
    case correct(Int)
    case isNull([Expression])
    case equal(Band?, Expression, Expression)
    case match(Expression, Expression)
    case sum([Expression])
    case multiple([Expression])
    case and([Expression])
    case or([Expression])
    case not([Expression])
    case compare(Comparison, Expression, Expression)
  }

  enum Comparison { case gte, lte, gt, lt }

  /// An `equal` tolerance band (nil band: exact).
  struct Band {
    var absolute: Bool
    var t0: Double
    var t1: Double
    var includeLower: Bool
    var includeUpper: Bool

    /// Whether `b` lies in the band around `a`, as a QTI player computes it in binary floating point: the
    /// bounds a − t0 and a + t1 each carry the rounding of one operation, so a value written exactly at
    /// key ± t (``AcceptedInterval``) is within two units in the last place of the computed bound, and
    /// counts as on it. Anything a written digit further out is outside.
    func contains(_ b: Double, around a: Double) -> Bool {
      let lo = absolute ? a - t0 : a * (1 - t0 / 100)
      let hi = absolute ? a + t1 : a * (1 + t1 / 100)
      let slack = 2 * max(abs(a), abs(b), abs(lo), abs(hi)).ulp
      let aboveLo = includeLower ? b >= lo - slack : b > lo + slack
      let belowHi = includeUpper ? b <= hi + slack : b < hi - slack
      return aboveLo && belowHi
    }
  }

  indirect enum Rule {
    case condition([Branch])
    case set(Int, Expression)
  }

  struct Branch {
    /// nil for `responseElse`.
    var condition: Expression?
    var rules: [Rule]
  }

  /// An `equal` element of the response processing, as the key comparison search reads it.
  struct Equal {
    var mode: String
    /// The tolerance below and above the correct value, parsed once (0 for `exact`).
    var t0: Double
    var t1: Double
    var correctIdentifiers: [String]
    var variableIdentifiers: [String]
    var line: Int
  }

  /// A branch that compares a response with a constant and adds `feedback` to `outcome`.
  struct Trigger {
    var response: String
    var value: QTIValue
    var outcome: String
    var feedback: String
    var line: Int
  }

  struct Response {
    var identifier: String
    var baseType: String
    /// The text of its correct response, if declared.
    var correctText: String?
    var line: Int
  }

  struct Feedback {
    var outcome: String
    var identifier: String
    var showHide: String
    var line: Int
  }

  /// The root element's line.
  var line = 0
  var responses: [Response] = []
  /// The correct response of each response, typed (null when not declared).
  var correct: [QTIValue] = []
  var outcomeIdentifiers: [String] = []
  var defaults: [QTIValue] = []
  /// The `responseProcessing` element's line; nil when the item has none.
  var processingLine: Int?
  /// Whether the item computes its key in `templateProcessing` (its processing is then not compiled).
  var computesItsKey = false
  /// The first construct of the response processing that is not evaluated, or is malformed.
  var processingFailure: EvaluationFailure?
  var rules: [Rule] = []
  var equals: [Equal] = []
  var triggers: [Trigger] = []
  var feedbacks: [Feedback] = []
  /// The choice identifiers offered for each choice response.
  var choices: [String: [String]] = [:]

  func responseIndex(_ identifier: String) -> Int? { responses.firstIndex { $0.identifier == identifier } }
  func outcomeIndex(_ identifier: String) -> Int? { outcomeIdentifiers.firstIndex(of: identifier) }

  /// Whether a modal feedback shows `identifier` when `outcome` holds it.
  func shows(_ identifier: String, whenHeldBy outcome: String) -> Bool {
    feedbacks.contains { $0.outcome == outcome && $0.identifier == identifier && $0.showHide == "show" }
  }

  // MARK: Evaluation

  /// Runs the response processing for these responses (one per response slot) and returns the outcomes.
  func run(_ responses: [QTIValue]) -> [QTIValue] {
    var outcomes = defaults
    execute(rules, responses, &outcomes)
    return outcomes
  }

  /// Runs the response processing for responses by identifier (a response not given is null) and returns
  /// the outcomes by identifier.
  func run(_ given: [String: QTIValue]) -> [String: QTIValue] {
    let outcomes = run(responses.map { given[$0.identifier] ?? .null })
    return Dictionary(zip(outcomeIdentifiers, outcomes), uniquingKeysWith: { _, last in last })
  }

  private func execute(_ rules: [Rule], _ responses: [QTIValue], _ outcomes: inout [QTIValue]) {
    for rule in rules {
      switch rule {
      case .set(let slot, let expression):
        outcomes[slot] = evaluate(expression, responses, outcomes)
      case .condition(let branches):
        for branch in branches {
          if let condition = branch.condition {
            if evaluate(condition, responses, outcomes) == .bool(true) {
              execute(branch.rules, responses, &outcomes)
              break
            }
          } else {
            execute(branch.rules, responses, &outcomes)
            break
          }
        }
      }
    }
  }

  /// The value of `e`. Operand lists are walked in place (no array of their values); evaluation has no side
  /// effects, so stopping at the first operand that decides is the same as evaluating them all.
  private func evaluate(_ e: Expression, _ responses: [QTIValue], _ outcomes: [QTIValue]) -> QTIValue {
    switch e {
    case .constant(let v): return v
    case .response(let i): return responses[i]
    case .outcome(let i): return outcomes[i]
    case .correct(let i): return correct[i]
    case .isNull(let list):
      guard let first = list.first else { return .bool(false) }
      switch evaluate(first, responses, outcomes) {
      case .null: return .bool(true)
      case .multiple(let inner): return .bool(inner.isEmpty)
      default: return .bool(false)
      }
    case .equal(let band, let x, let y):
      guard let a = evaluate(x, responses, outcomes).number, let b = evaluate(y, responses, outcomes).number
      else { return .null }
      guard let band else { return .bool(a == b) }
      return .bool(band.contains(b, around: a))
    case .match(let x, let y):
      let a = evaluate(x, responses, outcomes)
      let b = evaluate(y, responses, outcomes)
      if a == .null || b == .null { return .null }
      return .bool(a == b)
    case .sum(let list):
      var total = 0.0
      for x in list {
        guard case .float(let n) = evaluate(x, responses, outcomes) else { return .null }
        total += n
      }
      return .float(total)
    case .multiple(let list):
      var items: [QTIValue] = []
      for x in list {
        switch evaluate(x, responses, outcomes) {
        case .null: continue
        case .multiple(let inner): items += inner
        case let v: items.append(v)
        }
      }
      return items.isEmpty ? .null : .multiple(items)
    case .and(let list):
      // Null if any operand is null, else whether all are true.
      var allTrue = true
      for x in list {
        let v = evaluate(x, responses, outcomes)
        if v == .null { return .null }
        if v != .bool(true) { allTrue = false }
      }
      return .bool(allTrue)
    case .or(let list):
      // Null if any operand is null, else whether one is true.
      var anyTrue = false
      for x in list {
        let v = evaluate(x, responses, outcomes)
        if v == .null { return .null }
        if v == .bool(true) { anyTrue = true }
      }
      return .bool(anyTrue)
    case .not(let list):
      guard let first = list.first, case .bool(let b) = evaluate(first, responses, outcomes) else { return .null }
      return .bool(!b)
    case .compare(let op, let x, let y):
      guard let a = evaluate(x, responses, outcomes).number, let b = evaluate(y, responses, outcomes).number
      else { return .null }
      switch op {
      case .gte: return .bool(a >= b)
      case .lte: return .bool(a <= b)
      case .gt: return .bool(a > b)
      case .lt: return .bool(a < b)
      }
    }
  }
}
