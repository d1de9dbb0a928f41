public import QuizModel

extension SampleQuiz {
  /// A class of four whose answers make the grading report's statistics easy to work out by hand: three
  /// one-part items (a and b worth 1 point, c worth 2), each answered right (`1`) or wrong (`9`).
  ///
  /// | student | a (1 pt) | b (1 pt) | c (2 pt) | total | percent |
  /// |---------|----------|----------|----------|-------|---------|
  /// | s1      | 1        | 1        | 2        | 4     | 100     |
  /// | s2      | 1        | 0        | 2        | 3     | 75      |
  /// | s3      | 0        | 1        | 0        | 1     | 25      |
  /// | s4      | 0        | 0        | 0        | 0     | 0       |
  ///
  /// Worked out:
  /// - Mean total 8/4 = 2 (50 % of 4); sample variances: a and b 1/3, c 4/3, totals 10/3, so the standard
  ///   deviation is √(10/3) ≈ 1.826 and Cronbach's α = 3/2 · (1 − (1/3 + 1/3 + 4/3) / (10/3)) = 3/2 · 0.4 = 0.6.
  /// - Facility (mean score ÷ points): a 2/4, b 2/4, c (2 + 2)/4 ÷ 2: 0.5 each.
  /// - Discrimination (the item against the rest of the total): a (1, 1, 0, 0) with (3, 2, 1, 0) is
  ///   2/√5 ≈ 0.894; b (1, 0, 1, 0) with (3, 3, 0, 0) is 0; c (2, 2, 0, 0) with (2, 1, 1, 0) is 2/√8 ≈ 0.707.
  /// - Bins of ten percent: 100 → the last, 75 → 70–80, 25 → 20–30, 0 → 0–10: [1, 0, 1, 0, 0, 0, 0, 1, 0, 1].
  /// - Each variant: 4 students, half the points; a-01 2 correct and 2 incorrect answers.
  public enum KnownClass {
    /// A one-part item `id` whose one variant `id-01` has the key 1 mV.
    public static func item(_ id: String, points: Points) -> QuizItem {
      let answer = Answer(
        id: "x", prompt: "", kind: .numeric(NumericAnswer(value: 1, unit: "mV", tolerance: Tolerance(absolute: 0.1))))
      return QuizItem(
        template: id, title: "Item \(id)", points: points,
        variants: [
          Variant(id: id + "-01", template: id, seed: 1, parameters: [], stem: "Item \(id)?", answers: [answer])
        ])
    }

    public static let quiz = Quiz(
      title: "Known", seed: 1, items: [item("a", points: 1), item("b", points: 1), item("c", points: 2)])

    /// The answers, wide: one column per variant.
    public static let answers = "student,a-01,b-01,c-01\ns1,1,1,1\ns2,1,9,1\ns3,9,1,9\ns4,9,9,9\n"
  }
}
