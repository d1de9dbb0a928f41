/// A package format the exporter writes.
///
/// ```swift
/// let formats = QTIFormat.allCases                 // [.canvas, .qti21, .qti30, .moodle]
/// QTIFormat(rawValue: "qti21")?.fileSuffix         // "qti21"
/// QTIFormat.moodle.packageName(baseName: "default") // "default-moodle.xml"
/// ```
package enum QTIFormat: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  /// Canvas classic quizzes: QTI 1.2 in Canvas's own shapes (`questestinterop`, question groups).
  case canvas
  /// IMS QTI 2.1 content package: one `assessmentItem` per variant and an `assessmentTest`.
  case qti21
  /// IMS QTI 3.0 content package, the same content in QTI 3.0 vocabulary.
  case qti30
  /// Moodle XML (`qformat_xml`): one file of categories and questions, not a zip.
  case moodle

  /// What the package file name ends with: `<baseName>-<suffix>.zip`.
  package var fileSuffix: String { rawValue }

  /// A name for people: "Canvas (QTI 1.2)", "QTI 2.1", "QTI 3.0".
  package var displayName: String {
    switch self {
    case .canvas: "Canvas (QTI 1.2)"
    case .qti21: "QTI 2.1"
    case .qti30: "QTI 3.0"
    case .moodle: "Moodle XML"
    }
  }

  /// The package's file name: `<baseName>-<suffix>.zip`, or `<baseName>-moodle.xml` for Moodle (one XML file).
  package func packageName(baseName: String) -> String {
    "\(baseName)-\(fileSuffix).\(self == .moodle ? "xml" : "zip")"
  }

  /// The display name.
  package var description: String { displayName }
}
