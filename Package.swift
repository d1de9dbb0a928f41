// swift-tools-version:6.0
import PackageDescription

/// Settings shared by every target: Swift 6 language mode plus the upcoming features we opt into early.
let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "NernstQuiz",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "nernstquiz", targets: ["nernstquiz"]),
    .executable(name: "nernstquiz-bench", targets: ["nernstquiz-bench"]),
    // The two libraries other tools may build on: the physics, and the quiz model with key.jsonl's reader and
    // writer (what a gradebook script or another generator needs to speak the key's contract). Their API is
    // `public`; the other modules share what they offer with `package` access, for this package's own targets.
    .library(name: "PhysicsCore", targets: ["PhysicsCore"]),
    .library(name: "QuizModel", targets: ["QuizModel"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    // For the benchmark only: the libraries our own CSV reader and zip writer are measured against
    // (ARCHITECTURE.md, "Built here or taken from a library").
    .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
    .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
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
      name: "CZlibSystem",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev", "pkg-config"]), .yum(["zlib-devel"]), .brew(["zlib"])]
    ),

    // QTI writers (Canvas 1.2, 2.1, 3.0), packaging, validation and self-checks.
    .target(
      name: "QTIExport",
      dependencies: ["QuizModel", "CLibXML2", "CZlibSystem"],
      swiftSettings: swiftSettings
    ),

    // CSV submissions, answer parsing, scoring, and the statistics of the grading report.
    .target(name: "Grading", dependencies: ["QuizModel"], swiftSettings: swiftSettings),

    // The pages people read and print (preview.html, handouts.html, answer-keys.html, report.html), rendered
    // from Mustache templates in Pages/ that a designer can edit; text is escaped by QuizModel's HTMLText. The
    // grading report shows the statistics Grading works out (Grading does not depend on Reports).
    .target(
      name: "Reports",
      dependencies: ["QuizModel", "Grading", .product(name: "Mustache", package: "swift-mustache")],
      resources: [.copy("Pages")],
      swiftSettings: swiftSettings
    ),

    // The one entry point: parses flags, calls the libraries, prints.
    .executableTarget(
      name: "nernstquiz",
      dependencies: [
        "PhysicsCore", "QuizModel", "TemplateEngine", "QTIExport", "Grading", "Reports",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings
    ),

    // The benchmark: `swift run -c release nernstquiz-bench` prints the performance table of README.md and the
    // comparisons with libraries of ARCHITECTURE.md (which is why it alone depends on them).
    .executableTarget(
      name: "nernstquiz-bench",
      dependencies: [
        "PhysicsCore", "QuizModel", "TemplateEngine", "QTIExport", "Grading", "CLibXML2", "CZlibSystem",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "CSV", package: "CSV.swift"),
        .product(name: "SwiftCSV", package: "SwiftCSV"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      swiftSettings: swiftSettings
    ),

    // Helpers shared by the test targets (running the built binary, temporary folders, golden files).
    .target(name: "TestSupport", dependencies: ["QuizModel"], path: "Tests/TestSupport", swiftSettings: swiftSettings),

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
      dependencies: ["nernstquiz", "TestSupport", "QTIExport", "QuizModel", "TemplateEngine", "Grading", "Reports"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "ReportsTests",
      dependencies: [
        "Reports", "QuizModel", "TemplateEngine", "Grading", "TestSupport",
        // The reference renderer of the preview's differential test renders the whole page as a template.
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      swiftSettings: swiftSettings
    ),
  ]
)
