import CreditLog
import Domain
import FluentKit
import Foundation
import SQLKit

/// One-time codes: issuing replaces any earlier open code of the same purpose and subject; checking counts wrong
/// tries and uses a right code up, in one transaction, so a code works once and five wrong guesses end it.
public struct OneTimeCodeStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    static func digest(salt: String, code: String) -> String { LogEntry.digest(of: Array("\(salt):\(code)".utf8)) }

    /// Stores a new code for `subject`; refused while the last one is younger than `rules.resendAfter`.
    public func issue(purpose: OneTimeCodePurpose, subject: String, phone: String, code: String, rules: OneTimeCodeRules,
                      at time: Date) async throws {
        try await database.write { unit in
            let sql = try unit.sql()
            struct Last: Decodable { let created_at: Int64 }
            if let last = try await sql.raw("""
                SELECT created_at FROM one_time_codes WHERE purpose = \(bind: purpose.rawValue) AND subject = \(bind: subject)
                ORDER BY id DESC LIMIT 1
                """).first(decoding: Last.self), Double(epochMillis(time) - last.created_at) / 1000 < rules.resendAfter {
                let wait = Int(rules.resendAfter - Double(epochMillis(time) - last.created_at) / 1000) + 1
                throw DomainError.conflict("验证码已发送，请 \(wait) 秒后再获取")
            }
            try await sql.raw("""
                UPDATE one_time_codes SET used_at = \(bind: epochMillis(time))
                WHERE purpose = \(bind: purpose.rawValue) AND subject = \(bind: subject) AND used_at IS NULL
                """).run()
            let salt = UUID().uuidString
            try await sql.raw("""
                INSERT INTO one_time_codes (purpose, subject, phone, salt, digest, attempts, created_at, expires_at)
                VALUES (\(bind: purpose.rawValue), \(bind: subject), \(bind: phone), \(bind: salt),
                  \(bind: Self.digest(salt: salt, code: code)), 0, \(bind: epochMillis(time)),
                  \(bind: epochMillis(time.addingTimeInterval(rules.validity))))
                """).run()
        }
    }

    public enum Check: Sendable, Equatable {
        /// The code was right and is now used up; the phone it was sent to.
        case accepted(phone: String)
        case wrong(attemptsLeft: Int)
        case expired
        /// No open code: never sent, already used, or ended by too many wrong tries.
        case none
    }

    /// Checks `code` against the open code of `subject`.
    public func check(purpose: OneTimeCodePurpose, subject: String, code: String, rules: OneTimeCodeRules, at time: Date) async throws -> Check {
        try await database.write { unit in
            let sql = try unit.sql()
            struct Row: Decodable { let id: Int64; let phone: String; let salt: String; let digest: String; let attempts: Int; let expires_at: Int64 }
            let lock: SQLQueryString = DatabaseKind(sql) == .postgres ? " FOR UPDATE" : ""
            guard let row = try await sql.raw("""
                SELECT id, phone, salt, digest, attempts, expires_at FROM one_time_codes
                WHERE purpose = \(bind: purpose.rawValue) AND subject = \(bind: subject) AND used_at IS NULL
                ORDER BY id DESC LIMIT 1
                """ + lock).first(decoding: Row.self) else { return .none }
            if epochMillis(time) >= row.expires_at { return .expired }
            if Self.digest(salt: row.salt, code: code) == row.digest {
                try await sql.raw("UPDATE one_time_codes SET used_at = \(bind: epochMillis(time)) WHERE id = \(bind: row.id)").run()
                return .accepted(phone: row.phone)
            }
            let attempts = row.attempts + 1
            let ended: SQLQueryString = attempts >= rules.maxAttempts ? ", used_at = \(bind: epochMillis(time))" : ""
            try await sql.raw("UPDATE one_time_codes SET attempts = \(bind: attempts)" + ended + " WHERE id = \(bind: row.id)").run()
            return .wrong(attemptsLeft: max(0, rules.maxAttempts - attempts))
        }
    }
}
