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
        try DemandLimits.check(amountCents: input.amount.value, termMonths: input.termMonths, scale: scale)
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
        try demand.take(by: String(institution.id), at: context.clock.now())
        guard try await context.demandStore.update(demand, expecting: .open) else {
            throw DomainError.illegalTransition(entity: "融资需求", from: DemandStatus.taken.label, action: "接单")
        }
        return demand
    }
}
