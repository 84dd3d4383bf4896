import Domain
import FluentKit
import Foundation
import SQLKit

/// The operator's commitment templates and the commitments firms signed.
public struct CommitmentStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    /// A signed commitment as stored: still in force unless `invalidatedAt` is set.
    public struct Signed: Sendable, Equatable, Codable {
        public var id: Int64
        public var commitment: CreditCommitment
        public var invalidatedAt: Date?
        public var invalidReason: String?
        public var isInForce: Bool { invalidatedAt == nil }
    }

    public func latestTemplate() async throws -> CommitmentTemplate? {
        struct Row: Decodable { let version: Int; let title: String; let body: String }
        return try await database.sql().raw("SELECT version, title, body FROM commitment_templates ORDER BY version DESC LIMIT 1")
            .first(decoding: Row.self).map { CommitmentTemplate(version: $0.version, title: $0.title, body: $0.body) }
    }

    public func template(version: Int) async throws -> CommitmentTemplate? {
        struct Row: Decodable { let version: Int; let title: String; let body: String }
        return try await database.sql().raw("SELECT version, title, body FROM commitment_templates WHERE version = \(bind: version)")
            .first(decoding: Row.self).map { CommitmentTemplate(version: $0.version, title: $0.title, body: $0.body) }
    }

    /// Publishes a new version of the template; earlier signatures keep the version they signed.
    @discardableResult
    public func publishTemplate(title: String, body: String, by user: String) async throws -> CommitmentTemplate {
        return try await database.write { unit in
            let version = (try await CommitmentStore(database: unit.database).latestTemplate()?.version ?? 0) + 1
            try await unit.sql().raw("""
                INSERT INTO commitment_templates (version, title, body, created_by, created_at)
                VALUES (\(bind: version), \(bind: title), \(bind: body), \(bind: user), \(bind: epochMillis()))
                """).run()
            return CommitmentTemplate(version: version, title: title, body: body)
        }
    }

    /// Keeps a signature; an earlier one still in force is superseded.
    @discardableResult
    public func save(_ commitment: CreditCommitment) async throws -> Int64 {
        try await database.write { unit in
            let tx = unit.database
            let sql = try tx.sql()
            try await sql.raw("""
                UPDATE commitments SET invalidated_at = \(bind: epochMillis()), invalid_reason = '已重新签署'
                WHERE uscc = \(bind: commitment.uscc) AND invalidated_at IS NULL
                """).run()
            let id = try await sql.insertReturningID("""
                INSERT INTO commitments (uscc, template_version, signer, firm_name, legal_rep, content_hash, signed_at)
                VALUES (\(bind: commitment.uscc), \(bind: commitment.templateVersion), \(bind: commitment.signerName),
                  \(bind: commitment.firmName), \(bind: commitment.legalRepresentative), \(bind: commitment.contentHash),
                  \(bind: epochMillis(commitment.signedAt)))
                RETURNING id
                """, what: "承诺书编号")
            unit.bump(.consents)
            return id
        }
    }

    public func invalidate(id: Int64, reason: String) async throws {
        try await database.write { unit in
            let tx = unit.database
            try await tx.sql().raw("""
                UPDATE commitments SET invalidated_at = \(bind: epochMillis()), invalid_reason = \(bind: reason)
                WHERE id = \(bind: id) AND invalidated_at IS NULL
                """).run()
            unit.bump(.consents)
        }
    }

    struct Row: Decodable {
        let id: Int64; let uscc: String; let template_version: Int; let signer: String; let firm_name: String
        let legal_rep: String; let content_hash: String; let signed_at: Int64; let invalidated_at: Int64?
        let invalid_reason: String?
        var signed: Signed {
            Signed(id: id, commitment: CreditCommitment(
                uscc: uscc, firmName: firm_name, legalRepresentative: legal_rep, signerName: signer,
                signedAt: Date(timeIntervalSince1970: Double(signed_at) / 1000), templateVersion: template_version,
                contentHash: content_hash),
                   invalidatedAt: invalidated_at.map { Date(timeIntervalSince1970: Double($0) / 1000) },
                   invalidReason: invalid_reason)
        }
    }

    static let columns = "id, uscc, template_version, signer, firm_name, legal_rep, content_hash, signed_at, invalidated_at, invalid_reason"

    /// Every commitment of a firm, newest first.
    public func commitments(uscc: String) async throws -> [Signed] {
        try await database.sql().raw(SQLQueryString("SELECT \(Self.columns) FROM commitments WHERE uscc = ")
            + "\(bind: uscc) ORDER BY id DESC").all(decoding: Row.self).map(\.signed)
    }

    /// Commitments in force, newest first, for the public page.
    public func inForce(paging: Paging = Paging()) async throws -> ResultPage<Signed> {
        struct Count: Decodable { let n: Int }
        let total = try await database.sql().raw("SELECT COUNT(*) AS n FROM commitments WHERE invalidated_at IS NULL")
            .first(decoding: Count.self)?.n ?? 0
        let rows = try await database.sql().raw(SQLQueryString("SELECT \(Self.columns) FROM commitments WHERE invalidated_at IS NULL ")
            + "ORDER BY id DESC LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)").all(decoding: Row.self)
        return ResultPage(items: rows.map(\.signed), paging: paging, total: total)
    }
}
