import Foundation
import FluentKit
import SQLKit

/// Every migration of the platform, in order. Each runs on SQLite and on PostgreSQL.
public enum Schema {
    public static let migrations: [any AsyncMigration] = [
        CreateCoreTables(), CreateJobTable(), CreateEvaluationTables(), CreateMarketplaceTables(),
        CreateTransparencyLogTables(), CreateRemediesTables(), CreateGenerations(), UniqueTokenNames(),
        BatchContentDigest(), CreateRecommendationTables(), CreateMonitoringTables(), CreateIncentiveTables(),
        CreateDefaultReports(), CreateListings(), MonitoringWatermark(), CreateFundTables(), CreateStatisticsTables(),
        CreateCreditLineTables(), CreateCouponTables(), CreateJointRunTables(), QuarantineResolution(),
        CreateObjectionEvidence(), CreateDemandFollowUps(), CreateOneTimeCodes(),
        CreateLoanContracts(), CreateRegistrations(), CreateUploadProgress(), AddDrawCoupons(),
    ]

    /// Runs a migration's statements in one transaction, each harmless when repeated (`IF NOT EXISTS`):
    /// Fluent records a migration only after it ran, so a process killed in between must be able to rerun it.
    static func apply(_ statements: [String], on database: any Database) async throws {
        try await database.transaction { tx in
            let sql = try tx.sql()
            for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
        }
    }
}
