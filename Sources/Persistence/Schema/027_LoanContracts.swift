import FluentKit
import SQLKit

/// Signed loan contracts: the PDF as signed, its SHA-256 (named in the transparency log), who signed and when.
struct CreateLoanContracts: AsyncMigration {
    var name: String { "027_loan_contracts" }

    func prepare(on database: any Database) async throws {
        let kind = DatabaseKind(try database.sql())
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS loan_contracts (application_id BIGINT PRIMARY KEY, institution_id BIGINT NOT NULL,
              uscc TEXT NOT NULL, number TEXT NOT NULL, sha256 TEXT NOT NULL, pdf \(kind.bytes) NOT NULL, signer TEXT NOT NULL,
              signer_phone TEXT NOT NULL, signed_at BIGINT NOT NULL)
            """,
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP TABLE IF EXISTS loan_contracts").run()
    }
}
