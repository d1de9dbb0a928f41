import Foundation

/// The grades Moodle accepts for an answer (`question_bank::fraction_options_full()`): any other `fraction`
/// makes the default import (match grades: error) reject the whole file.
enum MoodleGrades {
  /// The non-negative grades, in percent, as written in the file, highest first.
  static let percents: [String] = [
    "100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333", "30", "25", "20",
    "16.66667", "14.28571", "12.5", "11.11111", "10", "5", "0",
  ]

  /// Whether `text` is one of Moodle's grades (the negatives too).
  static func isAllowed(_ text: String) -> Bool {
    percents.contains(text) || (text.hasPrefix("-") && text != "-0" && percents.contains(String(text.dropFirst())))
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
