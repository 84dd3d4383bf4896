import Domain
import FluentKit
import Foundation
import SQLKit

extension DemandStore {
    /// Moves a demand from `expected` (compare-and-set, as `update`) and records the follow-up step in the same
    /// transaction: the take with its officer, or an outcome that closes it. False when someone else moved it first.
    public func advance(_ demand: FinancingDemand, expecting expected: DemandStatus, followUp: DemandFollowUp) async throws -> Bool {
        try await database.write { unit in
            guard let id = Int64(demand.id) else { return false }
            let sql = try unit.sql()
            if demand.status != expected {
                let row = try await sql.raw("""
                    UPDATE demands SET status = \(bind: demand.status.rawValue), detail = \(bind: try DetailCoding.encode(demand)),
                      taken_by = \(bind: demand.takenBy.flatMap { Int64($0) }), taken_at = \(bind: demand.takenAt.map { epochMillis($0) })
                    WHERE id = \(bind: id) AND status = \(bind: expected.rawValue)
                    RETURNING id
                    """).first()
                guard row != nil else { return false }
            } else {
                // A step that leaves the status alone still needs the demand in the state it was checked in.
                struct S: Decodable { let status: String }
                let lock: SQLQueryString = DatabaseKind(sql) == .postgres ? " FOR UPDATE" : ""
                let current = try await sql.raw("SELECT status FROM demands WHERE id = \(bind: id)" + lock).first(decoding: S.self)
                guard current?.status == expected.rawValue else { return false }
            }
            try await sql.raw("""
                INSERT INTO demand_follow_ups (demand_id, institution_id, step, note, officer, officer_phone, created_at)
                VALUES (\(bind: id), \(bind: followUp.institutionID), \(bind: followUp.step.rawValue), \(bind: followUp.note),
                  \(bind: followUp.officer), \(bind: followUp.officerPhone), \(bind: epochMillis(followUp.at)))
                """).run()
            return true
        }
    }

    /// The steps of these demands, oldest first within each.
    public func followUps(demandIDs: [Int64]) async throws -> [Int64: [DemandFollowUp]] {
        guard !demandIDs.isEmpty else { return [:] }
        struct R: Decodable {
            let id: Int64; let demand_id: Int64; let institution_id: Int64; let step: String; let note: String; let officer: String
            let officer_phone: String?; let created_at: Int64
        }
        let rows = try await database.sql().raw("""
            SELECT id, demand_id, institution_id, step, note, officer, officer_phone, created_at FROM demand_follow_ups
            WHERE demand_id IN (\(binds: Array(demandIDs.prefix(1_000)))) ORDER BY id
            """).all(decoding: R.self)
        return Dictionary(grouping: rows.compactMap { r in
            DemandFollowUpStep(rawValue: r.step).map {
                DemandFollowUp(id: r.id, demandID: r.demand_id, institutionID: r.institution_id, step: $0, note: r.note, officer: r.officer,
                               officerPhone: r.officer_phone, at: Date(timeIntervalSince1970: Double(r.created_at) / 1000))
            }
        }, by: \.demandID)
    }

    /// The demands an institution took, newest first (taken, then closed or withdrawn by the firm).
    public func taken(institutionID: Int64, limit: Int = 200) async throws -> [FinancingDemand] {
        try await database.sql().raw("""
            SELECT detail FROM demands WHERE taken_by = \(bind: institutionID)
            ORDER BY CASE WHEN status = 'taken' THEN 0 ELSE 1 END, taken_at DESC LIMIT \(bind: limit)
            """).all(decoding: Row.self).map { try DetailCoding.decode(FinancingDemand.self, $0.detail) }
    }
}
