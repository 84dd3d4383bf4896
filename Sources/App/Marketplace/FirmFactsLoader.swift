import Domain
import Persistence
import Vapor

/// Gathers what products' rules are checked against: registration, current evaluation, dishonesty listings,
/// the latest penalty and overdue loans.
enum FirmFactsLoader {
    static func load(_ req: Request, uscc: String, today: Day = .today()) async throws -> FirmFacts {
        guard let firm = try await req.registry.enterprise(uscc) else { throw DomainError.notFound("该企业的登记信息") }
        let evaluation = try await req.evaluationStore.current(uscc)
        let records = try await req.recordStore.records(uscc: uscc)
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
        let overdue = try await req.loanStore.loans(uscc: uscc).contains { $0.overdueDays > 0 && !$0.settled }
        return FirmFacts(uscc: uscc, name: firm.name, grade: evaluation?.grade ?? "", score: evaluation?.score ?? 0,
                         industryCode: firm.industry, districtCode: firm.district, established: established,
                         isDishonest: dishonest, hasOverdueLoans: overdue,
                         monthsSinceLastPenalty: lastPenalty.map { $0.wholeMonths(until: today) })
    }
}
