import Foundation
import QuizModel
import Reports

/// A PDF's text as `pdftotext -bbox` places it: pages of lines, each with its top, bottom and type size, so
/// that tests can check a printed layout (pages per student, how full a page is, headings at page edges).
struct PrintedPDF {
  struct Line {
    var text: String
    var top: Double
    var bottom: Double
    /// The tallest word's height: the type size, near enough.
    var size: Double
  }

  struct Page {
    var height: Double
    var lines: [Line]
  }

  var pages: [Page]

  /// The typical word height (the median): body text.
  var bodySize: Double {
    let sizes = pages.flatMap { $0.lines.map(\.size) }.sorted()
    return sizes.isEmpty ? 0 : sizes[sizes.count / 2]
  }

  /// Whether a line is set in heading type: at least a quarter larger than body text.
  func isHeading(_ line: Line) -> Bool { line.size >= 1.25 * bodySize }

  /// Reads `pdf` with `pdftotext -bbox`.
  init(pdf: URL) throws {
    let process = Process()
    process.executableURL = PrintTools.pdftotext
    process.arguments = ["-bbox", pdf.path, "-"]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    self.init(bboxXHTML: String(decoding: data, as: UTF8.self))
  }

  /// Parses the XHTML `pdftotext -bbox` writes: `<page width height>` and `<word xMin yMin xMax yMax>`.
  init(bboxXHTML text: String) {
    func attribute(_ name: String, in tag: Substring) -> Double {
      guard let range = tag.range(of: name + "=\"") else { return 0 }
      let rest = tag[range.upperBound...]
      return Double(rest.prefix { $0 != "\"" }) ?? 0
    }
    var pages: [Page] = []
    var words: [(text: String, top: Double, bottom: Double)] = []
    func closePage() {
      guard !pages.isEmpty else { return }
      var lines: [Line] = []
      for word in words {
        if let last = lines.indices.last,
          abs(lines[last].top - word.top) < 2.5 || abs(lines[last].bottom - word.bottom) < 2.5
        {
          lines[last].text += " " + word.text
          lines[last].top = min(lines[last].top, word.top)
          lines[last].bottom = max(lines[last].bottom, word.bottom)
          lines[last].size = max(lines[last].size, word.bottom - word.top)
        } else {
          lines.append(Line(text: word.text, top: word.top, bottom: word.bottom, size: word.bottom - word.top))
        }
      }
      pages[pages.count - 1].lines = lines.sorted { $0.top < $1.top }
      words = []
    }
    for line in text.split(separator: "\n") {
      let trimmed = line.drop { $0 == " " }
      if trimmed.hasPrefix("<page ") {
        closePage()
        pages.append(Page(height: attribute("height", in: trimmed), lines: []))
      } else if trimmed.hasPrefix("<word ") {
        guard let open = trimmed.firstIndex(of: ">"), let close = trimmed.range(of: "</word>") else { continue }
        let word = String(trimmed[trimmed.index(after: open)..<close.lowerBound])
          .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
          .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
        words.append((word, attribute("yMin", in: trimmed), attribute("yMax", in: trimmed)))
      }
    }
    closePage()
    self.pages = pages
  }

  /// How much of page `index`'s printable height its text uses: from the top of the first line to the bottom
  /// of the last, over the page less equal margins above and below.
  func fill(ofPage index: Int) -> Double {
    let page = pages[index]
    guard let first = page.lines.first, let last = page.lines.last else { return 0 }
    let printable = page.height - 2 * first.top
    return printable > 0 ? (last.bottom - first.top) / printable : 0
  }

  /// The pages grouped by the document each begins: a new group starts on a page whose first line contains
  /// one of `starts` (a student's identifier), in order.
  func groups(startingWith starts: [String]) -> [(start: String, pages: [Int])] {
    var groups: [(start: String, pages: [Int])] = []
    var next = 0
    for (i, page) in pages.enumerated() {
      let first = page.lines.first?.text ?? ""
      if next < starts.count, first.contains(starts[next]) {
        groups.append((starts[next], [i]))
        next += 1
      } else if !groups.isEmpty {
        groups[groups.count - 1].pages.append(i)
      } else {
        groups.append(("", [i]))
      }
    }
    return groups
  }

  /// The layout problems of a printed document made of `groups` (each student's pages, or the whole
  /// document as one group): more than `maximumPages` pages in a group, a page other than a group's last used
  /// less than half, a page beginning or ending with a heading.
  func problems(groups: [(start: String, pages: [Int])], maximumPages: Int? = nil) -> [String] {
    var problems: [String] = []
    for group in groups {
      if let maximumPages, group.pages.count > maximumPages {
        problems.append("\(group.start): \(group.pages.count) pages (at most \(maximumPages))")
      }
      for page in group.pages.dropLast() where fill(ofPage: page) < 0.5 {
        problems.append("page \(page + 1) (\(group.start)) is \(Int(fill(ofPage: page) * 100)) % used")
      }
    }
    for (i, page) in pages.enumerated() {
      if let first = page.lines.first, isHeading(first) {
        problems.append("page \(i + 1) begins with the heading \"\(first.text)\"")
      }
      if let last = page.lines.last, page.lines.count > 1, isHeading(last) {
        problems.append("page \(i + 1) ends with the heading \"\(last.text)\"")
      }
    }
    return problems
  }
}

/// The browser and the PDF tools the print tests need, when installed.
enum PrintTools {
  static let chromium = Chromium.find()
  static let pdftotext: URL? = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext", "/opt/homebrew/bin/pdftotext"]
    .map(URL.init(fileURLWithPath:)).first { FileManager.default.isExecutableFile(atPath: $0.path) }

  /// Whether Chromium can print here: both tools are installed and a trivial page prints to a PDF.
  static let available: Bool = pdftotext != nil && chromium?.canPrint() == true

  /// The widest thing on `page` laid out in a frame `width` CSS pixels wide, as a phone shows it: the page is
  /// put in an `<iframe srcdoc>` of that width (a headless window is never narrower than 500 pixels), and a
  /// script measures the right edge of every element and the document's scroll width.
  static func widestRightEdge(of html: String, width: Int, in folder: URL) throws -> (width: Int, element: String) {
    let page = """
      <!DOCTYPE html><html><body style="margin:0"><iframe id="f" style="width:\(width)px;height:900px;border:0" srcdoc="\(HTMLText.escape(html))"></iframe>
      <script>window.addEventListener('load', function () {
        var frame = document.getElementById('f'), d = frame.contentDocument, right = 0, who = '';
        d.querySelectorAll('body *').forEach(function (e) {
          var r = e.getBoundingClientRect();
          if (r.width > 0 && r.right > right) { right = r.right; who = e.tagName + ' ' + (e.textContent || '').slice(0, 60).replace(/\\s+/g, ' '); }
        });
        document.body.setAttribute('data-right', String(Math.ceil(Math.max(right, d.documentElement.scrollWidth))));
        document.body.setAttribute('data-who', who);
      });</script></body></html>
      """
    let url = folder.appendingPathComponent("phone-\(UUID().uuidString).html")
    try Data(page.utf8).write(to: url)
    let dom = try chromium!.dumpDOM(url, width: 800)
    guard let range = dom.range(of: "data-right=\""), let right = Int(dom[range.upperBound...].prefix { $0 != "\"" })
    else {
      throw PageTemplateError("the measuring script left no result")
    }
    let who = dom.range(of: "data-who=\"").map { String(dom[$0.upperBound...].prefix { $0 != "\"" }) } ?? ""
    return (right, who)
  }
}
