import Testing
@testable import Domain

/// The claim engine: shares, tiers, bonuses, the total cap, the caps against what was already paid, and the split
/// among parties, to the cent.
@Suite struct ClaimComputationTests {
    typealias F = FundFixtures

    func lingyuan(loss: String, usage: FundUsage = .none) throws -> ClaimComputation {
        ClaimComputation.compute(version: try F.lingyuan(), coverage: F.coverage(amount: Cents(yuan: 3_000_000)),
                                 principalLoss: F.yuan(loss), usage: usage)
    }

    @Test func thirtyPercentOfThePrincipalLossWithTheWorkingShown() throws {
        let c = try lingyuan(loss: "1,000,000.00")
        #expect(c.compensation == F.yuan("300,000.00") && c.fundShare == c.compensation && c.institutionShare == F.yuan("700,000.00"))
        #expect(c.capHits.isEmpty)
        #expect(c.working.contains("本金损失¥1,000,000.00 × 30% = ¥300,000.00"))
        #expect(c.working.last == "应补偿¥300,000.00，其中基金支付¥300,000.00；贷款机构自担¥700,000.00")
        #expect(c.parties.map(\.amount) == [F.yuan("300,000.00"), F.yuan("700,000.00")])
        #expect(c.parties.map(\.label) == ["凌源市风险缓释基金", "贷款机构"])
    }

    @Test func thePerLoanCapIsReachedExactlyAndExceededByOneCent() throws {
        let exact = try lingyuan(loss: "1,666,666.67") // 500,000.001 → 500,000.00
        #expect(exact.compensation == F.yuan("500,000.00") && exact.capHits.isEmpty)
        let over = try lingyuan(loss: "1,666,666.70") // 500,000.01
        #expect(over.uncapped == F.yuan("500,000.01") && over.compensation == F.yuan("500,000.00"))
        #expect(over.capHits.map(\.kind) == [.perLoan])
        #expect(over.working.contains("触及单笔上限¥500,000.00，补偿由¥500,000.01减为¥500,000.00"))
        #expect(over.parties.map(\.amount).reduce(.zero, +) == F.yuan("1,666,666.70"))
    }

    @Test func thePerInstitutionCapCountsWhatWasAlreadyPaid() throws {
        let used = FundUsage(institution: F.yuan("1,800,000.00"))
        let exact = try lingyuan(loss: "666,666.67", usage: used)
        #expect(exact.compensation == F.yuan("200,000.00") && exact.capHits.isEmpty)
        let over = try lingyuan(loss: "666,666.70", usage: used)
        #expect(over.compensation == F.yuan("200,000.00") && over.capHits.map(\.kind) == [.perInstitution])
        #expect(over.working.contains("触及单家机构累计上限¥2,000,000.00（已用¥1,800,000.00，尚余¥200,000.00），补偿由¥200,000.01减为¥200,000.00"))
        let full = try lingyuan(loss: "100.00", usage: FundUsage(institution: F.yuan("2,000,000.00")))
        #expect(full.compensation == .zero && full.institutionShare == F.yuan("100.00"))
    }

    @Test func capsApplyInTurn() throws {
        let c = try lingyuan(loss: "3,000,000.00", usage: FundUsage(institution: F.yuan("1,900,000.00")))
        #expect(c.uncapped == F.yuan("900,000.00"))
        #expect(c.capHits.map(\.kind) == [.perLoan, .perInstitution])
        #expect(c.compensation == F.yuan("100,000.00"))
        var version = try F.lingyuan()
        version.caps = FundCaps(perLoan: nil, perInstitutionPerYear: Cents(yuan: 50_000), perFirm: Cents(yuan: 80_000), perYear: Cents(yuan: 70_000))
        let all = ClaimComputation.compute(version: version, coverage: F.coverage(amount: Cents(yuan: 3_000_000)),
                                           principalLoss: Cents(yuan: 1_000_000),
                                           usage: FundUsage(firm: Cents(yuan: 10_000), institutionYear: Cents(yuan: 0), year: Cents(yuan: 30_000)))
        #expect(all.capHits.map(\.kind) == [.perFirm, .perInstitutionPerYear, .perYear])
        #expect(all.compensation == Cents(yuan: 40_000))
    }

    func guangzhou(amount: String, features: [FundLoanFeature] = [], loss: String = "1,000,000.00") throws -> ClaimComputation {
        ClaimComputation.compute(version: try F.guangzhou(), coverage: F.coverage(amount: F.yuan(amount), features: features),
                                 principalLoss: F.yuan(loss), usage: .none)
    }

    @Test func guangzhouTiersIncludeTheirUpperBound() throws {
        #expect(try guangzhou(amount: "5,000,000.00").figures.shareBasisPoints == 4000)
        #expect(try guangzhou(amount: "5,000,000.01").figures.shareBasisPoints == 3000)
        #expect(try guangzhou(amount: "15,000,000.00").figures.shareBasisPoints == 3000)
        #expect(try guangzhou(amount: "15,000,000.01").figures.shareBasisPoints == 2000)
        #expect(try guangzhou(amount: "30,000,000.00").figures.shareBasisPoints == 2000)
        let beyond = try guangzhou(amount: "30,000,000.01")
        #expect(beyond.figures.tierIndex == -1 && beyond.compensation == .zero)
        #expect(try guangzhou(amount: "5,000,000.00").compensation == F.yuan("400,000.00"))
        #expect(try guangzhou(amount: "4,000,000.00").working.first == "贷款金额¥4,000,000.00，适用“不超过¥5,000,000.00”档，补偿比例40%")
    }

    @Test func bonusesAddUpWithinTheTotalCap() throws {
        let key = try guangzhou(amount: "1,000,000.00", features: [.keySupportFirm])
        #expect(key.figures.bonusBasisPoints == 1500 && key.figures.ratioCapped && key.figures.shareBasisPoints == 5000)
        #expect(key.working.contains("合计比例超过总比例上限50%，按50%计"))
        #expect(key.compensation == F.yuan("500,000.00"))
        let both = try guangzhou(amount: "1,000,000.00", features: [.keySupportFirm, .ipPledge])
        #expect(both.figures.bonusBasisPoints == 1500, "either feature earns the +15 pp once")
        let exactlyAtCap = try guangzhou(amount: "10,000,000.00", features: [.ipPledge, .monetaryPolicyTool])
        #expect(exactlyAtCap.figures.shareBasisPoints == 5000 && !exactlyAtCap.figures.ratioCapped)
        let low = try guangzhou(amount: "20,000,000.00", features: [.monetaryPolicyTool])
        #expect(low.figures.shareBasisPoints == 2500 && low.compensation == F.yuan("250,000.00"))
        #expect(low.working.contains("加计5%（运用货币政策工具资金发放）"))
    }

    func guangxi(loss: String, caps: FundCaps = FundCaps()) throws -> ClaimComputation {
        var version = try F.guangxi()
        version.caps = caps
        return ClaimComputation.compute(version: version, coverage: F.coverage(amount: Cents(yuan: 5_000_000), scheme: "guangxi-4321"),
                                        principalLoss: F.yuan(loss), usage: .none)
    }

    @Test func fourThreeTwoOneSplitsToTheCent() throws {
        let c = try guangxi(loss: "1,000,000.01")
        #expect(c.parties.map(\.amount.value) == [40_000_001, 30_000_000, 20_000_000, 10_000_000])
        #expect(c.compensation == F.yuan("800,000.01") && c.institutionShare == F.yuan("200,000.00"))
        #expect(c.fundShare == F.yuan("100,000.00"))
        #expect(c.working.first == "本金损失¥1,000,000.01按 4:3:2:1 分担：政府性融资担保机构¥400,000.01，广西融资再担保有限公司¥300,000.00，银行业金融机构¥200,000.00，设区市或县级财政¥100,000.00")
        let odd = try guangxi(loss: "0.07")
        #expect(odd.parties.map(\.amount.value) == [3, 2, 1, 1])
        #expect(odd.compensation == Cents(6) && odd.fundShare == Cents(1))
    }

    @Test func aCappedSplitIsSharedAgainAmongThePayers() throws {
        let c = try guangxi(loss: "1,000,000.00", caps: FundCaps(perLoan: Cents(yuan: 500_000)))
        #expect(c.parties.map(\.amount) == [Cents(yuan: 250_000), Cents(yuan: 187_500), Cents(yuan: 500_000), Cents(yuan: 62_500)])
        let tiny = try guangxi(loss: "1.00", caps: FundCaps(perLoan: Cents(5)))
        #expect(tiny.parties.map(\.amount.value) == [2, 2, 95, 1])
        #expect(tiny.fundShare == Cents(1))
    }

    @Test func sixtyFiveTwentyFifteen() throws {
        var version = try F.guangxi()
        version.share = FundShareRule(kind: .split, parties: [
            FundParty(role: .fund, label: "信保基金", weight: 65, paysFromFund: true),
            FundParty(role: .institution, label: "银行", weight: 20, paysFromFund: false),
            FundParty(role: .guarantor, label: "担保或保险", weight: 15, paysFromFund: false)])
        let c = ClaimComputation.compute(version: version, coverage: F.coverage(amount: Cents(yuan: 2_000_000)),
                                         principalLoss: F.yuan("1,000,000.01"), usage: .none)
        #expect(c.parties.map(\.amount.value) == [65_000_001, 20_000_000, 15_000_000])
        #expect(c.fundShare.value == 65_000_001 && c.compensation.value == 80_000_001)
    }

    @Test func splitsAlwaysAddUpAndStayWithinACentOfTheExactShare() {
        var random = FundRandom(seed: 2026)
        for _ in 0..<2_000 {
            let total = Int64(random.below(1_000_000_000)) * Int64(1 + random.below(1000))
            let weights = (0..<(2 + random.below(5))).map { _ in Int64(1 + random.below(100)) }
            let parts = LargestRemainder.split(total, weights: weights)
            #expect(parts.reduce(0, +) == total)
            let sum = weights.reduce(0, +)
            for (p, w) in zip(parts, weights) {
                let exact = Double(total) * Double(w) / Double(sum)
                #expect(abs(Double(p) - exact) < 1.0001)
            }
            #expect(LargestRemainder.share(ofFirst: total, weights[0], weights[1]) == LargestRemainder.split(total, weights: [weights[0], weights[1]])[0])
        }
        #expect(LargestRemainder.split(Int64(5), weights: [1, 1]) == [3, 2], "a tie goes to the earlier part")
    }
}

/// Whether a claim may be paid at all: the trigger, a pause, the exclusions.
@Suite struct FundClaimAssessmentTests {
    typealias F = FundFixtures

    func facts(_ tier: LoanClass, overdue: Int = 400, lawsuit: Day? = nil, loss: Cents = Cents(yuan: 1_000_000)) -> FundDefaultFacts {
        FundDefaultFacts(asOf: F.day("2025-06-01"), classification: tier, overdueDays: overdue, principalLoss: loss, lawsuitAcceptedOn: lawsuit)
    }

    @Test func lingyuanPaysOnlyOnceTheLoanIsClassifiedLoss() throws {
        let v = try F.lingyuan()
        let coverage = F.coverage(amount: Cents(yuan: 1_000_000))
        let doubtful = FundClaimAssessment.assess(version: v, coverage: coverage, institution: F.institution(), facts: facts(.doubtful), usage: .none)
        #expect(doubtful.reasons == [FundReason(code: "trigger_not_met", text: "尚未满足补偿条件：须贷款已划分为损失类")])
        let loss = FundClaimAssessment.assess(version: v, coverage: coverage, institution: F.institution(), facts: facts(.loss), usage: .none)
        #expect(loss.payable && loss.computation?.compensation == Cents(yuan: 300_000))
    }

    @Test func theBanksOwnBreachAndAPauseStopTheClaim() throws {
        let v = try F.lingyuan()
        let coverage = F.coverage(amount: Cents(yuan: 1_000_000))
        let breach = FundClaimAssessment.assess(version: v, coverage: coverage, institution: F.institution(claimsPaused: true),
                                                facts: facts(.loss), exclusions: [.institutionBreach, .notDiligent], usage: .none)
        #expect(breach.reasons.map(\.code) == ["claims_paused", "excluded_institution_breach"], "not_diligent is not an exclusion of this scheme")
        #expect(breach.reasons.last?.text == "不属于补偿范围：银行或其从业人员违反国家法律法规及内部管理制度")
        #expect(!breach.payable && breach.computation == nil)
        let tooMuch = FundClaimAssessment.assess(version: v, coverage: coverage, institution: F.institution(),
                                                 facts: facts(.loss, loss: Cents(yuan: 1_000_000) + Cents(1)), usage: .none)
        #expect(tooMuch.reasons.map(\.code) == ["loss_above_principal"])
    }

    @Test func wuxiStyleTriggerNeedsMoreThanSixtyDaysAndAnAcceptedLawsuit() {
        let wuxi = FundTrigger.overdue(moreThan: 60, lawsuit: true)
        #expect(!wuxi.isMet(by: facts(.specialMention, overdue: 60, lawsuit: F.day("2025-05-01"))))
        #expect(!wuxi.isMet(by: facts(.specialMention, overdue: 61)))
        #expect(!wuxi.isMet(by: facts(.specialMention, overdue: 61, lawsuit: F.day("2025-06-02"))), "accepted after the filing day")
        #expect(wuxi.isMet(by: facts(.specialMention, overdue: 61, lawsuit: F.day("2025-06-01"))))
        #expect(wuxi.text == "逾期超过 60 天且法院已受理起诉")
        #expect(FundTrigger.classification(atLeast: .substandard).isMet(by: facts(.substandard)))
        #expect(FundTrigger.classification(atLeast: .substandard).text == "贷款已划分为次级类或更差")
    }

    @Test func theFactsOfALoanLedgerGiveItsClassAndLoss() throws {
        let terms = LoanTerms(amount: Cents(yuan: 120_000), rate: AnnualRate(basisPoints: 480), termMonths: 12, method: .equalPrincipal)
        let ledger = LoanLedger(schedule: try terms.schedule(start: F.day("2023-01-10")))
        let late = FundDefaultFacts(position: ledger.position(asOf: F.day("2024-02-20")))
        #expect(late.classification == .loss && late.overdueDays == 375)
        #expect(late.principalLoss == Cents(yuan: 120_000))
        let early = FundDefaultFacts(position: ledger.position(asOf: F.day("2023-03-01")))
        #expect(early.classification == .specialMention)
    }
}
