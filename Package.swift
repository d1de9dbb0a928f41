// swift-tools-version:6.0
import PackageDescription

/// Settings shared by every target: Swift 6 language mode plus the upcoming features we opt into early.
let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "NernstQuiz",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "nernstquiz", targets: ["nernstquiz"]),
    .executable(name: "nernstquiz-bench", targets: ["nernstquiz-bench"]),
    .library(name: "PhysicsCore", targets: ["PhysicsCore"]),
    .library(name: "QuizModel", targets: ["QuizModel"]),
    .library(name: "TemplateEngine", targets: ["TemplateEngine"]),
    .library(name: "QTIExport", targets: ["QTIExport"]),
    .library(name: "Grading", targets: ["Grading"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
  ],
  targets: [
    // Pure physics: constants, ions, formulas. No I/O, no dependencies.
    .target(name: "PhysicsCore", swiftSettings: swiftSettings),

    // The quiz as given out: variants, answers, tolerances, the one accepted interval, points per part, the
    // grading policy, and key.jsonl (writing and reading). What generating and grading agree on.
    .target(name: "QuizModel", swiftSettings: swiftSettings),

    // Templates/ and Banks/: YAML reading, the expression language, seeded variant drawing, preview.
    .target(
      name: "TemplateEngine",
      dependencies: ["PhysicsCore", "QuizModel", .product(name: "Yams", package: "Yams")],
      swiftSettings: swiftSettings
    ),

    // libxml2, seen by QTIExport (and by the benchmark, which measures its floor).
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev", "pkg-config"]), .yum(["libxml2-devel"]), .brew(["libxml2"])]
    ),

    // zlib (deflate for the zip writer), seen by QTIExport (and by the benchmark, which measures its floor).
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev", "pkg-config"]), .yum(["zlib-devel"]), .brew(["zlib"])]
    ),

    // QTI writers (Canvas 1.2, 2.1, 3.0), packaging, validation and self-checks.
    .target(
      name: "QTIExport",
      dependencies: ["QuizModel", "CLibXML2", "CZlib"],
      swiftSettings: swiftSettings
    ),

    // CSV submissions, answer parsing, scoring and reports.
    .target(name: "Grading", dependencies: ["QuizModel"], swiftSettings: swiftSettings),

    // The one entry point: parses flags, calls the libraries, prints.
    .executableTarget(
      name: "nernstquiz",
      dependencies: [
        "PhysicsCore", "QuizModel", "TemplateEngine", "QTIExport", "Grading",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings
    ),

    // The benchmark: `swift run -c release nernstquiz-bench` prints the performance table of README.md.
    .executableTarget(
      name: "nernstquiz-bench",
      dependencies: [
        "PhysicsCore", "QuizModel", "TemplateEngine", "QTIExport", "Grading", "CLibXML2", "CZlib",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings
    ),

    // Helpers shared by the test targets (running the built binary, temporary folders, golden files).
    .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),

    .testTarget(
      name: "PhysicsCoreTests",
      dependencies: ["PhysicsCore", .product(name: "PropertyBased", package: "swift-property-based")],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "QuizModelTests",
      dependencies: [
        "QuizModel", "TestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      resources: [.copy("Fixtures")],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "TemplateEngineTests",
      dependencies: [
        "TemplateEngine", "QuizModel", "TestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      exclude: ["Snapshots"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "QTIExportTests",
      dependencies: [
        "QTIExport", "QuizModel", "TemplateEngine", "TestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      resources: [.copy("Fixtures"), .copy("Snapshots")],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "GradingTests",
      dependencies: [
        "Grading", "QuizModel", "TemplateEngine", "QTIExport", "TestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      resources: [.copy("Fixtures")],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "CLITests",
      dependencies: ["nernstquiz", "TestSupport", "QTIExport", "QuizModel", "TemplateEngine", "Grading"],
      swiftSettings: swiftSettings
    ),
  ]
)
