/// Hand-built quizzes shared by the test targets, each named for what it is built to exercise.
public enum SampleQuiz {}
