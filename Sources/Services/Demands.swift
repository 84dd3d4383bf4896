import Domain
import Persistence

/// Financing demands: a firm with a commitment in force publishes one to the pool, may withdraw it while
/// open, and the first institution to take it wins.
public enum Demands {
    public struct Input: Sendable {
        public var amount: Cents
        public var termMonths: Int
        public var purpose: String
        public var urgency: DemandUrgency

        public init(amount: Cents, termMonths: Int, purpose: String, urgency: DemandUrgency) {
            self.amount = amount; self.termMonths = termMonths; self.purpose = purpose; self.urgency = urgency
        }
    }

    public static func publish(_ context: ServiceContext, _ principal: Principal, _ input: Input) async throws -> FinancingDemand {
        let uscc = try principal.requireEnterprise()
        try await Commitments.requireInForce(context, uscc: uscc)
        let scale = try await context.registry.enterprise(uscc)?.scale
        try DemandLimits.check(amountCents: input.amount.value, termMonths: input.termMonths, scale: scale,
                               rules: try context.platform.marketRules.required(on: context.clock.today))
        let demand = try FinancingDemand(id: "", uscc: uscc, amountCents: input.amount.value, termMonths: input.termMonths,
                                         purpose: input.purpose, urgency: input.urgency, publishedAt: context.clock.now())
        return try await context.demandStore.create(demand)
    }

    /// The firm withdraws its own open demand; a demand taken meanwhile stays taken (compare-and-set).
    public static func withdraw(_ context: ServiceContext, _ principal: Principal, id: Int64?) async throws -> FinancingDemand {
        let uscc = try principal.requireEnterprise()
        guard let id, var demand = try await context.demandStore.demand(id: id), demand.uscc == uscc else {
            throw DomainError.notFound("该融资需求")
        }
        let before = demand.status
        try demand.withdraw(at: context.clock.now())
        guard try await context.demandStore.update(demand, expecting: before) else {
            throw DomainError.conflict("该需求刚被金融机构接单，请刷新后查看")
        }
        return demand
    }

    /// An institution takes an open demand; of two simultaneous takers only one wins.
    public static func take(_ context: ServiceContext, _ principal: Principal, demandID: Int64?) async throws -> FinancingDemand {
        let institution = try principal.requireInstitution()
        guard let demandID, var demand = try await context.demandStore.demand(id: demandID) else {
            throw DomainError.notFound("该融资需求")
        }
        let now = context.clock.now()
        try demand.take(by: String(institution.id), at: now)
        let officer = try await officer(context, principal)
        let step = DemandFollowUp(demandID: demandID, institutionID: institution.id, step: .taken, note: "", officer: officer.name,
                                  officerPhone: officer.phone, at: now)
        guard try await context.demandStore.advance(demand, expecting: .open, followUp: step) else {
            throw DomainError.illegalTransition(entity: "融资需求", from: DemandStatus.taken.label, action: "接单")
        }
        return demand
    }

    /// The officer's step on a demand its institution took: contact, visit, or the outcome (turned into an
    /// application, or not pursued with a reason), which closes the demand.
    public static func followUp(_ context: ServiceContext, _ principal: Principal, demandID: Int64?, step: DemandFollowUpStep,
                                note: String) async throws -> DemandFollowUp {
        let institution = try principal.requireInstitution()
        guard let demandID, var demand = try await context.demandStore.demand(id: demandID) else {
            throw DomainError.notFound("该融资需求")
        }
        let checked = try context.platform.policy.demandFollowUp.check(step, note: note, demand: demand, institutionID: institution.id)
        let now = context.clock.now()
        if step.isOutcome { try demand.close(at: now) }
        let officer = try await officer(context, principal)
        let record = DemandFollowUp(demandID: demandID, institutionID: institution.id, step: step, note: checked, officer: officer.name,
                                    officerPhone: officer.phone, at: now)
        guard try await context.demandStore.advance(demand, expecting: .taken, followUp: record) else {
            throw DomainError.conflict("该需求刚被企业撤回或已办结，请刷新后查看")
        }
        return record
    }

    /// A demand with its follow-up, for the firm that published it or the institution that took it.
    public static func detail(_ context: ServiceContext, _ principal: Principal, id: Int64?) async throws
        -> (demand: FinancingDemand, steps: [DemandFollowUp]) {
        guard let id, let demand = try await context.demandStore.demand(id: id) else { throw DomainError.notFound("该融资需求") }
        switch principal.role {
        case .enterprise:
            guard demand.uscc == (try principal.requireEnterprise()) else { throw DomainError.notFound("该融资需求") }
        case .institutionAdmin, .institutionStaff:
            guard demand.takenBy == String(try principal.requireInstitution().id) else { throw DomainError.notFound("该融资需求") }
        case .creditCenter:
            break
        default:
            throw DomainError.notFound("该融资需求")
        }
        let steps = try await context.demandStore.followUps(demandIDs: [id])[id] ?? []
        return (demand, steps)
    }

    /// The signed-in officer's name and phone, as the firm sees them.
    static func officer(_ context: ServiceContext, _ principal: Principal) async throws -> (name: String, phone: String?) {
        var account: UserAccount?
        if let id = principal.userID { account = try await context.accounts.user(id: id) }
        return (account?.displayName ?? principal.displayName, account?.phone)
    }
}
