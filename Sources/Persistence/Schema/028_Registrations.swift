import FluentKit
import SQLKit

/// What a self-registration brought besides the account: the phone verified by code, the consent given (its version),
/// the licence or authorisation letter, and the credit center's reason when it rejected the registration.
struct CreateRegistrations: AsyncMigration {
    var name: String { "028_registrations" }

    func prepare(on database: any Database) async throws {
        let kind = DatabaseKind(try database.sql())
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS registrations (user_id BIGINT PRIMARY KEY, uscc TEXT NOT NULL, phone_verified_at BIGINT NOT NULL,
              consent_version TEXT NOT NULL, consent_at BIGINT NOT NULL, document_name TEXT NOT NULL, document_sha256 TEXT NOT NULL,
              document \(kind.bytes) NOT NULL, rejected_reason TEXT, decided_at BIGINT)
            """,
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP TABLE IF EXISTS registrations").run()
    }
}
