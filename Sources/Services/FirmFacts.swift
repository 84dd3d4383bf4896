import Domain
import Persistence

/// Gathers what products' rules are checked against: registration, current evaluation, dishonesty listings,
/// the latest penalty (all kept between requests while the profile generation is unchanged) and overdue
/// loans (read each time: loans are not profile data).
public enum FirmFactsLoader {
    /// The datasets whose records the facts read.
    static let datasets = ["judicial.dishonest", "credit.list", "admin.penalty"]

    /// The profile-derived part of a firm's facts.
    public struct Kept: Sendable {
        public let firm: EnterpriseSummary?
        public let evaluation: Evaluation?
        public let dishonest: Bool
        public let lastPenalty: Day?
        /// The firm's listings fed in through the data hub (for the measures they trigger: `Sanctions`).
        public let listings: [ListingEntry]

        public func facts(uscc: String, hasOverdueLoans: Bool, today: Day, rules: MarketRules) throws -> FirmFacts {
            guard let firm else { throw DomainError.notFound("该企业的登记信息") }
            let scale = firm.scale.isEmpty ? nil : firm.scale
            return FirmFacts(uscc: uscc, name: firm.name, grade: evaluation?.grade ?? "", score: evaluation?.score ?? 0,
                             industryCode: firm.industry, districtCode: firm.district,
                             established: Day(iso: firm.establishedOn) ?? today, isDishonest: dishonest,
                             hasOverdueLoans: hasOverdueLoans, monthsSinceLastPenalty: lastPenalty.map { $0.wholeMonths(until: today) },
                             scale: scale, quotaCapCents: .some(try rules.required(on: today).quotaCapCents(scale: scale)))
        }
    }

    public static func kept(_ context: ServiceContext, uscc: String) async throws -> Kept {
        try await context.readCache.facts.value(uscc, stamp: context.stamp(.profiles)) {
            let firm = try await context.registry.enterprise(uscc)
            let evaluation = try await context.evaluationStore.current(uscc)
            let records = try await context.recordStore.records(usccs: [uscc], datasets: datasets)[uscc] ?? []
            var dishonest = false
            var lastPenalty: Day?
            for record in records {
                switch record.dataset {
                case "judicial.dishonest":
                    if (record.content["removed_on"] ?? "").isEmpty { dishonest = true }
                case "credit.list":
                    if record.content["list_type"] == "black", (record.content["removed_on"] ?? "").isEmpty { dishonest = true }
                case "admin.penalty":
                    if let day = Day(iso: record.content["decided_on"] ?? ""), lastPenalty.map({ day > $0 }) ?? true { lastPenalty = day }
                default: break
                }
            }
            // Lists fed in through the data hub, and those listed on the platform after its own procedure.
            let listings = ExternalListings.entries(records, uscc: uscc, firmName: firm?.name ?? uscc)
                + (try await context.listingStore.entries(uscc: uscc)).filter { $0.status == .listed || $0.status == .published }
            return Kept(firm: firm, evaluation: evaluation, dishonest: dishonest, lastPenalty: lastPenalty, listings: listings)
        }
    }

    public static func load(_ context: ServiceContext, uscc: String) async throws -> FirmFacts {
        try await load(context, uscc: uscc, kept: kept(context, uscc: uscc))
    }

    public static func load(_ context: ServiceContext, uscc: String, kept: Kept) async throws -> FirmFacts {
        try kept.facts(uscc: uscc, hasOverdueLoans: try await hasOverdueLoans(context, uscc: uscc),
                       today: context.clock.today, rules: context.platform.marketRules)
    }

    /// Read on the calling thread where the request's context can (`QuickReads`, SQLite), else by query.
    static func hasOverdueLoans(_ context: ServiceContext, uscc: String) async throws -> Bool {
        if let quick = context.memo.quick, let found = try? quick.hasOverdueLoans(uscc: uscc) { return found }
        return try await context.loanStore.hasOverdueLoans(uscc: uscc)
    }
}
