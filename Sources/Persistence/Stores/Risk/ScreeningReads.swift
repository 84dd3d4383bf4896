import Domain
import FluentKit
import SQLKit

/// The bulk reads the screening of a whole 申报清单 makes: registry rows, the firms each legal representative
/// represents, and current grades, a chunk of firms per query (a list is tens of thousands of firms).
public struct ScreeningReads: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    /// Firms per query: well under SQLite's and PostgreSQL's bound-parameter limits.
    static let chunk = 2_000

    public func registrations(usccs: [String]) async throws -> [String: ScreeningFactsBuilder.Registration] {
        struct R: Decodable { let uscc: String; let name: String; let status: String; let established_on: String; let legal_rep_id: String }
        var out: [String: ScreeningFactsBuilder.Registration] = [:]
        for part in usccs.chunked(by: Self.chunk) {
            let rows = try await database.sql().raw("""
                SELECT uscc, name, status, established_on, legal_rep_id FROM enterprises WHERE uscc IN (\(binds: Array(part)))
                """).all(decoding: R.self)
            for r in rows {
                out[r.uscc] = .init(uscc: r.uscc, name: r.name, status: r.status, establishedOn: r.established_on, legalRepID: r.legal_rep_id)
            }
        }
        return out
    }

    /// The firms (code and name) each of these legal representatives represents.
    public func firms(representedBy ids: [String]) async throws -> [String: [(uscc: String, name: String)]] {
        struct R: Decodable { let uscc: String; let name: String; let legal_rep_id: String }
        var out: [String: [(uscc: String, name: String)]] = [:]
        for part in Array(Set(ids.filter { !$0.isEmpty })).chunked(by: Self.chunk) {
            let rows = try await database.sql().raw("""
                SELECT uscc, name, legal_rep_id FROM enterprises WHERE legal_rep_id IN (\(binds: Array(part)))
                """).all(decoding: R.self)
            for r in rows { out[r.legal_rep_id, default: []].append((r.uscc, r.name)) }
        }
        return out
    }

    /// Current evaluation grades.
    public func grades(usccs: [String]) async throws -> [String: String] {
        struct R: Decodable { let uscc: String; let grade: String }
        var out: [String: String] = [:]
        for part in usccs.chunked(by: Self.chunk) {
            for r in try await database.sql().raw("SELECT uscc, grade FROM evaluations WHERE uscc IN (\(binds: Array(part)))")
                .all(decoding: R.self) { out[r.uscc] = r.grade }
        }
        return out
    }
}

extension ScreeningReads {
    /// Firms whose current evaluation grade is one of `grades` (the red list's candidates).
    public func firms(withGrades grades: [String]) async throws -> [String: String] {
        guard !grades.isEmpty else { return [:] }
        struct R: Decodable { let uscc: String; let grade: String }
        return Dictionary(try await database.sql().raw("SELECT uscc, grade FROM evaluations WHERE grade IN (\(binds: grades))")
            .all(decoding: R.self).map { ($0.uscc, $0.grade) }, uniquingKeysWith: { a, _ in a })
    }
}
