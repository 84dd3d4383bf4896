import Fluent
import Domain
import Persistence
import Services
import Vapor

/// Runs background jobs from the shared job table while the server runs.
struct JobWorker: LifecycleHandler {
    let pollInterval: Double
    let task = TaskBox()

    final class TaskBox: @unchecked Sendable {
        // Set once at start and read once at shutdown, both on the application's boot thread.
        var task: Task<Void, Never>?
    }

    func didBootAsync(_ app: Application) async throws {
        let worker = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        let queue = JobQueue(database: app.db, worker: worker)
        let interval = pollInterval
        task.task = Task {
            app.logger.info("job worker started", metadata: ["worker": "\(worker)"])
            var lastScheduled = Date.distantPast
            var logScheduler = LogScheduler(checkpointInterval: app.config.logCheckpointInterval)
            while !Task.isCancelled {
                do {
                    if Date().timeIntervalSince(lastScheduled) > 60 {
                        try await JobScheduler.scheduleDaily(queue)
                        try await queue.schedule(kind: JobKind.statsRefresh, uniqueKey: JobKind.statsRefresh, runAt: Date())
                        lastScheduled = Date()
                    }
                    try await logScheduler.tick(queue, store: app.logStore)
                    if let job = try await queue.claim() {
                        await JobRunner.run(job, queue: queue, app: app)
                        continue
                    }
                } catch {
                    app.logger.warning("job worker: \(error)")
                }
                try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task.task?.cancel()
        await task.task?.value
    }
}

/// What each kind of job does.
enum JobRunner {
    static func run(_ job: Job, queue: JobQueue, app: Application) async {
        let metrics = app.platform.metrics
        do {
            switch job.kind {
            case JobKind.refreshAfterBatch:
                let batchID = Int64(job.payload)
                try await app.registry.refreshRecordCounts(batchID: batchID)
                if let batchID {
                    let firms = try await app.recordStore.firms(touchedBy: batchID)
                    try await Evaluations.refresh(app.services, firms: firms)
                    try await Commitments.revalidate(app.services, firms: firms)
                    // Listed firms that now fail the screening leave the 推荐清单; their institutions are told.
                    _ = try await RecommendationScreening.rescreen(app.services, firms: firms)
                    // Court listings whose creditor is a bank, above the amount: proposed as 严重失信债务人.
                    _ = try await SeriousDebtors.derive(app.services, firms: firms)
                    // Post-loan monitoring of the monitored firms among them: signals, scores, alerts to their lenders.
                    _ = try await MonitoringScan.scan(app.services, firms: firms)
                }
            case JobKind.dailyRecount:
                try await app.registry.refreshRecordCounts(batchID: nil)
            case JobKind.dailyExpireDemands:
                try await app.demandStore.expireOverdue()
            case JobKind.dailyReclassify:
                try await MarketActions.reclassifyLoans(app.services, asOf: Day(iso: job.payload) ?? .today())
            case JobKind.dailyEscalateObjections:
                try await Remedies.escalateOverdue(app.services, on: Day(iso: job.payload) ?? .today())
            case JobKind.dailyRecommendations:
                _ = try await RecommendationScreening.screenDeclared(app.services, nil)
                try await Recommendations.closePublicity(app.services)
                try await RecommendationPushes.escalateOverdue(app.services)
                try await RedLists.sweep(app.services)
                try await DefaultReports.settleDue(app.services)
            case JobKind.dailyMonitoring:
                _ = try await MonitoringScan.scanAll(app.services)
                try await RiskAlerts.escalateOverdue(app.services)
            case JobKind.dailyFunds:
                _ = try await FundRegistrations.sweep(app.services)
                try await FundBooks.checkStopLines(app.services)
                // Coupons past their expiry day: readers already treat them as expired; this records it.
                try await CouponProgrammes.recordExpired(app.services)
            case JobKind.statsRefresh:
                _ = try await StatRefresh(database: app.db, platform: app.platform).refresh()
            case JobKind.riskWebhook:
                try await RiskWebhookDelivery.deliver(app, alertID: Int64(job.payload) ?? 0)
            case JobKind.logSequence:
                // Short transactions through the write gate: a busy server's commits wait for them.
                let sequencer = LogSequencer(database: app.db, batchSize: 250)
                while try await app.runtime.writeGate.run({ try await sequencer.sequenceBatch() }) == sequencer.batchSize {}
            case JobKind.logCheckpoint:
                try await app.signLogCheckpoint()
            case "test.sleep":
                // Used by the multi-process test: holds the job briefly so that claims overlap.
                try await Task.sleep(for: .milliseconds(Int(job.payload) ?? 10))
            default:
                throw DomainError.invalidInput(field: "kind", reason: "未知的任务类型 \(job.kind)")
            }
            try await queue.complete(job)
            metrics.increment("xyd_jobs_total", labels: [("kind", job.kind), ("outcome", "done")])
        } catch {
            app.logger.error("job failed", metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "error": "\(error)"])
            try? await queue.fail(job, error: "\(error)")
            metrics.increment("xyd_jobs_total", labels: [("kind", job.kind), ("outcome", "failed")])
        }
    }
}

/// Daily jobs are queued once per day, whichever process gets there first (a unique key per day).
enum JobScheduler {
    static func scheduleDaily(_ queue: JobQueue) async throws {
        let day = Day.today()
        try await queue.enqueue(kind: JobKind.dailyRecount, payload: day.description,
                                runAt: day.adding(days: 1).date.addingTimeInterval(2 * 3600),
                                uniqueKey: "\(JobKind.dailyRecount):\(day)")
        // Reclassification runs as soon as a worker sees the new day.
        try await queue.enqueue(kind: JobKind.dailyReclassify, payload: day.description, runAt: Date(),
                                uniqueKey: "\(JobKind.dailyReclassify):\(day)")
        try await queue.enqueue(kind: JobKind.dailyExpireDemands, payload: day.description, runAt: Date(),
                                uniqueKey: "\(JobKind.dailyExpireDemands):\(day)")
        try await queue.enqueue(kind: JobKind.dailyEscalateObjections, payload: day.description, runAt: Date(),
                                uniqueKey: "\(JobKind.dailyEscalateObjections):\(day)")
        try await queue.enqueue(kind: JobKind.dailyRecommendations, payload: day.description, runAt: Date(),
                                uniqueKey: "\(JobKind.dailyRecommendations):\(day)")
        // The full monitoring scan after the day's reclassification (a lender's overdue days feed the snapshot).
        try await queue.enqueue(kind: JobKind.dailyMonitoring, payload: day.description, runAt: Date(),
                                uniqueKey: "\(JobKind.dailyMonitoring):\(day)")
        try await queue.enqueue(kind: JobKind.dailyFunds, payload: day.description, runAt: Date(),
                                uniqueKey: "\(JobKind.dailyFunds):\(day)")
    }
}

/// The transparency log's recurring jobs: sequencing every second while entries wait, a signed checkpoint
/// at the interval when the tree has grown. An idle log only reads (on SQLite every write contends for the
/// one write lock with the requests).
struct LogScheduler {
    let checkpointInterval: Double
    var lastSequence = Date.distantPast
    var lastCheckpoint = Date.distantPast

    mutating func tick(_ queue: JobQueue, store: LogStore, now: Date = Date()) async throws {
        if now.timeIntervalSince(lastSequence) >= 1 {
            lastSequence = now
            if try await store.hasPending() {
                try await queue.schedule(kind: JobKind.logSequence, uniqueKey: JobKind.logSequence, runAt: now)
            }
        }
        if now.timeIntervalSince(lastCheckpoint) >= checkpointInterval {
            lastCheckpoint = now
            let size = try await store.size()
            let signed = try await store.latestCheckpoint()?.size
            let pending = try await store.hasPending()
            if signed != size || pending {
                try await queue.schedule(kind: JobKind.logCheckpoint, uniqueKey: JobKind.logCheckpoint, runAt: now)
            }
        }
    }
}
