import Foundation
import Domain
import FluentKit
import SQLKit

/// The bulk reads of a monitoring scan: which firms are monitored and for which institutions (a live loan, or a
/// valid authorisation naming the institution), the registry's part of the snapshot, and the platform's open
/// loans per lender — a chunk of firms per query, as a daily scan covers tens of thousands of firms.
public struct MonitoringReads: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    static let chunk = ScreeningReads.chunk

    /// An institution that hears about a firm, and why.
    public struct Recipient: Sendable, Equatable, Hashable {
        public var institutionID: Int64
        public var relation: RiskAlert.Relation
        public init(institutionID: Int64, relation: RiskAlert.Relation) { self.institutionID = institutionID; self.relation = relation }
    }

    /// The monitored firms (all, or those among `usccs`) with the institutions an alert about each may reach on
    /// `day`: lenders of an unsettled loan or revolving line, and institutions named in an authorisation valid that day (an
    /// authorisation to every registered institution names none: it is consent to be read when applying, not a
    /// relationship every bank in the city should be alerted about). A lender is listed once, as lender.
    public func recipients(on day: Day, usccs: [String]? = nil) async throws -> [String: [Recipient]] {
        struct L: Decodable { let uscc: String; let institution_id: Int64 }
        struct A: Decodable { let uscc: String; let detail: String }
        var loans: [L] = []
        var authorisations: [A] = []
        let sql = try database.sql()
        let validFrom = day.description
        if let usccs {
            for part in usccs.chunked(by: Self.chunk) where !part.isEmpty {
                loans += try await sql.raw("""
                    SELECT uscc, institution_id FROM loans WHERE settled = 0 AND uscc IN (\(binds: Array(part)))
                    UNION ALL SELECT uscc, institution_id FROM credit_lines WHERE settled = 0 AND uscc IN (\(binds: Array(part)))
                    """).all(decoding: L.self)
                authorisations += try await sql.raw("""
                    SELECT uscc, detail FROM authorisations WHERE revoked_at IS NULL AND valid_until >= \(bind: validFrom)
                      AND uscc IN (\(binds: Array(part)))
                    """).all(decoding: A.self)
            }
        } else {
            loans = try await sql.raw("""
                SELECT uscc, institution_id FROM loans WHERE settled = 0
                UNION ALL SELECT uscc, institution_id FROM credit_lines WHERE settled = 0
                """).all(decoding: L.self)
            authorisations = try await sql.raw("""
                SELECT uscc, detail FROM authorisations WHERE revoked_at IS NULL AND valid_until >= \(bind: validFrom)
                """).all(decoding: A.self)
        }
        var out: [String: [Recipient]] = [:]
        var seen: Set<String> = []
        for loan in loans where seen.insert("\(loan.uscc)/\(loan.institution_id)").inserted {
            out[loan.uscc, default: []].append(Recipient(institutionID: loan.institution_id, relation: .loan))
        }
        for row in authorisations {
            guard let a = try? DetailCoding.decode(Authorisation.self, row.detail), a.validFrom <= day, day <= a.validUntil,
                  a.revokedOn.map({ $0 > day }) ?? true, case .institutions(let ids) = a.scope else { continue }
            for id in ids.compactMap({ Int64($0) }).sorted() where seen.insert("\(row.uscc)/\(id)").inserted {
                out[row.uscc, default: []].append(Recipient(institutionID: id, relation: .authorisation))
            }
        }
        return out
    }

    /// The registry's part: name, district and legal representative.
    public struct Registration: Sendable, Equatable {
        public var name: String
        public var district: String
        public var legalRepresentative: String
    }

    public func registrations(usccs: [String]) async throws -> [String: Registration] {
        struct R: Decodable { let uscc: String; let name: String; let district: String; let legal_rep: String }
        var out: [String: Registration] = [:]
        for part in usccs.chunked(by: Self.chunk) where !part.isEmpty {
            for r in try await database.sql().raw("""
                SELECT uscc, name, district, legal_rep FROM enterprises WHERE uscc IN (\(binds: Array(part)))
                """).all(decoding: R.self) {
                out[r.uscc] = Registration(name: r.name, district: r.district, legalRepresentative: r.legal_rep)
            }
        }
        return out
    }

    /// The platform's unsettled loans and revolving lines of these firms, each with its lender's name, days overdue and class.
    public func openLoans(usccs: [String]) async throws -> [String: [MonitoringSnapshotBuilder.Loan]] {
        struct R: Decodable { let uscc: String; let name: String; let overdue_days: Int; let classification: String }
        var out: [String: [MonitoringSnapshotBuilder.Loan]] = [:]
        for part in usccs.chunked(by: Self.chunk) where !part.isEmpty {
            for r in try await database.sql().raw("""
                SELECT l.uscc, i.name, l.overdue_days, l.classification FROM loans l JOIN institutions i ON i.id = l.institution_id
                WHERE l.settled = 0 AND l.uscc IN (\(binds: Array(part)))
                UNION ALL
                SELECT c.uscc, i.name, c.overdue_days, c.classification FROM credit_lines c JOIN institutions i ON i.id = c.institution_id
                WHERE c.settled = 0 AND c.uscc IN (\(binds: Array(part)))
                """).all(decoding: R.self) {
                out[r.uscc, default: []].append(.init(lender: r.name, overdueDays: r.overdue_days,
                                                      classification: LoanClass(rawValue: r.classification) ?? .normal))
            }
        }
        return out
    }

    /// The firms with records written by a batch that finished at or after `batchesSince` (wall clock, as batches
    /// are stamped) or is still open (a batch's records and its registry rows arrive together), or with a record
    /// hidden (objection upheld, repair) at or after `flagsSince` (platform clock): the firms whose data-hub part of
    /// a snapshot may have changed.
    public func touched(batchesSince: Date, flagsSince: Date) async throws -> Set<String> {
        struct R: Decodable { let uscc: String }
        let sql = try database.sql()
        let batched = try await sql.raw("""
            SELECT DISTINCT uscc FROM records WHERE batch_id IN
              (SELECT id FROM batches WHERE finished_at >= \(bind: epochMillis(batchesSince)) OR finished_at = 0)
            """).all(decoding: R.self)
        let flagged = try await sql.raw("""
            SELECT DISTINCT r.uscc FROM record_flags f JOIN records r ON r.dataset = f.dataset AND r.record_id = f.record_id
            WHERE f.created_at >= \(bind: epochMillis(flagsSince))
            """).all(decoding: R.self)
        return Set((batched + flagged).map(\.uscc))
    }

    /// Institution names by id.
    public func institutionNames() async throws -> [Int64: String] {
        struct R: Decodable { let id: Int64; let name: String }
        let rows = try await database.sql().raw("SELECT id, name FROM institutions").all(decoding: R.self)
        return Dictionary(rows.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}
