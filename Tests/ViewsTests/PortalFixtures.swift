import Domain
import Foundation
@testable import Views

/// Fixed models of the portal pages, for the golden files: every value is spelled out, no clock is read.
enum PortalFixtures {
    static let date = Fixtures.date
    static let today = Day(year: 2025, month: 3, day: 1)
    static let bankUSCC = "91210200MA0XYZ1234"

    static func context(_ role: Role, _ path: String, name: String = "王敏", roleLabel: String) -> PageContext {
        PageContext(title: "", userDisplayName: name, roleLabel: roleLabel, csrfToken: Fixtures.token,
                    navItems: Navigation.items(for: role, active: path))
    }

    static func bank(_ path: String) -> PageContext {
        context(.institutionAdmin, path, name: "李强", roleLabel: "大连银行 · 金融机构管理员")
    }

    static func firm(_ path: String) -> PageContext { context(.enterprise, path, name: "张伟", roleLabel: "企业用户") }

    static func center(_ path: String) -> PageContext { context(.creditCenter, path, roleLabel: "信用中心") }

    static func visitor(_ path: String) -> PageContext {
        PageContext(title: "", userDisplayName: "访客", roleLabel: "未登录", csrfToken: Fixtures.token,
                    navItems: Navigation.visitor(active: path), isSignedIn: false)
    }

    static let institutions = [
        Institution(id: 1, code: "dlbank", name: "大连银行", kind: .bank),
        Institution(id: 2, code: "hdguar", name: "海岛融资担保", kind: .guarantor),
    ]

    static func product(id: String = "3", status: ProductStatus = .online, auto: Bool = true, note: String? = nil) -> LoanProduct {
        LoanProduct(
            id: id, institutionID: "1", name: "科创信用贷", type: .pureCredit,
            amountRange: AmountRange(minYuan: 100_000, maxYuan: 3_000_000),
            rateRange: RateRange(minBasisPoints: 345, maxBasisPoints: 550), termRange: TermRange(minMonths: 3, maxMonths: 36),
            repaymentMethods: [.equalInstallment, .interestFirst],
            eligibility: EligibilityRules(minimumGrade: "B", industries: ["C", "I"], districts: [], minimumYearsInBusiness: 2),
            autoApproval: auto ? AutoApprovalRules([.minimumGrade("A"), .maximumAmount(cents: 100_000_000), .noOverdueLoans]) : nil,
            status: status, reviewNote: note)
    }

    static let grades = ["AAA", "AA", "A", "B", "C"]
    static let productChoices = ProductChoices(
        industries: [.init(code: "C", name: "制造业"), .init(code: "I", name: "信息传输、软件和信息技术服务业")],
        districts: [.init(code: "210202", name: "中山区"), .init(code: "210211", name: "甘井子区")])

    static func application(_ status: ApplicationStatus, terms: Bool = false) -> ApplicationSummary {
        let approved = LoanTerms(amount: Cents(yuan: 500_000), rate: AnnualRate(basisPoints: 435), termMonths: 12, method: .equalInstallment)
        return ApplicationSummary(
            id: 7, uscc: "91350100M000100Y43", firmName: "大连海湾科技有限公司", productName: "科创信用贷", institutionName: "大连银行",
            authorisationID: 4, requestedAmount: Cents(yuan: 500_000), requestedTermMonths: 12, requestedMethod: .equalInstallment,
            purpose: "流动资金周转",
            state: LoanApplication(status: status, terms: terms ? approved : nil, decidedBy: terms ? .system(rules: ["信用等级 A 及以上"]) : nil),
            createdAt: date, updatedAt: date.addingTimeInterval(3600))
    }

    static let steps = [
        TimelineStep(at: date, actor: "张伟", action: "提交申请", from: "", to: "已提交", note: ""),
        TimelineStep(at: date.addingTimeInterval(600), actor: "李强", action: "受理", from: "已提交", to: "审批中", note: "资料齐全"),
    ]

    static func loan(settled: Bool = false, repaid: Bool = true) -> LoanSummary {
        let schedule = RepaymentSchedule.make(principal: Cents(yuan: 120_000), rate: AnnualRate(basisPoints: 435), termMonths: 3,
                                              method: .equalInstallment, start: Day(year: 2025, month: 1, day: 15))
        let repayments = repaid ? [Repayment(day: Day(year: 2025, month: 2, day: 15), amount: Cents(4_014_520))] : []
        let ledger = (try? LoanLedger(schedule: schedule, repayments: repayments)) ?? LoanLedger(schedule: schedule)
        return LoanSummary(id: 11, firmName: "大连海湾科技有限公司", productName: "科创信用贷", ledger: ledger,
                           classification: .specialMention, overdueDays: 0, outstanding: Cents(8_000_000), settled: settled)
    }

    static func objection(id: Int64, status: ObjectionStatus, resolution: String? = nil) -> Objection {
        var o = Objection(id: id, uscc: "91350100M000100Y43", dataset: "admin.penalty", recordID: "P-2024-12", recordVersion: 1,
                          departmentID: 3, reason: "处罚已撤销", attachments: id == 1 ? ["撤销决定书"] : [], filedAt: date,
                          deadline: Day(year: 2025, month: 3, day: 8))
        o.status = status
        o.resolution = resolution
        if resolution != nil { o.resolvedAt = date.addingTimeInterval(86_400) }
        return o
    }

    static func repair(id: Int64, status: RepairStatus, note: String? = nil) -> RepairApplication {
        var r = RepairApplication(id: id, uscc: "91350100M000100Y43", recordID: "P-2023-03", severity: "一般",
                                  decidedOn: Day(year: 2023, month: 3, day: 6), proof: "已缴纳罚款并完成整改",
                                  attachments: ["缴款凭证"], commitmentID: 5, appliedAt: date)
        r.status = status
        r.reviewNote = note
        if note != nil { r.reviewedAt = date.addingTimeInterval(7200) }
        return r
    }

    static let commitment = CreditCommitment(uscc: "91350100M000100Y43", firmName: "大连海湾科技有限公司", legalRepresentative: "张伟",
                                             signerName: "张伟", signedAt: date, templateVersion: 2,
                                             contentHash: "9f2c4e1a7b3d5f60a1b2c3d4e5f60718293a4b5c")

    static let template = CommitmentTemplate(version: 2, title: "信用承诺书", body: "一、本企业提供的信息真实、准确、完整。\n二、本企业自愿接受社会监督。")

    static let authorisations = [
        Authorisation(id: "4", uscc: "91350100M000100Y43", scope: .allRegisteredInstitutions, categories: ["tax", "social"],
                      purposes: [.loanApplication, .postLoan], validFrom: Day(year: 2025, month: 1, day: 1),
                      validUntil: Day(year: 2026, month: 1, day: 1), signedAt: date),
        Authorisation(id: "2", uscc: "91350100M000100Y43", scope: .institutions(["1"]), categories: ["tax"],
                      purposes: [.loanApplication], validFrom: Day(year: 2024, month: 1, day: 1),
                      validUntil: Day(year: 2024, month: 12, day: 31), signedAt: date, isOffline: true, scanReference: "SC-0001"),
    ]

    static let categories = [
        CategoryChoice(id: "basic", name: "基础信息", needsAuthorisation: false),
        CategoryChoice(id: "tax", name: "纳税信息", needsAuthorisation: true),
        CategoryChoice(id: "social", name: "社保信息", needsAuthorisation: true),
    ]

    static func demand(id: String, taken: Bool) throws -> FinancingDemand {
        var demand = try FinancingDemand(id: id, uscc: "91350100M000100Y43", amountCents: 80_000_000, termMonths: 12,
                                          purpose: "采购原材料", urgency: .withinMonth, publishedAt: date)
        if taken { demand.status = .taken; demand.takenBy = "1" }
        return demand
    }

    /// The take and a contact on demand 8, by 甲银行's officer.
    static func progress(contactOverdue: Bool = false) -> DemandProgress {
        DemandProgress(steps: [
            DemandFollowUp(id: 1, demandID: 8, institutionID: 1, step: .taken, note: "", officer: "张敏", officerPhone: "13911110001", at: date),
            DemandFollowUp(id: 2, demandID: 8, institutionID: 1, step: .contacted, note: "电话沟通，约定下周走访", officer: "张敏",
                           officerPhone: "13911110001", at: date.addingTimeInterval(3_600)),
        ].prefix(contactOverdue ? 1 : 2).map { $0 }, contactDeadline: Day(year: 2025, month: 3, day: 13), contactOverdue: contactOverdue)
    }

    static let evidence: [Int64: [EvidenceLink]] = [1: [
        EvidenceLink(id: 7, fileName: "年报回执.pdf", size: 182_000, sha256: String(repeating: "ab", count: 32)),
        EvidenceLink(id: 8, fileName: "完税证明.jpg", size: 2_400_000, sha256: String(repeating: "cd", count: 32)),
    ]]

    static func user(id: Int64, username: String, role: Role, status: AccountStatus = .active, uscc: String? = nil) -> UserAccount {
        UserAccount(id: id, username: username, displayName: "刘洋", passwordHash: "", role: role, departmentID: nil,
                    institutionID: role == .enterprise ? nil : 1, uscc: uscc, phone: uscc == nil ? nil : "13800000000", status: status)
    }
}
