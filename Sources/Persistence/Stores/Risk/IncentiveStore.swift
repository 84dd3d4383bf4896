import Domain
import FluentKit
import Foundation
import SQLKit

/// The 守信激励名单 entries and firms' publication consents. Each change is a unit of work with its log entry.
public struct IncentiveStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    struct Row: Decodable { let detail: String }

    static let live = ["proposed", "inPublicity", "objecting", "valid"]

    /// Stores proposed entries in one unit of work; firms with a live entry are skipped (returned by code).
    public func propose(_ entries: [RedListEntry], actor: String, at time: Date) async throws -> (stored: [RedListEntry], skipped: [String]) {
        try await database.write { unit in
            let sql = try unit.sql()
            struct U: Decodable { let uscc: String }
            var taken = Set<String>()
            for start in stride(from: 0, to: entries.count, by: 2_000) {
                let part = entries[start..<min(start + 2_000, entries.count)].map(\.uscc)
                taken.formUnion(try await sql.raw("""
                    SELECT uscc FROM red_list_entries WHERE uscc IN (\(binds: part)) AND status IN (\(binds: Self.live))
                    """).all(decoding: U.self).map(\.uscc))
            }
            let fresh = entries.filter { !taken.contains($0.uscc) }
            let ids = try await unit.reserveIDs("red_list_entries", count: fresh.count)
            let now = epochMillis(time)
            var stored: [RedListEntry] = []
            for (entry, id) in zip(fresh, ids) {
                var e = entry
                e.id = id
                try await sql.raw("""
                    INSERT INTO red_list_entries (id, uscc, status, valid_until, detail, created_at, updated_at)
                    VALUES (\(bind: id), \(bind: e.uscc), \(bind: e.status.rawValue), \(bind: e.validUntil?.description ?? ""),
                      \(bind: try DetailCoding.encode(e)), \(bind: now), \(bind: now))
                    """).run()
                unit.log(try LogEvents.redList(e, step: "proposed", actor: actor, at: time))
                stored.append(e)
            }
            return (stored, entries.map(\.uscc).filter { taken.contains($0) })
        }
    }

    public func entry(id: Int64) async throws -> RedListEntry? {
        try await database.sql().raw("SELECT detail FROM red_list_entries WHERE id = \(bind: id)")
            .first(decoding: Row.self).map { try DetailCoding.decode(RedListEntry.self, $0.detail) }
    }

    /// A page of entries of these statuses (all when empty), newest first.
    public func entries(statuses: [RedListStatus], paging: Paging) async throws -> ResultPage<RedListEntry> {
        let condition: SQLQueryString = statuses.isEmpty ? "1 = 1" : "status IN (\(binds: statuses.map(\.rawValue)))"
        struct Count: Decodable { let n: Int }
        let sql = try database.sql()
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM red_list_entries WHERE " + condition).first(decoding: Count.self)?.n ?? 0
        let rows = try await sql.raw("SELECT detail FROM red_list_entries WHERE " + condition
                                     + " ORDER BY id DESC LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)").all(decoding: Row.self)
        return ResultPage(items: try rows.map { try DetailCoding.decode(RedListEntry.self, $0.detail) }, paging: paging, total: total)
    }

    /// Every entry of these statuses, oldest first (the daily sweep's work).
    public func all(statuses: [RedListStatus]) async throws -> [RedListEntry] {
        try await database.sql().raw("""
            SELECT detail FROM red_list_entries WHERE status IN (\(binds: statuses.map(\.rawValue))) ORDER BY id
            """).all(decoding: Row.self).map { try DetailCoding.decode(RedListEntry.self, $0.detail) }
    }

    /// The firm's live entry, if any.
    public func liveEntry(uscc: String) async throws -> RedListEntry? {
        try await database.sql().raw("""
            SELECT detail FROM red_list_entries WHERE uscc = \(bind: uscc) AND status IN (\(binds: Self.live)) ORDER BY id DESC
            """).first(decoding: Row.self).map { try DetailCoding.decode(RedListEntry.self, $0.detail) }
    }

    /// Saves changed entries (compare-and-set on the status read) with their log entries, in one unit of work;
    /// returns the ids changed meanwhile by someone else.
    @discardableResult
    public func save(_ changes: [(entry: RedListEntry, expecting: RedListStatus, step: String)], actor: String,
                     at time: Date) async throws -> [Int64] {
        try await database.write { unit in
            let sql = try unit.sql()
            var conflicts: [Int64] = []
            for change in changes {
                let row = try await sql.raw("""
                    UPDATE red_list_entries SET status = \(bind: change.entry.status.rawValue),
                      valid_until = \(bind: change.entry.validUntil?.description ?? ""),
                      detail = \(bind: try DetailCoding.encode(change.entry)), updated_at = \(bind: epochMillis(time))
                    WHERE id = \(bind: change.entry.id) AND status = \(bind: change.expecting.rawValue)
                    RETURNING id
                    """).first()
                guard row != nil else { conflicts.append(change.entry.id); continue }
                unit.log(try LogEvents.redList(change.entry, step: change.step, actor: actor, at: time))
            }
            return conflicts
        }
    }

    // MARK: Publication consents

    /// Records a firm's consent (or its withdrawal) to publishing `kind` about it.
    public func setConsent(uscc: String, kind: String, granted: Bool, by name: String, at time: Date) async throws {
        try await database.write { unit in
            try await unit.sql().raw("""
                INSERT INTO publication_consents (uscc, kind, granted, by_name, updated_at)
                VALUES (\(bind: uscc), \(bind: kind), \(bind: granted ? 1 : 0), \(bind: name), \(bind: epochMillis(time)))
                ON CONFLICT (uscc, kind) DO UPDATE SET granted = excluded.granted, by_name = excluded.by_name,
                  updated_at = excluded.updated_at
                """).run()
            unit.log(try LogEvents.publicationConsent(uscc: uscc, kind: kind, granted: granted, actor: name, at: time))
        }
    }

    public func consent(uscc: String, kind: String) async throws -> Bool {
        struct G: Decodable { let granted: Int }
        return try await database.sql().raw("""
            SELECT granted FROM publication_consents WHERE uscc = \(bind: uscc) AND kind = \(bind: kind)
            """).first(decoding: G.self)?.granted == 1
    }

    /// Firms that consent to publishing `kind`.
    public func consenting(kind: String) async throws -> [String] {
        struct U: Decodable { let uscc: String }
        return try await database.sql().raw("""
            SELECT uscc FROM publication_consents WHERE kind = \(bind: kind) AND granted = 1 ORDER BY uscc
            """).all(decoding: U.self).map(\.uscc)
    }
}
