@testable import Domain

/// A hand-built city for the indicator tests: two districts, two banks, three firms, one of which (F1) moves from
/// 中山区 to 西岗区 on 2025-03-15. Every expected figure in `IndicatorHandWorkedTests` is worked from this by hand.
enum StatFixtures {
    static let zhongshan = "210202", xigang = "210203"

    static func d(_ text: String) -> Day { Day(iso: text)! }
    static func yuan(_ y: Int64) -> Cents { Cents(yuan: y) }

    static let march = StatMonth(year: 2025, month: 3)
    static let february = StatMonth(year: 2025, month: 2)
    static let january = StatMonth(year: 2025, month: 1)

    static let facts = StatFacts(
        firms: [
            // F1: 中山区 until 2025-03-14, 西岗区 from 2025-03-15; authorised from 01-20; committed 02-01 … 03-19.
            StatFirm(id: "F1", industry: "C", size: "small", registeredOn: d("2025-01-10"),
                     districts: [DistrictSpell(from: d("2024-05-01"), district: zhongshan),
                                 DistrictSpell(from: d("2025-03-15"), district: xigang)],
                     standings: [StandingSpell(.authorised, from: d("2025-01-20")),
                                 StandingSpell(.committed, from: d("2025-02-01"), until: d("2025-03-20"))]),
            // F2: 西岗区; listed from 03-05.
            StatFirm(id: "F2", industry: "F", size: "micro", registeredOn: d("2025-02-05"),
                     districts: [DistrictSpell(from: d("2020-01-01"), district: xigang)],
                     standings: [StandingSpell(.listed, from: d("2025-03-05"))]),
            // F3: 中山区; authorised on the day it registered.
            StatFirm(id: "F3", industry: "C", size: "medium", registeredOn: d("2025-03-10"),
                     districts: [DistrictSpell(from: d("2019-01-01"), district: zhongshan)],
                     standings: [StandingSpell(.authorised, from: d("2025-03-10"))]),
        ],
        institutions: [
            StatInstitution(id: "B1", online: [OnlineSpell(from: d("2024-12-01"))]),
            StatInstitution(id: "B2", online: [OnlineSpell(from: d("2025-01-01"), until: d("2025-03-20"))]),
        ],
        products: [
            StatProduct(id: "P1", institution: "B1", online: [OnlineSpell(from: d("2025-01-01"))]),
            StatProduct(id: "P2", institution: "B2", online: [OnlineSpell(from: d("2025-01-01"), until: d("2025-03-20"))]),
            StatProduct(id: "P3", institution: "B1", online: [OnlineSpell(from: d("2025-03-25"))]),
        ],
        expectations: [
            StatExpectation(key: "SCJ/reg/2025-03", department: "SCJ", month: march, dueOn: d("2025-04-05")),
            StatExpectation(key: "SCJ/pen/2025-03", department: "SCJ", month: march, dueOn: d("2025-04-05")),
            StatExpectation(key: "SWJ/tax/2025-03", department: "SWJ", month: march, dueOn: d("2025-04-05")),
        ],
        batches: [
            StatBatch(expectation: "SCJ/reg/2025-03", department: "SCJ", month: march, dueOn: d("2025-04-05"),
                      receivedOn: d("2025-04-03"), records: 1000, rejected: 10),
            StatBatch(expectation: "SCJ/reg/2025-03", department: "SCJ", month: march, dueOn: d("2025-04-05"),
                      receivedOn: d("2025-04-10"), records: 200, rejected: 0),
            StatBatch(expectation: "SWJ/tax/2025-03", department: "SWJ", month: march, dueOn: d("2025-04-05"),
                      receivedOn: d("2025-04-08"), records: 500, rejected: 40),
        ],
        demands: [
            StatDemand(id: "Dm0", firm: "F1", publishedOn: d("2025-02-10"), amount: yuan(300_000), takenOn: d("2025-02-11"),
                       satisfiedAmount: yuan(300_000)),
            StatDemand(id: "Dm1", firm: "F1", publishedOn: d("2025-03-10"), amount: yuan(500_000), takenOn: d("2025-03-12"),
                       satisfiedAmount: yuan(400_000), followedUpOn: d("2025-03-13"), convertedOn: d("2025-03-15")),
            StatDemand(id: "Dm2", firm: "F2", publishedOn: d("2025-03-20"), amount: yuan(200_000), takenOn: d("2025-03-30"),
                       followedUpOn: d("2025-04-02"), declinedOn: d("2025-04-02")),
            StatDemand(id: "Dm3", firm: "F3", publishedOn: d("2025-03-25"), amount: yuan(100_000)),
        ],
        pushes: [
            StatPush(id: "Pu1", firm: "F3", institution: "B1", pushedOn: d("2025-03-11"), contactedOn: d("2025-03-12"),
                     decidedOn: d("2025-04-05")),
            StatPush(id: "Pu2", firm: "F2", institution: "B2", pushedOn: d("2025-03-01"), decidedOn: d("2025-04-15")),
            StatPush(id: "Pu3", firm: "F1", institution: "B1", pushedOn: d("2025-03-31")),
        ],
        applications: [
            StatApplication(id: "A1", firm: "F1", institution: "B1", product: "P1", appliedOn: d("2025-03-02"),
                            decision: .init(approved: true, automatic: true, on: d("2025-03-02")), disbursedOn: d("2025-03-05")),
            StatApplication(id: "A2", firm: "F2", institution: "B2", product: "P2", appliedOn: d("2025-03-03"),
                            decision: .init(approved: true, on: d("2025-03-10")), disbursedOn: d("2025-03-17")),
            StatApplication(id: "A3", firm: "F3", institution: "B1", product: "P1", appliedOn: d("2025-03-12"),
                            decision: .init(approved: false, on: d("2025-03-14"))),
            StatApplication(id: "A4", firm: "F3", institution: "B1", product: "P3", appliedOn: d("2025-03-28")),
        ],
        creditLines: [
            StatCreditLine(firm: "F1", institution: "B1", product: "P1", grantedOn: d("2025-03-04"), amount: yuan(1_000_000)),
            StatCreditLine(firm: "F1", institution: "B1", product: "P1", grantedOn: d("2025-03-20"), amount: yuan(200_000)),
            StatCreditLine(firm: "F2", institution: "B2", product: "P2", grantedOn: d("2025-03-10"), amount: yuan(500_000)),
        ],
        loans: [
            StatLoan(id: "Ln0", firm: "F2", institution: "B2", product: "P2", disbursedOn: d("2025-01-15"), amount: yuan(1_000_000),
                     rate: 500, isCreditLoan: true, isFirstLoan: true,
                     changes: [StatLoanChange(day: d("2025-03-15"), .repaid(yuan(1_000_000)))]),
            StatLoan(id: "Ln1", firm: "F1", institution: "B1", product: "P1", disbursedOn: d("2025-03-05"), amount: yuan(600_000),
                     rate: 380, isCreditLoan: true, isFirstLoan: true,
                     changes: [StatLoanChange(day: d("2025-03-25"), .repaid(yuan(100_000)))]),
            StatLoan(id: "Ln2", firm: "F2", institution: "B2", product: "P2", disbursedOn: d("2025-03-17"), amount: yuan(400_000),
                     rate: 450, isRenewal: true,
                     changes: [StatLoanChange(day: d("2025-03-28"), .overdue(yuan(20_000))),
                               StatLoanChange(day: d("2025-03-30"), .reclassified(.substandard))]),
            StatLoan(id: "Ln3", firm: "F1", institution: "B1", product: "P1", disbursedOn: d("2025-03-22"), amount: yuan(200_000),
                     rate: 420, isCreditLoan: true),
        ],
        alerts: [
            StatAlert(id: "Al1", firm: "F2", institution: "B2", raisedOn: d("2025-03-28"), level: .red, handledOn: d("2025-03-31")),
            StatAlert(id: "Al2", firm: "F1", raisedOn: d("2025-03-10"), level: .yellow, handledOn: d("2025-03-20")),
            StatAlert(id: "Al3", firm: "F3", raisedOn: d("2025-03-30"), level: .blue),
            StatAlert(id: "Al4", firm: "F3", raisedOn: d("2025-03-01"), level: .green),
        ],
        claims: [
            StatClaim(id: "C1", firm: "F2", institution: "B2", product: "P2", filedOn: d("2025-02-20"), claimed: yuan(50_000),
                      paidOn: d("2025-03-10"), paid: yuan(15_000)),
            StatClaim(id: "C2", firm: "F2", institution: "B2", product: "P2", filedOn: d("2025-03-25"), claimed: yuan(80_000)),
        ]
    )
}
