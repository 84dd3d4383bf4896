// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Xinyidai",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "xyd", targets: ["xyd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.65.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
    ],
    targets: [
        // Pure domain: value types, catalog, validation, parsing, rules. No Vapor, no Fluent.
        .target(
            name: "Domain",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources")]
        ),
        // Office Open XML workbooks (.xlsx) and CSV for every exported table; a leaf, knowing nothing of the domain.
        .target(
            name: "Spreadsheet",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The transparency log's maths: Merkle trees and proofs, signed notes, cosignatures, witnesses.
        .target(
            name: "CreditLog",
            dependencies: ["Domain", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The scorecard engine: binning, WOE, logistic regression, scaling, cross-validation, stability.
        .target(
            name: "Scorecard",
            dependencies: ["Domain"]
        ),
        // The demo-city generator: a realistic Dalian as department files, for `xyd demo`, tests and benchmarks.
        .target(
            name: "DemoCity",
            dependencies: ["Domain"]
        ),
        // Fluent models (internal), portable migrations, stores returning domain values.
        .target(
            name: "Persistence",
            dependencies: [
                "Domain", "CreditLog",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ]
        ),
        // The use cases, without Vapor: they take a principal, a ServiceContext (platform with its clock, database,
        // shared runtime) and the stores. The read cache and group commit live here too.
        .target(
            name: "Services",
            dependencies: [
                "Domain", "CreditLog", "Scorecard", "Persistence", "Spreadsheet", "JointModel",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Server-rendered pages: one folder per page (Model + View) and a shared layout.
        .target(
            name: "Views",
            dependencies: ["Domain", .product(name: "Plot", package: "Plot")]
        ),
        // The only target importing Vapor: configuration, routes, controllers, commands, workers.
        .target(
            name: "App",
            dependencies: [
                "Domain", "CreditLog", "Scorecard", "DemoCity", "Persistence", "Services", "Views", "JointModel",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Public"), .copy("Resources/openapi.json")]
        ),
        // Benchmarks, the throwaway PostgreSQL cluster, child processes, the load driver. Linked by `xyd` and the
        // tests, never by App.
        .target(
            name: "DevTools",
            dependencies: [
                "App", "Domain", "CreditLog", "Scorecard", "DemoCity", "Persistence", "Services", "JointModel",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // GMP from Debian (libgmp-dev), for Paillier's big-integer arithmetic.
        .systemLibrary(name: "CGMP", path: "Sources/CGMP", providers: [.apt(["libgmp-dev"])]),
        // Joint modelling's pure core: GMP big integers, Paillier, ECDH PSI on Curve25519, vertical (hetero) logistic
        // regression as two message-passing parties. No HTTP, no database, no Domain: a leaf.
        .target(
            name: "JointModel",
            dependencies: ["CGMP", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .executableTarget(name: "xyd", dependencies: ["App", "DevTools"]),
        .target(
            name: "TestSupport",
            dependencies: ["Domain", "Persistence", "Services", "App", "DevTools", .product(name: "Fluent", package: "fluent"),
                           .product(name: "NIOFoundationCompat", package: "swift-nio")]
        ),
        .testTarget(name: "DomainTests", dependencies: ["Domain", "DemoCity"]),
        // Read back by Python's openpyxl: CI needs `pip install openpyxl` (or Debian's python3-openpyxl).
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet"]),
        .testTarget(name: "CreditLogTests", dependencies: ["CreditLog", "Domain"]),
        .testTarget(name: "ScorecardTests", dependencies: ["Scorecard", "Domain"]),
        .testTarget(name: "DemoCityTests", dependencies: ["DemoCity", "Domain"]),
        .testTarget(name: "JointModelTests", dependencies: ["JointModel"]),
        .testTarget(name: "ViewsTests", dependencies: ["Domain", "Views"], exclude: ["Golden"]),
        .testTarget(name: "DevToolsTests", dependencies: ["DevTools", "Scorecard"]),
        // Stores called directly on both databases, and the rule that every write goes through a unit of work.
        .testTarget(name: "PersistenceTests", dependencies: ["Persistence", "Domain", "CreditLog", "App", "TestSupport",
                                                            .product(name: "Fluent", package: "fluent"),
                                                            .product(name: "FluentKit", package: "fluent-kit")]),
        // Use cases called directly (no HTTP), on a clock the test sets and moves.
        .testTarget(name: "ServicesTests", dependencies: ["Services", "Persistence", "App", "TestSupport"]),
        // The whole story in a real headless Chromium, apart: it needs Debian's chromium and takes its own time.
        .testTarget(name: "BrowserTests", dependencies: ["App", "DevTools", "Domain", "Persistence", "Services", "TestSupport", "Views",
                                                        .product(name: "Vapor", package: "vapor")]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App", "CreditLog", "Scorecard", "DemoCity", "DevTools", "Persistence", "Services", "TestSupport", "JointModel",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The stricter settings of the best Swift server projects, for every target: `any` spelled out, and a member
// visible only where its module is imported. A system library (CGMP) has no Swift sources and refuses settings.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}

