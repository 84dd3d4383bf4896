import Domain
import FluentKit
import Foundation
import SQLKit

/// What the credit center filters the city's applications and loans by (/console/applications, /console/loans).
public struct MarketFilter: Sendable, Equatable {
    /// Firm name words or a USCC prefix (see `SearchTokens`).
    public var text: String?
    public var institutionID: Int64?
    /// The firm's registered district.
    public var district: String?
    /// Applications created on or after / on or before this day (Beijing time).
    public var from: Day?
    public var to: Day?

    public init(text: String? = nil, institutionID: Int64? = nil, district: String? = nil, from: Day? = nil, to: Day? = nil) {
        self.text = text; self.institutionID = institutionID; self.district = district; self.from = from; self.to = to
    }

    /// The conditions on a table with `uscc` and `institution_id` columns; `day` names its column of epoch milliseconds
    /// (nil: the day range is not applied).
    func conditions(day column: String?) -> [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let institutionID { conditions.append("institution_id = \(bind: institutionID)") }
        var firm: [SQLQueryString] = []
        if let text, let words = Self.words(text) { firm.append(words) }
        if let district { firm.append("e.district = \(bind: district)") }
        if !firm.isEmpty {
            var subquery: SQLQueryString = "uscc IN (SELECT e.uscc FROM enterprises e WHERE "
            for (index, condition) in firm.enumerated() {
                if index > 0 { subquery.appendLiteral(" AND ") }
                subquery = subquery + condition
            }
            conditions.append(subquery + ")")
        }
        if let column, let from { conditions.append("\(unsafeRaw: column) >= \(bind: Self.millis(from))") }
        if let column, let to { conditions.append("\(unsafeRaw: column) < \(bind: Self.millis(to.adding(days: 1)))") }
        return conditions
    }

    /// Each token contained in the name (literally: % and _ escaped), or the text as a USCC prefix.
    static func words(_ text: String) -> SQLQueryString? {
        let tokens = SearchTokens.tokens(text)
        var words: SQLQueryString = tokens.isEmpty ? "1 = 0" : ""
        for (index, token) in tokens.enumerated() {
            if index > 0 { words.appendLiteral(" AND ") }
            words = words + "e.name LIKE \(bind: "%" + RegistryStore.likeLiteral(token) + "%") ESCAPE '\\'"
        }
        guard let prefix = SearchTokens.usccPrefix(text) else { return "(" + words + ")" }
        return "((" + words + ") OR e.uscc LIKE \(bind: RegistryStore.likeLiteral(prefix) + "%") ESCAPE '\\')"
    }

    static func millis(_ day: Day) -> Int64 { Int64((day.date.timeIntervalSince1970 * 1000).rounded()) }

    static func joined(_ conditions: [SQLQueryString]) -> SQLQueryString {
        guard !conditions.isEmpty else { return "1 = 1" }
        var all: SQLQueryString = ""
        for (index, condition) in conditions.enumerated() {
            if index > 0 { all.appendLiteral(" AND ") }
            all = all + condition
        }
        return all
    }
}

/// The most rows an export holds (a filter narrows a larger selection).
public let marketExportLimit = 50_000

extension ApplicationStore {
    /// The city's applications the filter selects, optionally of one status, newest first (a page, or the export's
    /// first `marketExportLimit` when `paging` is nil).
    public func applications(_ filter: MarketFilter, status: ApplicationStatus?, paging: Paging?) async throws -> ResultPage<Stored> {
        var conditions = filter.conditions(day: "created_at")
        if let status { conditions.append("status = \(bind: status.rawValue)") }
        return try await page(MarketFilter.joined(conditions), paging: paging ?? Paging(perPage: Paging.maxPerPage), limit: paging == nil ? marketExportLimit : nil)
    }

    /// How many of the filtered applications are in each status (the status filter itself aside).
    public func statusCounts(_ filter: MarketFilter) async throws -> [ApplicationStatus: Int] {
        struct Row: Decodable { let status: String; let n: Int }
        let rows = try await database.sql().raw("SELECT status, COUNT(*) AS n FROM applications WHERE "
            + MarketFilter.joined(filter.conditions(day: "created_at")) + " GROUP BY status").all(decoding: Row.self)
        return Dictionary(rows.compactMap { row in ApplicationStatus(rawValue: row.status).map { ($0, row.n) } }, uniquingKeysWith: +)
    }
}

extension LoanStore {
    /// Which loans: open (not settled), overdue (open with overdue days), settled, or all.
    public enum LoanState: String, Sendable, CaseIterable {
        case open, overdue, settled
    }

    /// The totals of the filtered loans: how many, their outstanding principal, how many overdue.
    public struct LoanTotals: Sendable, Equatable {
        public var count: Int
        public var outstanding: Cents
        public var overdue: Int
    }

    func loanConditions(_ filter: MarketFilter, state: LoanState?, classification: LoanClass?) -> SQLQueryString {
        // A loan's disbursement day lives in its ledger, not in a column: loans are not filtered by day.
        var conditions = filter.conditions(day: nil)
        switch state {
        case .open: conditions.append("settled = 0")
        case .overdue: conditions.append("settled = 0 AND overdue_days > 0")
        case .settled: conditions.append("settled = 1")
        case nil: break
        }
        if let classification { conditions.append("classification = \(bind: classification.rawValue)") }
        return MarketFilter.joined(conditions)
    }

    /// The city's loans the filter selects, newest first (a page, or the export's first `marketExportLimit`).
    public func loans(_ filter: MarketFilter, state: LoanState?, classification: LoanClass?, paging: Paging?) async throws -> ResultPage<Stored> {
        let condition = loanConditions(filter, state: state, classification: classification)
        let limit: SQLQueryString = paging.map { " LIMIT \(bind: $0.perPage) OFFSET \(bind: $0.offset)" } ?? " LIMIT \(bind: marketExportLimit)"
        let rows = try await database.sql().raw(SQLQueryString("SELECT \(Self.columns) FROM loans WHERE ") + condition
            + " ORDER BY id DESC" + limit).all(decoding: Row.self).map(stored)
        let totals = try await totals(filter, state: state, classification: classification)
        return ResultPage(items: rows, paging: paging ?? Paging(page: 1, perPage: max(1, rows.count)), total: totals.count)
    }

    public func totals(_ filter: MarketFilter, state: LoanState?, classification: LoanClass?) async throws -> LoanTotals {
        struct Row: Decodable { let n: Int; let outstanding: Int64?; let overdue: Int? }
        let row = try await database.sql().raw("""
            SELECT COUNT(*) AS n, CAST(SUM(CASE WHEN settled = 0 THEN outstanding ELSE 0 END) AS BIGINT) AS outstanding,
              CAST(SUM(CASE WHEN settled = 0 AND overdue_days > 0 THEN 1 ELSE 0 END) AS BIGINT) AS overdue FROM loans WHERE\u{20}
            """ + loanConditions(filter, state: state, classification: classification)).first(decoding: Row.self)
        return LoanTotals(count: row?.n ?? 0, outstanding: Cents(row?.outstanding ?? 0), overdue: row?.overdue ?? 0)
    }
}

extension DemandStore {
    /// The demands table with the taking institution as `institution_id`, so `MarketFilter` applies to it as to
    /// applications (the institution filter then means "taken by").
    static let oversight: SQLQueryString = "(SELECT id, uscc, detail, status, created_at, taken_by AS institution_id FROM demands) d"

    /// The city's demands for the credit center: filtered, newest first, a page (or the first `marketExportLimit` for
    /// an export when `paging` is nil).
    public func demands(_ filter: MarketFilter, status: DemandStatus?, paging: Paging?) async throws -> ResultPage<FinancingDemand> {
        var conditions = filter.conditions(day: "created_at")
        if let status { conditions.append("status = \(bind: status.rawValue)") }
        let condition = MarketFilter.joined(conditions)
        let page = paging ?? Paging(perPage: Paging.maxPerPage)
        struct Count: Decodable { let n: Int }
        let sql = try database.sql()
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM " + Self.oversight + " WHERE " + condition).first(decoding: Count.self)?.n ?? 0
        let rows = try await sql.raw("SELECT detail FROM " + Self.oversight + " WHERE " + condition
            + " ORDER BY id DESC LIMIT \(bind: paging == nil ? marketExportLimit : page.perPage) OFFSET \(bind: paging == nil ? 0 : page.offset)")
            .all(decoding: Row.self)
        return ResultPage(items: try rows.map { try DetailCoding.decode(FinancingDemand.self, $0.detail) }, paging: page, total: total)
    }

    /// How many of the filtered demands are in each status.
    public func statusCounts(_ filter: MarketFilter) async throws -> [DemandStatus: Int] {
        struct Row: Decodable { let status: String; let n: Int }
        let rows = try await database.sql().raw("SELECT status, COUNT(*) AS n FROM " + Self.oversight + " WHERE "
            + MarketFilter.joined(filter.conditions(day: "created_at")) + " GROUP BY status").all(decoding: Row.self)
        return Dictionary(rows.compactMap { row in DemandStatus(rawValue: row.status).map { ($0, row.n) } }, uniquingKeysWith: +)
    }
}
