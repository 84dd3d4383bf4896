import Testing
@testable import Domain

/// 入库 under the Lingyuan rules (seed 001 第八条–第十二条), each rule at its boundary.
@Suite struct FundRegistrationTests {
    typealias F = FundFixtures

    func check(_ loan: FundLoanFacts = F.loan(), firm: FundFirmFacts = F.firm(), institution: FundInstitutionFacts = F.institution(),
               on day: Day = F.disbursed) throws -> FundRegistrationOutcome {
        FundRegistration.check(loan: loan, firm: firm, institution: institution, scheme: try F.scheme("lingyuan-2020"), on: day)
    }

    func codes(_ outcome: FundRegistrationOutcome) -> [String] { outcome.reasons.map(\.code) }

    @Test func anEligibleLoanIsCoveredUnderTheVersionOfItsDisbursementDay() throws {
        let outcome = try check()
        let coverage = try #require(outcome.coverage)
        #expect(coverage.version == 2 && coverage.schemeCode == "lingyuan-2020")
        #expect(coverage.amount == Cents(yuan: 1_000_000) && coverage.registeredOn == F.disbursed)
        #expect(coverage.features == FundLoanFeatures([.firstLoan, .pureCredit]))
        var older = F.loan(matures: "2023-03-15")
        older.disbursedOn = F.day("2022-03-15")
        #expect(try check(older, on: F.day("2022-03-20")).coverage?.version == 1)
        older.disbursedOn = F.day("2020-06-01")
        older.maturesOn = F.day("2021-06-01")
        #expect(try codes(check(older, on: F.day("2021-06-01"))) == ["no_scheme_version"])
    }

    @Test func theRateMayReachTheCapButNotOneBasisPointAbove() throws {
        #expect(try check(F.loan(rate: 566)).isCovered, "4.35 % + 30 % = 5.66 %")
        let above = try check(F.loan(rate: 567))
        #expect(codes(above) == ["rate_above_cap"])
        #expect(above.reasons.first?.text == "年利率5.67%超过上限5.66%（参考利率4.35%上浮30%）")
        var ownReference = F.loan(rate: 449)
        ownReference.referenceRate = AnnualRate(basisPoints: 345) // an LPR: 3.45 % × 1.3 = 4.485 % → 4.49 %
        #expect(try check(ownReference).isCovered)
        ownReference.rate = AnnualRate(basisPoints: 450)
        #expect(try codes(check(ownReference)) == ["rate_above_cap"])
        ownReference.rate = AnnualRate(basisPoints: 450)
        ownReference.referenceRate = AnnualRate(basisPoints: 300) // 3.90 %
        #expect(try codes(check(ownReference)) == ["rate_above_cap"])
    }

    @Test func theTermIsTwoYearsInPrincipleAndNeverOverThree() throws {
        #expect(try check(F.loan(matures: "2026-03-15")).isCovered, "exactly 2 years")
        #expect(try codes(check(F.loan(matures: "2026-03-16"))) == ["term_over_limit"], "2 years and a day, no exception")
        #expect(try check(F.loan(matures: "2026-03-16")).reasons.first?.text == "贷款期限超过 2 年（原则上限），且未经批准例外")
        #expect(try check(F.loan(matures: "2027-03-15", exception: true)).isCovered, "exactly 3 years with an exception")
        let over = try check(F.loan(matures: "2027-03-16", exception: true))
        #expect(codes(over) == ["term_over_absolute"], "3 years and a day never")
        #expect(over.reasons.first?.text == "贷款期限超过 3 年，不属于补偿范围")
        #expect(try codes(check(F.loan(matures: "2024-03-15"))) == ["term_invalid"])
    }

    @Test func aSchemeWithoutExceptionsStopsAtItsOwnLimit() throws {
        var version = try F.lingyuan()
        version.loan.termExceptionAllowed = false
        let outcome = FundRegistration.check(loan: F.loan(matures: "2026-09-15", exception: true), firm: F.firm(),
                                             institution: F.institution(), version: version, schemeCode: "x", on: F.disbursed)
        #expect(outcome.reasons == [FundReason(code: "term_over_limit", text: "贷款期限超过 2 年")])
    }

    @Test func onlyFirstLoansAreCoveredWhenTheSchemeSaysSo() throws {
        #expect(try codes(check(F.loan(firstLoan: false))) == ["not_first_loan"])
        var version = try F.lingyuan()
        version.loan.firstLoanOnly = false
        #expect(FundRegistration.check(loan: F.loan(firstLoan: false), firm: F.firm(), institution: F.institution(),
                                       version: version, schemeCode: "x", on: F.disbursed).isCovered)
    }

    @Test func aPausedOrInactiveInstitutionRegistersNothing() throws {
        #expect(try codes(check(institution: F.institution(paused: true))) == ["registrations_paused"])
        #expect(try check(institution: F.institution(claimsPaused: true)).isCovered, "a claims pause does not stop registrations")
        #expect(try codes(check(institution: F.institution(active: false))) == ["institution_inactive"])
        var gx = try F.guangxi()
        gx.loan.maxAmount = nil
        let noAgreement = FundRegistration.check(loan: F.loan(product: .guaranteed, firstLoan: false),
                                                 firm: F.firm(district: "450103"), institution: F.institution(agreementFrom: nil),
                                                 version: gx, schemeCode: "guangxi-4321", on: F.disbursed)
        #expect(codes(noAgreement) == ["no_agreement"])
    }

    @Test func theFirmMustBeListedLocalSmallEnoughAndHonest() throws {
        #expect(try codes(check(firm: F.firm(recommendation: .publicity))) == ["not_recommended"], "in publicity is not yet listed")
        #expect(try check(firm: F.firm(recommendation: .pushed)).isCovered)
        #expect(try codes(check(firm: F.firm(recommendation: nil))) == ["not_recommended"])
        #expect(try codes(check(firm: F.firm(district: "210202"))) == ["not_local"])
        #expect(try codes(check(firm: F.firm(size: .large))) == ["size_class"])
        #expect(try check(firm: F.firm(size: .large)).reasons.first?.text == "企业规模为大型企业，方案仅支持中型企业、小型企业、微型企业")
        #expect(try codes(check(firm: F.firm(dishonest: true))) == ["dishonest"])
    }

    @Test func theLoanMustBePureCreditThroughThePlatformAndNotRealEstate() throws {
        #expect(try codes(check(F.loan(product: .collateral))) == ["product_type"])
        #expect(try codes(check(F.loan(purpose: "商业房地产开发项目"))) == ["purpose_excluded"])
        #expect(try check(F.loan(purpose: "商业房地产开发项目")).reasons.first?.text == "贷款用途含“房地产开发”，不属于补偿范围")
        #expect(try codes(check(F.loan(throughPlatform: false))) == ["not_through_platform"])
    }

    @Test func everyReasonIsGivenAtOnce() throws {
        let outcome = try check(F.loan(rate: 900, matures: "2028-01-01", product: .guaranteed, firstLoan: false, throughPlatform: false),
                                firm: F.firm(recommendation: nil, dishonest: true), institution: F.institution(paused: true))
        #expect(codes(outcome) == ["registrations_paused", "not_recommended", "dishonest", "product_type", "not_first_loan",
                                   "rate_above_cap", "term_over_absolute", "not_through_platform"])
    }

    @Test func guangzhouCoversLoansUpToThirtyMillionAndRegistrationTimingCounts() throws {
        let gz = try F.guangzhou()
        var loan = F.loan(amount: Cents(yuan: 30_000_000), firstLoan: false)
        loan.disbursedOn = F.day("2025-10-10"); loan.maturesOn = F.day("2027-10-10")
        let firm = F.firm(district: "440106", size: .micro, recommendation: nil, keySupport: true)
        let covered = FundRegistration.check(loan: loan, firm: firm, institution: F.institution(), version: gz, schemeCode: "guangzhou-2025", on: loan.disbursedOn)
        #expect(covered.coverage?.features == FundLoanFeatures([.pureCredit, .keySupportFirm]))
        loan.amount = Cents(yuan: 30_000_000) + Cents(1)
        #expect(FundRegistration.check(loan: loan, firm: firm, institution: F.institution(), version: gz, schemeCode: "g",
                                       on: loan.disbursedOn).reasons.map(\.code) == ["amount_above_max"])
        var timed = gz
        timed.loan.registrationWithinDays = 30
        loan.amount = Cents(yuan: 1_000_000)
        #expect(FundRegistration.check(loan: loan, firm: firm, institution: F.institution(), version: timed, schemeCode: "g",
                                       on: F.day("2025-11-09")).isCovered, "30 days after")
        #expect(FundRegistration.check(loan: loan, firm: firm, institution: F.institution(), version: timed, schemeCode: "g",
                                       on: F.day("2025-11-10")).reasons.map(\.code) == ["registration_late"])
    }

    @Test func loanFactsCanComeFromApprovedTerms() {
        let terms = LoanTerms(amount: Cents(yuan: 800_000), rate: AnnualRate(basisPoints: 480), termMonths: 24, method: .equalPrincipal)
        let facts = FundLoanFacts(loanId: "L9", institutionId: "b", firmUSCC: "u", terms: terms, disbursedOn: F.day("2024-01-31"),
                                  productType: .pureCredit, firstLoan: true, purpose: "流动资金", throughPlatform: true)
        #expect(facts.maturesOn == F.day("2026-01-31") && facts.amount == Cents(yuan: 800_000))
    }
}
