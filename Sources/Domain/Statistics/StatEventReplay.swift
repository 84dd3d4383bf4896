/// The change events a history of facts amounts to, in day order (a firm's move first on its day): replayed into an
/// empty `StatAggregate` they rebuild it.
public enum StatEventReplay {
    public static func events(from facts: StatFacts) -> [StatEvent] {
        var events: [StatEvent] = []
        visit(facts) { events.append($0) }
        // Stable: a firm's move first on its day, otherwise the order they were visited in.
        return events.enumerated().sorted { a, b in
            if a.element.day != b.element.day { return a.element.day < b.element.day }
            let am = a.element.isMove, bm = b.element.isMove
            if am != bm { return am }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// Hands each event of the facts to `emit` as it is derived, unsorted and without keeping them: a rebuild needs
    /// no order (every event only adds to its cell), and at a million loans the sorted array of every event would
    /// cost gigabytes (measured by `xyd bench stats`).
    public static func visit(_ facts: StatFacts, _ emit: (StatEvent) -> Void) {
        let firms = Dictionary(facts.firms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func dims(_ firm: String, _ day: Day, institution: String? = nil, product: String? = nil) -> StatDims {
            var dims = firms[firm]?.dims(on: day) ?? StatDims()
            dims.institution = institution; dims.product = product
            return dims
        }

        for firm in facts.firms {
            emit(StatEvent(day: firm.registeredOn, .firmRegistered(firm: firm.id, dims: firm.dims(on: firm.registeredOn))))
            for (previous, spell) in zip(firm.districts, firm.districts.dropFirst()) where previous.district != spell.district {
                let dayBefore = spell.from.shifted(-1)
                var from = firm.dims(on: spell.from), to = from
                from.district = previous.district; to.district = spell.district
                let held = Set(FirmStanding.allCases.filter { firm.holds($0, on: dayBefore) })
                emit(StatEvent(day: spell.from, .firmMoved(firm: firm.id, from: from, to: to,
                                                                    registered: firm.registeredOn < spell.from, standings: held)))
            }
            for spell in firm.standings {
                emit(StatEvent(day: spell.from, .standingChanged(firm: firm.id, dims: firm.dims(on: spell.from),
                                                                          standing: spell.standing, held: true)))
                if let until = spell.until {
                    emit(StatEvent(day: until, .standingChanged(firm: firm.id, dims: firm.dims(on: until),
                                                                         standing: spell.standing, held: false)))
                }
            }
        }
        for institution in facts.institutions {
            for spell in institution.online {
                emit(StatEvent(day: spell.from, .institutionOnline(institution: institution.id, online: true)))
                if let until = spell.until { emit(StatEvent(day: until, .institutionOnline(institution: institution.id, online: false))) }
            }
        }
        for product in facts.products {
            for spell in product.online {
                emit(StatEvent(day: spell.from, .productOnline(product: product.id, institution: product.institution, online: true)))
                if let until = spell.until {
                    emit(StatEvent(day: until, .productOnline(product: product.id, institution: product.institution, online: false)))
                }
            }
        }
        for expectation in facts.expectations {
            emit(StatEvent(day: expectation.month.firstDay, .datasetExpected(key: expectation.key, department: expectation.department,
                                                                                      month: expectation.month)))
        }
        for batch in facts.batches { emit(StatEvent(day: batch.receivedOn, .batchReceived(batch))) }

        for demand in facts.demands {
            let d = dims(demand.firm, demand.publishedOn, institution: demand.institution, product: demand.product)
            emit(StatEvent(day: demand.publishedOn, .demandPublished(dims: d, amount: demand.amount)))
            if let takenOn = demand.takenOn { emit(StatEvent(day: takenOn, .demandTaken(dims: d, publishedOn: demand.publishedOn))) }
            if let amount = demand.satisfiedAmount {
                emit(StatEvent(day: max(demand.takenOn ?? demand.publishedOn, demand.publishedOn),
                                        .demandSatisfied(dims: d, publishedOn: demand.publishedOn, amount: amount)))
            }
            if let on = demand.followedUpOn { emit(StatEvent(day: on, .demandFollowedUp(dims: d, publishedOn: demand.publishedOn))) }
            if let on = demand.convertedOn { emit(StatEvent(day: on, .demandConcluded(dims: d, publishedOn: demand.publishedOn, converted: true))) }
            if let on = demand.declinedOn { emit(StatEvent(day: on, .demandConcluded(dims: d, publishedOn: demand.publishedOn, converted: false))) }
        }
        for push in facts.pushes {
            let d = dims(push.firm, push.pushedOn, institution: push.institution)
            emit(StatEvent(day: push.pushedOn, .firmPushed(dims: d)))
            if let on = push.contactedOn { emit(StatEvent(day: on, .pushContacted(dims: d, pushedOn: push.pushedOn))) }
            if let on = push.decidedOn { emit(StatEvent(day: on, .pushDecided(dims: d, pushedOn: push.pushedOn))) }
        }
        for application in facts.applications {
            let d = dims(application.firm, application.appliedOn, institution: application.institution, product: application.product)
            emit(StatEvent(day: application.appliedOn, .applicationFiled(dims: d)))
            if let decision = application.decision {
                emit(StatEvent(day: decision.on, .applicationDecided(dims: d, appliedOn: application.appliedOn,
                                                                              approved: decision.approved, automatic: decision.automatic)))
            }
            if let on = application.disbursedOn {
                emit(StatEvent(day: on, .applicationDisbursed(dims: d, appliedOn: application.appliedOn)))
            }
        }
        for line in facts.creditLines {
            let d = dims(line.firm, line.grantedOn, institution: line.institution, product: line.product)
            emit(StatEvent(day: line.grantedOn, .creditLineGranted(firm: line.firm, dims: d, amount: line.amount)))
        }
        for loan in facts.loans {
            let d = dims(loan.firm, loan.disbursedOn, institution: loan.institution, product: loan.product)
            emit(StatEvent(day: loan.disbursedOn, .loanDisbursed(StatDisbursement(
                firm: loan.firm, dims: d, amount: loan.amount, rate: loan.rate, isCreditLoan: loan.isCreditLoan,
                isFirstLoan: loan.isFirstLoan, isRenewal: loan.isRenewal))))
            var outstanding = loan.amount, loanClass = LoanClass.normal, overdue = Cents.zero
            for change in loan.changes {
                switch change.kind {
                case .repaid(let principal):
                    emit(StatEvent(day: change.day, .loanRepaid(dims: d, principal: principal, loanClass: loanClass)))
                    outstanding = outstanding - principal
                case .reclassified(let to):
                    emit(StatEvent(day: change.day, .loanReclassified(dims: d, from: loanClass, to: to, outstanding: outstanding)))
                    loanClass = to
                case .overdue(let amount):
                    emit(StatEvent(day: change.day, .loanOverdueChanged(dims: d, from: overdue, to: amount)))
                    overdue = amount
                }
            }
        }
        for alert in facts.alerts {
            let d = dims(alert.firm, alert.raisedOn, institution: alert.institution)
            emit(StatEvent(day: alert.raisedOn, .alertRaised(dims: d, level: alert.level)))
            if let on = alert.handledOn { emit(StatEvent(day: on, .alertHandled(dims: d, raisedOn: alert.raisedOn))) }
        }
        for claim in facts.claims {
            let d = dims(claim.firm, claim.filedOn, institution: claim.institution, product: claim.product)
            emit(StatEvent(day: claim.filedOn, .claimFiled(dims: d, amount: claim.claimed)))
            if let on = claim.paidOn { emit(StatEvent(day: on, .claimPaid(dims: d, amount: claim.paid))) }
        }
    }
}

extension StatEvent {
    var isMove: Bool { if case .firmMoved = change { true } else { false } }
}
