/// The statistics computed straight from the facts, for any range of days: each fact is attributed by the rules in
/// the indicators' definitions, without any aggregate. It answers periods the monthly aggregates cannot (a range
/// that is not whole months) and is the reference the aggregates are checked against.
public struct StatCalculator: Sendable {
    public let facts: StatFacts
    private let firms: [String: StatFirm]

    public init(facts: StatFacts) {
        self.facts = facts
        firms = Dictionary(facts.firms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private func dims(_ firm: String, _ day: Day, institution: String? = nil, product: String? = nil) -> StatDims {
        var dims = firms[firm]?.dims(on: day) ?? StatDims()
        dims.institution = institution; dims.product = product
        return dims
    }

    /// Flows over `period` and stocks at the end of its last day, for the facts `filter` matches.
    public func measures(_ period: StatPeriod, filter: StatFilter = .all) -> StatMeasures {
        var m = StatMeasures()
        let end = period.through
        func counts(_ day: Day, _ dims: StatDims) -> Bool { period.contains(day) && filter.matches(dims) }

        for firm in facts.firms {
            let now = firm.dims(on: end)
            if firm.registeredOn <= end && filter.matches(now) { m.add(.firmsRegistered, 1) }
            if counts(firm.registeredOn, firm.dims(on: firm.registeredOn)) { m.add(.firmsNewlyRegistered, 1) }
            for spell in firm.standings {
                if spell.covers(end) && filter.matches(now) { m.add(spell.standing.measure, 1) }
                if spell.standing == .listed && counts(spell.from, firm.dims(on: spell.from)) { m.add(.newListings, 1) }
            }
        }
        for institution in facts.institutions where filter.matches(StatDims(institution: institution.id)) {
            m.add(.institutionsOnline, Int64(institution.online.filter { $0.covers(end) }.count))
        }
        for product in facts.products where filter.matches(StatDims(institution: product.institution, product: product.id)) {
            m.add(.productsOnline, Int64(product.online.filter { $0.covers(end) }.count))
        }

        for expectation in facts.expectations where counts(expectation.month.firstDay, StatDims(department: expectation.department)) {
            m.add(.datasetsExpected, 1)
        }
        for batch in facts.batches where counts(batch.month.firstDay, StatDims(department: batch.department)) {
            m.add(.recordsReceived, batch.records); m.add(.recordsRejected, batch.rejected)
            m.insert(.datasetsReceived, batch.expectation)
            if batch.receivedOn <= batch.dueOn { m.insert(.datasetsOnTime, batch.expectation) }
        }

        for demand in facts.demands
        where counts(demand.publishedOn, dims(demand.firm, demand.publishedOn, institution: demand.institution, product: demand.product)) {
            m.add(.demandsPublished, 1); m.add(.demandAmount, demand.amount.value)
            if let takenOn = demand.takenOn {
                m.add(.demandsTaken, 1); m.record(.daysToTake, days: demand.publishedOn.days(until: takenOn))
            }
            if let amount = demand.satisfiedAmount { m.add(.demandsSatisfied, 1); m.add(.demandSatisfiedAmount, amount.value) }
            if demand.followedUpOn != nil { m.add(.demandsFollowedUp, 1) }
            if demand.convertedOn != nil { m.add(.demandsConverted, 1) }
            if demand.declinedOn != nil { m.add(.demandsDeclined, 1) }
        }
        for push in facts.pushes where counts(push.pushedOn, dims(push.firm, push.pushedOn, institution: push.institution)) {
            m.add(.pushes, 1)
            if push.contactedOn != nil { m.add(.pushesContacted, 1) }
            if push.decidedWithin30Days { m.add(.pushesDecidedWithin30Days, 1) }
        }

        for a in facts.applications
        where counts(a.appliedOn, dims(a.firm, a.appliedOn, institution: a.institution, product: a.product)) {
            m.add(.applications, 1)
            if let decision = a.decision, decision.approved {
                m.add(.approvals, 1)
                if decision.automatic { m.add(.autoApprovals, 1) }
            }
            if let on = a.disbursedOn { m.record(.daysApplicationToDisbursement, days: a.appliedOn.days(until: on)) }
        }
        for line in facts.creditLines
        where counts(line.grantedOn, dims(line.firm, line.grantedOn, institution: line.institution, product: line.product)) {
            m.add(.creditLines, 1); m.add(.creditLineAmount, line.amount.value); m.insert(.creditLineFirms, line.firm)
        }
        for loan in facts.loans {
            let d = dims(loan.firm, loan.disbursedOn, institution: loan.institution, product: loan.product)
            guard filter.matches(d) else { continue }
            if period.contains(loan.disbursedOn) {
                var cell = SignedCell(measures: m, sign: 1)
                cell.addDisbursementFlows(StatDisbursement(firm: loan.firm, dims: d, amount: loan.amount, rate: loan.rate,
                                                           isCreditLoan: loan.isCreditLoan, isFirstLoan: loan.isFirstLoan,
                                                           isRenewal: loan.isRenewal))
                m = cell.measures
            }
            if let position = loan.position(on: end) {
                m.add(.balance(position.loanClass), position.outstanding.value)
                m.add(.overdueBalance, position.overdue.value)
                if position.overdue.isPositive { m.add(.overdueLoans, 1) }
            }
        }

        for alert in facts.alerts where counts(alert.raisedOn, dims(alert.firm, alert.raisedOn, institution: alert.institution)) {
            m.add(.alerts(alert.level), 1)
            if let on = alert.handledOn {
                m.add(.alertsHandled, 1); m.record(.daysToHandleAlert, days: alert.raisedOn.days(until: on))
            }
        }
        for claim in facts.claims {
            let d = dims(claim.firm, claim.filedOn, institution: claim.institution, product: claim.product)
            if counts(claim.filedOn, d) { m.add(.claimsFiled, 1); m.add(.claimedAmount, claim.claimed.value) }
            if let on = claim.paidOn, counts(on, d) { m.add(.claimsPaid, 1); m.add(.payoutAmount, claim.paid.value) }
        }
        return m
    }
}
