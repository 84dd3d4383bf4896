import DemoCity
import Domain
import Foundation

/// The database-free part of `xyd bench stats`: the statistics pages as `Statistics.overview` computes them, timed
/// repeatedly, and the incremental path (a share of the loans changed, their events taken out and put in again)
/// compared with a full recomputation.
public enum StatBenchWorkload {
    /// One page of the statistics: every indicator over the period, one indicator broken down by a dimension, that
    /// indicator's monthly series and the filters' values, as `Statistics.overview` reads them from the aggregate.
    public struct Page: Sendable {
        public var name: String
        public var period: StatPeriod
        public var filter: StatFilter
        public var indicator = "lending.loan_amount"
        public var dimension: StatDimension?
    }

    /// What the page shows, computed from `aggregate`; the figures' count (so the work cannot be optimised away).
    @discardableResult
    public static func render(_ page: Page, from aggregate: StatAggregate) throws -> Int {
        guard let indicator = IndicatorCatalog.indicator(page.indicator) else { return 0 }
        let values = try aggregate.values(period: page.period, filter: page.filter)
        var dimensionValues: [StatDimension: [String]] = [:]
        for d in StatDimension.allCases { dimensionValues[d] = aggregate.values(of: d) }
        let breakdown = try page.dimension.map {
            try aggregate.breakdown(indicator, period: page.period, by: $0, values: dimensionValues[$0] ?? [], filter: page.filter)
        } ?? []
        var monthly: [(month: StatMonth, value: IndicatorValue)] = []
        if let months = page.period.wholeMonths { monthly = try aggregate.monthly(indicator, months: months, filter: page.filter) }
        return values.count + breakdown.count + monthly.count
    }

    /// The pages the statistics area makes, for the history ending with `last`: a month, a quarter and a year of the
    /// city; the year by each dimension; the whole history month by month; a district, an institution and both.
    public static func pages(last: StatMonth, years: Int, district: String?, institution: String?) -> [Page] {
        let year = StatPeriod.months(last.adding(months: -11), last)
        let quarter = StatPeriod.months(last.adding(months: -2), last)
        var pages = [
            Page(name: "全市·月（全部 \(IndicatorCatalog.all.count) 项指标）", period: .month(last), filter: .all),
            Page(name: "全市·季", period: quarter, filter: .all),
            Page(name: "全市·年", period: year, filter: .all),
        ]
        for d in [StatDimension.district, .institution, .product, .industry, .firmSize] {
            pages.append(Page(name: "全市·年·按\(d.label)", period: year, filter: .all, dimension: d))
        }
        pages.append(Page(name: "全市·\(years) 年逐月序列", period: .months(last.adding(months: -(years * 12 - 1)), last), filter: .all))
        if let district { pages.append(Page(name: "筛选·一个区县·年", period: year, filter: .district(district))) }
        if let institution {
            pages.append(Page(name: "筛选·一家机构·年·按产品", period: year, filter: .institution(institution), dimension: .product))
        }
        if let district, let institution {
            pages.append(Page(name: "筛选·区县＋机构·年", period: year, filter: StatFilter([.district: district, .institution: institution])))
        }
        return pages
    }

    /// Wall times of `body` in milliseconds: run `times` times, or fewer when they take longer than `budget` seconds
    /// (at least three).
    public static func time(times: Int, budget: Double, _ body: () throws -> Void) rethrows -> [Double] {
        var samples: [Double] = []
        let started = Date()
        while samples.count < times && (samples.count < 3 || Date().timeIntervalSince(started) < budget) {
            let t = Date()
            try body()
            samples.append(Date().timeIntervalSince(t) * 1000)
        }
        return samples
    }

    /// The nearest-rank percentile of `samples`.
    public static func percentile(_ samples: [Double], _ p: Int) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[max(0, min(sorted.count - 1, (p * sorted.count + 99) / 100 - 1))]
    }

    // MARK: The incremental path

    /// Changes every `every`-th loan: one in two gets a repayment of half its outstanding principal on the history's
    /// last day, the other a reclassification to 关注 inserted in its past (which moves its later repayments to
    /// another class, so old months change too). Returns the changed loans' indexes.
    public static func changeLoans(_ facts: inout StatFacts, every: Int, on last: Day) -> [Int] {
        var changed: [Int] = []
        for (n, i) in stride(from: every / 2, to: facts.loans.count, by: max(every, 1)).enumerated() {
            var loan = facts.loans[i]
            let outstanding = loan.position(on: last)?.outstanding ?? .zero
            if n % 2 == 0 && outstanding.value >= 2 {
                loan.changes.append(StatLoanChange(day: last, .repaid(Cents(outstanding.value / 2))))
            } else {
                let span = max(loan.disbursedOn.days(until: last), 0)
                let (y, m, d) = CivilCalendar.date(days: CivilCalendar.days(year: loan.disbursedOn.year, month: loan.disbursedOn.month,
                                                                            day: loan.disbursedOn.day) + span / 2)
                let day = Day(year: y, month: m, day: d)
                let at = loan.changes.firstIndex { $0.day > day } ?? loan.changes.count
                loan.changes.insert(StatLoanChange(day: day, .reclassified(.specialMention)), at: at)
            }
            facts.loans[i] = loan
            changed.append(i)
        }
        return changed
    }

    /// A loan's own events, as `StatRefresh` counts the entity `loan:<id>`: its firm only says where it was.
    public static func events(of loan: StatLoan, firm: StatFirm?) -> [StatEvent] {
        var events: [StatEvent] = []
        StatEventReplay.visit(StatFacts(firms: firm.map { [$0] } ?? [], loans: [loan])) { event in
            switch event.change {
            case .firmRegistered, .firmMoved, .standingChanged: break
            default: events.append(event)
            }
        }
        return events
    }

    /// The delta of re-counting the changed loans (old events out, new ones in), as `StatRefresh.refresh` builds it.
    public static func delta(before: StatFacts, after: StatFacts, changed: [Int]) -> StatAggregate {
        let firms = Dictionary(after.firms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var delta = StatAggregate()
        for i in changed {
            for event in events(of: before.loans[i], firm: firms[before.loans[i].firm]) { delta.apply(event, sign: -1) }
            for event in events(of: after.loans[i], firm: firms[after.loans[i].firm]) { delta.apply(event) }
        }
        return delta
    }

    /// How many (month, dimensions) cells differ between two aggregates.
    public static func differingCells(_ a: StatAggregate, _ b: StatAggregate) -> Int {
        let x = a.nonZeroCells, y = b.nonZeroCells
        var count = 0
        for month in Set(x.keys).union(y.keys) {
            let rowA = x[month] ?? [:], rowB = y[month] ?? [:]
            for dims in Set(rowA.keys).union(rowB.keys) where rowA[dims] != rowB[dims] { count += 1 }
        }
        return count
    }

    public static func cellCount(_ aggregate: StatAggregate) -> Int { aggregate.cells.values.reduce(0) { $0 + $1.count } }
}
