import FluentKit
import Foundation
import SQLKit

/// Kinds of background work.
public enum JobKind {
    /// After a batch: refresh the record counts of the firms it touched (later also re-evaluate them).
    public static let refreshAfterBatch = "batch.refresh"
    /// Once a day: recount every firm's records and re-link records that arrived before their registration.
    public static let dailyRecount = "daily.recount"
    /// Once a day: recompute every open loan's overdue days and five-tier classification.
    public static let dailyReclassify = "daily.reclassify"
    /// Once a day: close open financing demands nobody took within their urgency.
    public static let dailyExpireDemands = "daily.expire-demands"
    /// Once a day: escalate objections the source department did not answer by their deadline.
    public static let dailyEscalateObjections = "daily.escalate-objections"
    /// Once a day: list the 推荐清单 entries whose publicity ended without an open objection, screen entries
    /// still waiting for it, put into effect (or expire) 守信激励名单 entries, and settle overdue reports whose
    /// cure period ended (cured, or recorded as a credit record).
    public static let dailyRecommendations = "daily.recommendations"
    /// Once a day: the full post-loan monitoring scan of every firm with a live loan or a valid authorisation.
    public static let dailyMonitoring = "daily.monitoring"
    /// Once a day (after reclassification): register any disbursed loan not yet checked under each fund, then check
    /// every institution's stop lines.
    public static let dailyFunds = "daily.funds"
    /// Every minute: bring the statistics up to date (re-count the entities changed since the last refresh; on the
    /// first refresh of a day, every open loan and every firm as well).
    public static let statsRefresh = "stats.refresh"
    /// A new alert posted to the institution's webhook (payload: the alert id), retried with back-off.
    public static let riskWebhook = "risk.webhook"
    /// Every second: move queued transparency-log entries into the tree.
    public static let logSequence = "log.sequence"
    /// At the checkpoint interval: sequence, then sign a checkpoint of the tree.
    public static let logCheckpoint = "log.checkpoint"
}

/// A claimed job.
public struct Job: Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var payload: String
    public var attempts: Int
}

/// The job table shared by every `xyd serve` process. On PostgreSQL a job is claimed with
/// `FOR UPDATE SKIP LOCKED`, so several processes never run one job twice; a claim is a lease, and a job
/// whose worker died (lease expired without completion) is claimed again. On SQLite one process runs jobs.
public struct JobQueue: Sendable {
    let database: any Database
    public let worker: String
    public var lease: TimeInterval = 60

    public init(database: any Database, worker: String) {
        self.database = database
        self.worker = worker
    }

    /// Adds a job; a `uniqueKey` makes the call idempotent (a daily job is queued once per day).
    public static func enqueue(on sql: any SQLDatabase, kind: String, payload: String, runAt: Date = Date(),
                               uniqueKey: String? = nil, maxAttempts: Int = 5) async throws {
        let now = epochMillis()
        try await sql.raw("""
            INSERT INTO jobs (kind, payload, status, run_at, attempts, max_attempts, unique_key, created_at)
            VALUES (\(bind: kind), \(bind: payload), 'queued', \(bind: epochMillis(runAt)), 0, \(bind: maxAttempts),
              \(bind: uniqueKey), \(bind: now))
            ON CONFLICT (unique_key) DO NOTHING
            """).run()
    }

    /// Queues a recurring job kept in one row: the row is created once and put back in the queue (at
    /// `runAt`) each time after it finished, so a periodic job never piles up rows or runs twice at once.
    public func schedule(kind: String, uniqueKey: String, runAt: Date = Date()) async throws {
        try await database.sql().raw("""
            INSERT INTO jobs (kind, payload, status, run_at, attempts, max_attempts, unique_key, created_at)
            VALUES (\(bind: kind), '', 'queued', \(bind: epochMillis(runAt)), 0, 3, \(bind: uniqueKey), \(bind: epochMillis()))
            ON CONFLICT (unique_key) DO UPDATE SET status = 'queued', run_at = excluded.run_at, attempts = 0,
              last_error = NULL, locked_by = NULL, locked_until = NULL
            WHERE jobs.status IN ('done', 'failed')
            """).run()
    }

    public func enqueue(kind: String, payload: String, runAt: Date = Date(), uniqueKey: String? = nil) async throws {
        try await Self.enqueue(on: database.sql(), kind: kind, payload: payload, runAt: runAt, uniqueKey: uniqueKey)
    }

    /// Claims the oldest runnable job: queued and due, or running with an expired lease.
    public func claim(now: Date = Date()) async throws -> Job? {
        let sql = try database.sql()
        let nowMs = epochMillis(now)
        let until = epochMillis(now.addingTimeInterval(lease))
        let lock = DatabaseKind(sql) == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        let row = try await sql.raw("""
            UPDATE jobs SET status = 'running', locked_by = \(bind: worker), locked_until = \(bind: until),
              attempts = attempts + 1
            WHERE id = (
              SELECT id FROM jobs
              WHERE (status = 'queued' AND run_at <= \(bind: nowMs))
                 OR (status = 'running' AND locked_until < \(bind: nowMs))
              ORDER BY id LIMIT 1 \(unsafeRaw: lock))
            RETURNING id, kind, payload, attempts
            """).first()
        guard let row else { return nil }
        let job = Job(id: try row.decode(column: "id", as: Int64.self),
                      kind: try row.decode(column: "kind", as: String.self),
                      payload: try row.decode(column: "payload", as: String.self),
                      attempts: try row.decode(column: "attempts", as: Int.self))
        try await sql.raw("""
            INSERT INTO job_runs (job_id, worker, started_at, outcome)
            VALUES (\(bind: job.id), \(bind: worker), \(bind: nowMs), 'started')
            """).run()
        return job
    }

    /// Marks a claimed job done, if this worker still holds it.
    public func complete(_ job: Job) async throws {
        try await database.sql().raw("""
            UPDATE jobs SET status = 'done', finished_at = \(bind: epochMillis()), locked_until = NULL
            WHERE id = \(bind: job.id) AND locked_by = \(bind: worker)
            """).run()
    }

    /// Records a failure: the job is retried later, or marked failed after its last attempt.
    public func fail(_ job: Job, error: String) async throws {
        let retryAt = epochMillis(Date().addingTimeInterval(Double(min(300, 5 << min(job.attempts, 6)))))
        try await database.sql().raw("""
            UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
              run_at = \(bind: retryAt), last_error = \(bind: error), locked_until = NULL
            WHERE id = \(bind: job.id) AND locked_by = \(bind: worker)
            """).run()
    }

    /// Counts of jobs by status, for `/metrics` and the console.
    public func counts() async throws -> [String: Int] {
        struct Row: Decodable { let status: String; let n: Int }
        let rows = try await database.sql().raw("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status")
            .all(decoding: Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.status, $0.n) })
    }
}
