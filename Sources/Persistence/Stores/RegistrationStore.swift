import CreditLog
import Domain
import FluentKit
import Foundation
import SQLKit

/// A self-registration's evidence as the credit center reviews it (without the document's bytes).
public struct RegistrationRecord: Sendable, Equatable {
    public var userID: Int64
    public var uscc: String
    public var phoneVerifiedAt: Date
    public var consentVersion: String
    public var documentName: String
    public var documentSHA256: String
    public var documentSize: Int
    public var rejectedReason: String?
}

public struct RegistrationStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    /// Stores the evidence of a registration, in the unit that creates its account.
    public static func save(in unit: UnitOfWork, userID: Int64, uscc: String, phoneVerifiedAt: Date, consentVersion: String,
                            documentName: String, document: [UInt8]) async throws {
        try await unit.sql().raw("""
            INSERT INTO registrations (user_id, uscc, phone_verified_at, consent_version, consent_at, document_name, document_sha256, document)
            VALUES (\(bind: userID), \(bind: uscc), \(bind: epochMillis(phoneVerifiedAt)), \(bind: consentVersion),
              \(bind: epochMillis(phoneVerifiedAt)), \(bind: documentName), \(bind: LogEntry.digest(of: document)), \(bind: Data(document)))
            """).run()
    }

    struct Row: Decodable {
        let user_id: Int64; let uscc: String; let phone_verified_at: Int64; let consent_version: String; let document_name: String
        let document_sha256: String; let size: Int64; let rejected_reason: String?
        var record: RegistrationRecord {
            RegistrationRecord(userID: user_id, uscc: uscc, phoneVerifiedAt: Date(timeIntervalSince1970: Double(phone_verified_at) / 1000),
                               consentVersion: consent_version, documentName: document_name, documentSHA256: document_sha256,
                               documentSize: Int(size), rejectedReason: rejected_reason)
        }
    }

    /// The registrations of these accounts, by user id.
    public func records(userIDs: [Int64]) async throws -> [Int64: RegistrationRecord] {
        guard !userIDs.isEmpty else { return [:] }
        let sql = try database.sql()
        let size: SQLQueryString = DatabaseKind(sql) == .postgres ? "octet_length(document)" : "length(document)"
        let rows = try await sql.raw("""
            SELECT user_id, uscc, phone_verified_at, consent_version, document_name, document_sha256, 
            """ + size + " AS size, rejected_reason FROM registrations WHERE user_id IN (\(binds: Array(userIDs.prefix(1_000))))")
            .all(decoding: Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.user_id, $0.record) })
    }

    public func document(userID: Int64) async throws -> (name: String, sha256: String, bytes: [UInt8])? {
        struct D: Decodable { let document_name: String; let document_sha256: String; let document: Data }
        return try await database.sql().raw("""
            SELECT document_name, document_sha256, document FROM registrations WHERE user_id = \(bind: userID)
            """).first(decoding: D.self).map { ($0.document_name, $0.document_sha256, Array($0.document)) }
    }

    /// Rejects a pending registration with the reason the applicant reads at sign-in; the account is disabled, in one
    /// transaction.
    public func reject(userID: Int64, reason: String, at time: Date) async throws {
        try await database.write { unit in
            let sql = try unit.sql()
            try await sql.raw("UPDATE users SET status = 'disabled' WHERE id = \(bind: userID) AND status = 'pending'").run()
            try await sql.raw("""
                UPDATE registrations SET rejected_reason = \(bind: reason), decided_at = \(bind: epochMillis(time)) WHERE user_id = \(bind: userID)
                """).run()
        }
    }

    /// The reason a registration was rejected, if it was.
    public func rejectedReason(userID: Int64) async throws -> String? {
        struct R: Decodable { let rejected_reason: String? }
        return try await database.sql().raw("SELECT rejected_reason FROM registrations WHERE user_id = \(bind: userID)")
            .first(decoding: R.self)?.rejected_reason
    }
}
