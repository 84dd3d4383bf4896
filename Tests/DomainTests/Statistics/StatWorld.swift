@testable import Domain

/// A seeded random generator (SplitMix64), so a failing sequence can be replayed from its seed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A small random city run day by day: each action is emitted as the change event a service would emit, with what
/// the service knew at that moment, and written into the facts the way the database would hold them. The two are
/// built side by side, independently of `StatEventReplay`, so the aggregates built from the events can be checked
/// against the facts.
struct StatWorld {
    var random: SeededRandom
    var facts = StatFacts()
    var events: [StatEvent] = []

    let districts = ["210202", "210203", "210204"]
    let industries = ["C", "F", "I"]
    let sizes = ["small", "micro", "medium"]
    let departments = ["SCJ", "SWJ"]
    let institutions = ["B1", "B2", "B3"]
    func products(of institution: String) -> [String] { ["\(institution)-P1", "\(institution)-P2"] }

    // Live state, by index into the facts' arrays.
    var firmIndex: [String: Int] = [:]
    var held: [String: [FirmStanding: Int]] = [:]   // firm → standing → index of its open spell
    var institutionOnline: [String: Int] = [:]      // institution → open spell index
    var productOnline: [String: Int] = [:]
    struct LoanState { var outstanding: Cents; var loanClass: LoanClass; var overdue: Cents; var dims: StatDims }
    var loanState: [Int: LoanState] = [:]
    var dayNumber = 0

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    mutating func amount() -> Cents { Cents(yuan: Int64.random(in: 1...200, using: &random) * 10_000) }

    func dims(of firm: String, on day: Day, institution: String? = nil, product: String? = nil) -> StatDims {
        var d = facts.firms[firmIndex[firm]!].dims(on: day)
        d.institution = institution; d.product = product
        return d
    }

    mutating func emit(_ day: Day, _ change: StatEvent.Change) { events.append(StatEvent(day: day, change)) }

    mutating func run(from start: Day, days: Int) {
        for offset in 0..<days { step(start.shifted(offset)) }
    }

    mutating func step(_ day: Day) {
        // Moves first: a move takes effect at the start of its day, carrying what the firm held the day before.
        for firm in facts.firms.map(\.id) where chance(0.02) {
            let i = firmIndex[firm]!
            let from = facts.firms[i].dims(on: day)
            let target = pick(districts.filter { $0 != from.district })
            facts.firms[i].districts.append(DistrictSpell(from: day, district: target))
            var to = from; to.district = target
            emit(day, .firmMoved(firm: firm, from: from, to: to, registered: true, standings: Set(held[firm, default: [:]].keys)))
        }
        if day.day == 1 { monthStarts(day) }
        for _ in 0..<Int.random(in: 0...6, using: &random) { act(day) }
    }

    mutating func monthStarts(_ day: Day) {
        let month = StatMonth(day)
        for department in departments {
            for dataset in ["a", "b", "c"] {
                let key = "\(department)/\(dataset)/\(month)"
                facts.expectations.append(StatExpectation(key: key, department: department, month: month,
                                                          dueOn: month.lastDay.shifted(5)))
                emit(day, .datasetExpected(key: key, department: department, month: month))
            }
        }
    }

    mutating func act(_ day: Day) {
        let firms = facts.firms.map(\.id)
        switch Int.random(in: 0..<17, using: &random) {
        case 0, 1:
            let id = "F\(facts.firms.count + 1)"
            let district = pick(districts)
            firmIndex[id] = facts.firms.count
            facts.firms.append(StatFirm(id: id, industry: pick(industries), size: pick(sizes), registeredOn: day,
                                        districts: [DistrictSpell(from: day.shifted(-400), district: district)]))
            emit(day, .firmRegistered(firm: id, dims: dims(of: id, on: day)))
        case 2 where !firms.isEmpty:
            let firm = pick(firms), standing = pick(FirmStanding.allCases), i = firmIndex[firm]!
            if let open = held[firm]?[standing] {
                facts.firms[i].standings[open].until = day
                held[firm]![standing] = nil
                emit(day, .standingChanged(firm: firm, dims: dims(of: firm, on: day), standing: standing, held: false))
            } else {
                held[firm, default: [:]][standing] = facts.firms[i].standings.count
                facts.firms[i].standings.append(StandingSpell(standing, from: day))
                emit(day, .standingChanged(firm: firm, dims: dims(of: firm, on: day), standing: standing, held: true))
            }
        case 3:
            let institution = pick(institutions)
            if chance(0.5) {
                let product = pick(products(of: institution))
                if let open = productOnline[product] {
                    let p = facts.products.firstIndex { $0.id == product }!
                    facts.products[p].online[open].until = day; productOnline[product] = nil
                    emit(day, .productOnline(product: product, institution: institution, online: false))
                } else {
                    var p = facts.products.firstIndex { $0.id == product }
                    if p == nil { facts.products.append(StatProduct(id: product, institution: institution, online: [])); p = facts.products.count - 1 }
                    productOnline[product] = facts.products[p!].online.count
                    facts.products[p!].online.append(OnlineSpell(from: day))
                    emit(day, .productOnline(product: product, institution: institution, online: true))
                }
            } else {
                if let open = institutionOnline[institution] {
                    let p = facts.institutions.firstIndex { $0.id == institution }!
                    facts.institutions[p].online[open].until = day; institutionOnline[institution] = nil
                    emit(day, .institutionOnline(institution: institution, online: false))
                } else {
                    var p = facts.institutions.firstIndex { $0.id == institution }
                    if p == nil { facts.institutions.append(StatInstitution(id: institution, online: [])); p = facts.institutions.count - 1 }
                    institutionOnline[institution] = facts.institutions[p!].online.count
                    facts.institutions[p!].online.append(OnlineSpell(from: day))
                    emit(day, .institutionOnline(institution: institution, online: true))
                }
            }
        case 4 where !facts.expectations.isEmpty:
            let e = pick(facts.expectations.filter { $0.month <= StatMonth(day) })
            let records = Int64.random(in: 1...1000, using: &random)
            let batch = StatBatch(expectation: e.key, department: e.department, month: e.month, dueOn: e.dueOn, receivedOn: day,
                                  records: records, rejected: Int64.random(in: 0...records / 10, using: &random))
            facts.batches.append(batch)
            emit(day, .batchReceived(batch))
        case 5 where !firms.isEmpty:
            let firm = pick(firms)
            let institution: String? = chance(0.5) ? pick(institutions) : nil
            let demand = StatDemand(id: "Dm\(facts.demands.count)", firm: firm, publishedOn: day, amount: amount(), institution: institution)
            facts.demands.append(demand)
            emit(day, .demandPublished(dims: dims(of: firm, on: day, institution: institution), amount: demand.amount))
        case 6 where !facts.demands.isEmpty:
            let i = Int.random(in: 0..<facts.demands.count, using: &random)
            let demand = facts.demands[i]
            let d = dims(of: demand.firm, on: demand.publishedOn, institution: demand.institution)
            if demand.takenOn == nil {
                facts.demands[i].takenOn = day
                emit(day, .demandTaken(dims: d, publishedOn: demand.publishedOn))
            } else if demand.satisfiedAmount == nil {
                facts.demands[i].satisfiedAmount = demand.amount
                emit(day, .demandSatisfied(dims: d, publishedOn: demand.publishedOn, amount: demand.amount))
            }
        case 7 where !firms.isEmpty:
            let push = StatPush(id: "Pu\(facts.pushes.count)", firm: pick(firms), institution: pick(institutions), pushedOn: day)
            facts.pushes.append(push)
            emit(day, .firmPushed(dims: dims(of: push.firm, on: day, institution: push.institution)))
        case 8 where !facts.pushes.isEmpty:
            let i = Int.random(in: 0..<facts.pushes.count, using: &random)
            let push = facts.pushes[i]
            let d = dims(of: push.firm, on: push.pushedOn, institution: push.institution)
            if push.contactedOn == nil {
                facts.pushes[i].contactedOn = day; emit(day, .pushContacted(dims: d, pushedOn: push.pushedOn))
            } else if push.decidedOn == nil {
                facts.pushes[i].decidedOn = day; emit(day, .pushDecided(dims: d, pushedOn: push.pushedOn))
            }
        case 9 where !firms.isEmpty:
            let institution = pick(institutions), product = pick(products(of: institution)), firm = pick(firms)
            facts.applications.append(StatApplication(id: "A\(facts.applications.count)", firm: firm, institution: institution,
                                                      product: product, appliedOn: day))
            emit(day, .applicationFiled(dims: dims(of: firm, on: day, institution: institution, product: product)))
        case 10 where !facts.applications.isEmpty:
            let i = Int.random(in: 0..<facts.applications.count, using: &random)
            let a = facts.applications[i]
            let d = dims(of: a.firm, on: a.appliedOn, institution: a.institution, product: a.product)
            if a.decision == nil {
                let decision = StatApplication.Decision(approved: chance(0.7), automatic: chance(0.4), on: day)
                facts.applications[i].decision = decision
                emit(day, .applicationDecided(dims: d, appliedOn: a.appliedOn, approved: decision.approved, automatic: decision.automatic))
            } else if a.decision!.approved && a.disbursedOn == nil {
                facts.applications[i].disbursedOn = day
                emit(day, .applicationDisbursed(dims: d, appliedOn: a.appliedOn))
                disburse(a.firm, a.institution, a.product, day)
            }
        case 11 where !firms.isEmpty:
            let institution = pick(institutions), product = pick(products(of: institution)), firm = pick(firms)
            let line = StatCreditLine(firm: firm, institution: institution, product: product, grantedOn: day, amount: amount())
            facts.creditLines.append(line)
            emit(day, .creditLineGranted(firm: firm, dims: dims(of: firm, on: day, institution: institution, product: product),
                                         amount: line.amount))
        case 12 where !firms.isEmpty:
            let institution = pick(institutions)
            disburse(pick(firms), institution, pick(products(of: institution)), day)
        case 13...14 where !loanState.isEmpty:
            let i = pick(Array(loanState.keys).sorted())
            var s = loanState[i]!
            switch Int.random(in: 0..<3, using: &random) {
            case 0 where s.outstanding.isPositive:
                let principal = Cents(Int64.random(in: 1...s.outstanding.value, using: &random))
                facts.loans[i].changes.append(StatLoanChange(day: day, .repaid(principal)))
                emit(day, .loanRepaid(dims: s.dims, principal: principal, loanClass: s.loanClass))
                s.outstanding = s.outstanding - principal
            case 1:
                let to = pick(LoanClass.allCases.filter { $0 != s.loanClass })
                facts.loans[i].changes.append(StatLoanChange(day: day, .reclassified(to)))
                emit(day, .loanReclassified(dims: s.dims, from: s.loanClass, to: to, outstanding: s.outstanding))
                s.loanClass = to
            default:
                let overdue = chance(0.4) ? Cents.zero : Cents(Int64.random(in: 1...1_000_000, using: &random))
                facts.loans[i].changes.append(StatLoanChange(day: day, .overdue(overdue)))
                emit(day, .loanOverdueChanged(dims: s.dims, from: s.overdue, to: overdue))
                s.overdue = overdue
            }
            loanState[i] = s
        case 15 where !firms.isEmpty:
            if chance(0.5) || facts.alerts.allSatisfy({ $0.handledOn != nil }) {
                let firm = pick(firms), institution: String? = chance(0.5) ? pick(institutions) : nil
                let alert = StatAlert(id: "Al\(facts.alerts.count)", firm: firm, institution: institution, raisedOn: day,
                                      level: pick(WarningLevel.allCases))
                facts.alerts.append(alert)
                emit(day, .alertRaised(dims: dims(of: firm, on: day, institution: institution), level: alert.level))
            } else {
                let i = facts.alerts.firstIndex { $0.handledOn == nil }!
                facts.alerts[i].handledOn = day
                let a = facts.alerts[i]
                emit(day, .alertHandled(dims: dims(of: a.firm, on: a.raisedOn, institution: a.institution), raisedOn: a.raisedOn))
            }
        case 16 where !firms.isEmpty:
            if let i = facts.claims.firstIndex(where: { $0.paidOn == nil }), chance(0.5) {
                let c = facts.claims[i]
                let paid = Cents(c.claimed.value / Int64.random(in: 1...4, using: &random))
                facts.claims[i].paidOn = day; facts.claims[i].paid = paid
                emit(day, .claimPaid(dims: dims(of: c.firm, on: c.filedOn, institution: c.institution), amount: paid))
            } else {
                let firm = pick(firms), institution = pick(institutions)
                let claim = StatClaim(id: "C\(facts.claims.count)", firm: firm, institution: institution, filedOn: day, claimed: amount())
                facts.claims.append(claim)
                emit(day, .claimFiled(dims: dims(of: firm, on: day, institution: institution), amount: claim.claimed))
            }
        default:
            break
        }
    }

    mutating func disburse(_ firm: String, _ institution: String, _ product: String?, _ day: Day) {
        let d = dims(of: firm, on: day, institution: institution, product: product)
        let loan = StatLoan(id: "Ln\(facts.loans.count)", firm: firm, institution: institution, product: product, disbursedOn: day,
                            amount: amount(), rate: Int.random(in: 300...600, using: &random), isCreditLoan: chance(0.5),
                            isFirstLoan: chance(0.3), isRenewal: chance(0.2))
        loanState[facts.loans.count] = LoanState(outstanding: loan.amount, loanClass: .normal, overdue: .zero, dims: d)
        facts.loans.append(loan)
        emit(day, .loanDisbursed(StatDisbursement(firm: firm, dims: d, amount: loan.amount, rate: loan.rate,
                                                  isCreditLoan: loan.isCreditLoan, isFirstLoan: loan.isFirstLoan,
                                                  isRenewal: loan.isRenewal)))
    }
}
