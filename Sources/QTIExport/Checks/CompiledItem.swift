import CLibXML2
import Foundation

/// A QTI 2.1 or 3.0 item compiled straight from the libxml2 tree of its re-read file: declarations, response
/// processing as a small expression tree with variables resolved to slots, and what the self-checks need
/// (`equal` comparisons in document order, feedback triggers, modal feedback, choices).
///
/// It evaluates exactly what ``QTIItemModel`` evaluates, without building a tree of Swift strings first. It
/// covers only well-formed items in the exported subset: `init` returns nil for anything else (an unknown
/// element, a missing attribute, a construct the generic evaluator would reject), and the caller then runs the
/// generic checks, which say what is wrong and where.
struct CompiledItem {
  enum BaseType { case float, identifier, boolean, other }

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
  struct EqualInfo {
    var mode: String
    var tolerance: String
    var correctIdentifiers: [String]
    var variableIdentifiers: [String]
  }

  struct Trigger {
    var response: Int
    var value: QTIValue
    var outcome: String
    var feedback: String
  }

  var responseIdentifiers: [String] = []
  var responseTypes: [BaseType] = []
  var correct: [QTIValue] = []
  var outcomeIdentifiers: [String] = []
  var defaults: [QTIValue] = []
  var rules: [Rule] = []
  var equals: [EqualInfo] = []
  var triggers: [Trigger] = []
  /// Modal feedback shown (`showHide="show"`): outcome and identifier.
  var shownFeedback: [(outcome: String, identifier: String)] = []
  var choices: [String: [String]] = [:]

  func responseIndex(_ identifier: String) -> Int? { responseIdentifiers.firstIndex(of: identifier) }
  func outcomeIndex(_ identifier: String) -> Int? { outcomeIdentifiers.firstIndex(of: identifier) }

  // MARK: Evaluation

  struct Unsupported: Error {}

  /// Runs the response processing for these responses (one per response slot) and returns the outcomes.
  func run(_ responses: [QTIValue]) throws(Unsupported) -> [QTIValue] {
    var outcomes = defaults
    try execute(rules, responses, &outcomes)
    return outcomes
  }

  private func execute(_ rules: [Rule], _ responses: [QTIValue], _ outcomes: inout [QTIValue]) throws(Unsupported) {
    for rule in rules {
      switch rule {
      case let .set(slot, expression):
        outcomes[slot] = try evaluate(expression, responses, outcomes)
      case let .condition(branches):
        for branch in branches {
          if let condition = branch.condition {
            if try evaluate(condition, responses, outcomes) == .bool(true) {
              try execute(branch.rules, responses, &outcomes)
              break
            }
          } else {
            try execute(branch.rules, responses, &outcomes)
            break
          }
        }
      }
    }
  }

  private func evaluate(_ e: Expression, _ responses: [QTIValue], _ outcomes: [QTIValue]) throws(Unsupported) -> QTIValue {
    func all(_ list: [Expression]) throws(Unsupported) -> [QTIValue] {
      var result: [QTIValue] = []
      result.reserveCapacity(list.count)
      for x in list { result.append(try evaluate(x, responses, outcomes)) }
      return result
    }
    switch e {
    case let .constant(v): return v
    case let .response(i): return responses[i]
    case let .outcome(i): return outcomes[i]
    case let .correct(i): return correct[i]
    case let .isNull(list):
      let v = try all(list)
      return .bool(v.first == .null || v.first == .multiple([]))
    case let .equal(band, x, y):
      guard let a = try evaluate(x, responses, outcomes).number, let b = try evaluate(y, responses, outcomes).number
      else { return .null }
      guard let band else { return .bool(a == b) }
      return .bool(band.contains(b, around: a))
    case let .match(x, y):
      let a = try evaluate(x, responses, outcomes), b = try evaluate(y, responses, outcomes)
      if a == .null || b == .null { return .null }
      return .bool(a == b)
    case let .sum(list):
      var total = 0.0
      for v in try all(list) {
        guard let n = v.number else { return .null }
        total += n
      }
      return .float(total)
    case let .multiple(list):
      var items: [QTIValue] = []
      for v in try all(list) {
        switch v {
        case .null: continue
        case let .multiple(inner): items += inner
        default: items.append(v)
        }
      }
      return items.isEmpty ? .null : .multiple(items)
    case let .and(list):
      let v = try all(list)
      if v.contains(.null) { return .null }
      return .bool(v.allSatisfy { $0 == .bool(true) })
    case let .or(list):
      let v = try all(list)
      if v.contains(.null) { return .null }
      return .bool(v.contains(.bool(true)))
    case let .not(list):
      let v = try all(list)
      guard case let .bool(b)? = v.first else { return .null }
      return .bool(!b)
    case let .compare(op, x, y):
      guard let a = try evaluate(x, responses, outcomes).number, let b = try evaluate(y, responses, outcomes).number
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
