import Domain
import Persistence
import Vapor

/// Gathers what products' rules are checked against: registration, current evaluation, dishonesty listings,
/// the latest penalty and overdue loans.
enum FirmFactsLoader {
    /// The datasets whose records the facts read.
    static let datasets = ["judicial.dishonest", "credit.list", "admin.penalty"]

    static func load(_ req: Request, uscc: String, firm known: EnterpriseSummary? = nil, today: Day = .today()) async throws -> FirmFacts {
        let registered: EnterpriseSummary?
        if let known { registered = known } else { registered = try await req.registry.enterprise(uscc) }
        guard let firm = registered else { throw DomainError.notFound("该企业的登记信息") }
        let evaluation = try await req.evaluationStore.current(uscc)
        let records = try await req.recordStore.records(usccs: [uscc], datasets: datasets)[uscc] ?? []
        let established = Day(iso: firm.establishedOn) ?? today
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
        let overdue = try await req.loanStore.hasOverdueLoans(uscc: uscc)
        return FirmFacts(uscc: uscc, name: firm.name, grade: evaluation?.grade ?? "", score: evaluation?.score ?? 0,
                         industryCode: firm.industry, districtCode: firm.district, established: established,
                         isDishonest: dishonest, hasOverdueLoans: overdue,
                         monthsSinceLastPenalty: lastPenalty.map { $0.wholeMonths(until: today) })
    }
}
