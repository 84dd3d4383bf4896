import Domain
import FluentKit
import Foundation
import SQLKit

/// The 申报清单 / 推荐清单 entries and their pushes to institutions. Every change is a unit of work that
/// writes the row with a compare-and-set on its status and appends the step's transparency-log entry.
public struct RecommendationStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    struct Row: Decodable { let detail: String }

    /// What the entry list is filtered by.
    public struct Filter: Sendable, Equatable {
        public var statuses: [RecommendationStatus]
        public var uscc: String?
        /// Part of the firm's name or code.
        public var text: String?
        /// Only the referrals of this department (by name).
        public var referrer: String?
        public init(statuses: [RecommendationStatus] = [], uscc: String? = nil, text: String? = nil, referrer: String? = nil) {
            self.statuses = statuses; self.uscc = uscc; self.text = text; self.referrer = referrer
        }
    }

    // MARK: Entries

    /// Adds an entry; a firm with a live entry gets a conflict naming it.
    public func declare(_ entry: RecommendationEntry, actor: String) async throws -> RecommendationEntry {
        do {
            return try await database.write { unit in
                let sql = try unit.sql()
                if let live = try await Self.liveEntry(sql, uscc: entry.uscc) { throw Self.alreadyListed(live) }
                let now = epochMillis(entry.declaredAt)
                let id = try await sql.insertReturningID("""
                    INSERT INTO recommendation_entries (uscc, status, source, referrer, detail, created_at, updated_at)
                    VALUES (\(bind: entry.uscc), \(bind: entry.status.rawValue), \(bind: entry.source.rawValue),
                      \(bind: entry.referrer), '{}',
                      \(bind: now), \(bind: now))
                    RETURNING id
                    """, what: "推荐清单条目编号")
                var stored = entry
                stored.id = id
                try await sql.raw("UPDATE recommendation_entries SET detail = \(bind: try DetailCoding.encode(stored)) WHERE id = \(bind: id)").run()
                unit.log(try LogEvents.recommendation(stored, step: "declared", actor: actor, at: entry.declaredAt))
                return stored
            }
        } catch let error as DomainError {
            throw error
        } catch {
            // Two declarations of one firm at once on PostgreSQL: the partial unique index refuses the second
            // (whose transaction could not see the first): the entry that stands is the answer.
            if let live = try await Self.liveEntry(database.sql(), uscc: entry.uscc) {
                throw Self.alreadyListed(live)
            }
            throw error
        }
    }

    /// Adds many entries in one unit of work (a district's visit list, a department's referral file): firms with a
    /// live entry, or named twice, are refused with the reason; the rest are stored. Accepted + refused = submitted.
    public func declare(all entries: [RecommendationEntry], actor: String,
                        at time: Date) async throws -> (stored: [RecommendationEntry], refused: [(uscc: String, reason: String)]) {
        try await database.write { unit in
            let sql = try unit.sql()
            struct U: Decodable { let uscc: String }
            var live = Set<String>()
            for start in stride(from: 0, to: entries.count, by: 2_000) {
                let part = entries[start..<min(start + 2_000, entries.count)].map(\.uscc)
                live.formUnion(try await sql.raw("""
                    SELECT uscc FROM recommendation_entries WHERE uscc IN (\(binds: part))
                      AND status IN ('declared', 'screened', 'publicity', 'listed', 'pushed')
                    """).all(decoding: U.self).map(\.uscc))
            }
            var accepted: [RecommendationEntry] = []
            var refused: [(uscc: String, reason: String)] = []
            for entry in entries {
                if live.contains(entry.uscc) {
                    refused.append((entry.uscc, "该企业已在申报清单中，无需重复申报"))
                } else {
                    live.insert(entry.uscc)
                    accepted.append(entry)
                }
            }
            let ids = try await unit.reserveIDs("recommendation_entries", count: accepted.count)
            let now = epochMillis(time)
            var stored: [RecommendationEntry] = []
            for (entry, id) in zip(accepted, ids) {
                var e = entry
                e.id = id
                stored.append(e)
            }
            for start in stride(from: 0, to: stored.count, by: 200) {
                let part = stored[start..<min(start + 200, stored.count)]
                var rows: [SQLQueryString] = []
                for e in part {
                    rows.append("""
                        (\(bind: e.id), \(bind: e.uscc), \(bind: e.status.rawValue), \(bind: e.source.rawValue), \(bind: e.referrer),
                         \(bind: try DetailCoding.encode(e)), \(bind: now), \(bind: now))
                        """)
                }
                var values: SQLQueryString = rows[0]
                for row in rows.dropFirst() { values = values + ", " + row }
                try await sql.raw("""
                    INSERT INTO recommendation_entries (id, uscc, status, source, referrer, detail, created_at, updated_at) VALUES
                    """ + " " + values).run()
                for e in part { unit.log(try LogEvents.recommendation(e, step: "declared", actor: actor, at: time)) }
            }
            return (stored, refused)
        }
    }

    static func alreadyListed(_ entry: RecommendationEntry) -> DomainError {
        .conflict("该企业已在申报清单中（条目 #\(entry.id)，\(entry.status.label)），无需重复申报")
    }

    static func liveEntry(_ sql: any SQLDatabase, uscc: String) async throws -> RecommendationEntry? {
        try await sql.raw("""
            SELECT detail FROM recommendation_entries WHERE uscc = \(bind: uscc)
              AND status IN ('declared', 'screened', 'publicity', 'listed', 'pushed')
            """).first(decoding: Row.self).map { try DetailCoding.decode(RecommendationEntry.self, $0.detail) }
    }

    public func entry(id: Int64) async throws -> RecommendationEntry? {
        try await database.sql().raw("SELECT detail FROM recommendation_entries WHERE id = \(bind: id)")
            .first(decoding: Row.self).map { try DetailCoding.decode(RecommendationEntry.self, $0.detail) }
    }

    /// A page of entries, newest first.
    public func entries(_ filter: Filter, paging: Paging) async throws -> ResultPage<RecommendationEntry> {
        var condition: SQLQueryString = "1 = 1"
        if !filter.statuses.isEmpty { condition = condition + " AND status IN (\(binds: filter.statuses.map(\.rawValue)))" }
        if let uscc = filter.uscc { condition = condition + " AND uscc = \(bind: uscc)" }
        if let referrer = filter.referrer { condition = condition + " AND source = 'referral' AND referrer = \(bind: referrer)" }
        if let text = filter.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let like = "%" + text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            condition = condition + " AND (uscc LIKE \(bind: like) OR detail LIKE \(bind: like))"
        }
        struct Count: Decodable { let n: Int }
        let sql = try database.sql()
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM recommendation_entries WHERE " + condition)
            .first(decoding: Count.self)?.n ?? 0
        let rows = try await sql.raw("SELECT detail FROM recommendation_entries WHERE " + condition
                                     + " ORDER BY id DESC LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)")
            .all(decoding: Row.self)
        return ResultPage(items: try rows.map { try DetailCoding.decode(RecommendationEntry.self, $0.detail) },
                          paging: paging, total: total)
    }

    /// Entries of these statuses, oldest first (the screening's and the list's work queues).
    public func entries(statuses: [RecommendationStatus], usccs: [String]? = nil, limit: Int = 100_000) async throws -> [RecommendationEntry] {
        var condition: SQLQueryString = "status IN (\(binds: statuses.map(\.rawValue)))"
        if let usccs {
            guard !usccs.isEmpty else { return [] }
            condition = condition + " AND uscc IN (\(binds: usccs))"
        }
        return try await database.sql().raw("SELECT detail FROM recommendation_entries WHERE " + condition
                                            + " ORDER BY id LIMIT \(bind: limit)")
            .all(decoding: Row.self).map { try DetailCoding.decode(RecommendationEntry.self, $0.detail) }
    }

    /// How many entries are in each status.
    public func counts() async throws -> [RecommendationStatus: Int] {
        struct C: Decodable { let status: String; let n: Int }
        let rows = try await database.sql().raw("SELECT status, COUNT(*) AS n FROM recommendation_entries GROUP BY status")
            .all(decoding: C.self)
        var out: [RecommendationStatus: Int] = [:]
        for row in rows { if let s = RecommendationStatus(rawValue: row.status) { out[s] = row.n } }
        return out
    }

    /// Saves changed entries (each compared against the status it was read in) with their log entries, in one
    /// unit of work. Entries changed meanwhile by someone else are skipped and returned in `conflicts`.
    public static func save(entries changes: [(entry: RecommendationEntry, expecting: RecommendationStatus, step: String)],
                            actor: String, at time: Date, in unit: UnitOfWork) async throws -> [Int64] {
        let sql = try unit.sql()
        let now = epochMillis(time)
        var saved = Set<Int64>()
        // One statement per 200 entries (a screening saves thousands): the compare-and-set of each row is in the join.
        for start in stride(from: 0, to: changes.count, by: 200) {
            let part = changes[start..<min(start + 200, changes.count)]
            var values: SQLQueryString = ""
            for (n, change) in part.enumerated() {
                let row: SQLQueryString = """
                    (\(bind: change.entry.id), \(bind: change.expecting.rawValue), \(bind: change.entry.status.rawValue),
                     \(bind: try DetailCoding.encode(change.entry)))
                    """
                values = n == 0 ? row : values + ", " + row
            }
            struct I: Decodable { let id: Int64 }
            let rows = try await sql.raw("WITH v (id, expecting, status, detail) AS (VALUES " + values + """
                ) UPDATE recommendation_entries SET status = v.status, detail = v.detail, updated_at = \(bind: now)
                FROM v WHERE recommendation_entries.id = v.id AND recommendation_entries.status = v.expecting
                RETURNING recommendation_entries.id
                """).all(decoding: I.self)
            saved.formUnion(rows.map(\.id))
        }
        var conflicts: [Int64] = []
        for change in changes {
            guard saved.contains(change.entry.id) else { conflicts.append(change.entry.id); continue }
            unit.log(try LogEvents.recommendation(change.entry, step: change.step, actor: actor, at: time))
        }
        return conflicts
    }

    /// Saves one changed entry in its own unit of work; a change made meanwhile is a conflict.
    public func save(_ entry: RecommendationEntry, expecting: RecommendationStatus, step: String, actor: String,
                     at time: Date) async throws {
        let conflicts = try await database.write { unit in
            try await Self.save(entries: [(entry, expecting, step)], actor: actor, at: time, in: unit)
        }
        guard conflicts.isEmpty else { throw DomainError.conflict("该条目刚被他人处理，请刷新后重试") }
    }

    // MARK: Pushes

    /// Records pushes and marks their entries pushed, in one unit of work. An entry already pushed to an
    /// institution is not pushed to it again (the pair is unique): those pairs are returned as skipped.
    public func push(_ pushes: [RecommendationPush], entries: [RecommendationEntry], actor: String,
                     at time: Date) async throws -> (pushed: [RecommendationPush], skipped: Int) {
        try await database.write { unit in
            let sql = try unit.sql()
            struct Pair: Decodable { let entry_id: Int64; let institution_id: Int64 }
            let entryIDs = Array(Set(pushes.map(\.entryID)))
            let existing = entryIDs.isEmpty ? [] : try await sql.raw("""
                SELECT entry_id, institution_id FROM recommendation_pushes WHERE entry_id IN (\(binds: entryIDs))
                """).all(decoding: Pair.self)
            let taken = Set(existing.map { "\($0.entry_id):\($0.institution_id)" })
            let fresh = pushes.filter { !taken.contains("\($0.entryID):\($0.institutionID)") }
            let ids = try await unit.reserveIDs("recommendation_pushes", count: fresh.count)
            var stored: [RecommendationPush] = []
            let now = epochMillis(time)
            for (push, id) in zip(fresh, ids) {
                var p = push
                p.id = id
                try await sql.raw("""
                    INSERT INTO recommendation_pushes (id, entry_id, uscc, institution_id, status, due_on, escalates_on, detail,
                      created_at, updated_at)
                    VALUES (\(bind: id), \(bind: p.entryID), \(bind: p.uscc), \(bind: p.institutionID), \(bind: p.status.rawValue),
                      \(bind: p.dueOn.description), \(bind: p.escalatesOn.description), \(bind: try DetailCoding.encode(p)),
                      \(bind: now), \(bind: now))
                    """).run()
                unit.log(try LogEvents.recommendationPush(p, actor: actor, at: time))
                stored.append(p)
            }
            let pushedEntries = Set(stored.map(\.entryID))
            let changes = entries.filter { pushedEntries.contains($0.id) }.compactMap { entry -> (RecommendationEntry, RecommendationStatus, String)? in
                var next = entry
                guard (try? next.markPushed()) != nil, next.status != entry.status else { return nil }
                return (next, entry.status, "pushed")
            }
            let conflicts = try await Self.save(entries: changes, actor: actor, at: time, in: unit)
            guard conflicts.isEmpty else {
                throw DomainError.conflict("条目 \(conflicts.map { "#\($0)" }.joined(separator: "、")) 刚被他人处理，请刷新后重试")
            }
            return (stored, pushes.count - fresh.count)
        }
    }

    public func pushRecord(id: Int64) async throws -> RecommendationPush? {
        try await database.sql().raw("SELECT detail FROM recommendation_pushes WHERE id = \(bind: id)")
            .first(decoding: Row.self).map { try DetailCoding.decode(RecommendationPush.self, $0.detail) }
    }

    /// Pushes of one entry.
    public func pushes(entryID: Int64) async throws -> [RecommendationPush] {
        try await database.sql().raw("SELECT detail FROM recommendation_pushes WHERE entry_id = \(bind: entryID) ORDER BY id")
            .all(decoding: Row.self).map { try DetailCoding.decode(RecommendationPush.self, $0.detail) }
    }

    /// A page of pushes, newest first: one institution's, or all (the operator). `overdueOn` keeps only undecided
    /// pushes past their due day on that day (amber and red).
    public func pushes(institutionID: Int64?, statuses: [PushStatus] = [], overdueOn: Day? = nil,
                       paging: Paging) async throws -> ResultPage<RecommendationPush> {
        var condition: SQLQueryString = "1 = 1"
        if let institutionID { condition = condition + " AND institution_id = \(bind: institutionID)" }
        if !statuses.isEmpty { condition = condition + " AND status IN (\(binds: statuses.map(\.rawValue)))" }
        if let overdueOn {
            condition = condition + " AND status IN ('awaiting', 'contacted') AND due_on < \(bind: overdueOn.description)"
        }
        struct Count: Decodable { let n: Int }
        let sql = try database.sql()
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM recommendation_pushes WHERE " + condition)
            .first(decoding: Count.self)?.n ?? 0
        let rows = try await sql.raw("SELECT detail FROM recommendation_pushes WHERE " + condition
                                     + " ORDER BY id DESC LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)")
            .all(decoding: Row.self)
        return ResultPage(items: try rows.map { try DetailCoding.decode(RecommendationPush.self, $0.detail) },
                          paging: paging, total: total)
    }

    /// Undecided pushes by light on `today`: (green, amber, red), for one institution or all.
    public func lights(institutionID: Int64?, on today: Day) async throws -> (green: Int, amber: Int, red: Int, decided: Int) {
        struct C: Decodable { let green: Int?; let amber: Int?; let red: Int?; let decided: Int? }
        var condition: SQLQueryString = "status <> 'withdrawn'"
        if let institutionID { condition = condition + " AND institution_id = \(bind: institutionID)" }
        let day = today.description
        let row = try await database.sql().raw("""
            SELECT
              SUM(CASE WHEN status IN ('awaiting', 'contacted') AND due_on >= \(bind: day) THEN 1 ELSE 0 END) AS green,
              SUM(CASE WHEN status IN ('awaiting', 'contacted') AND due_on < \(bind: day) AND escalates_on > \(bind: day) THEN 1 ELSE 0 END) AS amber,
              SUM(CASE WHEN status IN ('awaiting', 'contacted') AND escalates_on <= \(bind: day) THEN 1 ELSE 0 END) AS red,
              SUM(CASE WHEN status IN ('granted', 'disbursed', 'declined') THEN 1 ELSE 0 END) AS decided
            FROM recommendation_pushes
            """ + " WHERE " + condition).first(decoding: C.self)
        return (row?.green ?? 0, row?.amber ?? 0, row?.red ?? 0, row?.decided ?? 0)
    }

    /// Saves changed pushes (compare-and-set on the status read) with their log entries, in `unit`.
    public static func save(pushes: [(push: RecommendationPush, expecting: PushStatus)], actor: String, at time: Date,
                            in unit: UnitOfWork) async throws -> [Int64] {
        let sql = try unit.sql()
        var conflicts: [Int64] = []
        for change in pushes {
            let row = try await sql.raw("""
                UPDATE recommendation_pushes SET status = \(bind: change.push.status.rawValue),
                  detail = \(bind: try DetailCoding.encode(change.push)), updated_at = \(bind: epochMillis(time))
                WHERE id = \(bind: change.push.id) AND status = \(bind: change.expecting.rawValue)
                RETURNING id
                """).first()
            guard row != nil else { conflicts.append(change.push.id); continue }
            unit.log(try LogEvents.recommendationPush(change.push, actor: actor, at: time))
        }
        return conflicts
    }

    /// The undecided pushes whose escalation day is `today` or earlier (the red ones), oldest first.
    public func red(on today: Day) async throws -> [RecommendationPush] {
        try await database.sql().raw("""
            SELECT detail FROM recommendation_pushes WHERE status IN ('awaiting', 'contacted')
              AND escalates_on <= \(bind: today.description) ORDER BY id
            """).all(decoding: Row.self).map { try DetailCoding.decode(RecommendationPush.self, $0.detail) }
    }

    /// Saves pushes that have just been escalated to the operator (compare-and-set on the status read), each with
    /// its log entry; a push answered meanwhile is skipped. Returns how many were saved.
    public func escalate(_ pushes: [(push: RecommendationPush, expecting: PushStatus)], at time: Date) async throws -> Int {
        guard !pushes.isEmpty else { return 0 }
        return try await database.write { unit in
            let sql = try unit.sql()
            var saved = 0
            for change in pushes {
                guard try await sql.raw("""
                    UPDATE recommendation_pushes SET detail = \(bind: try DetailCoding.encode(change.push)),
                      updated_at = \(bind: epochMillis(time))
                    WHERE id = \(bind: change.push.id) AND status = \(bind: change.expecting.rawValue)
                    RETURNING id
                    """).first() != nil else { continue }
                unit.log(try LogEvents.recommendationPushEscalated(change.push, at: time))
                saved += 1
            }
            return saved
        }
    }

    /// Saves one institution report on a push; a report made meanwhile is a conflict.
    public func save(_ push: RecommendationPush, expecting: PushStatus, actor: String, at time: Date) async throws {
        let conflicts = try await database.write { unit in try await Self.save(pushes: [(push, expecting)], actor: actor, at: time, in: unit) }
        guard conflicts.isEmpty else { throw DomainError.conflict("该推送刚有新的反馈，请刷新后重试") }
    }
}
