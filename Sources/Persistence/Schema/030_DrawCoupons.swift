import FluentKit
import SQLKit

/// A digital credit coupon redeemed on a draw of a revolving line: the draw's ledger row names the coupon and the cut of
/// the line's rate it gives that draw (`DrawCoupon`). Empty on every other row.
struct AddDrawCoupons: AsyncMigration {
    var name: String { "030_draw_coupons" }

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await CreateMarketplaceTables.addColumns(on: sql, kind: DatabaseKind(sql), table: "credit_line_entries", [
            (name: "coupon_id", definition: "BIGINT"),
            (name: "coupon_cut_bp", definition: "INTEGER NOT NULL DEFAULT 0"),
        ])
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for column in ["coupon_cut_bp", "coupon_id"] {
            try await sql.raw(SQLQueryString("ALTER TABLE credit_line_entries DROP COLUMN \(column)")).run()
        }
    }
}
