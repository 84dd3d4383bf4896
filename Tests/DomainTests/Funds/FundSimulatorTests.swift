import Testing
@testable import Domain

/// The simulator: reproducible for a seed whatever the cores, drawing defaults at the right rate, and on any fixed
/// path paying exactly what the claim engine pays claim by claim.
@Suite struct FundSimulatorTests {
    typealias F = FundFixtures

    /// A small book where caps bind: 3 institutions, firms with two loans each, high default rates.
    static func book(count: Int = 240) -> [FundSimulationLoan] {
        var random = FundRandom(seed: 99)
        return (0..<count).map { i in
            let classes: [LoanClass] = [.normal, .normal, .specialMention, .substandard]
            return FundSimulationLoan(amount: Cents(yuan: Int64(50_000 + random.below(1_500_000))) + Cents(Int64(random.below(100))),
                                      institution: i % 3, firm: i / 2, termMonths: [12, 24, 36][random.below(3)],
                                      loanClass: classes[random.below(4)], grade: ["A", "B", "C", "D"][random.below(4)],
                                      features: FundLoanFeatures(i % 5 == 0 ? [.firstLoan, .ipPledge] : [.firstLoan, .pureCredit]),
                                      rate: AnnualRate(basisPoints: 400 + random.below(150)))
        }
    }

    static func settings(paths: Int = 64, seed: UInt64 = 11, claimLag: Int = 0, concurrency: Int? = nil) -> FundSimulationSettings {
        FundSimulationSettings(paths: paths, years: 3, seed: seed, startingBalance: Cents(yuan: 10_000_000),
                               yearlyInjections: [Cents(yuan: 1_000_000), Cents(yuan: 500_000)], recoveryBasisPoints: 2500,
                               recoveryLagYears: 1, claimLagYears: claimLag,
                               defaults: FundDefaultTable(byClass: [.normal: 0.08, .specialMention: 0.2, .substandard: 0.5], gradeMultipliers: ["D": 1.5]),
                               concurrency: concurrency)
    }

    static func versions() throws -> [FundScheme.Version] {
        var lingyuan = try F.lingyuan()
        lingyuan.caps.perInstitution = Cents(yuan: 3_000_000)
        lingyuan.caps.perFirm = Cents(yuan: 400_000)
        var guangzhou = try F.guangzhou()
        guangzhou.caps.perYear = Cents(yuan: 5_000_000)
        guangzhou.funding.interestIncomeContributionBasisPoints = 300
        guangzhou.funding.depositRateBasisPoints = 150
        return [lingyuan, try F.guangxi(), guangzhou]
    }

    @Test func theResultsDependOnTheSeedOnlyNotOnTheCores() async throws {
        let versions = try Self.versions()
        let one = try await FundSimulator(loans: Self.book(), settings: Self.settings(concurrency: 1)).run(versions)
        let three = try await FundSimulator(loans: Self.book(), settings: Self.settings(concurrency: 3)).run(versions)
        let again = try await FundSimulator(loans: Self.book(), settings: Self.settings()).run(versions)
        #expect(one == three && one == again)
        let other = try await FundSimulator(loans: Self.book(), settings: Self.settings(seed: 12)).run(versions)
        #expect(other != one)
        #expect(one[0].years.count == 3 && one[0].paths == 64)
    }

    /// Recomputes a traced path with the claim engine and the recovery rule, claim by claim, and the balances.
    func replay(_ trace: FundPathTrace, version: FundScheme.Version, loans: [FundSimulationLoan], settings s: FundSimulationSettings) {
        var firmPaid: [Int: Cents] = [:], institutionPaid: [Int: Cents] = [:]
        var recoveries: [Int: Cents] = [:]
        var balance = s.startingBalance
        var defaultedBy: [Int: Int] = [:]
        for d in trace.defaults { defaultedBy[d.loan] = d.year }
        var claims = trace.claims[...]
        for year in 1...s.years {
            let performing = loans.indices.filter { i in
                loans[i].yearsAtRisk >= year && (defaultedBy[i].map { $0 > year } ?? true)
            }
            let interest = performing.reduce(Int64(0)) { sum, i in
                sum + LoanMath.divideRoundingHalfUp(loans[i].amount.value * Int64(loans[i].rate.basisPoints), by: 10_000)
            }
            let opening = balance
            balance = balance + s.injection(inYear: year) + version.funding.contribution(fromInterestIncome: Cents(interest))
                + version.funding.interest(onBalance: opening)
            var institutionYear: [Int: Cents] = [:], yearPaid = Cents.zero
            while let claim = claims.first, claim.year == year {
                claims = claims.dropFirst()
                let loan = loans[claim.loan]
                let coverage = F.coverage(amount: loan.amount, features: loan.features.features)
                let usage = FundUsage(firm: firmPaid[loan.firm] ?? .zero, institutionYear: institutionYear[loan.institution] ?? .zero,
                                      institution: institutionPaid[loan.institution] ?? .zero, year: yearPaid)
                let c = ClaimComputation.compute(version: version, coverage: coverage, principalLoss: loan.amount, usage: usage)
                #expect(c.compensation == claim.compensation, "loan \(claim.loan) in year \(year)")
                #expect(c.fundShare == claim.fundShare)
                #expect(c.parties.map(\.amount).reduce(.zero, +) == loan.amount)
                firmPaid[loan.firm, default: .zero] = (firmPaid[loan.firm] ?? .zero) + c.compensation
                institutionPaid[loan.institution] = (institutionPaid[loan.institution] ?? .zero) + c.compensation
                institutionYear[loan.institution] = (institutionYear[loan.institution] ?? .zero) + c.compensation
                yearPaid = yearPaid + c.compensation
                balance = balance - c.fundShare
                if year + s.recoveryLagYears <= s.years {
                    let r = FundRecovery.share(gross: FundArithmetic.share(of: loan.amount, basisPoints: s.recoveryBasisPoints), costs: .zero, claim: c)
                    #expect(r.fundShare == claim.recoveryFundShare)
                    recoveries[year + s.recoveryLagYears] = (recoveries[year + s.recoveryLagYears] ?? .zero) + r.fundShare
                } else {
                    #expect(claim.recoveryFundShare == .zero)
                }
            }
            balance = balance + (recoveries[year] ?? .zero)
            #expect(balance == trace.balances[year - 1], "year \(year) balance")
        }
        #expect(claims.isEmpty)
    }

    @Test(arguments: [0, 1])
    func onAFixedPathTheSimulatorPaysWhatTheClaimEngineWouldToTheCent(claimLag: Int) throws {
        let loans = Self.book(), settings = Self.settings(claimLag: claimLag), versions = try Self.versions()
        let simulator = try FundSimulator(loans: loans, settings: settings)
        for path in [0, 5, 17] {
            let traces = simulator.trace(path: path, versions: versions)
            #expect(traces.count == 3)
            #expect(traces.allSatisfy { $0.defaults == traces[0].defaults }, "common random numbers: one draw for all schemes")
            #expect(traces[0].claims.contains { $0.compensation.isPositive })
            #expect(traces[0].claims.contains { $0.compensation < FundArithmetic.share(of: loans[$0.loan].amount, basisPoints: 3000) },
                    "some claim on the path is capped, so the path-dependent caps are exercised")
            for (trace, version) in zip(traces, versions) { replay(trace, version: version, loans: loans, settings: settings) }
        }
    }

    @Test func theTraceAndTheRunAgree() async throws {
        let loans = Self.book(), settings = Self.settings(paths: 8), versions = try Self.versions()
        let simulator = try FundSimulator(loans: loans, settings: settings)
        let results = await simulator.run(versions)
        let finals = (0..<8).map { simulator.trace(path: $0, versions: versions)[1].balances[2].value }.sorted()
        #expect(results[1].years[2].balance.p50 == Cents(finals[3]), "nearest-rank median of 8 is the 4th")
        #expect(results[1].years[2].balance.p5 == Cents(finals[0]) && results[1].years[2].balance.p95 == Cents(finals[7]))
    }

    @Test func defaultsAreDrawnAtTheirProbability() async throws {
        let loans = (0..<20_000).map { FundSimulationLoan(amount: Cents(yuan: 100_000), institution: 0, firm: $0, termMonths: 12, probabilityOfDefault: 0.05) }
        let s = FundSimulationSettings(paths: 100, years: 1, seed: 3, startingBalance: .zero)
        let result = try await FundSimulator(loans: loans, settings: s).run(try F.guangxi())
        #expect(abs(result.meanDefaults - 1_000) < 30, "20,000 × 5 % = 1,000 a path; got \(result.meanDefaults)")

        let sure = [FundSimulationLoan(amount: Cents(yuan: 1), institution: 0, firm: 0, termMonths: 12, probabilityOfDefault: 1),
                    FundSimulationLoan(amount: Cents(yuan: 1), institution: 0, firm: 1, termMonths: 36, probabilityOfDefault: 0)]
        let certain = try await FundSimulator(loans: sure, settings: FundSimulationSettings(paths: 10, years: 3, seed: 1, startingBalance: .zero))
            .run(try F.guangxi())
        #expect(certain.meanDefaults == 1)

        let short = (0..<1_000).map { FundSimulationLoan(amount: Cents(yuan: 1), institution: 0, firm: $0, termMonths: 12, probabilityOfDefault: 0.5) }
        let simulator = try FundSimulator(loans: short, settings: FundSimulationSettings(paths: 1, years: 3, seed: 9, startingBalance: .zero))
        let trace = simulator.trace(path: 0, versions: [try F.guangxi()])[0]
        #expect(trace.defaults.allSatisfy { $0.year == 1 }, "a one-year loan is at risk in year 1 only")
        #expect(Set(trace.defaults.map(\.loan)).count == trace.defaults.count, "a loan defaults once")
    }

    @Test func aFundThatCannotPayRunsDryInTheYearItGoesNegative() async throws {
        let loans = (0..<100).map { FundSimulationLoan(amount: Cents(yuan: 1_000_000), institution: $0, firm: $0, termMonths: 36, probabilityOfDefault: 0.3) }
        var version = try F.lingyuan()
        version.funding.interestIncomeContributionBasisPoints = 0
        let s = FundSimulationSettings(paths: 200, years: 3, seed: 5, startingBalance: Cents(yuan: 12_000_000), includeInterest: false)
        let result = try await FundSimulator(loans: loans, settings: s).run(version)
        // Year 1: about 30 defaults × ¥300,000 = ¥9 M; year 2 about 21 more: the balance goes negative in year 2.
        #expect(result.years[0].balance.p50.isPositive)
        #expect(result.dryYear == 2)
        #expect(result.probabilityOfRunningDry > 0.9)
        #expect(result.lines.contains("按 P5 情景，第 2 年末资金耗尽"))
    }

    @Test func twoSchemesAreComparedOnTheSameDraws() async throws {
        let loans = Self.book(), settings = Self.settings()
        var base = try F.lingyuan()
        base.caps = FundCaps(perLoan: Cents(yuan: 500_000)) // with the ¥2 M per bank cap both would pay ¥6 M on every path
        var generous = base
        generous.share = .flat(7000) // 附件1's 70 %
        let comparison = try await FundSimulator(loans: loans, settings: settings).compare(base, generous)
        #expect(comparison.a.meanDefaults == comparison.b.meanDefaults)
        #expect(comparison.b.totalPayouts.mean > comparison.a.totalPayouts.mean)
        #expect(comparison.b.years[2].balance.p50 < comparison.a.years[2].balance.p50)
        #expect(comparison.lines.count == 5)
    }

    @Test func badSettingsAreRefused() {
        #expect(throws: DomainError.invalidInput(field: "years", reason: "模拟年数须在 1 到 30 之间")) {
            try FundSimulator(loans: [], settings: FundSimulationSettings(paths: 1, years: 0, seed: 1, startingBalance: .zero))
        }
        #expect(throws: DomainError.invalidInput(field: "loans[0].amount", reason: "贷款金额必须大于零")) {
            try FundSimulator(loans: [FundSimulationLoan(amount: .zero, institution: 0, firm: 0, termMonths: 12)],
                              settings: FundSimulationSettings(paths: 1, years: 1, seed: 1, startingBalance: .zero))
        }
    }

    @Test func theGeneratorIsReproducibleAndSpreadsItsValues() {
        var a = FundRandom(seed: 1, path: 0), b = FundRandom(seed: 1, path: 0), c = FundRandom(seed: 1, path: 1)
        let first = (0..<4).map { _ in a.next() }
        #expect(first == (0..<4).map { _ in b.next() })
        #expect(first != (0..<4).map { _ in c.next() })
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<100_000 { counts[a.below(10)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
        for _ in 0..<10_000 { let u = a.unitOpenBelow(); #expect(u > 0 && u <= 1) }
    }
}
