import Fluent
import App
import Services
import Domain
import Foundation
import Persistence
import Scorecard
import Testing
import TestSupport

/// Banks' scorecards can be trained on the platform's own loan outcomes: one row per loan with what was
/// known at application, `bad` when the loan is now 次级 or worse.
@Suite struct LoanOutcomeTrainingTests {
    @Test func loansBecomeATrainingTableAndAModel() async throws {
        try await withTestApp(.sqlite) { app in
            let base = try await Fixtures.seed(app)
            try await upload(app, "market.registration", SampleFiles.registrations, token: base.marketToken)
            try await app.reevaluate()
            let f = try await MarketFixtures.seed(app, base: base)
            let applications = ApplicationStore(database: app.db)
            // 60 loans: long-term loans disbursed 200 days ago and never repaid are bad (overdue > 90 days);
            // short ones disbursed recently are current.
            for i in 0..<60 {
                let bad = i % 3 == 0
                let firm = i % 2 == 0 ? SampleFiles.firmA : SampleFiles.firmB
                let terms = LoanTerms(amount: Cents(Int64(10_000_000 + (i % 7) * 1_000_000)), rate: AnnualRate(basisPoints: bad ? 520 : 400),
                                      termMonths: bad ? 36 : 12, method: .equalInstallment)
                let stored = try await applications.create(.init(
                    uscc: firm, firmName: firm, productID: f.manualProductID, productName: "甲行经营贷", institutionID: f.bankA.id,
                    authorisationID: nil, requestedAmount: terms.amount, requestedTermMonths: terms.termMonths,
                    requestedMethod: .equalInstallment, purpose: "周转"), actor: "test")
                for event: ApplicationEvent in [.accept, .approve(terms), .signContract] {
                    try await applications.apply(event, to: stored.id, actor: "test")
                }
                let start = Day.today().adding(days: bad ? -200 : -10)
                try await applications.apply(.disburse, to: stored.id, actor: "test") { unit, next in
                    try await LoanStore.open(in: unit, application: next, ledger: LoanLedger(schedule: try terms.schedule(start: start)),
                                             asOf: .today(), thresholds: .default)
                }
            }
            let outcomes = try await LoanOutcomes.table(app.services)
            #expect(outcomes.loans == 60)
            #expect(outcomes.bads == 20)
            #expect(outcomes.table.header == LoanOutcomes.columns)
            let model = try ScorecardModel.train(table: outcomes.table, target: "bad")
            let scores = try model.score(table: outcomes.table)
            let badColumn = try #require(outcomes.table.header.firstIndex(of: "bad"))
            let pd = { (want: String) -> Double in
                let picked = scores.indices.filter { outcomes.table.columns[badColumn][$0] == want }.map { scores[$0].probabilityOfBad }
                return picked.reduce(0, +) / Double(picked.count)
            }
            #expect(pd("1") > pd("0") + 0.3, "the model separates the bad loans from the good ones")
        }
    }
}
