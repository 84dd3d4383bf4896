import Domain
import FluentKit
import Foundation
import SQLKit

/// The platform-run listings (涉金融严重失信 …). Each step is a unit of work with its log entry, and bumps the
/// profile generation: a listing changes what the firm's facts say (the measures it triggers).
public struct ListingStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    struct Row: Decodable { let id: Int64; let detail: String }

    /// Stores a proposed listing; its id is "platform:<row id>".
    public func propose(_ entry: ListingEntry, actor: String, at time: Date) async throws -> ListingEntry {
        try await database.write { unit in try await Self.insert(entry, actor: actor, at: time, in: unit) }
    }

    /// Proposes `entry` unless the firm already has an entry of its kind on the same basis document (a derived
    /// 严重失信债务人 is proposed once per court case, however many batches repeat the record). Nil when it had.
    /// PostgreSQL: an advisory transaction lock per firm, so two workers cannot both propose it.
    public func proposeOnce(_ entry: ListingEntry, actor: String, at time: Date) async throws -> ListingEntry? {
        let uscc = entry.subject?.identifier ?? ""
        return try await database.write { unit in
            let sql = try unit.sql()
            if sql.dialect.name == "postgresql" {
                try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "xyd:listings:" + uscc)))").run()
            }
            let existing = try await sql.raw("""
                SELECT id, detail FROM listings WHERE uscc = \(bind: uscc) AND kind = \(bind: entry.kind.rawValue)
                """).all(decoding: Row.self).map { try DetailCoding.decode(ListingEntry.self, $0.detail) }
            guard !existing.contains(where: { $0.basisDocumentNumber == entry.basisDocumentNumber }) else { return nil }
            return try await Self.insert(entry, actor: actor, at: time, in: unit)
        }
    }

    static func insert(_ entry: ListingEntry, actor: String, at time: Date, in unit: UnitOfWork) async throws -> ListingEntry {
        let sql = try unit.sql()
        let now = epochMillis(time)
        let uscc = entry.subject?.identifier ?? ""
        let id = try await sql.insertReturningID("""
            INSERT INTO listings (uscc, kind, status, detail, created_at, updated_at)
            VALUES (\(bind: uscc), \(bind: entry.kind.rawValue), \(bind: entry.status.rawValue), '{}', \(bind: now), \(bind: now))
            RETURNING id
            """, what: "名单记录编号")
        var stored = entry
        stored.id = "platform:\(id)"
        try await sql.raw("UPDATE listings SET detail = \(bind: try DetailCoding.encode(stored)) WHERE id = \(bind: id)").run()
        unit.log(try LogEvents.listing(stored, step: "proposed", actor: actor, at: time))
        unit.bump(.profiles)
        return stored
    }

    static func rowID(_ id: String) -> Int64? { id.hasPrefix("platform:") ? Int64(id.dropFirst("platform:".count)) : nil }

    public func entry(id: Int64) async throws -> ListingEntry? {
        try await database.sql().raw("SELECT id, detail FROM listings WHERE id = \(bind: id)")
            .first(decoding: Row.self).map { try DetailCoding.decode(ListingEntry.self, $0.detail) }
    }

    /// A firm's listings (all steps), newest first.
    public func entries(uscc: String) async throws -> [ListingEntry] {
        try await database.sql().raw("SELECT id, detail FROM listings WHERE uscc = \(bind: uscc) ORDER BY id DESC")
            .all(decoding: Row.self).map { try DetailCoding.decode(ListingEntry.self, $0.detail) }
    }

    /// The listed (or published) entries of these firms, by firm (what post-loan monitoring reads).
    public func listed(usccs: [String]) async throws -> [String: [ListingEntry]] {
        guard !usccs.isEmpty else { return [:] }
        var out: [String: [ListingEntry]] = [:]
        for part in usccs.chunked(by: 2_000) {
            let rows = try await database.sql().raw("""
                SELECT id, detail FROM listings WHERE uscc IN (\(binds: Array(part))) AND status IN ('listed', 'published') ORDER BY id
                """).all(decoding: Row.self)
            for row in rows {
                let entry = try DetailCoding.decode(ListingEntry.self, row.detail)
                out[entry.subject?.identifier ?? "", default: []].append(entry)
            }
        }
        return out
    }

    /// A page of every listing, newest first.
    public func entries(paging: Paging) async throws -> ResultPage<ListingEntry> {
        struct Count: Decodable { let n: Int }
        let sql = try database.sql()
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM listings").first(decoding: Count.self)?.n ?? 0
        let rows = try await sql.raw("SELECT id, detail FROM listings ORDER BY id DESC LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)")
            .all(decoding: Row.self)
        return ResultPage(items: try rows.map { try DetailCoding.decode(ListingEntry.self, $0.detail) }, paging: paging, total: total)
    }

    /// Saves a step (compare-and-set on the status read).
    public func save(_ entry: ListingEntry, expecting: ListingStatus, step: String, actor: String, at time: Date) async throws {
        guard let id = Self.rowID(entry.id) else { throw DomainError.notFound("该名单记录") }
        try await database.write { unit in
            let row = try await unit.sql().raw("""
                UPDATE listings SET status = \(bind: entry.status.rawValue), detail = \(bind: try DetailCoding.encode(entry)),
                  updated_at = \(bind: epochMillis(time))
                WHERE id = \(bind: id) AND status = \(bind: expecting.rawValue)
                RETURNING id
                """).first()
            guard row != nil else { throw DomainError.conflict("该名单记录刚被他人处理，请刷新后重试") }
            unit.log(try LogEvents.listing(entry, step: step, actor: actor, at: time))
            unit.bump(.profiles)
        }
    }
}
