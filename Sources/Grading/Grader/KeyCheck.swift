import TemplateEngine

/// The key file given with `--key` differs from the key regenerated from the bank and seed: the templates
/// (or the seed) changed since the quiz went out.
public struct KeyMismatchError: Error, CustomStringConvertible, Hashable, Sendable {
  /// The key file's name.
  public var file: String
  /// The first line that differs, from 1.
  public var line: Int
  /// The variant of the regenerated key at that line (nil when the file has more lines than the key).
  public var variant: String?
  /// The variant named on that line of the file (nil when the file ends early or the line has no id).
  public var variantInFile: String?

  /// Creates an error.
  public init(file: String, line: Int, variant: String?, variantInFile: String?) {
    self.file = file
    self.line = line
    self.variant = variant
    self.variantInFile = variantInFile
  }

  /// Names the first variant that differs.
  public var description: String {
    switch (variant, variantInFile) {
    case let (v?, f?) where v == f:
      "\(file): line \(line): the key of variant '\(v)' differs from the one regenerated from the bank and seed (the template changed since the quiz went out)"
    case let (v?, f?):
      "\(file): line \(line): has variant '\(f)' where the bank and seed give '\(v)'"
    case let (v?, nil):
      "\(file): line \(line): the file ends before variant '\(v)' of the regenerated key"
    case let (nil, f):
      "\(file): line \(line): variant '\(f ?? "?")' is not in the key regenerated from the bank and seed"
    }
  }
}

extension Quiz {
  /// Checks a `key.jsonl` file against the key regenerated for this quiz, line by line.
  ///
  /// - Parameters:
  ///   - text: The file's contents.
  ///   - file: Its name, for the message.
  /// - Throws: ``KeyMismatchError`` naming the first variant that differs.
  public func verifyKey(_ text: String, file: String = "key.jsonl") throws(KeyMismatchError) {
    let expected = keyJSONLines().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    // Splitting on Characters treats "\r\n" as one line break.
    var given = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    while let last = given.last, last.isEmpty { given.removeLast() }
    let ids = variants.map(\.id)
    for i in 0..<max(expected.count, given.count) {
      let e = i < expected.count ? expected[expected.startIndex + i] : nil
      let g = i < given.count ? given[i] : nil
      if e != g {
        throw KeyMismatchError(file: file, line: i + 1, variant: i < ids.count ? ids[i] : nil,
                               variantInFile: g.flatMap(Quiz.variantID(inKeyLine:)))
      }
    }
  }

  /// The `"id"` a key line starts with.
  static func variantID(inKeyLine line: Substring) -> String? {
    let prefix = "{\"id\":\""
    guard line.hasPrefix(prefix) else { return nil }
    let rest = line.dropFirst(prefix.count)
    guard let end = rest.firstIndex(of: "\"") else { return nil }
    return String(rest[..<end])
  }
}
