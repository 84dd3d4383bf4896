import CreditLog
import Domain
import FluentKit
import Foundation
import SQLKit

/// Firms' authorisations (授权书) and the log of every access to a firm's data.
public struct AuthorisationStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    /// Stores a new authorisation; its `id` is replaced by the stored one.
    @discardableResult
    public func create(_ authorisation: Authorisation, by user: String) async throws -> Authorisation {
        try await database.write { unit in
            let tx = unit.database
            var stored = authorisation
            let sql = try tx.sql()
            let id = try await sql.insertReturningID("""
                INSERT INTO authorisations (uscc, detail, valid_until, created_by, created_at)
                VALUES (\(bind: authorisation.uscc), '{}', \(bind: authorisation.validUntil.description), \(bind: user),
                  \(bind: epochMillis()))
                RETURNING id
                """, what: "授权书编号")
            stored.id = String(id)
            let detail = try DetailCoding.encode(stored)
            try await sql.raw("UPDATE authorisations SET detail = \(bind: detail) WHERE id = \(bind: id)").run()
            unit.log(try LogEvents.authorisationGranted(stored, detail: detail, by: user))
            unit.bump(.consents)
            return stored
        }
    }

    struct Row: Decodable { let detail: String }

    /// Every authorisation the firm has given, newest first.
    public func authorisations(uscc: String) async throws -> [Authorisation] {
        try await database.sql().raw("SELECT detail FROM authorisations WHERE uscc = \(bind: uscc) ORDER BY id DESC")
            .all(decoding: Row.self).map { try DetailCoding.decode(Authorisation.self, $0.detail) }
    }

    public func authorisation(id: Int64) async throws -> Authorisation? {
        try await database.sql().raw("SELECT detail FROM authorisations WHERE id = \(bind: id)")
            .first(decoding: Row.self).map { try DetailCoding.decode(Authorisation.self, $0.detail) }
    }

    /// Revokes one of the firm's authorisations; revoking twice, or another firm's, is an error.
    public func revoke(id: Int64, uscc: String, at time: Date = Date()) async throws -> Authorisation {
        guard var authorisation = try await authorisation(id: id), authorisation.uscc == uscc else {
            throw DomainError.notFound("该授权书")
        }
        guard authorisation.revokedAt == nil else {
            throw DomainError.illegalTransition(entity: "授权书", from: "已撤销", action: "撤销")
        }
        authorisation.revokedAt = time
        let detail = try DetailCoding.encode(authorisation)
        try await database.write { unit in
            let tx = unit.database
            // Compare-and-set: of two simultaneous revocations only one writes (and logs); the other is told.
            guard try await tx.sql().raw("""
                UPDATE authorisations SET detail = \(bind: detail), revoked_at = \(bind: epochMillis(time))
                WHERE id = \(bind: id) AND revoked_at IS NULL
                RETURNING id
                """).first() != nil else {
                throw DomainError.illegalTransition(entity: "授权书", from: "已撤销", action: "撤销")
            }
            unit.log(try LogEvents.authorisationRevoked(id: id, uscc: uscc, at: time))
            unit.bump(.consents)
        }
        return authorisation
    }

    // MARK: Access log

    /// One access to a firm's data: who, for which institution, what, under which authorisation, why.
    public struct Access: Sendable, Equatable, Codable {
        public var id: Int64
        public var at: Date
        public var uscc: String
        public var institutionID: Int64?
        public var actor: String
        public var categories: [String]
        public var authorisationID: Int64?
        public var purpose: String
        public var action: String

        public init(id: Int64 = 0, at: Date = Date(), uscc: String, institutionID: Int64?, actor: String,
                    categories: [String], authorisationID: Int64?, purpose: String, action: String) {
            self.id = id; self.at = at; self.uscc = uscc; self.institutionID = institutionID; self.actor = actor
            self.categories = categories; self.authorisationID = authorisationID; self.purpose = purpose
            self.action = action
        }
    }

    @discardableResult
    public func log(_ access: Access) async throws -> Int64 {
        try await log([access])[0]
    }

    /// Several accesses in one transaction (one durable commit), each with its transparency-log entry;
    /// returns their ids in order. `sequencing` puts the entries (and any queued before) into the log's
    /// tree in the same transaction, instead of leaving them to the sequencer.
    public func log(_ accesses: [Access], sequencing: Bool = false) async throws -> [Int64] {
        guard !accesses.isEmpty else { return [] }
        return try await database.write { unit in
            let tx = unit.database
            let sql = try tx.sql()
            let ids = try await unit.reserveIDs("access_log", count: accesses.count)
            var insert = sql.insert(into: "access_log")
                .columns("id", "at", "uscc", "institution_id", "actor", "categories", "authorisation_id", "purpose", "action")
            var entries: [LogEntry] = []
            for (access, id) in zip(accesses, ids) {
                insert = insert.values(id, epochMillis(access.at), access.uscc, access.institutionID, access.actor,
                                       access.categories.joined(separator: ","), access.authorisationID, access.purpose, access.action)
                entries.append(try LogEvents.dataAccess(access, id: id))
            }
            try await insert.run()
            unit.log(contentsOf: try entries)
            if sequencing { try await unit.sequenceLogNow() }
            return ids
        }
    }

    /// One access, if it concerns the firm.
    public func access(id: Int64, uscc: String) async throws -> Access? {
        let page = try await accesses(uscc: uscc, paging: Paging(perPage: 1), id: id)
        return page.items.first
    }

    /// An access by its id alone (a report's number), whoever's data it read.
    public func access(id: Int64) async throws -> Access? {
        struct Row: Decodable { let uscc: String }
        guard let row = try await database.sql().raw("SELECT uscc FROM access_log WHERE id = \(bind: id)").first(decoding: Row.self) else {
            return nil
        }
        return try await access(id: id, uscc: row.uscc)
    }

    /// The accesses to a firm's data, newest first.
    public func accesses(uscc: String, paging: Paging = Paging(), id: Int64? = nil) async throws -> ResultPage<Access> {
        struct Count: Decodable { let n: Int }
        let sql = try database.sql()
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM access_log WHERE uscc = \(bind: uscc)")
            .first(decoding: Count.self)?.n ?? 0
        let only: SQLQueryString = id.map { " AND id = \(bind: $0)" } ?? ""
        let rows = try await sql.raw("""
            SELECT id, at, uscc, institution_id, actor, categories, authorisation_id, purpose, action FROM access_log
            WHERE uscc = \(bind: uscc)
            """ + only + " ORDER BY id DESC LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)").all(decoding: AccessRow.self)
        return ResultPage(items: rows.map(\.access), paging: paging, total: total)
    }

    struct AccessRow: Decodable {
        let id: Int64; let at: Int64; let uscc: String; let institution_id: Int64?; let actor: String
        let categories: String; let authorisation_id: Int64?; let purpose: String; let action: String

        var access: Access {
            Access(id: id, at: Date(timeIntervalSince1970: Double(at) / 1000), uscc: uscc, institutionID: institution_id,
                   actor: actor, categories: categories.split(separator: ",").map(String.init),
                   authorisationID: authorisation_id, purpose: purpose, action: action)
        }
    }

    /// Every access, in id order, a page at a time (the log audit).
    public func eachAccess(pageSize: Int, _ body: (Access) throws -> Void) async throws {
        var after: Int64 = 0
        while true {
            let rows = try await database.sql().raw("""
                SELECT id, at, uscc, institution_id, actor, categories, authorisation_id, purpose, action FROM access_log
                WHERE id > \(bind: after) ORDER BY id LIMIT \(bind: pageSize)
                """).all(decoding: AccessRow.self)
            guard let last = rows.last else { return }
            after = last.id
            for row in rows { try body(row.access) }
        }
    }
}
