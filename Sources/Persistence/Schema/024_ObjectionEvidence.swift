import FluentKit
import SQLKit

/// The files a firm attaches to an objection as evidence (a tax certificate, a receipt, a court ruling): stored with
/// their SHA-256, which the objection's log entry names, so the department decides on exactly what was sent.
struct CreateObjectionEvidence: AsyncMigration {
    var name: String { "024_objection_evidence" }

    func prepare(on database: any Database) async throws {
        let kind = DatabaseKind(try database.sql())
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS objection_evidence (id \(kind.identity), objection_id BIGINT NOT NULL, uscc TEXT NOT NULL,
              file_name TEXT NOT NULL, content_type TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL,
              bytes \(kind.bytes) NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS objection_evidence_objection ON objection_evidence (objection_id, id)",
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP TABLE IF EXISTS objection_evidence").run()
    }
}
