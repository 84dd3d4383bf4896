import FluentKit
import SQLKit

/// Pre-approved revolving credit (主动授信): the banks' pre-approval runs, the offers each run made (one row per
/// firm, with the columns the lists filter on and the reasons as JSON), the lines accepted offers became, and every
/// draw and repayment on a line (the ledger: a draw's row id is its stable id). A firm has at most one line per
/// offer (a unique index), and one live offer per product (older ones are superseded when a new run is stored).
struct CreateCreditLineTables: AsyncMigration {
    var name: String { "018_credit_lines" }

    func prepare(on database: any Database) async throws {
        let id = DatabaseKind(try database.sql()).identity
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS preapproval_runs (id \(id), institution_id BIGINT NOT NULL, product_id BIGINT NOT NULL,
              valid_until TEXT NOT NULL, offers BIGINT NOT NULL, detail TEXT NOT NULL, created_by TEXT NOT NULL,
              created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS preapproval_runs_institution ON preapproval_runs (institution_id, id)",
            """
            CREATE TABLE IF NOT EXISTS preapproval_offers (id \(id), run_id BIGINT NOT NULL, institution_id BIGINT NOT NULL,
              product_id BIGINT NOT NULL, uscc TEXT NOT NULL, firm_name TEXT NOT NULL, status TEXT NOT NULL,
              limit_cents BIGINT NOT NULL, rate_bp INTEGER NOT NULL, rate_min_bp INTEGER NOT NULL, rate_max_bp INTEGER NOT NULL,
              term_months INTEGER NOT NULL, probability_ppm INTEGER NOT NULL, valid_until TEXT NOT NULL, reasons TEXT NOT NULL,
              line_id BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS preapproval_offers_run ON preapproval_offers (run_id, id)",
            "CREATE INDEX IF NOT EXISTS preapproval_offers_uscc ON preapproval_offers (uscc, status, id)",
            "CREATE INDEX IF NOT EXISTS preapproval_offers_product ON preapproval_offers (product_id, status)",
            """
            CREATE TABLE IF NOT EXISTS credit_lines (id \(id), offer_id BIGINT NOT NULL UNIQUE, institution_id BIGINT NOT NULL,
              product_id BIGINT NOT NULL, uscc TEXT NOT NULL, limit_cents BIGINT NOT NULL, rate_bp INTEGER NOT NULL,
              opened_on TEXT NOT NULL, matures_on TEXT NOT NULL, outstanding BIGINT NOT NULL, classification TEXT NOT NULL,
              overdue_days INTEGER NOT NULL, settled INTEGER NOT NULL, detail TEXT NOT NULL, created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS credit_lines_institution ON credit_lines (institution_id, id)",
            "CREATE INDEX IF NOT EXISTS credit_lines_uscc ON credit_lines (uscc, id)",
            "CREATE INDEX IF NOT EXISTS credit_lines_open ON credit_lines (settled, id)",
            """
            CREATE TABLE IF NOT EXISTS credit_line_entries (id \(id), line_id BIGINT NOT NULL, kind TEXT NOT NULL,
              day TEXT NOT NULL, amount BIGINT NOT NULL, interest BIGINT NOT NULL, principal BIGINT NOT NULL,
              actor TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS credit_line_entries_line ON credit_line_entries (line_id, id)",
            // A run reads the firms with an active enterprise account, by code.
            "CREATE INDEX IF NOT EXISTS users_uscc ON users (uscc)",
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX IF EXISTS users_uscc").run()
        for table in ["credit_line_entries", "credit_lines", "preapproval_offers", "preapproval_runs"] {
            try await database.sql().raw("DROP TABLE IF EXISTS \(unsafeRaw: table)").run()
        }
    }
}
