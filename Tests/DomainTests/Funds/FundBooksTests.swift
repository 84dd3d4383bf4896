import Testing
@testable import Domain

/// Recoveries shared back (seed 001 第十五条), the fund's double-entry books, and the stop lines.
@Suite struct FundRecoveryTests {
    typealias F = FundFixtures

    @Test func aRecoveryNetOfCostsIsSharedInProportionToTheCompensation() throws {
        let claim = ClaimComputation.compute(version: try F.lingyuan(), coverage: F.coverage(amount: Cents(yuan: 2_000_000)),
                                             principalLoss: F.yuan("1,000,000.01"), usage: .none)
        #expect(claim.compensation == F.yuan("300,000.00"))
        let r = FundRecovery.share(gross: F.yuan("100,000.00"), costs: F.yuan("10,000.01"), claim: claim)
        #expect(r.net == F.yuan("89,999.99") && r.shared == r.net)
        #expect(r.parties.map(\.amount) == [F.yuan("27,000.00"), F.yuan("62,999.99")])
        #expect(r.fundShare == F.yuan("27,000.00"))
        #expect(r.parties.map(\.amount).reduce(.zero, +) == r.net)
        #expect(r.working.first == "追回¥100,000.00，扣除诉讼等费用¥10,000.01，净额¥89,999.99")
    }

    @Test func costsAboveTheRecoveryLeaveNothingAndRecoveriesBeyondTheLossStayWithTheBank() throws {
        let claim = ClaimComputation.compute(version: try F.lingyuan(), coverage: F.coverage(amount: Cents(yuan: 2_000_000)),
                                             principalLoss: Cents(yuan: 100_000), usage: .none)
        let none = FundRecovery.share(gross: Cents(yuan: 500), costs: Cents(yuan: 800), claim: claim)
        #expect(none.net == .zero && none.fundShare == .zero)
        let late = FundRecovery.share(gross: Cents(yuan: 30_000), costs: .zero, claim: claim, alreadyShared: Cents(yuan: 90_000))
        #expect(late.shared == Cents(yuan: 10_000))
        #expect(late.fundShare == Cents(yuan: 3_000))
        #expect(late.parties[1].amount == Cents(yuan: 7_000 + 20_000))
    }

    @Test func aSplitClaimsRecoveryGoesBackToEachPayer() throws {
        let claim = ClaimComputation.compute(version: try F.guangxi(), coverage: F.coverage(amount: Cents(yuan: 5_000_000)),
                                             principalLoss: Cents(yuan: 1_000_000), usage: .none)
        let r = FundRecovery.share(gross: F.yuan("10,000.03"), costs: .zero, claim: claim)
        #expect(r.parties.map(\.amount.value) == [400_001, 300_001, 200_001, 100_000])
        #expect(r.fundShare.value == 100_000)
        #expect(FundRecovery.fundPart(of: r.shared.value, figures: claim.figures, loss: claim.principalLoss.value,
                                      rule: FundClaimRule(try F.guangxi())) == r.fundShare.value)
    }
}

@Suite struct FundLedgerTests {
    typealias F = FundFixtures

    func books() throws -> FundLedger {
        try FundLedger(entries: [
            .capital(Cents(yuan: 10_000_000), on: F.day("2024-01-02")),
            .injection(Cents(yuan: 600_000), on: F.day("2024-03-31"), memo: "2023 年金融业税收 20%"),
            .contribution(F.yuan("50.01"), from: "bank-a", on: F.day("2024-04-01"), memo: "2023 年利息收入 5%"),
            .compensationApproved(Cents(yuan: 300_000), to: "bank-a", claimId: "C1", on: F.day("2024-06-01")),
            .compensationPaid(Cents(yuan: 300_000), to: "bank-a", claimId: "C1", on: F.day("2024-06-20")),
            .compensationApproved(Cents(yuan: 120_000), to: "bank-b", claimId: "C2", on: F.day("2024-12-20")),
            .interest(F.yuan("35,000.00"), on: F.day("2024-12-21")),
            .compensationPaid(Cents(yuan: 120_000), to: "bank-b", claimId: "C2", on: F.day("2025-01-10")),
            .recovery(Cents(yuan: 27_000), from: "bank-a", claimId: "C1", on: F.day("2025-05-05")),
        ])
    }

    @Test func theBalanceIsTheSumOfTheEntriesAndTheBooksBalance() throws {
        let ledger = try books()
        #expect(ledger.cash() == F.yuan("10,242,050.01"))
        #expect(ledger.trialBalance().reduce(Cents.zero) { $0 + $1.balance } == .zero)
        #expect(ledger.cash(through: F.day("2024-12-31")) == F.yuan("10,335,050.01"))
        #expect(ledger.balance(of: .compensationPayable(institution: "bank-b"), through: F.day("2024-12-31")) == Cents(yuan: -120_000))
        #expect(ledger.balance(of: .compensationPayable(institution: "bank-b")) == .zero)
        #expect(ledger.institutions == ["bank-a", "bank-b"])
    }

    @Test func yearStatementsFollowOnFromEachOther() throws {
        let ledger = try books()
        let y2024 = ledger.yearStatement(2024), y2025 = ledger.yearStatement(2025)
        #expect(y2024.openingCash == .zero && y2024.closingCash == y2024.computedClosing)
        #expect(y2024.injections == Cents(yuan: 10_600_000) && y2024.compensationApproved == Cents(yuan: 420_000))
        #expect(y2024.compensationPaid == Cents(yuan: 300_000))
        #expect(y2025.openingCash == y2024.closingCash && y2025.closingCash == y2025.computedClosing)
        #expect(y2025.recoveries == Cents(yuan: 27_000) && y2025.compensationPaid == Cents(yuan: 120_000))
    }

    @Test func institutionStatementsShowWhatEachReceivedAndReturned() throws {
        let ledger = try books()
        let a = ledger.institutionStatement("bank-a")
        #expect(a.contributions == F.yuan("50.01") && a.compensationPaid == Cents(yuan: 300_000) && a.recoveriesReturned == Cents(yuan: 27_000))
        #expect(a.netReceived == F.yuan("272,949.99"))
        let b2024 = ledger.institutionStatement("bank-b", year: 2024)
        #expect(b2024.compensationApproved == Cents(yuan: 120_000) && b2024.compensationPaid == .zero && b2024.payableAtEnd == Cents(yuan: 120_000))
        #expect(ledger.institutionStatement("bank-b", year: 2025).payableAtEnd == .zero)
    }

    @Test func anEntryThatWouldBreakTheBooksIsRefused() throws {
        var ledger = try books()
        #expect(throws: DomainError.conflict("拨付¥1.00超过应付代偿款¥0.00")) {
            try ledger.post(.compensationPaid(Cents(yuan: 1), to: "bank-a", claimId: "C1", on: F.day("2025-06-01")))
        }
        #expect(throws: DomainError.self) { try ledger.post(.interest(.zero, on: F.day("2025-06-01"))) }
        #expect(throws: DomainError.self) { try ledger.post(.interest(Cents(1), on: F.day("2025-01-01"))) }
        let before = ledger.entries.count
        try ledger.post(.interest(Cents(1), on: F.day("2025-06-01")))
        #expect(ledger.entries.count == before + 1 && ledger.cash() == F.yuan("10,242,050.02"))
    }
}

@Suite struct FundCircuitBreakerTests {
    typealias F = FundFixtures

    @Test func guangzhouPausesClaimsAboveThreePercentAndResumesBelowIt() throws {
        let breakers = try F.guangzhou().circuitBreakers
        func book(_ losses: Int64) -> FundInstitutionBook {
            FundInstitutionBook(registeredThisYear: Cents(100_000_000), lossesThisYear: Cents(losses))
        }
        let atLine = FundCircuitBreakers.evaluate(breakers, book: book(3_000_000), current: FundPauseState())
        #expect(!atLine.state.claimsPaused && !atLine.changed, "exactly 3 % is not above 3 %")
        let above = FundCircuitBreakers.evaluate(breakers, book: book(3_000_001), current: FundPauseState())
        #expect(above.state.claimsPaused && !above.state.registrationsPaused && above.changed)
        #expect(above.lines.last == "超过暂停线：补偿申请暂停")
        let still = FundCircuitBreakers.evaluate(breakers, book: book(3_000_000), current: above.state)
        #expect(still.state.claimsPaused, "3 % is not below the resume line")
        let resumed = FundCircuitBreakers.evaluate(breakers, book: book(2_999_999), current: above.state)
        #expect(!resumed.state.claimsPaused && resumed.changed)
    }

    @Test func aLowerResumeLineHoldsThePauseInBetween() {
        let breakers = [FundCircuitBreaker(metric: .overdueRatio, pauseAboveBasisPoints: 500, resumeBelowBasisPoints: 300, pauses: [.registrations, .claims])]
        let paused = FundPauseState(registrationsPaused: true, claimsPaused: true)
        let between = FundCircuitBreakers.evaluate(breakers, book: FundInstitutionBook(outstanding: Cents(1000), overdue: Cents(40)), current: paused)
        #expect(between.state == paused)
        let low = FundCircuitBreakers.evaluate(breakers, book: FundInstitutionBook(outstanding: Cents(1000), overdue: Cents(29)), current: paused)
        #expect(low.state == FundPauseState())
        let empty = FundCircuitBreakers.evaluate(breakers, book: FundInstitutionBook(), current: FundPauseState())
        #expect(empty.state == FundPauseState(), "no book, no ratio")
    }
}
