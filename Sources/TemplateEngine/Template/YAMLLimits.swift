import CYaml

/// The limits on a template or bank file, checked before the YAML is composed into nodes so that a small
/// hostile file cannot make reading it slow or large.
///
/// YAML anchors and aliases let a 1 KB file describe a tree of billions of nodes (each alias repeats the
/// anchored tree; nesting them multiplies). Composing such a tree, or comparing its mapping keys for
/// duplicates, would hang. These limits are checked on libyaml's event stream, where an alias is one event.
/// See <doc:Limits> for the values.
package enum TemplateLimits {
  /// The largest template or bank file: 4 MiB (the shipped templates are under 10 KB; a bank of a thousand
  /// items is under 200 KB).
  package static let maximumYAMLBytes = 4 << 20
  /// The most nodes that aliases may add to a file, counting every node of the tree an alias repeats.
  package static let maximumAliasExpansion = 10_000
  /// The deepest nesting of lists and mappings.
  package static let maximumYAMLDepth = 64
  /// The most answers (parts) one template may ask; a grading run tracks 64 parts per variant.
  package static let maximumAnswers = 64
}

extension YAMLDocument {
  /// Walks libyaml's events for `text` and throws at the first limit crossed (size, nesting, alias expansion),
  /// or at a list or mapping used as a mapping key (templates and banks only have word keys, and a collection
  /// key is what makes duplicate detection slow). Syntax errors are left for the composer to report.
  static func checkLimits(_ text: String, file: String) throws(TemplateError) {
    let size = text.utf8.count
    guard size <= TemplateLimits.maximumYAMLBytes else {
      throw TemplateError(
        file: file, line: 0, column: 0,
        message: "the file is \(size) bytes; a template or bank may be at most \(TemplateLimits.maximumYAMLBytes) bytes"
      )
    }
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return }
    defer { yaml_parser_delete(&parser) }
    var copy = text
    let result = copy.withUTF8 { buffer -> Result<Void, TemplateError> in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      do throws(TemplateError) { try walk(&parser, file: file, text: text) } catch { return .failure(error) }
      return .success(())
    }
    try result.get()
  }

  private struct Frame {
    var isMapping: Bool
    var anchor: String?
    var size = 1
    var children = 0
    var keys: Set<String> = []
  }

  private static func walk(_ parser: inout yaml_parser_t, file: String, text: String) throws(TemplateError) {
    func sourceLine(_ line: Int) -> String? {
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      return line >= 1 && line <= lines.count ? String(lines[line - 1]) : nil
    }
    var stack: [Frame] = []
    /// Anchored nodes: their size in nodes (aliases included) and whether they are scalars.
    var anchors: [String: (size: Int, scalar: Bool)] = [:]
    var expansion = 0
    // The libyaml boundary: an event's anchor is a NUL-terminated string libyaml owns until the event is
    // deleted, read here before that.
    func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? { pointer.map { String(cString: $0) } }
    while true {
      var event = yaml_event_t()
      guard yaml_parser_parse(&parser, &event) == 1 else { return }  // the composer reports syntax errors
      defer { yaml_event_delete(&event) }
      let line = Int(event.start_mark.line) + 1
      let column = Int(event.start_mark.column) + 1
      func fail(_ message: String) -> TemplateError {
        TemplateError(file: file, line: line, column: column, message: message)
      }
      /// A finished node of `size` nodes: counted into its parent; a collection may not be a mapping key.
      func add(size: Int, scalar: Bool) throws(TemplateError) {
        guard !stack.isEmpty else { return }
        if stack[stack.count - 1].isMapping, stack[stack.count - 1].children % 2 == 0, !scalar {
          throw fail("a list or mapping cannot be a mapping key; keys are plain words")
        }
        stack[stack.count - 1].children += 1
        stack[stack.count - 1].size += size
      }
      switch event.type {
      case YAML_STREAM_END_EVENT:
        return
      case YAML_SCALAR_EVENT:
        if let anchor = string(event.data.scalar.anchor) { anchors[anchor] = (1, true) }
        if let top = stack.last, top.isMapping, top.children % 2 == 0, let raw = event.data.scalar.value {
          // libyaml's scalar event holds `length` bytes at `value` (NUL-terminated, but a scalar may hold NUL
          // itself), valid until the event is deleted: the key is copied out of exactly those bytes.
          let key = String(
            decoding: UnsafeBufferPointer(start: raw, count: Int(event.data.scalar.length)), as: UTF8.self)
          guard stack[stack.count - 1].keys.insert(key).inserted else {
            let error = fail("duplicate key '\(key)'")
            throw TemplateError(
              file: error.file, line: error.line, column: error.column, message: error.message,
              sourceLine: sourceLine(error.line), length: key.count)
          }
        }
        try add(size: 1, scalar: true)
      case YAML_ALIAS_EVENT:
        guard let name = string(event.data.alias.anchor), let target = anchors[name] else {
          try add(size: 1, scalar: true)  // an undefined alias: the composer says so
          continue
        }
        expansion += target.size
        if expansion > TemplateLimits.maximumAliasExpansion {
          throw fail(
            "aliases (*\(name)) repeat more than \(TemplateLimits.maximumAliasExpansion) YAML nodes; "
              + "write the repeated parts out, or use fewer nested anchors")
        }
        try add(size: target.size, scalar: target.scalar)
      case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
        let isMapping = event.type == YAML_MAPPING_START_EVENT
        if let top = stack.last, top.isMapping, top.children % 2 == 0 {
          throw fail("a list or mapping cannot be a mapping key; keys are plain words")
        }
        guard stack.count < TemplateLimits.maximumYAMLDepth else {
          throw fail("lists and mappings are nested more than \(TemplateLimits.maximumYAMLDepth) deep")
        }
        let anchor = isMapping ? string(event.data.mapping_start.anchor) : string(event.data.sequence_start.anchor)
        stack.append(Frame(isMapping: isMapping, anchor: anchor))
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        guard let frame = stack.popLast() else { continue }
        if let anchor = frame.anchor { anchors[anchor] = (frame.size, false) }
        try add(size: frame.size, scalar: false)
      default:
        continue
      }
    }
  }
}
