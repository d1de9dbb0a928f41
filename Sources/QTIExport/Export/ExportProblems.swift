import Foundation
package import QuizModel

/// The keys a format cannot hold (for Canvas: non-zero keys below 10⁻⁴ in magnitude). Empty when the quiz can
/// be exported in all of `formats`.
package func exportProblems(_ quiz: Quiz, formats: [QTIFormat] = QTIFormat.allCases) -> [ExportProblem] {
  var problems: [ExportProblem] = []
  // Identifiers become XML names and file names; two that clean up to the same name would collide.
  var seen: [String: String] = [:]
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
  if quiz.variants.isEmpty {
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
  for item in quiz.items {
    for variant in item.variants {
      var responses: [String: String] = [:]
      for answer in variant.answers {
        let response = QTI2Writer.responseIdentifier(answer)
        if let other = responses[response], other != answer.id, !reportedTemplates.contains(item.template) {
          for format in qti {
            problems.append(
              ExportProblem(
                format: format, template: item.template, variant: variant.id, answer: answer.id,
                message:
                  "the answer ids '\(other)' and '\(answer.id)' both become the identifier '\(response)'; rename one in the template"
              ))
          }
        }
        responses[response] = answer.id
        if case .choice(let choice) = answer.kind {
          var options: [String: String] = [:]
          for option in choice.options {
            let identifier = PlainText.identifier(option.id)
            if let other = options[identifier], other != option.id, !reportedTemplates.contains(item.template) {
              for format in qti {
                problems.append(
                  ExportProblem(
                    format: format, template: item.template, variant: variant.id, answer: answer.id,
                    message:
                      "the options '\(other)' and '\(option.id)' both become the identifier '\(identifier)'; rename one in the template"
                  ))
              }
              reportedTemplates.insert(item.template)
            }
            options[identifier] = option.id
          }
        }
        if formats.contains(.canvas) {
          // A Canvas identifier is the cleaned-up name; two names that clean up alike would collide.
          func claim(_ table: inout [String: String], _ what: String, original: String, identifier: String) {
            if let other = table[identifier], other != original {
              problems.append(
                ExportProblem(
                  format: .canvas, template: item.template, variant: variant.id, answer: answer.id,
                  message: "the \(what) '\(original)' gets the same identifier '\(identifier)' as '\(other)'"))
            }
            table[identifier] = original
          }
          claim(
            &canvasIdents, "question", original: "\(variant.id)_\(answer.id)",
            identifier: PlainText.identifier("\(variant.id)_\(answer.id)"))
          claim(
            &groupIdents, "question group", original: "\(item.template)/\(answer.id)",
            identifier: PlainText.identifier("g_\(item.template)_\(answer.id)"))
        }
      }
    }
  }
  return problems
}
