import Foundation

/// The grades Moodle accepts for an answer (`question_bank::fraction_options_full()`, question/engine/bank.php):
/// any other `fraction` makes the default import (match grades: error, `match_grade_options`) reject the whole
/// file.
enum MoodleGrades {
  /// The non-negative grades, in percent, as written in the file, highest first.
  static let percents: [String] = [
    "100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333", "30", "25", "20",
    "16.66667", "14.28571", "12.5", "11.11111", "10", "5", "0",
  ]

  /// Whether `text` (a percent) is one of Moodle's grades, the negatives too, as the import's
  /// `match_grade_options` (match grades: error) decides: within 0.00001 of one as a fraction.
  static func isAllowed(_ text: String) -> Bool {
    guard let percent = MoodleModel.number(text) else { return false }
    return percents.contains { p in
      let value = Double(p)! / 100
      return abs(percent / 100 - value) < 0.00001 || abs(percent / 100 + value) < 0.00001
    }
  }

  /// The highest grade at most `credit` (0…1) of the marks: the grade itself when it is one of Moodle's,
  /// else the nearest lower one. Returns the percent as written and as a fraction.
  static func atMost(_ credit: Double) -> (percent: String, fraction: Double) {
    let wanted = credit * 100
    for p in percents {
      let value = Double(p)!
      if value <= wanted + 1e-9 { return (p, value / 100) }
    }
    return ("0", 0)
  }
}
