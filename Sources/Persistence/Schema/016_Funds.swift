import FluentKit
import SQLKit

/// The risk compensation funds the platform runs: the programmes opened, institutions' agreements, every loan's
/// registration check, claims with their review, the stored materials, the fund's journal and the stop-line states.
/// Domain values as JSON (`detail`) beside the columns queries filter on.
struct CreateFundTables: AsyncMigration {
    var name: String { "016_funds" }

    func prepare(on database: any Database) async throws {
        let id = DatabaseKind(try database.sql()).identity
        let blob = DatabaseKind(try database.sql()).bytes
        try await Schema.apply([
            "CREATE TABLE IF NOT EXISTS fund_programmes (scheme_code TEXT PRIMARY KEY, detail TEXT NOT NULL, created_at BIGINT NOT NULL)",
            """
            CREATE TABLE IF NOT EXISTS fund_agreements (scheme_code TEXT NOT NULL, institution_id TEXT NOT NULL,
              detail TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (scheme_code, institution_id))
            """,
            """
            CREATE TABLE IF NOT EXISTS fund_registrations (scheme_code TEXT NOT NULL, loan_id TEXT NOT NULL,
              institution_id TEXT NOT NULL, uscc TEXT NOT NULL, covered INTEGER NOT NULL, amount BIGINT NOT NULL,
              checked_on TEXT NOT NULL, detail TEXT NOT NULL, PRIMARY KEY (scheme_code, loan_id))
            """,
            "CREATE INDEX IF NOT EXISTS fund_registrations_institution ON fund_registrations (institution_id, scheme_code, loan_id)",
            """
            CREATE TABLE IF NOT EXISTS fund_claims (id \(id), scheme_code TEXT NOT NULL, loan_id TEXT NOT NULL,
              institution_id TEXT NOT NULL, status TEXT NOT NULL, deadline TEXT, detail TEXT NOT NULL,
              created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE UNIQUE INDEX IF NOT EXISTS fund_claims_live ON fund_claims (scheme_code, loan_id)
              WHERE status NOT IN ('rejected', 'withdrawn')
            """,
            "CREATE INDEX IF NOT EXISTS fund_claims_institution ON fund_claims (institution_id, id)",
            "CREATE INDEX IF NOT EXISTS fund_claims_status ON fund_claims (status, id)",
            """
            CREATE TABLE IF NOT EXISTS fund_materials (id \(id), institution_id TEXT NOT NULL, kind TEXT NOT NULL,
              file_name TEXT NOT NULL, content_type TEXT NOT NULL, sha256 TEXT NOT NULL, bytes \(blob) NOT NULL,
              created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS fund_journal (id \(id), scheme_code TEXT NOT NULL, day TEXT NOT NULL, kind TEXT NOT NULL,
              claim_id TEXT, detail TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS fund_journal_scheme ON fund_journal (scheme_code, day, id)",
            """
            CREATE TABLE IF NOT EXISTS fund_pauses (scheme_code TEXT NOT NULL, institution_id TEXT NOT NULL,
              detail TEXT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (scheme_code, institution_id))
            """,
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        for table in ["fund_pauses", "fund_journal", "fund_materials", "fund_claims", "fund_registrations", "fund_agreements",
                      "fund_programmes"] {
            try await database.sql().raw("DROP TABLE IF EXISTS \(unsafeRaw: table)").run()
        }
    }
}
