import App
import DevTools
import Domain
import Fluent
import Foundation
import Persistence
import SQLKit
import Testing
import TestSupport
import VaporTesting

@Suite struct JobQueueTests {
    @Test(arguments: Backend.allCases)
    func claimCompleteRetryAndReclaimAfterACrash(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let a = JobQueue(database: app.db, worker: "a")
            let b = JobQueue(database: app.db, worker: "b")
            let t0 = Date()
            try await a.enqueue(kind: "k", payload: "1", runAt: t0)
            try await a.enqueue(kind: "k", payload: "2", runAt: t0)
            try await a.enqueue(kind: "daily", payload: "x", runAt: t0, uniqueKey: "daily:2026-11-22")
            try await a.enqueue(kind: "daily", payload: "x", runAt: t0, uniqueKey: "daily:2026-11-22")
            try await a.enqueue(kind: "later", payload: "x", runAt: t0.addingTimeInterval(3600))
            let first = try #require(try await b.claim(now: t0))
            let second = try #require(try await a.claim(now: t0))
            #expect(first.payload == "1")
            #expect(second.payload == "2")
            try await a.complete(second)
            #expect(try await a.claim(now: t0)?.kind == "daily")
            #expect(try await a.claim(now: t0) == nil, "the unique daily job is queued once; the later one is not due")
            // Worker b dies holding job 1: once its lease (60 s) has expired the job is claimed again.
            #expect(try await a.claim(now: t0.addingTimeInterval(30)) == nil)
            let reclaimed = try #require(try await a.claim(now: t0.addingTimeInterval(61)))
            #expect(reclaimed.id == first.id)
            #expect(reclaimed.attempts == 2)
            try await a.fail(reclaimed, error: "boom")
            #expect(try await a.counts()["queued"] == 2)
        }
    }

    /// Jobs queued by a batch are run by the worker: record counts appear on the registry.
    @Test func batchQueuesARefreshThatTheWorkerRuns() async throws {
        try await withTestApp(.sqlite, runsJobs: true) { app in
            let f = try await Fixtures.seed(app)
            try await upload(app, "market.registration", SampleFiles.registrations, token: f.marketToken)
            try await upload(app, "admin.penalty", SampleFiles.penaltiesWithErrors, token: f.marketToken)
            var count = 0
            for _ in 0..<100 {
                count = try await app.registry.enterprise(SampleFiles.firmA)?.recordCount ?? 0
                if count == 2 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(count == 2)
        }
    }

    /// Two `xyd serve` processes on one PostgreSQL share the job table: every job runs exactly once, both
    /// processes take part, and a job left running by a crashed worker is picked up again.
    @Test func twoServerProcessesShareTheJobTable() async throws {
        let binary = try Self.xydBinary()
        let cluster = try SharedPostgres.shared()
        let url = try cluster.createDatabase("two_processes")
        let config = try AppConfig.load(["DATABASE_URL": url, "XYD_JOBS": "false"])
        let app = try await Application.make(.testing)
        do {
            try await configure(app, config: config)
            try await app.autoMigrate()
            let queue = JobQueue(database: app.db, worker: "test")
            for _ in 0..<40 { try await queue.enqueue(kind: "test.sleep", payload: "25") }
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("""
                INSERT INTO jobs (kind, payload, status, run_at, attempts, max_attempts, locked_by, locked_until, created_at)
                VALUES ('test.sleep', '1', 'running', 0, 1, 5, 'crashed-worker', 1, 0)
                """).run()
            let servers = try [1, 2].map { _ in try Self.startServer(binary, databaseURL: url) }
            defer { for server in servers { server.terminate() } }
            var remaining = -1
            for _ in 0..<600 {
                remaining = try await sql.raw("SELECT COUNT(*) AS n FROM jobs WHERE kind = 'test.sleep' AND status <> 'done'")
                    .first()?.decode(column: "n", as: Int.self) ?? -1
                if remaining == 0 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(remaining == 0)
            struct Run: Decodable { let job_id: Int64; let worker: String }
            let runs = try await sql.raw("""
                SELECT r.job_id, r.worker FROM job_runs r JOIN jobs j ON j.id = r.job_id WHERE j.kind = 'test.sleep'
                """).all(decoding: Run.self)
            #expect(runs.count == 41, "each job ran exactly once")
            #expect(Set(runs.map(\.job_id)).count == 41)
            #expect(Set(runs.map(\.worker)).count == 2, "both processes took jobs")
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    static func xydBinary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["XYD_BINARY"] { return URL(fileURLWithPath: path) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let binary = root.appendingPathComponent(".build/debug/xyd")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw DomainError.notFound("xyd 可执行文件 \(binary.path)（请先运行 swift build --build-tests）")
        }
        return binary
    }

    static func startServer(_ binary: URL, databaseURL: String) throws -> Subprocess {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-proc-\(UUID().uuidString.prefix(8))")
        let environment = ProcessInfo.processInfo.environment.merging([
            "DATABASE_URL": databaseURL, "XYD_PORT": String(try ThrowawayPostgres.freePort()),
            "XYD_JOB_POLL_SECONDS": "0.05", "XYD_DATA_DIR": directory.path, "XYD_LOG_LEVEL": "warning",
        ]) { $1 }
        return try Subprocess.spawn(binary.path, ["serve"], environment: environment)
    }
}
