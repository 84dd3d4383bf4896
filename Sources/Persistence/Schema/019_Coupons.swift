import FluentKit
import SQLKit

/// Digital credit coupons (数字信用券): the programmes with their budget use, every version of their rules, the coupons in
/// firms' wallets (with what they are attached to and the loan that redeemed them) and the lenders' settlement claims.
/// Domain values as JSON (`detail`) beside the columns queries filter on.
struct CreateCouponTables: AsyncMigration {
    var name: String { "019_coupons" }

    func prepare(on database: any Database) async throws {
        let id = DatabaseKind(try database.sql()).identity
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS coupon_programmes (id \(id), code TEXT NOT NULL UNIQUE, charged BIGINT NOT NULL DEFAULT 0,
              created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS coupon_programme_versions (programme_id BIGINT NOT NULL, version INTEGER NOT NULL,
              effective_from TEXT NOT NULL, detail TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (programme_id, version))
            """,
            """
            CREATE TABLE IF NOT EXISTS coupons (id \(id), programme_id BIGINT NOT NULL, version INTEGER NOT NULL, uscc TEXT NOT NULL,
              status TEXT NOT NULL, expires_on TEXT NOT NULL, target_kind TEXT, target_id BIGINT, loan_id BIGINT,
              institution_id BIGINT, detail TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS coupons_firm ON coupons (uscc, programme_id)",
            "CREATE INDEX IF NOT EXISTS coupons_programme ON coupons (programme_id, status)",
            "CREATE INDEX IF NOT EXISTS coupons_institution ON coupons (institution_id, id)",
            // One live coupon per application (or draw).
            """
            CREATE UNIQUE INDEX IF NOT EXISTS coupons_target ON coupons (target_kind, target_id) WHERE status = 'attached'
            """,
            """
            CREATE TABLE IF NOT EXISTS coupon_claims (id \(id), coupon_id BIGINT NOT NULL, institution_id BIGINT NOT NULL,
              outcome TEXT NOT NULL, claimed BIGINT NOT NULL, detail TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS coupon_claims_coupon ON coupon_claims (coupon_id, id)",
            "CREATE INDEX IF NOT EXISTS coupon_claims_institution ON coupon_claims (institution_id, id)",
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        for table in ["coupon_claims", "coupons", "coupon_programme_versions", "coupon_programmes"] {
            try await database.sql().raw("DROP TABLE IF EXISTS \(unsafeRaw: table)").run()
        }
    }
}
