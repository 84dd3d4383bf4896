import Domain
import FluentKit
import Foundation
import SQLKit

/// Firms' financing demands and the institutions that took them.
public struct DemandStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    @discardableResult
    public func create(_ demand: FinancingDemand) async throws -> FinancingDemand {
        return try await database.write { unit in
            var stored = demand
            let sql = try unit.sql()
            let id = try await sql.insertReturningID("""
                INSERT INTO demands (uscc, detail, status, created_at)
                VALUES (\(bind: demand.uscc), '{}', \(bind: demand.status.rawValue), \(bind: epochMillis(demand.publishedAt)))
                RETURNING id
                """, what: "需求编号")
            stored.id = String(id)
            try await sql.raw("UPDATE demands SET detail = \(bind: try DetailCoding.encode(stored)) WHERE id = \(bind: id)").run()
            return stored
        }
    }

    struct Row: Decodable { let detail: String }

    public func demand(id: Int64) async throws -> FinancingDemand? {
        try await database.sql().raw("SELECT detail FROM demands WHERE id = \(bind: id)")
            .first(decoding: Row.self).map { try DetailCoding.decode(FinancingDemand.self, $0.detail) }
    }

    public func demands(uscc: String) async throws -> [FinancingDemand] {
        try await database.sql().raw("SELECT detail FROM demands WHERE uscc = \(bind: uscc) ORDER BY id DESC")
            .all(decoding: Row.self).map { try DetailCoding.decode(FinancingDemand.self, $0.detail) }
    }

    /// The pool: open demands first (oldest first, so nobody waits forever), then those taken by `institutionID`.
    public func pool(institutionID: Int64, limit: Int = 200) async throws -> [FinancingDemand] {
        try await database.sql().raw("""
            SELECT detail FROM demands WHERE status = 'open' OR (status = 'taken' AND taken_by = \(bind: institutionID))
            ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, id LIMIT \(bind: limit)
            """).all(decoding: Row.self).map { try DetailCoding.decode(FinancingDemand.self, $0.detail) }
    }

    /// Every open demand (for the daily expiry).
    public func openDemands() async throws -> [FinancingDemand] {
        try await database.sql().raw("SELECT detail FROM demands WHERE status = 'open' ORDER BY id")
            .all(decoding: Row.self).map { try DetailCoding.decode(FinancingDemand.self, $0.detail) }
    }

    /// Closes the open demands nobody took within their urgency; returns how many.
    @discardableResult
    public func expireOverdue(at time: Date = Date()) async throws -> Int {
        var expired = 0
        for var demand in try await openDemands() where time >= demand.expiresAt {
            try demand.expire(at: time)
            if try await update(demand, expecting: .open) { expired += 1 }
        }
        return expired
    }

    /// Saves a demand whose status moved from `expected`; returns false when someone else changed it first
    /// (the compare-and-set that makes "first institution wins" hold across processes).
    public func update(_ demand: FinancingDemand, expecting expected: DemandStatus) async throws -> Bool {
        return try await database.write { unit in
            guard let id = Int64(demand.id) else { return false }
            let row = try await unit.sql().raw("""
                UPDATE demands SET status = \(bind: demand.status.rawValue), detail = \(bind: try DetailCoding.encode(demand)),
                  taken_by = \(bind: demand.takenBy.flatMap { Int64($0) }), taken_at = \(bind: demand.takenAt.map { epochMillis($0) })
                WHERE id = \(bind: id) AND status = \(bind: expected.rawValue)
                RETURNING id
                """).first()
            return row != nil
        }
    }
}
