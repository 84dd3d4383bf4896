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
    static let creating = Mutex<Void>(())

    /// A new empty database; `template` copies that database instead (see `MigratedTemplates`).
    public static func newDatabaseURL(template: String? = nil) throws -> String {
        let cluster = try cluster.withLock { cluster in
            if let cluster { return cluster }
            let started = try ThrowawayPostgres.start()
            cluster = started
            atexit { SharedPostgres.cluster.withLock { $0?.stop() } }
            return started
        }
        let n = counter.add(1, ordering: .relaxed).newValue
        // One copy at a time: PostgreSQL refuses to copy a template while another copy of it is being made.
        return try creating.withLock { _ in
            try cluster.createDatabase("t\(ProcessInfo.processInfo.processIdentifier)_\(n)", template: template)
        }
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
    // Swift Testing starts every test at once: without a bound, the PostgreSQL apps' pools outgrow the cluster's
    // connections ("too many clients already") on a loaded machine.
    if backend == .postgres { await PostgresAppSlots.shared.acquire() }
    defer { if backend == .postgres { Task { await PostgresAppSlots.shared.release() } } }
    var env = ["XYD_DATA_DIR": directory.path, "XYD_LOG_LEVEL": "warning", "XYD_JOBS": runsJobs ? "true" : "false", "XYD_JOB_POLL_SECONDS": "0.05"]
    // A copy of a database migrated once per test process (the migrations still run below, finding nothing to do).
    switch backend {
    case .postgres: env["DATABASE_URL"] = try SharedPostgres.newDatabaseURL(template: try await MigratedTemplates.shared.postgres())
    case .sqlite: try await MigratedTemplates.shared.copySQLite(into: directory)
    }
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

/// How many PostgreSQL test apps may be alive at once. Each holds up to six connections (a pool and a commit pool
/// per event loop); 32 of them stay well inside the throwaway cluster's 500, leaving room for the server processes
/// some tests start against it.
actor PostgresAppSlots {
    static let shared = PostgresAppSlots(limit: 32)
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { free = limit }

    func acquire() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

/// Databases migrated once per test process, copied for each test (as SwiftPackageIndex-Server's test pool
/// does): PostgreSQL's `CREATE DATABASE … TEMPLATE`, a file copy for SQLite. Migrating from empty is still
/// exercised: by making the templates, and by the migration tests.
public actor MigratedTemplates {
    public static let shared = MigratedTemplates()

    /// Folders removed when the test process exits.
    static let scratch = Mutex<[URL]>([])
    private var postgresTemplate: Task<String, any Error>?
    private var sqliteTemplate: Task<URL, any Error>?

    /// The name of the migrated PostgreSQL template database.
    public func postgres() async throws -> String {
        if postgresTemplate == nil {
            postgresTemplate = Task {
                let name = "template_\(ProcessInfo.processInfo.processIdentifier)"
                let url = try SharedPostgres.shared().createDatabase(name)
                try await Self.migrate(["DATABASE_URL": url])
                return name
            }
        }
        return try await postgresTemplate!.value
    }

    /// Copies the migrated SQLite database into a test's data directory.
    public func copySQLite(into directory: URL) async throws {
        if sqliteTemplate == nil {
            sqliteTemplate = Task {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-template-\(UUID().uuidString.prefix(8))")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try await Self.migrate(["XYD_DATA_DIR": folder.path])
                Self.scratch.withLock { $0.append(folder) }
                atexit { MigratedTemplates.scratch.withLock { $0.forEach { try? FileManager.default.removeItem(at: $0) } } }
                return folder.appendingPathComponent("xyd.sqlite")
            }
        }
        let file = try await sqliteTemplate!.value
        try FileManager.default.copyItem(at: file, to: directory.appendingPathComponent("xyd.sqlite"))
    }

    static func migrate(_ settings: [String: String]) async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-migrate-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        var env = ["XYD_DATA_DIR": scratch.path, "XYD_LOG_LEVEL": "warning", "XYD_JOBS": "false"]
        env.merge(settings) { $1 }
        let app = try await Application.make(.testing)
        do {
            try await configure(app, config: try AppConfig.load(env), runJobs: false)
            try await app.autoMigrate()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        if settings["XYD_DATA_DIR"] != scratch.path { try? FileManager.default.removeItem(at: scratch) }
    }
}
