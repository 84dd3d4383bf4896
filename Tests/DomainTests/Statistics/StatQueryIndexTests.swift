import DemoCity
import Testing
@testable import Domain

/// The aggregate's query index (per-month totals by dimension value, cells listed by value) gives exactly what
/// adding every matching cell gives, on random histories, whatever was asked, and stays so while events are taken
/// out and put in again and deltas are merged.
@Suite struct StatQueryIndexTests {
    static let seeds: [UInt64] = [1, 2, 3, 20_250_301, 0xC0FFEE]

    func world(_ seed: UInt64) -> StatWorld {
        var world = StatWorld(seed: seed)
        world.run(from: Day(iso: "2024-11-01")!, days: 200)
        return world
    }

    func filters(_ world: StatWorld) -> [StatFilter] {
        var filters: [StatFilter] = [.all]
        filters += world.districts.map { StatFilter.district($0) }
        filters += world.institutions.map { StatFilter.institution($0) }
        filters += [StatFilter([.district: "210203", .institution: "B2"]), StatFilter([.firmSize: "micro"]),
                    StatFilter([.industry: "C", .district: "210202"]), StatFilter([.product: "B1-P2"]),
                    StatFilter([.department: "SCJ"]), StatFilter([.district: "999999"]),
                    StatFilter([.institution: "B1", .product: "B1-P1", .industry: "F", .firmSize: "small"]),
                    StatFilter([.institution: "B1", .product: "B2-P1"])]
        return filters
    }

    var ranges: [ClosedRange<StatMonth>] {
        let first = StatMonth(year: 2024, month: 11), last = StatMonth(year: 2025, month: 5)
        var ranges: [ClosedRange<StatMonth>] = []
        var month = first.adding(months: -1)
        while month <= last.adding(months: 1) { ranges.append(month...month); month = month.adding(months: 1) }
        ranges += [first...last, StatMonth(year: 2025, month: 1)...StatMonth(year: 2025, month: 3),
                   StatMonth(year: 2024, month: 12)...StatMonth(year: 2025, month: 2), StatMonth(year: 2020, month: 1)...last]
        return ranges
    }

    func expectIndexEqualsScan(_ aggregate: StatAggregate, _ world: StatWorld) {
        #expect(aggregate.indexAgreesWithCells)
        for months in ranges {
            for filter in filters(world) {
                let indexed = aggregate.measures(months: months, filter: filter)
                let scanned = aggregate.scannedMeasures(months: months, filter: filter)
                #expect(indexed == scanned, "\(months) \(filter): \(indexed.nonZero) vs \(scanned.nonZero)")
            }
        }
        for dimension in StatDimension.allCases {
            #expect(aggregate.values(of: dimension) == aggregate.scannedValues(of: dimension))
            let through = StatMonth(year: 2025, month: 1)
            #expect(aggregate.values(of: dimension, through: through) == aggregate.scannedValues(of: dimension, through: through))
        }
    }

    @Test(arguments: seeds)
    func indexedQueriesEqualAScanOfEveryCell(seed: UInt64) {
        let world = world(seed)
        var live = StatAggregate()
        for event in world.events { live.apply(event) }
        expectIndexEqualsScan(live, world)
        expectIndexEqualsScan(StatAggregate(rebuiltFrom: world.facts), world)
        expectIndexEqualsScan(StatAggregate(cells: live.cells), world)
    }

    @Test(arguments: seeds)
    func theIndexKeepsUpWhenEventsAreTakenOutAndDeltasMerged(seed: UInt64) {
        let world = world(seed)
        var random = SeededRandom(seed: seed ^ 0xABC)
        var live = StatAggregate()
        for event in world.events { live.apply(event) }
        // Take a third of the events out one by one, then put them back as one merged delta.
        let removed = world.events.filter { _ in Int.random(in: 0..<3, using: &random) == 0 }
        for event in removed { live.apply(event, sign: -1) }
        #expect(live.indexAgreesWithCells)
        expectIndexEqualsScan(live, world)
        var delta = StatAggregate()
        for event in removed { delta.apply(event) }
        live.merge(delta)
        #expect(live == StatAggregate(rebuiltFrom: world.facts))
        expectIndexEqualsScan(live, world)
        // Everything out: nothing left, in the cells or the index.
        for event in world.events { live.apply(event, sign: -1) }
        #expect(live.cells.isEmpty && live.index.isEmpty)
    }

    @Test(arguments: seeds)
    func askingForSomePartsGivesThoseExactlyAndLeavesTheOthersEmpty(seed: UInt64) throws {
        let world = world(seed)
        let aggregate = StatAggregate(rebuiltFrom: world.facts)
        let months = StatMonth(year: 2024, month: 12)...StatMonth(year: 2025, month: 4)
        for parts in [StatParts.countersOnly, .distinct(.loanFirms), StatParts.duration(.daysToTake).union(.distinct(.datasetsReceived))] {
            for filter in filters(world) {
                let some = aggregate.measures(months: months, filter: filter, parts: parts)
                let every = aggregate.measures(months: months, filter: filter)
                #expect(some.counters == every.counters)
                for m in StatDistinct.allCases { #expect(some.distinct[m.index] == (parts.contains(m) ? every.distinct[m.index] : [:])) }
                for d in StatDuration.allCases { #expect(some.durations[d.index] == (parts.contains(d) ? every.durations[d.index] : DayHistogram())) }
            }
        }
        // Every indicator, read through the parts it needs, equals the calculator over the facts.
        let calculator = StatCalculator(facts: world.facts)
        for filter in filters(world) {
            let period = StatPeriod.months(months.lowerBound, months.upperBound)
            #expect(try aggregate.values(period: period, filter: filter) == calculator.values(period: period, filter: filter))
        }
    }

    @Test(arguments: seeds)
    func aBreakdownWithinAFilterEqualsOneQueryPerValue(seed: UInt64) throws {
        let world = world(seed)
        let aggregate = StatAggregate(rebuiltFrom: world.facts)
        let source: any StatSource = aggregate
        let codes = ["lending.loan_amount", "lending.loan_firms", "lending.average_rate_change", "risk.npl_ratio",
                     "demand.take_days_median", "platform.firms_registered"]
        let periods: [StatPeriod] = [.month(StatMonth(year: 2025, month: 2)), .quarter(year: 2025, 1),
                                     .months(StatMonth(year: 2024, month: 11), StatMonth(year: 2025, month: 5))]
        for code in codes {
            let indicator = try #require(IndicatorCatalog.indicator(code))
            for period in periods {
                for filter in filters(world) {
                    for dimension in [StatDimension.district, .institution, .product, .industry] {
                        let values = aggregate.values(of: dimension) + ["nothing"]
                        let fast = try aggregate.breakdown(indicator, period: period, by: dimension, values: values, filter: filter)
                        let generic = try source.breakdown(indicator, period: period, by: dimension, values: values, filter: filter)
                        #expect(fast.map(\.value) == generic.map(\.value))
                        #expect(fast.map(\.result) == generic.map(\.result), "\(code) \(period) \(filter) by \(dimension)")
                    }
                }
            }
        }
    }

    @Test func aGeneratedHistoryIsTheSameEachTimeAndItsAggregatesAgree() {
        let config = StatHistory.Config(firms: 300, loans: 2_000, years: 2, seed: 11, lastMonth: StatMonth(year: 2025, month: 6))
        let facts = StatHistory(config).facts()
        #expect(facts == StatHistory(config).facts())
        #expect(facts.firms.count == 300 && facts.loans.count == 2_000)
        #expect(facts.firms.contains { $0.districts.count > 1 }, "some firm moved")
        #expect(facts.loans.contains { $0.changes.contains { if case .reclassified = $0.kind { true } else { false } } })
        #expect(facts.loans.allSatisfy { loan in
            let end = StatMonth(year: 2025, month: 6).lastDay
            let repaid = loan.changes.reduce(Int64(0)) { if case .repaid(let c) = $1.kind { $0 + c.value } else { $0 } }
            return loan.disbursedOn <= end && loan.changes.allSatisfy { $0.day <= end } && repaid <= loan.amount.value
        })
        var live = StatAggregate()
        for event in StatEventReplay.events(from: facts) { live.apply(event) }
        let rebuilt = StatAggregate(rebuiltFrom: facts)
        #expect(live == rebuilt && live.indexAgreesWithCells && rebuilt.indexAgreesWithCells)
    }
}
