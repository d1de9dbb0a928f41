import QuizModel

extension Expression {
  /// The text of the expression when it is nothing but a quoted string literal (`"influx"`), else `nil`:
  /// lets the parser check literal option ids against the options before anything is drawn.
  var stringLiteral: String? {
    let text = source.trimmingSpaces()
    guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else { return nil }
    let body = text.dropFirst().dropLast()
    guard !body.contains(first) else { return nil }
    return String(body)
  }
}
