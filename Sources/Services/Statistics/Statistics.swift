import Domain
import FluentKit
import Foundation
import NIOConcurrencyHelpers
import Persistence
import Spreadsheet

/// The statistics kept in memory per process: the stored cells as one aggregate (with its query index). After a
/// refresh only the cells written since are read and set (a full read of a city's cells takes minutes at a million
/// loans); after a rebuild everything is read again.
public final class StatCache: Sendable {
    private let kept = NIOLockedValueBox<(versions: StatStore.Versions, aggregate: StatAggregate)?>(nil)
    public init() {}

    func aggregate(on database: any Database) async throws -> StatAggregate {
        let store = StatStore(database: database)
        let versions = try await store.versions()
        let cached = kept.withLockedValue { $0 }
        if let cached, cached.versions == versions { return cached.aggregate }
        var aggregate: StatAggregate
        if let cached, cached.versions.base == versions.base, cached.versions.cells < versions.cells {
            aggregate = cached.aggregate
            for cell in try await store.cells(after: cached.versions.cells) { aggregate.set(cell.month, cell.dims, to: cell.measures) }
        } else {
            aggregate = try await store.aggregate()
        }
        kept.withLockedValue { current in
            // Another request may have caught up further meanwhile: keep the newer.
            if current.map({ $0.versions.base != versions.base || $0.versions.cells <= versions.cells }) ?? true {
                current = (versions, aggregate)
            }
        }
        return aggregate
    }
}

/// The statistics' use cases: figures over any period by any dimension, the monthly close and its re-opening.
/// Reading is for the credit center and the finance bureau, the regulator and the central bank's branch
/// (departments `czj`, `jrj`, `rmyh`); closing and re-opening for the credit center.
public struct Statistics: Sendable {
    let context: ServiceContext
    var cache: StatCache { context.runtime.statistics }

    public init(context: ServiceContext) { self.context = context }

    public static func mayRead(_ principal: Principal) -> Bool { StatAccess.mayRead(principal) }

    func requireReader(_ principal: Principal) throws {
        guard Self.mayRead(principal) else { throw DomainError.forbidden("统计分析仅对信用中心及财政、金融监管部门开放") }
    }

    func requireOperator(_ principal: Principal) throws {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可结账、重新开账") }
    }

    public func aggregate() async throws -> StatAggregate { try await cache.aggregate(on: context.database) }

    /// What the statistics page and the API show: every indicator over the period, one indicator broken down by a
    /// dimension (or by month), and that indicator's monthly series.
    public struct Overview: Sendable {
        public var period: StatPeriod
        public var filter: StatFilter
        public var values: [String: IndicatorValue]
        public var indicator: Indicator
        public var dimension: StatDimension?
        public var breakdown: [(value: String, result: IndicatorValue)]
        public var monthly: [(month: StatMonth, value: IndicatorValue)]
        /// The digest of the closed snapshot when the period is one closed month.
        public var closedDigest: String?
        /// Every value each dimension has taken (for the filters).
        public var dimensionValues: [StatDimension: [String]]
    }

    public func overview(_ principal: Principal, period: StatPeriod, filter: StatFilter = .all, indicator code: String = "lending.loan_amount",
                         by dimension: StatDimension? = nil) async throws -> Overview {
        try requireReader(principal)
        guard let indicator = IndicatorCatalog.indicator(code) else {
            throw DomainError.invalidInput(field: "indicator", reason: "没有编码为“\(code)”的统计指标")
        }
        let aggregate = try await aggregate()
        let values = try aggregate.values(period: period, filter: filter)
        var dimensionValues: [StatDimension: [String]] = [:]
        for d in StatDimension.allCases { dimensionValues[d] = aggregate.values(of: d) }
        let breakdown = try dimension.map { try aggregate.breakdown(indicator, period: period, by: $0, values: dimensionValues[$0] ?? [], filter: filter) } ?? []
        var monthly: [(month: StatMonth, value: IndicatorValue)] = []
        if let months = period.wholeMonths { monthly = try aggregate.monthly(indicator, months: months, filter: filter) }
        var closedDigest: String?
        if let months = period.wholeMonths, months.lowerBound == months.upperBound {
            closedDigest = try await StatStore(database: context.database).book().closed[months.lowerBound]
        }
        return Overview(period: period, filter: filter, values: values, indicator: indicator, dimension: dimension,
                        breakdown: breakdown, monthly: monthly, closedDigest: closedDigest, dimensionValues: dimensionValues)
    }

    // MARK: Close

    public func closes(_ principal: Principal) async throws -> [StatStore.CloseEntry] {
        try requireReader(principal)
        return try await StatStore(database: context.database).closes()
    }

    /// Closes `month`: every indicator for the city, each district and each institution, frozen as a snapshot whose
    /// digest goes into the transparency log. The statistics are brought up to date first.
    @discardableResult
    public func close(_ principal: Principal, month: StatMonth) async throws -> StatSnapshot {
        try requireOperator(principal)
        _ = try await StatRefresh(database: context.database, platform: context.platform).refresh()
        let aggregate = try await aggregate()
        let snapshot = try StatSnapshot.close(month, from: aggregate, scopes: StatSnapshot.standardScopes(aggregate, through: month))
        let now = context.clock.now()
        _ = try await StatStore(database: context.database).record(month: month, close: snapshot, reason: "", actor: principal.name,
                                                                   on: Day(now), at: now)
        return snapshot
    }

    public func reopen(_ principal: Principal, month: StatMonth, reason: String) async throws {
        try requireOperator(principal)
        let now = context.clock.now()
        _ = try await StatStore(database: context.database).record(month: month, close: nil, reason: reason, actor: principal.name,
                                                                   on: Day(now), at: now)
    }

    /// The closed snapshot of `month` against today's figures: what changed since it was closed (late reports, a
    /// repayment reported afterwards …).
    public func differencesSinceClose(_ principal: Principal, month: StatMonth) async throws -> [(scope: StatFilter, code: String, closed: IndicatorValue?, now: IndicatorValue?)] {
        try requireReader(principal)
        let store = StatStore(database: context.database)
        guard let entry = try await store.closes().last(where: { $0.month == month && $0.action == "close" }), let closed = entry.snapshot else {
            throw DomainError.notFound("\(month.label)的结账快照")
        }
        let aggregate = try await aggregate()
        let now = try StatSnapshot.close(month, from: aggregate, scopes: Array(Set(closed.rows.map(\.scope))))
        return closed.differences(from: now)
    }

    // MARK: Exports

    /// The overview's tables as a workbook: every indicator, the breakdown, the monthly series.
    public static func workbook(_ overview: Overview, names: [String: String] = [:]) throws -> Data {
        var values = Worksheet(name: "指标", columnWidths: [14, 28, 18, 12, 60])
        values.header(["分组", "指标", "数值", "单位", "定义"])
        for indicator in IndicatorCatalog.all {
            let value = overview.values[indicator.code] ?? .undefined
            values.append([.text(indicator.group.label), .text(indicator.name), cell(value, indicator.unit), .text(indicator.unit.label),
                           .text(indicator.definition)])
        }
        var sheets = [values]
        if let dimension = overview.dimension {
            var breakdown = Worksheet(name: "按\(dimension.label)", columnWidths: [28, 18])
            breakdown.header([dimension.label, overview.indicator.name])
            for row in overview.breakdown { breakdown.append([.text(names[row.value] ?? row.value), cell(row.result, overview.indicator.unit)]) }
            // Where the parts add up to the whole (a counter, not distinct firms or a ratio), a total row the reader's
            // spreadsheet computes itself.
            if Self.isAdditive(overview.indicator), !overview.breakdown.isEmpty {
                let last = overview.breakdown.count + 1
                breakdown.append([.text("合计", bold: true), .formula("SUM(B2:B\(last))", style: overview.indicator.unit == .cents ? .money : .integer)])
            }
            sheets.append(breakdown)
        }
        if !overview.monthly.isEmpty {
            var monthly = Worksheet(name: "按月", columnWidths: [12, 18])
            monthly.header(["月份", overview.indicator.name])
            for row in overview.monthly { monthly.append([.text(row.month.description), cell(row.value, overview.indicator.unit)]) }
            sheets.append(monthly)
        }
        return try Workbook(sheets: sheets).xlsxData()
    }

    /// A count or sum of a counter: each fact is in exactly one value of a dimension, so the parts add up.
    static func isAdditive(_ indicator: Indicator) -> Bool {
        switch indicator.formula {
        case .count(.measure), .sum(.measure): true
        default: false
        }
    }

    static func cell(_ value: IndicatorValue, _ unit: IndicatorUnit) -> SheetCell {
        guard let v = value.value else { return .text("—") }
        switch unit {
        case .cents: return .money(cents: v)
        case .percent: return .percent(millionths: v)
        case .firms, .items, .entities, .records, .times, .days: return .integer(v)
        default: return .text(value.text(unit))
        }
    }

    /// The overview's tables as CSV (UTF-8 with a BOM, formula-safe cells).
    public static func csv(_ overview: Overview, names: [String: String] = [:]) -> String {
        var rows: [[String]] = [["分组", "指标", "数值", "单位"]]
        for indicator in IndicatorCatalog.all {
            rows.append([indicator.group.label, indicator.name, (overview.values[indicator.code] ?? .undefined).text(indicator.unit), indicator.unit.label])
        }
        if let dimension = overview.dimension {
            rows.append([])
            rows.append([dimension.label, overview.indicator.name])
            for row in overview.breakdown { rows.append([names[row.value] ?? row.value, row.result.text(overview.indicator.unit)]) }
        }
        if !overview.monthly.isEmpty {
            rows.append([])
            rows.append(["月份", overview.indicator.name])
            for row in overview.monthly { rows.append([row.month.description, row.value.text(overview.indicator.unit)]) }
        }
        return "\u{FEFF}" + rows.map { CSVWriting.line($0.map(CSVWriting.spreadsheetSafe)) }.joined()
    }
}
