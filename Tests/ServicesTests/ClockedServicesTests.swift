import App
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport

/// Use cases called without HTTP, on a clock the test sets: dates the rules depend on come from the
/// platform's clock, never from the machine's.
@Suite struct ClockedServicesTests {
    /// Department files go in through the same use case the API uses.
    func load(_ context: ServiceContext, _ principal: Principal, _ dataset: String, _ text: String) async throws {
        let spec = try context.catalog.require(dataset)
        _ = try await Ingestion.load(context, dataset: spec, principal: principal, source: .api, fileName: "\(dataset).csv",
                                     format: .csv, chunks: MemoryChunks(bytes: Array(text.utf8)))
    }

    @Test func objectionDeadlineAndEscalationFollowThePlatformClock() async throws {
        try await withTestApp(.sqlite) { app in
            let f = try await Fixtures.seed(app)
            let m = try await MarketFixtures.seed(app, base: f)
            let time = TestClock("2026-03-02")  // a Monday
            let context = app.services(clock: time.clock)
            let market = try #require(try await app.accounts.principal(forToken: f.marketToken))
            let firm = try #require(try await app.accounts.principal(forToken: m.firmAToken))
            try await load(context, market, "market.registration", SampleFiles.registrations)
            try await load(context, market, "admin.penalty", SampleFiles.penaltiesWithErrors)

            let objection = try await Remedies.file(context, firm, .init(dataset: "admin.penalty", recordID: "P1",
                                                                        reason: "处罚已撤销", attachments: []))
            // Filed on Monday 2 March: five working days later is Monday 9 March.
            #expect(objection.filedAt == TestClock.noon("2026-03-02"))
            #expect(objection.deadline == "2026-03-09")
            time.set("2026-03-09")
            #expect(try await Remedies.escalateOverdue(context).isEmpty, "not overdue on its deadline")
            time.set("2026-03-10")
            let escalated = try await Remedies.escalateOverdue(context)
            #expect(escalated.map(\.id) == [objection.id])
            #expect(escalated.first?.status == .escalated)
        }
    }

    @Test func authorisationsAndDemandsAreDatedByTheClock() async throws {
        try await withTestApp(.sqlite) { app in
            let f = try await Fixtures.seed(app)
            let m = try await MarketFixtures.seed(app, base: f)
            let time = TestClock("2031-05-20")
            let context = app.services(clock: time.clock)
            let market = try #require(try await app.accounts.principal(forToken: f.marketToken))
            let firm = try #require(try await app.accounts.principal(forToken: m.firmAToken))
            try await load(context, market, "market.registration", SampleFiles.registrations)

            let signed = try await Authorisations.sign(context, firm, .init(
                institutions: ["all"], categories: ["judicial"], purposes: ["loan_application"], validUntil: Day(iso: "2031-12-31")!))
            #expect(signed.validFrom == Day(iso: "2031-05-20"))
            #expect(signed.signedAt == TestClock.noon("2031-05-20"))
            // A validity that ended before the clock's today is refused, whatever the machine's date.
            await #expect(throws: DomainError.self) {
                try await Authorisations.sign(context, firm, .init(
                    institutions: ["all"], categories: ["judicial"], purposes: ["loan_application"], validUntil: Day(iso: "2031-05-19")!))
            }

            // A demand needs a commitment in force; both carry the clock's time.
            await #expect(throws: DomainError.self) {
                try await Demands.publish(context, firm, .init(amount: Cents(50_000_000), termMonths: 12, purpose: "采购原材料",
                                                              urgency: .withinMonth))
            }
            try await Commitments.sign(context, firm, signer: "王伟", version: nil)
            let demand = try await Demands.publish(context, firm, .init(amount: Cents(50_000_000), termMonths: 12,
                                                                       purpose: "采购原材料", urgency: .withinMonth))
            #expect(demand.publishedAt == TestClock.noon("2031-05-20"))
            let bank = try #require(try await app.accounts.principal(forToken: m.bankAToken))
            time.set("2031-05-21")
            let taken = try await Demands.take(context, bank, demandID: Int64(demand.id))
            #expect(taken.status == .taken)
            #expect(taken.takenAt == TestClock.noon("2031-05-21"))

            // An application and each step on it carry the clock's time too, not the machine's.
            let submitted = try await MarketActions.apply(context, firm, .init(productID: m.manualProductID, amount: Cents(12_000_000),
                                                                               termMonths: 12, method: nil, purpose: "扩大生产"))
            #expect(submitted.application.createdAt == TestClock.noon("2031-05-21"))
            #expect(submitted.steps.map(\.at) == [TestClock.noon("2031-05-21")])
            time.set("2031-05-22")
            let accepted = try await MarketActions.act(context, bank, id: submitted.application.id, event: .accept)
            #expect(accepted.updatedAt == TestClock.noon("2031-05-22"))
        }
    }
}
