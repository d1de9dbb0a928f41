import Foundation
import PhysicsCore
package import QuizModel

extension Template {
  /// Draws one variant, reproducibly: the same template and seed always give the same variant, on every
  /// machine.
  ///
  /// Parameters are drawn in order and rounded to their display precision *before* anything is computed from
  /// them, so every key follows from the numbers the student reads. Draws that break a constraint are
  /// redrawn from the same random stream, up to ``maximumAttempts``.
  ///
  /// - Parameters:
  ///   - seed: The variant's seed (recorded in the key).
  ///   - id: The identifier to give the variant.
  /// - Throws: ``GenerationError`` when no draw satisfies the constraints or an expression fails.
  package func drawVariant(seed: UInt64, id: String) throws(GenerationError) -> Variant {
    var statistics = DrawStatistics()
    return try drawVariant(seed: seed, id: id, statistics: &statistics)
  }

  /// As ``drawVariant(seed:id:)``, also counting rejected draws per constraint.
  ///
  /// Besides the constraints, a draw is rejected when a numeric misconception's value falls inside the accepted
  /// interval without being the key itself: a named wrong method must never be marked right. (A misconception
  /// that gives exactly the key, such as leaving out z = 1, does not apply to that variant.)
  func drawVariant(seed: UInt64, id: String, statistics: inout DrawStatistics) throws(GenerationError) -> Variant {
    // Nothing is skipped, so a candidate always comes back.
    try drawCandidate(seed: seed, id: id, statistics: &statistics, skipping: [])!.variant
  }

  /// As ``drawVariant(seed:id:statistics:)``, but `nil`, before any answer, misconception or text of the variant
  /// is computed, when the draw's parameters are among `known`.
  ///
  /// `known` holds the parameters of variants this template (with the same overrides) already gave: a draw
  /// with the same parameters has the same environment, so it passes the misconception check as that variant
  /// did and is the candidate's final draw. The candidate is then that variant again, which the bank discards
  /// as a repeat of displayed parameters: skipping it changes nothing but the work done. Every other draw
  /// consumes the random stream as before.
  func drawCandidate(seed: UInt64, id: String, statistics: inout DrawStatistics, skipping known: Set<ParameterKey>)
    throws(GenerationError) -> DrawnCandidate?
  {
    let program = try drawProgram()
    var rng = SeededGenerator(seed: seed)
    var rejections = Array(repeating: 0, count: constraints.count)
    var misconceptionRejections: [String: Int] = [:]
    var environment = program.emptyEnvironment()
    for _ in 0..<maximumAttempts {
      statistics.draws += 1
      try program.drawEnvironment(&environment, using: &rng)
      if let failed = try program.firstFailedConstraint(in: environment) {
        rejections[failed] += 1
        statistics.rejections[constraints[failed].expression.source, default: 0] += 1
        continue
      }
      let key = ParameterKey(program, environment)
      if known.contains(key) { return nil }
      var rejection: String?
      var attempt = DrawStatistics()  // coincidences count for the variant kept only
      let variant = try program.buildVariant(
        id: id, seed: seed, environment: environment, rng: &rng, statistics: &attempt, rejection: &rejection)
      if let rejection {
        misconceptionRejections[rejection, default: 0] += 1
        statistics.rejections[rejection, default: 0] += 1
        continue
      }
      statistics.coincidences.merge(attempt.coincidences, uniquingKeysWith: +)
      return DrawnCandidate(variant: variant, parameters: key)
    }
    let worst = rejections.indices.max { rejections[$0] < rejections[$1] }
    if let (reason, count) = misconceptionRejections.max(by: {
      $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key)
    }),
      worst.map({ rejections[$0] < count }) ?? true
    {
      throw GenerationError(
        template: self.id, reason: .unsatisfiable(constraint: reason, location: file, attempts: maximumAttempts))
    }
    let index = worst ?? 0
    throw GenerationError(
      template: self.id,
      reason: .unsatisfiable(
        constraint: constraints[index].description ?? constraints[index].expression.source,
        location: constraints[index].location.description, attempts: maximumAttempts))
  }

  /// The template compiled for drawing (``DrawProgram``), compiled once for this template's value.
  func drawProgram() throws(GenerationError) -> DrawProgram { try drawProgramCache.program(for: self) }
}

extension Double {
  /// Rounds away binary noise such as 310.15 − 273.15 = 37.000000000000057.
  func rounded(toPlaces places: Int) -> Double {
    let scale = pow(10, Double(places))
    return (self * scale).rounded() / scale
  }
}

/// Counts kept while drawing, for `nernstquiz check`.
struct DrawStatistics: Sendable {
  var draws = 0
  /// Rejected draws, by constraint source or misconception-inside-the-interval reason.
  var rejections: [String: Int] = [:]
  /// Variants in which two misconceptions of one numeric answer gave the same value, by pair.
  var coincidences: [String: Int] = [:]
}
