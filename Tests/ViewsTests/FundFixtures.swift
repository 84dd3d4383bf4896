import Domain
import Foundation
import Testing
@testable import Views

/// A Guangxi-style 4:3:2:1 fund adopted by Dalian, one covered loan and its claim through approval and payment, for
/// the fund pages' golden files.
enum FundFixtures {
    static let day = Day(year: 2026, month: 3, day: 2)

    static func programme() throws -> FundProgramme {
        let template = try #require(try FundSchemes.bundled().scheme("guangxi-4321"))
        return FundProgramme(scheme: template.adopted(code: "dl-4321", name: "大连市政府性融资担保风险分担", region: "大连市",
                                                      districtPrefixes: ["2102"]), openedOn: Day(year: 2025, month: 1, day: 1))
    }

    static func coverage() -> FundCoverage {
        FundCoverage(schemeCode: "dl-4321", version: 1, loanId: "12", institutionId: "1", firmUSCC: "91210202MA0000001X",
                     amount: Cents(12_000_000), disbursedOn: Day(year: 2025, month: 6, day: 1), maturesOn: Day(year: 2026, month: 6, day: 1),
                     registeredOn: Day(year: 2025, month: 6, day: 1), features: [])
    }

    static func registration(covered: Bool) -> FundRegistrationRecord {
        FundRegistrationRecord(schemeCode: covered ? "dl-4321" : "dl-xyd", loanId: "12", institutionId: "1", firmUSCC: "91210202MA0000001X",
                               firmName: "大连海韵科技有限公司", amount: Cents(12_000_000), checkedOn: Day(year: 2025, month: 6, day: 1),
                               outcome: covered ? .covered(coverage())
                                                : .notCovered([FundReason(code: "not_recommended", text: "企业不在推荐清单内")]))
    }

    static func claim(paid: Bool) throws -> FundClaimRecord {
        let version = try #require(try programme().scheme.versions.first)
        let attachments = [FundAttachment(kind: .applicationForm, file: "material:1"), FundAttachment(kind: .loanContract, file: "material:2"),
                           FundAttachment(kind: .guaranteePaymentProof, file: "material:3"),
                           FundAttachment(kind: .truthfulnessStatement, file: "material:4", signedBy: "张三")]
        var claim = try FundClaim(claimId: "FC7", coverage: coverage(), version: version, filedOn: day, by: "甲银行客户经理",
                                  attachments: attachments, firstClaim: true)
        claim = try claim.applying(.pass, on: day, role: .fundOffice, by: "基金办公室", version: version)
        claim = try claim.applying(.pass, on: day.adding(days: 2), role: .verifier, by: "金融发展局", version: version)
        claim = try claim.applying(.approve, on: day.adding(days: 5), role: .leadingGroup, by: "领导小组", version: version)
        if paid {
            claim = try claim.applying(.closePublicity, on: day.adding(days: 13), role: .fundOffice, by: "基金办公室", version: version)
            claim = try claim.applying(.pay, on: day.adding(days: 15), role: .financeBureau, by: "财政局", version: version)
        }
        let facts = FundDefaultFacts(asOf: day, classification: .substandard, overdueDays: 95, principalLoss: Cents(12_000_000),
                                     guaranteePaidOn: day)
        let computation = ClaimComputation.compute(version: version, coverage: coverage(), principalLoss: Cents(12_000_000), usage: .none)
        var record = FundClaimRecord(id: 7, schemeCode: "dl-4321", schemeName: "大连市政府性融资担保风险分担", firmName: "大连海韵科技有限公司",
                                     institutionName: "甲银行", claim: claim, facts: facts, exclusions: [], computation: computation)
        record.computationFixed = true
        if paid {
            record.recoveries = [FundRecoveryReport(day: day.adding(days: 60), reportedBy: "甲银行客户经理", note: "执行回款",
                                                    share: FundRecovery.share(gross: Cents(3_000_000), costs: Cents(200_000), claim: computation))]
        }
        return record
    }

    static func materials() -> [FundMaterialInfo] {
        [FundMaterialInfo(key: "material:1", kind: .applicationForm, fileName: "申请表.pdf", sha256: String(repeating: "ab", count: 32),
                          uploadedAt: Date(timeIntervalSince1970: 1_740_809_109)),
         FundMaterialInfo(key: "material:4", kind: .truthfulnessStatement, fileName: "真实性声明.pdf", sha256: String(repeating: "cd", count: 32),
                          uploadedAt: Date(timeIntervalSince1970: 1_740_809_109))]
    }

    static func dashboard() throws -> FundDashboard {
        let paid = try claim(paid: true)
        var ledger = try FundLedger()
        try ledger.post(try .capital(Cents(100_000_000), on: Day(year: 2025, month: 1, day: 2)))
        try ledger.post(try .compensationApproved(paid.computation.fundShare, to: "1", claimId: "FC7", on: day.adding(days: 13)))
        try ledger.post(try .compensationPaid(paid.computation.fundShare, to: "1", claimId: "FC7", on: day.adding(days: 15)))
        var row = FundDashboard.InstitutionRow(institutionId: "1", name: "甲银行", pause: FundPauseState(registrationsPaused: true))
        row.coveredLoans = 1; row.coveredAmount = Cents(12_000_000); row.outstanding = Cents(12_000_000); row.overdue = Cents(12_000_000)
        row.claims = 1; row.paid = paid.computation.fundShare
        return FundDashboard(programme: try programme(), cash: ledger.cash(), payable: .zero, coveredLoans: 1,
                             coveredAmount: Cents(12_000_000), outstanding: Cents(12_000_000),
                             claimsByStatus: FundClaimStatus.allCases.map { .init(status: $0, count: $0 == .paid ? 1 : 0) },
                             approved: paid.computation.fundShare, paid: paid.computation.fundShare, recovered: .zero,
                             institutions: [row], ledger: ledger)
    }
}
