import FluentKit
import Foundation
import SQLKit

/// The marketplace at a glance for the operator: counts by state, money lent and outstanding, how fast
/// demands are taken.
public struct MarketStats: Sendable, Equatable {
    public var institutions = 0
    public var productsByStatus: [String: Int] = [:]
    public var enterpriseAccountsByStatus: [String: Int] = [:]
    public var commitmentsInForce = 0
    public var authorisationsActive = 0
    public var accessesLast30Days = 0
    public var applicationsByStatus: [String: Int] = [:]
    public var demandsByStatus: [String: Int] = [:]
    /// Mean minutes from publication to taking, over taken demands.
    public var meanMinutesToTake: Double?
    public var loans = 0
    public var loansOverdue = 0
    public var outstandingCents: Int64 = 0
    public var loansByClass: [String: Int] = [:]

    public static func load(_ database: any Database, today: String) async throws -> MarketStats {
        let sql = try database.sql()
        struct N: Decodable { let n: Int64? }
        struct G: Decodable { let k: String; let n: Int }
        func count(_ query: SQLQueryString) async throws -> Int { Int(try await sql.raw(query).first(decoding: N.self)?.n ?? 0) }
        func grouped(_ query: SQLQueryString) async throws -> [String: Int] {
            Dictionary(try await sql.raw(query).all(decoding: G.self).map { ($0.k, $0.n) }, uniquingKeysWith: +)
        }
        var s = MarketStats()
        s.institutions = try await count("SELECT COUNT(*) AS n FROM institutions")
        s.productsByStatus = try await grouped("SELECT status AS k, COUNT(*) AS n FROM products GROUP BY status")
        s.enterpriseAccountsByStatus = try await grouped("SELECT status AS k, COUNT(*) AS n FROM users WHERE role = 'enterprise' GROUP BY status")
        s.commitmentsInForce = try await count("SELECT COUNT(*) AS n FROM commitments WHERE invalidated_at IS NULL")
        s.authorisationsActive = try await count("SELECT COUNT(*) AS n FROM authorisations WHERE revoked_at IS NULL AND valid_until >= \(bind: today)")
        s.accessesLast30Days = try await count("SELECT COUNT(*) AS n FROM access_log WHERE at >= \(bind: epochMillis() - 30 * 86_400_000)")
        s.applicationsByStatus = try await grouped("SELECT status AS k, COUNT(*) AS n FROM applications GROUP BY status")
        s.demandsByStatus = try await grouped("SELECT status AS k, COUNT(*) AS n FROM demands GROUP BY status")
        struct M: Decodable { let m: Double? }
        let mean = try await sql.raw("SELECT CAST(AVG(taken_at - created_at) AS DOUBLE PRECISION) AS m FROM demands WHERE taken_at IS NOT NULL").first(decoding: M.self)?.m
        s.meanMinutesToTake = mean.map { $0 / 60_000 }
        s.loans = try await count("SELECT COUNT(*) AS n FROM loans")
        s.loansOverdue = try await count("SELECT COUNT(*) AS n FROM loans WHERE settled = 0 AND overdue_days > 0")
        s.outstandingCents = Int64(try await count("SELECT CAST(SUM(outstanding) AS BIGINT) AS n FROM loans WHERE settled = 0"))
        s.loansByClass = try await grouped("SELECT classification AS k, COUNT(*) AS n FROM loans GROUP BY classification")
        return s
    }
}
