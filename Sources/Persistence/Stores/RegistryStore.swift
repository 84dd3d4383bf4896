import Domain
import FluentKit
import Foundation
import SQLKit

/// The enterprise registry: search, one firm, counts.
public struct RegistryStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    struct Row: Decodable {
        let uscc: String, name: String, entity_type: String, legal_rep: String, industry: String
        let district: String, scale: String, status: String, established_on: String, record_count: Int

        var summary: EnterpriseSummary {
            EnterpriseSummary(uscc: uscc, name: name, entityType: entity_type, legalRep: legal_rep, industry: industry,
                              district: district, scale: scale, status: status, establishedOn: established_on,
                              recordCount: record_count)
        }
    }

    static let columns = "uscc, name, entity_type, legal_rep, industry, district, scale, status, established_on, record_count"

    /// `text` for a LIKE pattern with `ESCAPE '\'`: backslash, % and _ stand for themselves.
    static func likeLiteral(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    /// Search by the words of the name (each token contained, full- and half-width alike — see `SearchTokens`) or by a
    /// USCC prefix, filtered by district, industry and current grade, by name; each firm with its current grade.
    public func search(_ query: EnterpriseQuery) async throws -> ResultPage<EnterpriseSummary> {
        let sql = try database.sql()
        var conditions: [SQLQueryString] = []
        if let text = query.text {
            // Each token is matched literally: % and _ are escaped, not wildcards.
            let tokens = SearchTokens.tokens(text)
            var words: SQLQueryString = tokens.isEmpty ? "1 = 0" : ""
            for (index, token) in tokens.enumerated() {
                if index > 0 { words.appendLiteral(" AND ") }
                words = words + "e.name LIKE \(bind: "%" + Self.likeLiteral(token) + "%") ESCAPE '\\'"
            }
            if let prefix = SearchTokens.usccPrefix(text) {
                conditions.append("((" + words + ") OR e.uscc LIKE \(bind: Self.likeLiteral(prefix) + "%") ESCAPE '\\')")
            } else {
                conditions.append("(" + words + ")")
            }
        }
        if let district = query.district { conditions.append("e.district = \(bind: district)") }
        if let industry = query.industry { conditions.append("e.industry = \(bind: industry)") }
        if let grade = query.grade { conditions.append("v.grade = \(bind: grade)") }
        var filter: SQLQueryString = " FROM enterprises e LEFT JOIN evaluations v ON v.uscc = e.uscc "
        for (index, condition) in conditions.enumerated() {
            filter.appendLiteral(index == 0 ? "WHERE " : " AND ")
            filter = filter + condition
        }
        let totalRow = try await sql.raw("SELECT COUNT(*) AS n" + filter).first()
        let total = try totalRow?.decode(column: "n", as: Int.self) ?? 0
        struct Graded: Decodable { let grade: String? }
        let rows = try await sql.raw("SELECT \(unsafeRaw: Self.prefixedColumns), v.grade AS grade" + filter
            + " ORDER BY e.name, e.uscc LIMIT \(bind: query.perPage) OFFSET \(bind: query.paging.offset)").all()
        let items = try rows.map { row in
            var summary = try row.decode(model: Row.self).summary
            summary.grade = try row.decode(model: Graded.self).grade
            return summary
        }
        return ResultPage(items: items, paging: query.paging, total: total)
    }

    static let prefixedColumns = columns.split(separator: ",").map { "e." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")

    public func enterprise(_ uscc: String) async throws -> EnterpriseSummary? {
        try await database.sql().raw("SELECT \(unsafeRaw: Self.columns) FROM enterprises WHERE uscc = \(bind: uscc)")
            .first(decoding: Row.self)?.summary
    }

    public func count() async throws -> Int {
        try await database.sql().raw("SELECT COUNT(*) AS n FROM enterprises").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Recounts the records of the firms a batch touched (and of every firm when `batchID` is nil).
    public func refreshRecordCounts(batchID: Int64?) async throws {
        try await database.write { unit in
            let scope: SQLQueryString = batchID.map { "WHERE uscc IN (SELECT uscc FROM records WHERE batch_id = \(bind: $0))" }
                ?? ""
            try await unit.sql().raw("""
                UPDATE enterprises SET record_count = (SELECT COUNT(*) FROM records r WHERE r.uscc = enterprises.uscc)
                """ + " " + scope).run()
        }
    }
}
