import Foundation

extension CanvasWriter {
  /// The IMS CP manifest Canvas's QTI import reads: one `imsqti_xmlv1p2` resource for the assessment.
  func manifest() -> Data {
    let w = XMLWriter()
    w.element(
      "manifest",
      [
        ("xmlns", "http://www.imsglobal.org/xsd/imscp_v1p1"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ("xsi:schemaLocation", "http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd"),
        ("identifier", "MANIFEST-\(assessmentIdent)"),
      ]
    ) {
      w.element("metadata") {
        w.element("schema", text: "IMS Content")
        w.element("schemaversion", text: "1.1.3")
      }
      w.element("organizations")
      w.element("resources") {
        w.element("resource", [("identifier", assessmentIdent), ("type", "imsqti_xmlv1p2"), ("href", assessmentPath)]) {
          w.element("file", [("href", assessmentPath)])
        }
      }
    }
    return w.finish()
  }
}
