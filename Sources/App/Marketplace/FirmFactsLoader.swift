import Domain
import Persistence
import Vapor

/// Gathers what products' rules are checked against: registration, current evaluation, dishonesty listings,
/// the latest penalty (all kept between requests while the profile generation is unchanged) and overdue
/// loans (read each time: loans are not profile data).
enum FirmFactsLoader {
    /// The datasets whose records the facts read.
    static let datasets = ["judicial.dishonest", "credit.list", "admin.penalty"]

    /// The profile-derived part of a firm's facts.
    struct Kept: Sendable {
        let firm: EnterpriseSummary?
        let evaluation: Evaluation?
        let dishonest: Bool
        let lastPenalty: Day?

        func facts(uscc: String, hasOverdueLoans: Bool, today: Day) throws -> FirmFacts {
            guard let firm else { throw DomainError.notFound("该企业的登记信息") }
            return FirmFacts(uscc: uscc, name: firm.name, grade: evaluation?.grade ?? "", score: evaluation?.score ?? 0,
                             industryCode: firm.industry, districtCode: firm.district,
                             established: Day(iso: firm.establishedOn) ?? today, isDishonest: dishonest,
                             hasOverdueLoans: hasOverdueLoans, monthsSinceLastPenalty: lastPenalty.map { $0.wholeMonths(until: today) })
        }
    }

    static func kept(_ req: Request, uscc: String) async throws -> Kept {
        try await req.readCache.facts.value(uscc, stamp: req.stamp(.profiles)) {
            let firm = try await req.registry.enterprise(uscc)
            let evaluation = try await req.evaluationStore.current(uscc)
            let records = try await req.recordStore.records(usccs: [uscc], datasets: datasets)[uscc] ?? []
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
            return Kept(firm: firm, evaluation: evaluation, dishonest: dishonest, lastPenalty: lastPenalty)
        }
    }

    static func load(_ req: Request, uscc: String, today: Day = .today()) async throws -> FirmFacts {
        try await load(req, uscc: uscc, kept: kept(req, uscc: uscc), today: today)
    }

    static func load(_ req: Request, uscc: String, kept: Kept, today: Day = .today()) async throws -> FirmFacts {
        try kept.facts(uscc: uscc, hasOverdueLoans: try await req.loanStore.hasOverdueLoans(uscc: uscc), today: today)
    }
}
