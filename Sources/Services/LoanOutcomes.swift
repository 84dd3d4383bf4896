import Foundation
import Domain
import Persistence
import Scorecard

/// The platform's own loan outcomes as a training table for the scorecard engine: one row per loan, with
/// what was known when the firm applied (its public credit score and grade at that time, registration
/// facts, the loan's terms) and the outcome `bad` = 1 when the loan is classified 次级 or worse.
public enum LoanOutcomes {
    public static let columns = ["score", "grade", "industry", "district", "scale", "years_in_business", "amount_wan", "term_months",
                          "rate_bp", "method", "bad"]

    public static func table(_ context: ServiceContext, asOf day: Day? = nil) async throws -> (table: ScorecardTable, loans: Int, bads: Int) {
        let day = day ?? context.clock.today
        let loans = try await context.loanStore.allLoans()
        var rows: [[String]] = []
        var bads = 0
        for loan in loans {
            guard let application = try await context.applicationStore.application(id: loan.applicationID) else { continue }
            let firm = try await context.registry.enterprise(loan.uscc)
            // The evaluation in force when the firm applied: the last change before the application.
            let history = try await context.evaluationStore.history(loan.uscc)
            let atApplication = history.last { $0.evaluatedAt <= application.createdAt } ?? history.first
            let position = loan.ledger.position(asOf: day)
            let bad = position.classification(thresholds: context.platform.policy.classification) >= .substandard
            if bad { bads += 1 }
            let schedule = loan.ledger.schedule
            let established = firm.flatMap { Day(iso: $0.establishedOn) }
            let years = established.map { Double($0.wholeMonths(until: Day(application.createdAt))) / 12 }
            rows.append([
                atApplication.map { String($0.score) } ?? "", atApplication?.grade ?? "", firm?.industry ?? "", firm?.district ?? "",
                firm?.scale ?? "", years.map { String(format: "%.1f", $0) } ?? "",
                String(format: "%.2f", Double(schedule.principal.value) / 1_000_000), String(schedule.termMonths),
                String(schedule.rate.basisPoints), schedule.method.rawValue, bad ? "1" : "0",
            ])
        }
        return (try ScorecardTable(header: columns, rows: rows), rows.count, bads)
    }
}
