import App
import DevTools
import Domain
import Fluent
import Foundation
import Persistence
import Synchronization
import Vapor

/// The databases every storage test runs on.
public enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres
    public var description: String { rawValue }
}

/// One throwaway PostgreSQL cluster per test process, started on first use and removed at exit; each test
/// gets a database of its own in it.
public enum SharedPostgres {
    static let cluster = Mutex<ThrowawayPostgres?>(nil)
    static let counter = Atomic<Int>(0)

    public static func newDatabaseURL() throws -> String {
        let cluster = try cluster.withLock { cluster in
            if let cluster { return cluster }
            let started = try ThrowawayPostgres.start()
            cluster = started
            atexit { SharedPostgres.cluster.withLock { $0?.stop() } }
            return started
        }
        let n = counter.add(1, ordering: .relaxed).newValue
        return try cluster.createDatabase("t\(ProcessInfo.processInfo.processIdentifier)_\(n)")
    }

    /// The cluster itself, for tests that start server processes against it.
    public static func shared() throws -> ThrowawayPostgres {
        _ = try newDatabaseURL()
        guard let cluster = cluster.withLock({ $0 }) else { throw ThrowawayPostgres.Failure.notInstalled }
        return cluster
    }
}

/// A fresh, migrated application on the chosen backend, shut down and removed afterwards.
/// `environment` adds or overrides settings (e.g. a shared `XYD_LOG_KEY_FILE`).
public func withTestApp(_ backend: Backend, runsJobs: Bool = false, environment: [String: String] = [:],
                        _ body: (Application) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-test-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var env = ["XYD_DATA_DIR": directory.path, "XYD_LOG_LEVEL": "warning", "XYD_JOBS": runsJobs ? "true" : "false", "XYD_JOB_POLL_SECONDS": "0.05"]
    if backend == .postgres { env["DATABASE_URL"] = try SharedPostgres.newDatabaseURL() }
    env.merge(environment) { $1 }
    let config = try AppConfig.load(env)
    let app = try await Application.make(.testing)
    do {
        try await configure(app, config: config, runJobs: runsJobs)
        try await app.autoMigrate()
        if runsJobs { try await app.asyncBoot() }
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}
