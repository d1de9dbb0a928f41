import Foundation
import QuizModel

/// The Canvas assessment written, re-read, proven and deflated one question at a time.
///
/// Each question is written on a worker as the fragment of bytes it has in the assessment
/// (``CanvasWriter/fragment(_:using:)``), read on its own from SAX events (``SAXReader``), and proven (``SelfCheck/checkCanvas(_:file:into:)``
/// and ``ModelCheck/checkCanvas(_:answer:file:)``); the calling thread joins the fragments with the frame in file
/// order and deflates them as they come. Memory holds the deflated assessment and the questions in flight,
/// never the whole document as bytes twice or as a tree. Issues carry the lines they have in the whole file.
///
/// - Parameter keepingFile: Also return the assessment's bytes (``makePackage(_:format:baseName:workers:)``).
/// - Returns: The zip entry, the file when kept, and what the checks proved and found (errors only).
func writeAndCheckCanvas(
  _ writer: CanvasWriter, workers: Int, keepingFile: Bool
) -> (entry: ZipWriter.Entry, file: PackageFile?, check: SelfCheckResult) {
  let path = writer.assessmentPath
  let pieces = writer.frame()
  let questions = writer.questions()
  var check = SelfCheckResult()
  var model: [XMLIssue] = []

  // The frame re-read on its own: well-formed, and an assessment.
  var frame = Data()
  for piece in pieces { frame.append(piece) }
  switch XMLReader.parse(frame, file: path) {
  case .failure(let list): check.issues += list.issues
  case .success(let root) where root.name != "questestinterop":
    check.issues.append(
      XMLIssue(file: path, line: root.line, message: "the root is '\(root.name)', not 'questestinterop'"))
  case .success: break
  }

  let deflater = Deflater()
  let stream = Deflater.Stream(deflater)
  var whole: Data? = keepingFile ? Data() : nil
  var linesBefore = 0
  var group = 0
  func append(_ data: Data, newlines: Int) {
    stream.append(data)
    whole?.append(data)
    linesBefore += newlines
  }
  func shifted(_ issues: [XMLIssue]) -> [XMLIssue] {
    issues.map { issue in
      var issue = issue
      if issue.line > 0 { issue.line += linesBefore }
      return issue
    }
  }
  append(pieces[0], newlines: pieces[0].newlineCount)

  struct Fragment: Sendable {
    var data: Data
    var newlines: Int
    var group: Int
    var check: SelfCheckResult
    var model: [XMLIssue]
  }
  OrderedWork.forEach(
    count: questions.count, workers: workers, state: { (XMLWriter(), SAXReader()) },
    transform: { tools, range in
      range.map { index -> Fragment in
        let (xmlWriter, reader) = tools
        let question = questions[index]
        let data = writer.fragment(question, using: xmlWriter)
        var check = SelfCheckResult()
        var model: [XMLIssue] = []
        switch reader.read(data, file: path) {
        case .failure(let list): check.issues = list.issues
        case .success(let node):
          let item = CanvasItemModel(item: node)
          SelfCheck.checkCanvas(item, file: path, into: &check)
          check.issues = check.issues.filter { $0.severity == .error }
          let answer = writer.quiz.items[question.item].variants[question.variant].answers[question.answer]
          model = ModelCheck.checkCanvas(item, answer: answer, file: path)
        }
        return Fragment(data: data, newlines: data.newlineCount, group: question.group, check: check, model: model)
      }
    },
    consume: { fragment in
      while group < fragment.group {
        group += 1
        append(pieces[group], newlines: pieces[group].newlineCount)
      }
      check.items += fragment.check.items
      check.proofs += fragment.check.proofs
      check.issues += shifted(fragment.check.issues)
      model += shifted(fragment.model)
      append(fragment.data, newlines: fragment.newlines)
    })
  for piece in pieces[(group + 1)...] { append(piece, newlines: 0) }
  check.issues += model
  return (stream.finish(path: path), whole.map { PackageFile(path: path, data: $0) }, check)
}

extension Data {
  /// How many line feeds the bytes hold.
  var newlineCount: Int {
    withUnsafeBytes { raw in
      var count = 0
      for byte in raw where byte == 0x0A { count += 1 }
      return count
    }
  }
}
