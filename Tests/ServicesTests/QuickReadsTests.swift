@testable import App
import Domain
import Fluent
import Foundation
import Persistence
@testable import Services
import SQLKit
import Testing
import TestSupport

/// SQLite's reads on the caller's thread (`QuickReads`) answer exactly what the queries through the database
/// answer — the generation counters and the caller a token stands for — and see every commit at once, so a
/// bumped counter or a revoked token is never served stale; where they cannot read, the ordinary query answers.
@Suite struct QuickReadsTests {
    @Test func countersAndTokensMatchTheQueriesAndFollowEveryCommit() async throws {
        try await withTestApp(.sqlite) { app in
            let quick = try #require(app.runtime.quickReads)
            #expect(try quick.generations() == (try await Generations.current(on: app.db)))
            let before = try #require(try quick.generations()[.products])
            let accounts = AccountStore(database: app.db)
            let bank = try await accounts.createInstitution(code: "qbank", name: "快读银行", kind: .bank)
            _ = try await ProductStore(database: app.db).save(LoanProduct(
                id: "", institutionID: String(bank.id), name: "快读贷", type: .pureCredit,
                amountRange: AmountRange(minYuan: 10_000, maxYuan: 500_000), rateRange: RateRange(minBasisPoints: 350, maxBasisPoints: 500),
                termRange: TermRange(minMonths: 6, maxMonths: 12), repaymentMethods: [.equalInstallment]))
            // Another connection's commit is seen by the next read.
            #expect(try quick.generations()[.products] == before + 1)
            #expect(try quick.generations() == (try await Generations.current(on: app.db)))

            let token = try await accounts.createToken(name: "快读", role: .institutionStaff, departmentID: nil, institutionID: bank.id)
            let read = try #require(try await accounts.principal(forToken: token, quick: quick))
            #expect(read == (try await accounts.principal(forToken: token)))
            #expect(read.institution?.code == "qbank" && read.role == .institutionStaff)
            #expect(try await accounts.principal(forToken: token + "x", quick: quick) == nil)
            let id = try #require(try await accounts.tokens(institutionID: bank.id).first?.id)
            #expect(try await accounts.revokeToken(id: id, institutionID: bank.id))
            #expect(try await accounts.principal(forToken: token, quick: quick) == nil)
        }
    }

    /// The decision's overdue check (every application to a product with rules) reads what the query reads.
    @Test func overdueLoansMatchTheQueryAndFollowTheLoan() async throws {
        try await withTestApp(.sqlite) { app in
            let quick = try #require(app.runtime.quickReads)
            let market = try await MarketFixtures.seed(app, base: try await Fixtures.seed(app))
            let loanID = try await market.openLoan(app, on: Day.today())
            let loans = LoanStore(database: app.db)
            let firm = try #require(try await loans.loan(id: loanID)?.uscc)
            let context = ServiceContext(platform: app.platform, database: app.db, runtime: app.runtime,
                                         passwords: BcryptPasswordHasher(application: app), memo: GenerationsMemo(quick: quick))
            #expect(try quick.hasOverdueLoans(uscc: firm) == false)
            #expect(try await loans.hasOverdueLoans(uscc: firm) == false)
            #expect(try await FirmFactsLoader.hasOverdueLoans(context, uscc: firm) == false)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE loans SET overdue_days = 12 WHERE id = \(bind: loanID)").run()
            #expect(try quick.hasOverdueLoans(uscc: firm))
            #expect(try await loans.hasOverdueLoans(uscc: firm))
            #expect(try await FirmFactsLoader.hasOverdueLoans(context, uscc: firm))
            #expect(try quick.hasOverdueLoans(uscc: SampleFiles.firmB) == false, "another firm's loan is not this one's")
            // Settled: no longer counts.
            try await sql.raw("UPDATE loans SET settled = 1 WHERE id = \(bind: loanID)").run()
            #expect(try quick.hasOverdueLoans(uscc: firm) == false)
            #expect(try await loans.hasOverdueLoans(uscc: firm) == false)
        }
    }

    @Test func aFileItCannotOpenFallsBackToTheQuery() async throws {
        try await withTestApp(.sqlite) { app in
            let nowhere = QuickReads(path: "/nonexistent-\(UUID().uuidString)/xyd.sqlite")
            #expect(throws: (any Error).self) { try nowhere.generations() }
            let accounts = AccountStore(database: app.db)
            let bank = try await accounts.createInstitution(code: "fbank", name: "回退银行", kind: .bank)
            let token = try await accounts.createToken(name: "回退", role: .institutionStaff, departmentID: nil, institutionID: bank.id)
            #expect(try await accounts.principal(forToken: token, quick: nowhere)?.institution?.code == "fbank")
            let memo = GenerationsMemo(quick: nowhere)
            let context = ServiceContext(platform: app.platform, database: app.db, runtime: app.runtime,
                                         passwords: BcryptPasswordHasher(application: app), memo: memo)
            #expect(try await context.stamp(.products, .consents).count == 2)
            #expect(try await FirmFactsLoader.hasOverdueLoans(context, uscc: SampleFiles.firmA) == false)
        }
    }
}
