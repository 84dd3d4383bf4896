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

    /// Search by name (contains) or USCC (prefix), filtered by district and industry, by name.
    public func search(_ query: EnterpriseQuery) async throws -> ResultPage<EnterpriseSummary> {
        let sql = try database.sql()
        var conditions: [SQLQueryString] = []
        if let text = query.text {
            // The text is matched literally: % and _ are escaped, not wildcards.
            let literal = Self.likeLiteral(text)
            conditions.append("(name LIKE \(bind: "%" + literal + "%") ESCAPE '\\' OR uscc LIKE \(bind: literal.uppercased() + "%") ESCAPE '\\')")
        }
        if let district = query.district { conditions.append("district = \(bind: district)") }
        if let industry = query.industry { conditions.append("industry = \(bind: industry)") }
        var filter: SQLQueryString = ""
        if !conditions.isEmpty {
            filter = "WHERE "
            for (index, condition) in conditions.enumerated() {
                if index > 0 { filter.appendLiteral(" AND ") }
                filter = filter + condition
            }
        }
        let totalRow = try await sql.raw("SELECT COUNT(*) AS n FROM enterprises " + filter).first()
        let total = try totalRow?.decode(column: "n", as: Int.self) ?? 0
        let items = try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM enterprises " + filter
            + " ORDER BY name, uscc LIMIT \(bind: query.perPage) OFFSET \(bind: query.paging.offset)")
            .all(decoding: Row.self).map(\.summary)
        return ResultPage(items: items, paging: query.paging, total: total)
    }

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
