import Domain
import FluentKit
import Foundation
import SQLKit

/// The bulk reads of a pre-approval run, one query each over the whole city (a run covers every registered firm):
/// the firms with an active enterprise account and their registry and evaluation columns, the records of the
/// dishonesty and black lists, the platform's listings in force, firms overdue on a loan or a line, the 推荐清单,
/// and the firms already holding a line of the product.
public struct PreapprovalReads: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    /// A registered firm with an active enterprise account: what pricing and the product's rules read.
    public struct Firm: Sendable, Equatable {
        public var uscc: String
        public var name: String
        public var scale: String
        public var industry: String
        public var district: String
        public var establishedOn: String
        /// "" when not evaluated.
        public var grade: String
        /// -1 when not evaluated.
        public var score: Int
    }

    public func registeredFirms() async throws -> [Firm] {
        struct R: Decodable {
            let uscc: String; let name: String; let scale: String; let industry: String; let district: String
            let established_on: String; let grade: String?; let score: Int?
        }
        return try await database.sql().raw("""
            SELECT e.uscc, e.name, e.scale, e.industry, e.district, e.established_on, v.grade, v.score
            FROM enterprises e
              JOIN (SELECT DISTINCT uscc FROM users WHERE role = 'enterprise' AND status = 'active' AND uscc IS NOT NULL) u
                ON u.uscc = e.uscc
              LEFT JOIN evaluations v ON v.uscc = e.uscc
            ORDER BY e.uscc
            """).all(decoding: R.self).map {
            Firm(uscc: $0.uscc, name: $0.name, scale: $0.scale, industry: $0.industry, district: $0.district,
                 establishedOn: $0.established_on, grade: $0.grade ?? "", score: $0.score ?? -1)
        }
    }

    /// The current, shown records of the list datasets (失信被执行人, black lists), by firm.
    public func listRecords(datasets: [String]) async throws -> [String: [StoredRecord]] {
        guard !datasets.isEmpty else { return [:] }
        let rows = try await database.sql().raw(RecordStore.select + " WHERE" + RecordStore.shown + " AND r.dataset IN (\(binds: datasets))")
            .all(decoding: RecordStore.Row.self)
        return Dictionary(grouping: rows.map(RecordStore.record), by: \.uscc)
    }

    /// The platform's listings in force (listed or published), by firm.
    public func listings() async throws -> [String: [ListingEntry]] {
        struct R: Decodable { let uscc: String; let detail: String }
        var out: [String: [ListingEntry]] = [:]
        for row in try await database.sql().raw("SELECT uscc, detail FROM listings WHERE status IN ('listed', 'published') ORDER BY id")
            .all(decoding: R.self) {
            out[row.uscc, default: []].append(try DetailCoding.decode(ListingEntry.self, row.detail))
        }
        return out
    }

    /// Firms with an unsettled loan or line overdue.
    public func overdueFirms() async throws -> Set<String> {
        struct R: Decodable { let uscc: String }
        let sql = try database.sql()
        let loans = try await sql.raw("SELECT DISTINCT uscc FROM loans WHERE settled = 0 AND overdue_days > 0").all(decoding: R.self)
        let lines = try await sql.raw("SELECT DISTINCT uscc FROM credit_lines WHERE settled = 0 AND overdue_days > 0").all(decoding: R.self)
        return Set((loans + lines).map(\.uscc))
    }

    /// Firms on the 推荐清单 now (listed, or listed and pushed to institutions).
    public func recommendedFirms() async throws -> Set<String> {
        struct R: Decodable { let uscc: String }
        return Set(try await database.sql().raw("""
            SELECT DISTINCT uscc FROM recommendation_entries WHERE status IN ('listed', 'pushed')
            """).all(decoding: R.self).map(\.uscc))
    }

    /// Firms holding a line of the product not yet settled.
    public func firmsWithLine(productID: Int64) async throws -> Set<String> {
        struct R: Decodable { let uscc: String }
        return Set(try await database.sql().raw("""
            SELECT DISTINCT uscc FROM credit_lines WHERE product_id = \(bind: productID) AND settled = 0
            """).all(decoding: R.self).map(\.uscc))
    }
}
