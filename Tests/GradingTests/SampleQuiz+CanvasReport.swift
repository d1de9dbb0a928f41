import QTIExport
import QuizModel
import TestSupport

extension SampleQuiz.Grading {
  /// A Canvas Student Analysis report of the sample quiz, built from the sample quiz's own Canvas package the way
  /// canvas-lms builds the report (``CanvasStudentAnalysis``), with a question the instructor added in Canvas
  /// (id 199, not in the key) and three attempts:
  /// - Jane (2001) draws the first variant of every group and answers all right, and answers the added question;
  /// - John Smith (2002) makes the typical mistakes on the second Nernst variant and the driving force, and leaves
  ///   his current question empty;
  /// - Ann Lee (2003) answers the second Nernst variant, the driving force and the first current question right.
  static func canvasReport() throws -> String {
    let package = try makePackage(quiz, format: .canvas, baseName: "sample", workers: 1)
    let deliveries = package.report.deliveries
    var questions = deliveries.enumerated().map { n, d in
      CanvasStudentAnalysis.Question(id: 101 + n, html: d.questionText!, points: d.points.value)
    }
    questions.append(.init(id: 199, html: "<div><p>Name the ion that sets the resting potential</p></div>", points: 1))
    let ids = Dictionary(uniqueKeysWithValues: deliveries.enumerated().map { ("\($1.variant)#\($1.part)", 101 + $0) })
    func q(_ variant: String, _ part: String) -> Int { ids[variant + "#" + part]! }
    let efflux = "efflux (out of the cell)"
    let influx = "influx (into the cell)"
    let attempts = [
      CanvasStudentAnalysis.Attempt(
        name: "Doe, Jane", id: "2001", sisID: "S01", section: "Sec 1",
        answers: [
          q("nernst-potential-01", "E"): ("-95.0", 2), q("driving-force-01", "driving_force"): ("25.02", 1),
          q("driving-force-01", "direction"): (efflux, 1), q("ohmic-current-01", "I"): ("0.3", 1),
          199: ("potassium", 0),
        ]),
      CanvasStudentAnalysis.Attempt(
        name: "Smith John", id: "2002", sisID: "S02", section: "Sec 2",
        answers: [
          q("nernst-potential-02", "E"): ("264.6", 0), q("driving-force-01", "driving_force"): ("-25", 0),
          q("driving-force-01", "direction"): (influx, 0), q("ohmic-current-02", "I"): ("", 0),
        ]),
      CanvasStudentAnalysis.Attempt(
        name: "Lee, Ann", id: "2003", sisID: "S03", section: "Sec 1",
        answers: [
          q("nernst-potential-02", "E"): ("132.3", 2), q("driving-force-01", "driving_force"): ("25", 1),
          q("driving-force-01", "direction"): (efflux, 1), q("ohmic-current-01", "I"): ("0.3 pA", 1),
        ]),
    ]
    return CanvasStudentAnalysis(questions: questions).csv(attempts)
  }
}
