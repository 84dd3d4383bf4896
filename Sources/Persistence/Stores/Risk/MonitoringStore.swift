import Domain
import FluentKit
import Foundation
import SQLKit

/// Post-loan monitoring's storage: the snapshot each firm was last seen in, the signals found, the alerts to
/// institutions with their answers, and each institution's webhook. A scan writes a chunk of firms in one unit
/// of work (the helpers taking `in unit`); an institution's answer is a unit of its own with a compare-and-set
/// on the alert's status. Every alert opened or raised and every answer appends its transparency-log entry.
public struct MonitoringStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    struct Row: Decodable { let detail: String }
    static let openStatuses = ["open", "acknowledged", "confirmed"]

    // MARK: Scan (inside the scan's unit of work)

    /// The stored snapshots of these firms as stored: their day, canonical JSON and inputs key, not decoded (the
    /// daily scan compares a fresh snapshot's encoding with it and decodes only the firms that changed — decoding
    /// every snapshot was most of a quiet day's scan).
    public static func storedSnapshots(usccs: [String], in unit: UnitOfWork) async throws
        -> [String: (day: String, text: String, inputs: String)] {
        struct R: Decodable { let uscc: String; let day: String; let snapshot: String; let inputs: String }
        var out: [String: (day: String, text: String, inputs: String)] = [:]
        for part in usccs.chunked(by: MonitoringReads.chunk) where !part.isEmpty {
            for r in try await unit.sql().raw("""
                SELECT uscc, day, snapshot, inputs FROM monitoring_snapshots WHERE uscc IN (\(binds: Array(part)))
                """).all(decoding: R.self) {
                out[r.uscc] = (r.day, r.snapshot, r.inputs)
            }
        }
        return out
    }

    /// Every stored snapshot's inputs key (`MonitoringSnapshotBuilder.inputsKey`), by firm.
    public func storedInputs() async throws -> [String: String] {
        struct R: Decodable { let uscc: String; let inputs: String }
        let rows = try await database.sql().raw("SELECT uscc, inputs FROM monitoring_snapshots").all(decoding: R.self)
        return Dictionary(rows.map { ($0.uscc, $0.inputs) }, uniquingKeysWith: { a, _ in a })
    }

    /// Replaces the inputs key of snapshots whose content did not change.
    public static func rekey(_ inputs: [(uscc: String, key: String)], in unit: UnitOfWork) async throws {
        let sql = try unit.sql()
        for change in inputs {
            try await sql.raw("UPDATE monitoring_snapshots SET inputs = \(bind: change.key) WHERE uscc = \(bind: change.uscc)").run()
        }
    }

    /// When the last finished scan of `kind` (`daily`) started, by the platform clock and by the wall clock.
    public func lastScanStart(kind: String) async throws -> (clock: Date, wall: Date)? {
        struct R: Decodable { let started_at: Int64; let wall_started_at: Int64 }
        let row = try await database.sql().raw("""
            SELECT started_at, wall_started_at FROM monitoring_scans WHERE kind = \(bind: kind) ORDER BY id DESC LIMIT 1
            """).first(decoding: R.self)
        return row.map { (Date(timeIntervalSince1970: Double($0.started_at) / 1000), Date(timeIntervalSince1970: Double($0.wall_started_at) / 1000)) }
    }

    /// Records a finished scan with its summary (JSON).
    public static func recordScan(kind: String, day: Day, started: (clock: Date, wall: Date), finished: Date, summary: String,
                                  in unit: UnitOfWork) async throws {
        try await unit.sql().raw("""
            INSERT INTO monitoring_scans (kind, day, started_at, wall_started_at, finished_at, summary)
            VALUES (\(bind: kind), \(bind: day.description), \(bind: epochMillis(started.clock)), \(bind: epochMillis(started.wall)),
              \(bind: epochMillis(finished)), \(bind: summary))
            """).run()
    }

    /// A snapshot's canonical JSON, as `save(snapshots:)` stores it.
    public static func encoded(_ snapshot: MonitoringSnapshot) throws -> String { try DetailCoding.encode(snapshot) }

    public static func decoded(_ text: String) throws -> MonitoringSnapshot { try DetailCoding.decode(MonitoringSnapshot.self, text) }

    /// The stored snapshots of these firms.
    public static func snapshots(usccs: [String], in unit: UnitOfWork) async throws -> [String: MonitoringSnapshot] {
        struct R: Decodable { let uscc: String; let snapshot: String }
        var out: [String: MonitoringSnapshot] = [:]
        for part in usccs.chunked(by: MonitoringReads.chunk) where !part.isEmpty {
            for r in try await unit.sql().raw("""
                SELECT uscc, snapshot FROM monitoring_snapshots WHERE uscc IN (\(binds: Array(part)))
                """).all(decoding: R.self) {
                out[r.uscc] = try DetailCoding.decode(MonitoringSnapshot.self, r.snapshot)
            }
        }
        return out
    }

    /// The signals of these firms detected on `since` or later.
    public static func signals(usccs: [String], since: Day, in unit: UnitOfWork) async throws -> [String: [MonitoringSignal]] {
        struct R: Decodable { let uscc: String; let detail: String }
        var out: [String: [MonitoringSignal]] = [:]
        for part in usccs.chunked(by: MonitoringReads.chunk) where !part.isEmpty {
            for r in try await unit.sql().raw("""
                SELECT uscc, detail FROM monitoring_signals WHERE uscc IN (\(binds: Array(part))) AND day >= \(bind: since.description)
                ORDER BY id
                """).all(decoding: R.self) {
                out[r.uscc, default: []].append(try DetailCoding.decode(MonitoringSignal.self, r.detail))
            }
        }
        return out
    }

    /// The open alerts of these firms.
    public static func openAlerts(usccs: [String], in unit: UnitOfWork) async throws -> [RiskAlert] {
        var out: [RiskAlert] = []
        for part in usccs.chunked(by: MonitoringReads.chunk) where !part.isEmpty {
            out += try await unit.sql().raw("""
                SELECT detail FROM risk_alerts WHERE uscc IN (\(binds: Array(part))) AND status IN (\(binds: openStatuses))
                """).all(decoding: Row.self).map { try DetailCoding.decode(RiskAlert.self, $0.detail) }
        }
        return out
    }

    /// Stores these snapshots as the firms' latest (inserted or replaced), each with its inputs key.
    public static func save(snapshots: [MonitoringSnapshot], inputs: [String: String], at time: Date, in unit: UnitOfWork) async throws {
        let sql = try unit.sql()
        let now = epochMillis(time)
        for part in snapshots.chunked(by: 200) where !part.isEmpty {
            var values: SQLQueryString = ""
            for (n, s) in part.enumerated() {
                let row: SQLQueryString = """
                    (\(bind: s.uscc), \(bind: s.day.description), \(bind: try DetailCoding.encode(s)), \(bind: inputs[s.uscc] ?? ""), \(bind: now))
                    """
                values = n == 0 ? row : values + ", " + row
            }
            try await sql.raw("INSERT INTO monitoring_snapshots (uscc, day, snapshot, inputs, updated_at) VALUES " + values + """
                 ON CONFLICT (uscc) DO UPDATE SET day = excluded.day, snapshot = excluded.snapshot, inputs = excluded.inputs,
                  updated_at = excluded.updated_at
                """).run()
        }
    }

    /// Appends signals found for firms.
    public static func add(signals: [(uscc: String, signal: MonitoringSignal)], at time: Date, in unit: UnitOfWork) async throws {
        let sql = try unit.sql()
        let now = epochMillis(time)
        for part in signals.chunked(by: 200) where !part.isEmpty {
            var values: SQLQueryString = ""
            for (n, s) in part.enumerated() {
                let row: SQLQueryString = """
                    (\(bind: s.uscc), \(bind: s.signal.detectedOn.description), \(bind: s.signal.code.rawValue), \(bind: s.signal.text),
                     \(bind: try DetailCoding.encode(s.signal)), \(bind: now))
                    """
                values = n == 0 ? row : values + ", " + row
            }
            try await sql.raw("INSERT INTO monitoring_signals (uscc, day, code, text, detail, created_at) VALUES " + values).run()
        }
    }

    /// Opens new alerts (ids assigned here) with their log entries, and queues a webhook delivery for each whose
    /// institution registered one. Returns them as stored.
    public static func open(alerts: [RiskAlert], at time: Date, in unit: UnitOfWork) async throws -> [RiskAlert] {
        guard !alerts.isEmpty else { return [] }
        let sql = try unit.sql()
        let ids = try await unit.reserveIDs("risk_alerts", count: alerts.count)
        let now = epochMillis(time)
        struct W: Decodable { let institution_id: Int64 }
        let hooked = Set(try await sql.raw("SELECT institution_id FROM risk_webhooks").all(decoding: W.self).map(\.institution_id))
        var stored: [RiskAlert] = []
        for (alert, id) in zip(alerts, ids) {
            var a = alert
            a.id = id
            try await sql.raw("""
                INSERT INTO risk_alerts (id, uscc, institution_id, status, level, score, opened_on, district, detail, created_at, updated_at)
                VALUES (\(bind: id), \(bind: a.uscc), \(bind: a.institutionID), \(bind: a.status.rawValue), \(bind: a.level.rawValue),
                  \(bind: a.score), \(bind: a.openedOn.description), \(bind: a.district), \(bind: try DetailCoding.encode(a)),
                  \(bind: now), \(bind: now))
                """).run()
            unit.log(try LogEvents.riskAlert(a, step: "opened", at: time))
            if hooked.contains(a.institutionID) {
                try await JobQueue.enqueue(on: sql, kind: JobKind.riskWebhook, payload: String(id), uniqueKey: "\(JobKind.riskWebhook):\(id)",
                                           maxAttempts: 6)
            }
            stored.append(a)
        }
        return stored
    }

    /// Saves alerts changed by a scan (compare-and-set on the status read) with their log entries; alerts
    /// answered meanwhile keep the answer and are returned as conflicts (the next scan raises them again). A raised
    /// alert is posted again to the institution's webhook (one delivery job per raise).
    public static func raise(alerts: [(alert: RiskAlert, expecting: AlertResponse.Status)], at time: Date,
                             in unit: UnitOfWork) async throws -> [Int64] {
        var conflicts: [Int64] = []
        let sql = try unit.sql()
        struct W: Decodable { let institution_id: Int64 }
        let hooked = alerts.isEmpty ? [] : Set(try await sql.raw("SELECT institution_id FROM risk_webhooks").all(decoding: W.self).map(\.institution_id))
        for change in alerts {
            if try await update(change.alert, expecting: change.expecting, at: time, in: unit) {
                unit.log(try LogEvents.riskAlert(change.alert, step: "updated", at: time))
                if hooked.contains(change.alert.institutionID) {
                    let id = change.alert.id
                    try await JobQueue.enqueue(on: sql, kind: JobKind.riskWebhook, payload: String(id),
                                               uniqueKey: "\(JobKind.riskWebhook):\(id):\(epochMillis(time))", maxAttempts: 6)
                }
            } else {
                conflicts.append(change.alert.id)
            }
        }
        return conflicts
    }

    /// Saves alerts that have just been escalated to the credit center (compare-and-set on the status read), each
    /// with its log entry; an alert answered meanwhile is skipped (an answer stops the clock). Returns those saved.
    public static func escalate(alerts: [(alert: RiskAlert, expecting: AlertResponse.Status)], at time: Date,
                                in unit: UnitOfWork) async throws -> Int {
        var saved = 0
        for change in alerts where try await update(change.alert, expecting: change.expecting, at: time, in: unit) {
            unit.log(try LogEvents.riskAlert(change.alert, step: RiskAlert.Step.escalatedKind, at: time))
            saved += 1
        }
        return saved
    }

    static func update(_ alert: RiskAlert, expecting: AlertResponse.Status, at time: Date, in unit: UnitOfWork) async throws -> Bool {
        try await unit.sql().raw("""
            UPDATE risk_alerts SET status = \(bind: alert.status.rawValue), level = \(bind: alert.level.rawValue),
              score = \(bind: alert.score), detail = \(bind: try DetailCoding.encode(alert)), updated_at = \(bind: epochMillis(time))
            WHERE id = \(bind: alert.id) AND status = \(bind: expecting.rawValue)
            RETURNING id
            """).first() != nil
    }

    /// The firms with a stored snapshot.
    public func watchedFirms() async throws -> [String] {
        struct R: Decodable { let uscc: String }
        return try await database.sql().raw("SELECT uscc FROM monitoring_snapshots").all(decoding: R.self).map(\.uscc)
    }

    /// Drops the snapshots of firms no longer monitored (their next scan is a baseline again).
    public static func forget(usccs: [String], in unit: UnitOfWork) async throws {
        for part in usccs.chunked(by: MonitoringReads.chunk) where !part.isEmpty {
            try await unit.sql().raw("DELETE FROM monitoring_snapshots WHERE uscc IN (\(binds: Array(part)))").run()
        }
    }

    // MARK: Institutions' answers

    /// Saves an institution's answer; an answer recorded meanwhile is a conflict.
    public func respond(_ alert: RiskAlert, expecting: AlertResponse.Status, action: AlertResponse.Action, actor: String,
                        at time: Date) async throws {
        let saved = try await database.write { unit in
            guard try await Self.update(alert, expecting: expecting, at: time, in: unit) else { return false }
            unit.log(try LogEvents.riskAlertResponse(alert, action: action, actor: actor, at: time))
            return true
        }
        guard saved else { throw DomainError.conflict("该预警刚有新的反馈，请刷新后重试") }
    }

    // MARK: Reads

    public func alert(id: Int64) async throws -> RiskAlert? {
        try await database.sql().raw("SELECT detail FROM risk_alerts WHERE id = \(bind: id)")
            .first(decoding: Row.self).map { try DetailCoding.decode(RiskAlert.self, $0.detail) }
    }

    /// What the alert list is filtered by.
    public struct Filter: Sendable, Equatable {
        /// One institution's alerts; nil for all (the credit center).
        public var institutionID: Int64?
        public var levels: [WarningLevel]
        public var statuses: [AlertResponse.Status]
        public var uscc: String?
        public init(institutionID: Int64? = nil, levels: [WarningLevel] = [], statuses: [AlertResponse.Status] = [], uscc: String? = nil) {
            self.institutionID = institutionID; self.levels = levels; self.statuses = statuses; self.uscc = uscc
        }

        var condition: SQLQueryString {
            var c: SQLQueryString = "1 = 1"
            if let institutionID { c = c + " AND institution_id = \(bind: institutionID)" }
            if !levels.isEmpty { c = c + " AND level IN (\(binds: levels.map(\.rawValue)))" }
            if !statuses.isEmpty { c = c + " AND status IN (\(binds: statuses.map(\.rawValue)))" }
            if let uscc { c = c + " AND uscc = \(bind: uscc)" }
            return c
        }
    }

    /// A page of alerts, newest first.
    public func alerts(_ filter: Filter, paging: Paging) async throws -> ResultPage<RiskAlert> {
        struct Count: Decodable { let n: Int }
        let sql = try database.sql()
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM risk_alerts WHERE " + filter.condition).first(decoding: Count.self)?.n ?? 0
        let rows = try await sql.raw("SELECT detail FROM risk_alerts WHERE " + filter.condition
                                     + " ORDER BY id DESC LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)")
            .all(decoding: Row.self)
        return ResultPage(items: try rows.map { try DetailCoding.decode(RiskAlert.self, $0.detail) }, paging: paging, total: total)
    }

    /// Every open alert (of one institution, or all), oldest first: the escalation lights are computed from them.
    public func openAlerts(institutionID: Int64? = nil) async throws -> [RiskAlert] {
        let filter = Filter(institutionID: institutionID, statuses: Self.openStatuses.compactMap { AlertResponse.Status(rawValue: $0) })
        return try await database.sql().raw("SELECT detail FROM risk_alerts WHERE " + filter.condition + " ORDER BY id")
            .all(decoding: Row.self).map { try DetailCoding.decode(RiskAlert.self, $0.detail) }
    }

    /// Alerts opened per day from `since` on (days without any are absent).
    public func openedPerDay(since: Day) async throws -> [Day: Int] {
        struct R: Decodable { let opened_on: String; let n: Int }
        let rows = try await database.sql().raw("""
            SELECT opened_on, COUNT(*) AS n FROM risk_alerts WHERE opened_on >= \(bind: since.description) GROUP BY opened_on
            """).all(decoding: R.self)
        var out: [Day: Int] = [:]
        for r in rows { if let day = Day(iso: r.opened_on) { out[day] = r.n } }
        return out
    }

    /// How many firms have a stored snapshot (are watched), and how many signals were found since `since`.
    public func counts(since: Day) async throws -> (watched: Int, signals: Int) {
        struct Count: Decodable { let n: Int }
        let sql = try database.sql()
        let watched = try await sql.raw("SELECT COUNT(*) AS n FROM monitoring_snapshots").first(decoding: Count.self)?.n ?? 0
        let signals = try await sql.raw("SELECT COUNT(*) AS n FROM monitoring_signals WHERE day >= \(bind: since.description)")
            .first(decoding: Count.self)?.n ?? 0
        return (watched, signals)
    }

    // MARK: Webhooks

    /// An institution's webhook: where new alerts are posted and the secret their signature is made with.
    public struct Webhook: Sendable, Equatable {
        public var institutionID: Int64
        public var url: String
        public var secret: String
        public var updatedBy: String
        public var updatedAt: Date
        public init(institutionID: Int64, url: String, secret: String, updatedBy: String, updatedAt: Date) {
            self.institutionID = institutionID; self.url = url; self.secret = secret; self.updatedBy = updatedBy
            self.updatedAt = updatedAt
        }
    }

    public func webhook(institutionID: Int64) async throws -> Webhook? {
        struct R: Decodable { let institution_id: Int64; let url: String; let secret: String; let updated_by: String; let updated_at: Int64 }
        return try await database.sql().raw("""
            SELECT institution_id, url, secret, updated_by, updated_at FROM risk_webhooks WHERE institution_id = \(bind: institutionID)
            """).first(decoding: R.self).map {
                Webhook(institutionID: $0.institution_id, url: $0.url, secret: $0.secret, updatedBy: $0.updated_by,
                        updatedAt: Date(timeIntervalSince1970: Double($0.updated_at) / 1000))
            }
    }

    /// Registers or replaces an institution's webhook.
    public func setWebhook(_ hook: Webhook) async throws {
        try await database.write { unit in
            try await unit.sql().raw("""
                INSERT INTO risk_webhooks (institution_id, url, secret, updated_by, updated_at)
                VALUES (\(bind: hook.institutionID), \(bind: hook.url), \(bind: hook.secret), \(bind: hook.updatedBy),
                  \(bind: epochMillis(hook.updatedAt)))
                ON CONFLICT (institution_id) DO UPDATE SET url = excluded.url, secret = excluded.secret,
                  updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """).run()
        }
    }

    /// Removes an institution's webhook (deliveries already queued find none and stop).
    public func removeWebhook(institutionID: Int64) async throws {
        try await database.write { unit in
            try await unit.sql().raw("DELETE FROM risk_webhooks WHERE institution_id = \(bind: institutionID)").run()
        }
    }
}
