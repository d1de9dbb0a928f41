import Foundation
package import QuizModel

/// The keys a format cannot hold (for Canvas: non-zero keys below 10⁻⁴ in magnitude). Empty when the quiz can
/// be exported in all of `formats`.
package func exportProblems(_ quiz: Quiz, formats: [QTIFormat] = QTIFormat.allCases) -> [ExportProblem] {
  var problems: [ExportProblem] = []
  // Identifiers become XML names and file names; two that clean up to the same name would collide.
  var seen: [String: String] = [:]
  seen.reserveCapacity(quiz.items.reduce(0) { $0 + $1.variants.count })
  for item in quiz.items {
    for variant in item.variants {
      let name = PlainText.identifier(variant.id)
      if let other = seen[name] {
        for format in formats {
          problems.append(
            ExportProblem(
              format: format, template: item.template, variant: variant.id,
              message: "the variant id '\(variant.id)' gives the same file name '\(name)' as '\(other)'"))
        }
      }
      seen[name] = variant.id
    }
  }
  problems += identifierCollisions(quiz, formats: formats)
  if quiz.items.allSatisfy(\.variants.isEmpty) {
    for format in formats {
      problems.append(
        ExportProblem(format: format, template: "", variant: "", message: "the quiz has no variants to export"))
    }
  }
  for format in formats {
    if format == .canvas { problems += CanvasWriter(quiz: quiz).problems() }
    if format == .moodle { problems += MoodleWriter.problems(quiz) }
    for item in quiz.items {
      for variant in item.variants {
        for answer in variant.answers {
          if let n = answer.numeric, !n.interval.key.isFinite || !n.interval.halfWidth.isFinite, format != .canvas {
            problems.append(
              ExportProblem(
                format: format, template: item.template, variant: variant.id, answer: answer.id,
                message: "the key '\(n.value)' is not a finite number"))
          }
        }
      }
    }
  }
  return problems
}

/// Identifiers that become equal once cleaned up for XML (`a b` and `a_b` both become `a_b`): option
/// identifiers within a choice and response identifiers within a variant (QTI 2.1 and 3.0), and question
/// identifiers and group identifiers across the quiz (Canvas). Two equal identifiers would make the correct
/// response point at the wrong option, so the export is refused, naming the template and both originals.
func identifierCollisions(_ quiz: Quiz, formats: [QTIFormat]) -> [ExportProblem] {
  var problems: [ExportProblem] = []
  let qti = formats.filter { $0 == .qti21 || $0 == .qti30 }  // Moodle names nothing by these identifiers
  var canvasIdents: [String: String] = [:]
  var groupIdents: [String: String] = [:]
  var reportedTemplates: Set<String> = []
  /// Gives `identifier` to `original` in `table`; returns the other original that had it, if any.
  func claim(_ table: inout [String: String], _ identifier: String, for original: String) -> String? {
    defer { table[identifier] = original }
    guard let other = table[identifier], other != original else { return nil }
    return other
  }
  let canvas = formats.contains(.canvas)
  if canvas {
    // One question per part of every variant: the table is sized once instead of growing by rehashing.
    canvasIdents.reserveCapacity(quiz.items.reduce(0) { $0 + $1.variants.reduce(0) { $0 + $1.answers.count } })
  }
  // Reused from variant to variant, emptied each time.
  var responses: [String: String] = [:]
  var options: [String: String] = [:]
  for item in quiz.items {
    // A group's name and identifier depend on the item and the part alone: made once per item.
    var groups: [String: (name: String, identifier: String)] = [:]
    for variant in item.variants {
      responses.removeAll(keepingCapacity: true)
      for answer in variant.answers {
        func report(_ message: String, in formats: [QTIFormat]) {
          for format in formats {
            problems.append(
              ExportProblem(
                format: format, template: item.template, variant: variant.id, answer: answer.id, message: message))
          }
        }
        if !qti.isEmpty {
          let response = QTI2Writer.responseIdentifier(answer)
          if let other = claim(&responses, response, for: answer.id), !reportedTemplates.contains(item.template) {
            report(
              "the answer ids '\(other)' and '\(answer.id)' both become the identifier '\(response)'; rename one in the template",
              in: qti)
          }
        }
        if !qti.isEmpty, case .choice(let choice) = answer.kind {
          options.removeAll(keepingCapacity: true)
          for option in choice.options {
            let identifier = PlainText.identifier(option.id)
            if let other = claim(&options, identifier, for: option.id), !reportedTemplates.contains(item.template) {
              report(
                "the options '\(other)' and '\(option.id)' both become the identifier '\(identifier)'; rename one in the template",
                in: qti)
              reportedTemplates.insert(item.template)
            }
          }
        }
        if canvas {
          // A Canvas identifier is the cleaned-up name; two names that clean up alike would collide.
          let question = "\(variant.id)_\(answer.id)"
          let questionIdent = PlainText.identifier(question)
          if let other = claim(&canvasIdents, questionIdent, for: question) {
            report(
              "the question '\(question)' gets the same identifier '\(questionIdent)' as '\(other)'", in: [.canvas])
          }
          if groups[answer.id] == nil {
            groups[answer.id] = (
              "\(item.template)/\(answer.id)", PlainText.identifier("g_\(item.template)_\(answer.id)")
            )
          }
          let (group, groupIdent) = groups[answer.id]!
          if let other = claim(&groupIdents, groupIdent, for: group) {
            report(
              "the question group '\(group)' gets the same identifier '\(groupIdent)' as '\(other)'", in: [.canvas])
          }
        }
      }
    }
  }
  return problems
}
