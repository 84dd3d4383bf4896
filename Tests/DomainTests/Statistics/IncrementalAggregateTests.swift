import Testing
@testable import Domain

/// The monthly aggregates kept up to date by change events equal a full recomputation from the facts: cell for
/// cell against a rebuild, and figure for figure against the calculator, on random seeded histories.
@Suite struct IncrementalAggregateTests {
    static let seeds: [UInt64] = [1, 2, 3, 20_250_301, 0xC0FFEE]

    func world(_ seed: UInt64) -> StatWorld {
        var world = StatWorld(seed: seed)
        world.run(from: Day(iso: "2024-11-01")!, days: 200)
        return world
    }

    func incremental(_ events: [StatEvent]) -> StatAggregate {
        var aggregate = StatAggregate()
        for event in events { aggregate.apply(event) }
        return aggregate
    }

    @Test(arguments: seeds)
    func incrementalCellsEqualARebuildFromTheFacts(seed: UInt64) {
        let world = world(seed)
        #expect(world.events.count > 300, "a history worth checking")
        #expect(world.facts.firms.contains { $0.districts.count > 1 }, "some firm moved")
        let live = incremental(world.events)
        let rebuilt = StatAggregate(rebuiltFrom: world.facts)
        #expect(live.nonZeroCells == rebuilt.nonZeroCells)
    }

    @Test(arguments: seeds)
    func eventsArrivingInAnyOrderGiveTheSameCells(seed: UInt64) {
        let world = world(seed)
        var random = SeededRandom(seed: seed ^ 0xFF)
        #expect(incremental(world.events.shuffled(using: &random)).nonZeroCells == incremental(world.events).nonZeroCells)
    }

    @Test(arguments: seeds)
    func everyFigureEqualsTheCalculatorOverTheFacts(seed: UInt64) throws {
        let world = world(seed)
        let live = incremental(world.events)
        let calculator = StatCalculator(facts: world.facts)
        let first = StatMonth(year: 2024, month: 11), last = StatMonth(year: 2025, month: 5)
        var filters: [StatFilter] = [.all]
        filters += world.districts.map { StatFilter.district($0) }
        filters += world.institutions.map { StatFilter.institution($0) }
        filters += [StatFilter([.district: "210203", .institution: "B2"]), StatFilter([.firmSize: "micro"]),
                    StatFilter([.industry: "C", .district: "210202"]), StatFilter([.product: "B1-P2"]),
                    StatFilter([.department: "SCJ"])]
        var periods: [StatPeriod] = []
        var month = first
        while month <= last { periods.append(.month(month)); month = month.adding(months: 1) }
        periods += [.quarter(year: 2025, 1), .months(first, last), .months(StatMonth(year: 2024, month: 12), StatMonth(year: 2025, month: 2))]
        var compared = 0
        for period in periods {
            for filter in filters {
                let fromCells = try live.measures(period, filter: filter)
                let fromFacts = calculator.measures(period, filter: filter)
                #expect(fromCells == fromFacts, "\(period) \(filter): \(fromCells.nonZero) vs \(fromFacts.nonZero)")
                if fromCells == fromFacts { compared += 1 }
                #expect(try live.values(period: period, filter: filter) == calculator.values(period: period, filter: filter))
            }
        }
        #expect(compared == periods.count * filters.count)
        // Something was measured: loans, balances and distinct firms.
        let all = calculator.measures(.months(first, last))
        #expect(all[.loans] > 10 && all[.balanceNormal] > 0 && all.count(.loanFirms) > 3 && all[.firmsRegistered] > 10)
    }

    @Test func aSingleWrongEventIsCaught() {
        // The property would be worthless if the comparison could not fail: drop one repayment from the live stream.
        let world = world(7)
        let index = world.events.firstIndex { if case .loanRepaid = $0.change { true } else { false } }!
        var events = world.events
        events.remove(at: index)
        #expect(incremental(events).nonZeroCells != StatAggregate(rebuiltFrom: world.facts).nonZeroCells)
    }
}
