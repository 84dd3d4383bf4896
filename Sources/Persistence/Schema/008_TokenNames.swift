import FluentKit
import SQLKit

/// API token names are unique among the live tokens of one institution (the operator's, departments' and
/// firms' tokens, which have no institution, share one namespace), so that an institution's admin can never
/// name, and so revoke, another institution's token. Live duplicates that already exist keep working under
/// their name with the row id appended.
struct UniqueTokenNames: AsyncMigration {
    var name: String { "008_token_names" }

    func prepare(on database: any Database) async throws {
        try await Schema.apply([
            """
            UPDATE api_tokens SET name = name || '-' || CAST(id AS TEXT)
            WHERE revoked_at IS NULL AND EXISTS (
              SELECT 1 FROM api_tokens o WHERE o.revoked_at IS NULL AND o.name = api_tokens.name AND o.id < api_tokens.id
                AND COALESCE(o.institution_id, 0) = COALESCE(api_tokens.institution_id, 0))
            """,
            """
            CREATE UNIQUE INDEX IF NOT EXISTS api_tokens_live_name ON api_tokens (COALESCE(institution_id, 0), name)
            WHERE revoked_at IS NULL
            """,
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX IF EXISTS api_tokens_live_name").run()
    }
}
