/// The pre-aggregated statistics: one cell of additive measures per (month, dimension values), adjusted by each
/// change event. Any whole-month period and filter is answered by adding cells; the answer equals a computation
/// from the facts (`StatCalculator`), which the tests check on random event sequences. Beside the cells it keeps a
/// query index (`StatMonthIndex`: per month, the total and each dimension value's total), changed with every cell,
/// which queries add up instead of the cells (`StatAggregateQuery.swift`).
public struct StatAggregate: Sendable, Equatable {
    public private(set) var cells: [StatMonth: [StatDims: StatMeasures]]
    /// Derived from `cells` and kept with them by every change below.
    private(set) var index: [StatMonth: StatMonthIndex] = [:]
    private(set) var table = StatDimsTable()
    private(set) var ids = StatIDTable()
    /// Off while a rebuild adds up the cells alone: the index is then built once from them, which measured three
    /// times faster than keeping it with each of ten million events.
    private var indexing = true

    public init() { cells = [:] }

    /// The aggregates a full history of facts gives: the rebuild, and the reference the incremental path is checked
    /// against. Events are applied as derived, unsorted: each only adds to its cell, so the order does not matter.
    public init(rebuiltFrom facts: StatFacts) {
        var aggregate = StatAggregate()
        aggregate.indexing = false
        StatEventReplay.visit(facts) { aggregate.apply($0) }
        aggregate.indexing = true
        aggregate.buildIndex()
        self = aggregate
    }

    /// Stored cells read back.
    public init(cells: [StatMonth: [StatDims: StatMeasures]]) {
        self.cells = cells.compactMapValues { row in
            let kept = row.filter { !$0.value.isZero }
            return kept.isEmpty ? nil : kept
        }
        buildIndex()
    }

    private mutating func buildIndex() {
        index = [:]
        for (month, row) in cells {
            var entry = StatMonthIndex()
            for (dims, measures) in row { entry.record(dims, id: table.id(dims), old: nil, new: measures, ids: &ids) }
            index[month] = entry
        }
    }

    /// Equal cells: the index is derived from them.
    public static func == (a: StatAggregate, b: StatAggregate) -> Bool { a.cells == b.cells }

    public var months: [StatMonth] { cells.keys.sorted() }

    /// Adds another aggregate cell by cell (a delta may hold negative parts), dropping cells that come to nothing.
    public mutating func merge(_ delta: StatAggregate) {
        for (month, row) in delta.cells {
            for (dims, measures) in row { change(month, dims) { $0.merge(measures) } }
        }
    }

    /// Sets one cell to stored measures (a process catching up with cells another process changed).
    public mutating func set(_ month: StatMonth, _ dims: StatDims, to measures: StatMeasures) {
        change(month, dims) { $0 = measures }
    }

    /// Changes one cell in place, drops it when it comes to nothing, and changes the index the same way.
    private mutating func change(_ month: StatMonth, _ dims: StatDims, _ body: (inout StatMeasures) -> Void) {
        let old = indexing ? cells[month]?[dims] : nil
        body(&cells[month, default: [:]][dims, default: .zero])
        var new = cells[month]?[dims]
        if new?.isZero != false {
            new = nil
            cells[month]?[dims] = nil
            if cells[month]?.isEmpty == true { cells[month] = nil }
        }
        guard indexing, old != nil || new != nil else { return }
        index[month, default: StatMonthIndex()].record(dims, id: table.id(dims), old: old, new: new, ids: &ids)
        if cells[month] == nil { index[month] = nil }
    }


    /// The cells without those that came to nothing (a +1 and −1 in the same month).
    public var nonZeroCells: [StatMonth: [StatDims: StatMeasures]] {
        var result: [StatMonth: [StatDims: StatMeasures]] = [:]
        for (month, row) in cells {
            let kept = row.filter { !$0.value.isZero }
            if !kept.isEmpty { result[month] = kept }
        }
        return result
    }

    private mutating func update(_ month: StatMonth, _ dims: StatDims, sign: Int64, _ body: (inout SignedCell) -> Void) {
        change(month, dims) { StatMeasures.change(&$0, sign: sign, body) }
    }

    /// Adds the event's effect, or with `sign` −1 takes it away again (re-counting an entity whose facts changed:
    /// its old events out, its new ones in). Cells that come to nothing are dropped, so an aggregate kept up to date
    /// this way equals one rebuilt from the facts.
    public mutating func apply(_ event: StatEvent, sign: Int64 = 1) {
        func update(_ month: StatMonth, _ dims: StatDims, _ body: (inout SignedCell) -> Void) {
            self.update(month, dims, sign: sign, body)
        }
        let month = StatMonth(event.day)
        switch event.change {
        case .firmRegistered(_, let dims):
            update(month, dims) { $0.add(.firmsRegistered, 1); $0.add(.firmsNewlyRegistered, 1) }
        case .firmMoved(_, let from, let to, let registered, let standings):
            let moved = (registered ? [StatMeasure.firmsRegistered] : []) + FirmStanding.allCases.filter(standings.contains).map(\.measure)
            update(month, from) { m in for measure in moved { m.add(measure, -1) } }
            update(month, to) { m in for measure in moved { m.add(measure, 1) } }
        case .standingChanged(_, let dims, let standing, let held):
            update(month, dims) { m in
                m.add(standing.measure, held ? 1 : -1)
                if standing == .listed && held { m.add(.newListings, 1) }
            }
        case .institutionOnline(let institution, let online):
            update(month, StatDims(institution: institution)) { $0.add(.institutionsOnline, online ? 1 : -1) }
        case .productOnline(let product, let institution, let online):
            update(month, StatDims(institution: institution, product: product)) { $0.add(.productsOnline, online ? 1 : -1) }

        case .datasetExpected(_, let department, let dataMonth):
            update(dataMonth, StatDims(department: department)) { $0.add(.datasetsExpected, 1) }
        case .batchReceived(let batch):
            update(batch.month, StatDims(department: batch.department)) { m in
                m.add(.recordsReceived, batch.records); m.add(.recordsRejected, batch.rejected)
                m.insert(.datasetsReceived, batch.expectation)
                if batch.receivedOn <= batch.dueOn { m.insert(.datasetsOnTime, batch.expectation) }
            }

        case .demandPublished(let dims, let amount):
            update(month, dims) { $0.add(.demandsPublished, 1); $0.add(.demandAmount, amount.value) }
        case .demandTaken(let dims, let publishedOn):
            update(StatMonth(publishedOn), dims) { m in
                m.add(.demandsTaken, 1); m.record(.daysToTake, days: publishedOn.days(until: event.day))
            }
        case .demandSatisfied(let dims, let publishedOn, let amount):
            update(StatMonth(publishedOn), dims) { $0.add(.demandsSatisfied, 1); $0.add(.demandSatisfiedAmount, amount.value) }
        case .demandFollowedUp(let dims, let publishedOn):
            update(StatMonth(publishedOn), dims) { $0.add(.demandsFollowedUp, 1) }
        case .demandConcluded(let dims, let publishedOn, let converted):
            update(StatMonth(publishedOn), dims) { $0.add(converted ? .demandsConverted : .demandsDeclined, 1) }
        case .firmPushed(let dims):
            update(month, dims) { $0.add(.pushes, 1) }
        case .pushContacted(let dims, let pushedOn):
            update(StatMonth(pushedOn), dims) { $0.add(.pushesContacted, 1) }
        case .pushDecided(let dims, let pushedOn):
            if pushedOn.days(until: event.day) <= 30 {
                update(StatMonth(pushedOn), dims) { $0.add(.pushesDecidedWithin30Days, 1) }
            }

        case .applicationFiled(let dims):
            update(month, dims) { $0.add(.applications, 1) }
        case .applicationDecided(let dims, let appliedOn, let approved, let automatic):
            if approved {
                update(StatMonth(appliedOn), dims) { m in m.add(.approvals, 1); if automatic { m.add(.autoApprovals, 1) } }
            }
        case .applicationDisbursed(let dims, let appliedOn):
            update(StatMonth(appliedOn), dims) {
                $0.record(.daysApplicationToDisbursement, days: appliedOn.days(until: event.day))
            }
        case .creditLineGranted(let firm, let dims, let amount):
            update(month, dims) { m in
                m.add(.creditLines, 1); m.add(.creditLineAmount, amount.value); m.insert(.creditLineFirms, firm)
            }

        case .loanDisbursed(let loan):
            update(month, loan.dims) { m in m.addDisbursementFlows(loan); m.add(.balanceNormal, loan.amount.value) }
        case .loanRepaid(let dims, let principal, let loanClass):
            update(month, dims) { $0.add(.balance(loanClass), -principal.value) }
        case .loanReclassified(let dims, let from, let to, let outstanding):
            update(month, dims) { m in
                m.add(.balance(from), -outstanding.value); m.add(.balance(to), outstanding.value)
            }
        case .loanOverdueChanged(let dims, let from, let to):
            update(month, dims) { m in
                m.add(.overdueBalance, to.value - from.value)
                m.add(.overdueLoans, (to.isPositive ? 1 : 0) - (from.isPositive ? 1 : 0))
            }

        case .alertRaised(let dims, let level):
            update(month, dims) { $0.add(.alerts(level), 1) }
        case .alertHandled(let dims, let raisedOn):
            update(StatMonth(raisedOn), dims) { m in
                m.add(.alertsHandled, 1); m.record(.daysToHandleAlert, days: raisedOn.days(until: event.day))
            }
        case .claimFiled(let dims, let amount):
            update(month, dims) { $0.add(.claimsFiled, 1); $0.add(.claimedAmount, amount.value) }
        case .claimPaid(let dims, let amount):
            update(month, dims) { $0.add(.claimsPaid, 1); $0.add(.payoutAmount, amount.value) }
        }
    }
}

/// A cell being changed by one event, each change multiplied by the event's sign.
struct SignedCell {
    var measures: StatMeasures
    let sign: Int64

    mutating func add(_ measure: StatMeasure, _ amount: Int64) { measures.add(measure, amount * sign) }
    mutating func insert(_ measure: StatDistinct, _ id: String) { measures.insert(measure, id, times: Int32(sign)) }
    mutating func record(_ measure: StatDuration, days: Int) { measures.record(measure, days: days, count: sign) }

    /// The flows of a new loan (its opening balance is a stock, added apart).
    mutating func addDisbursementFlows(_ loan: StatDisbursement) {
        let amount = loan.amount.value
        add(.loans, 1); add(.loanAmount, amount); insert(.loanFirms, loan.firm)
        add(.loanAmountTimesRate, amount * Int64(loan.rate))
        if loan.isCreditLoan { add(.creditLoans, 1); add(.creditLoanAmount, amount) }
        if loan.isFirstLoan { add(.firstLoanAmount, amount); insert(.firstLoanFirms, loan.firm) }
        if loan.isRenewal { add(.renewals, 1); add(.renewalAmount, amount) }
    }
}
