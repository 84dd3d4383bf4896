import FluentKit
import SQLKit

/// The 守信激励名单 (red list) entries, and firms' consents to publishing facts about them (their on-time
/// repayment through the platform). A firm has at most one live red-list entry (proposed, in publicity, objected or
/// valid: a partial unique index); entries past their validity are marked `expired` by the daily sweep.
/// (Numbered 012: 011 is the post-loan monitoring tables.)
struct CreateIncentiveTables: AsyncMigration {
    var name: String { "012_incentives" }

    func prepare(on database: any Database) async throws {
        let id = DatabaseKind(try database.sql()).identity
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS red_list_entries (id \(id), uscc TEXT NOT NULL, status TEXT NOT NULL,
              valid_until TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS red_list_entries_status ON red_list_entries (status, id)",
            "CREATE INDEX IF NOT EXISTS red_list_entries_uscc ON red_list_entries (uscc, id)",
            """
            CREATE UNIQUE INDEX IF NOT EXISTS red_list_entries_live ON red_list_entries (uscc)
              WHERE status IN ('proposed', 'inPublicity', 'objecting', 'valid')
            """,
            """
            CREATE TABLE IF NOT EXISTS publication_consents (uscc TEXT NOT NULL, kind TEXT NOT NULL, granted INTEGER NOT NULL,
              by_name TEXT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (uscc, kind))
            """,
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for table in ["publication_consents", "red_list_entries"] { try await sql.raw("DROP TABLE IF EXISTS \(ident: table)").run() }
    }
}
