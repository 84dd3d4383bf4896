import Domain
import Foundation
import Testing
@testable import Views

/// One page rendered from a fixed model.
struct GoldenPage: Sendable, CustomTestStringConvertible {
    let name: String
    let render: @Sendable () throws -> String
    var testDescription: String { name }
}

/// Every page rendered from a fixed model (no server, no database) and compared with `Golden/<Page>.html`.
/// `XYD_RECORD_GOLDEN=1 swift test --filter GoldenPageTests` rewrites the files.
@Suite("Golden pages")
struct GoldenPageTests {
    typealias F = PortalFixtures

    static let pages: [GoldenPage] = [
        // Console
        GoldenPage(name: "DashboardPage") { DashboardPage.render(Fixtures.dashboard()) },
        GoldenPage(name: "EnterpriseListPage") { EnterpriseListPage.render(Fixtures.enterpriseList()) },
        GoldenPage(name: "EnterpriseProfilePage") { EnterpriseProfilePage.render(Fixtures.profile()) },
        GoldenPage(name: "BatchListPage") {
            BatchListPage.render(BatchListPage.Model(
                context: Fixtures.context(title: "批次", active: "/console/batches"), batches: [Fixtures.batch()],
                datasetOptions: [SelectOption(value: "admin.penalty", label: "行政处罚", isSelected: true)],
                pagination: Pagination(page: 1, pageSize: 20, totalCount: 1, path: "/console/batches")))
        },
        GoldenPage(name: "BatchDetailPage") { BatchDetailPage.render(Fixtures.batchDetail()) },
        GoldenPage(name: "QuarantinePage") {
            QuarantinePage.render(.init(
                context: PortalFixtures.center("/console/quarantine"),
                counts: [.init(department: "市水务集团", dataset: "水电燃气缴费", reason: "缴费类别", count: 12,
                               href: "/console/quarantine?dataset=utility.payment&reason=utility&department=4")],
                rows: [.init(batchID: 31, rowNumber: 7, datasetName: "水电燃气缴费", recordID: "W-2026-0007", department: "市水务集团",
                             problems: "缴费类别：应为 水、电、燃气、供暖 之一")],
                total: 12, departmentOptions: [SelectOption(value: "4", label: "市水务集团")],
                datasetOptions: [SelectOption(value: "utility.payment", label: "水电燃气缴费")],
                reasonOptions: [SelectOption(value: "utility", label: "缴费类别", isSelected: true)],
                pagination: Pagination(page: 1, pageSize: 50, totalCount: 12, path: "/console/quarantine"),
                exportHref: "/console/quarantine.csv?reason=%E7%BC%B4%E8%B4%B9%E7%B1%BB%E5%88%AB"))
        },
        GoldenPage(name: "UnlinkedRecordsPage") {
            UnlinkedRecordsPage.render(.init(
                context: PortalFixtures.center("/console/unlinked"),
                rows: [.init(uscc: "91210200MA0XXXXX1Q", datasetName: "纳税信用等级", recordID: "T-9", batchID: 12,
                             collectedAt: Date(timeIntervalSince1970: 1_764_000_000))],
                total: 1, pagination: Pagination(page: 1, pageSize: 50, totalCount: 1, path: "/console/unlinked")))
        },
        GoldenPage(name: "OperatorApplicationsPage") {
            OperatorApplicationsPage.render(.init(
                context: PortalFixtures.center("/console/applications"),
                statusCounts: ApplicationStatus.allCases.map { .init(status: $0, count: $0 == .submitted ? 3 : $0 == .disbursed ? 1 : 0,
                                                                     href: "/console/applications?status=\($0.rawValue)") },
                rows: [.init(id: 12, uscc: "91210200MA0XXXXX1Q", firmName: "大连海韵机械有限公司", institutionName: "大连银行",
                             productName: "信易贷·税易贷", amount: Cents(50_000_000), termMonths: 12, status: .submitted,
                             createdAt: Date(timeIntervalSince1970: 1_764_000_000), updatedAt: Date(timeIntervalSince1970: 1_764_003_600))],
                total: 4,
                filters: .init(text: "海韵", institutions: [SelectOption(value: "1", label: "大连银行", isSelected: true)],
                               districts: [SelectOption(value: "210202", label: "中山区")],
                               statuses: [SelectOption(value: "submitted", label: "已提交", isSelected: true)], from: "2026-11-01", to: ""),
                pagination: Pagination(page: 1, pageSize: 50, totalCount: 4, path: "/console/applications"),
                exportHref: "/console/applications.csv?q=%E6%B5%B7%E9%9F%B5&institution=1"))
        },
        GoldenPage(name: "OperatorLoansPage") {
            OperatorLoansPage.render(.init(
                context: PortalFixtures.center("/console/loans"), count: 2, outstanding: Cents(45_000_000), overdue: 1,
                rows: [.init(id: 7, applicationID: 12, uscc: "91210200MA0XXXXX1Q", firmName: "大连海韵机械有限公司", institutionName: "大连银行",
                             productName: "信易贷·税易贷", principal: Cents(50_000_000), rate: AnnualRate(basisPoints: 435), termMonths: 12,
                             disbursedOn: Day(year: 2026, month: 10, day: 20), outstanding: Cents(45_000_000), overdueDays: 16,
                             classification: .specialMention, settled: false)],
                filters: .init(text: "", institutions: [SelectOption(value: "1", label: "大连银行")],
                               districts: [SelectOption(value: "210202", label: "中山区")],
                               states: [SelectOption(value: "overdue", label: "逾期", isSelected: true)],
                               classes: [SelectOption(value: "special_mention", label: "关注")]),
                pagination: Pagination(page: 1, pageSize: 50, totalCount: 2, path: "/console/loans"),
                exportHref: "/console/loans.csv?state=overdue"))
        },
        GoldenPage(name: "JointRunsPage") {
            JointRunsPage.render(.init(
                context: PortalFixtures.center("/console/joint-runs"), showsInstitution: true,
                runs: [.init(runId: "3f9c2a", name: "2026 年预授信模型", institutionName: "大连银行", centerFeatureLabels: ["近12个月纳税额（对数）", "参保人数（对数）"],
                             bankFeatureCount: 4, offeredCount: 812, alignedCount: 640, keyBits: 2048, modelDigest: String(repeating: "c", count: 64),
                             auc: 0.8123, createdAt: Date(timeIntervalSince1970: 1_764_000_000))],
                features: [.init(name: "tax_paid_12m_log", label: "近12个月纳税额（对数）", datasetName: "纳税情况", needsConsent: true),
                           .init(name: "penalties_3y", label: "近三年行政处罚次数", datasetName: "行政处罚", needsConsent: false)]))
        },
        GoldenPage(name: "EnterpriseProfilePage-report") {
            var model = Fixtures.profile()
            model.context = PortalFixtures.bank("/bank/applications/7/report")
            model.report = .init(
                number: "XYD-R-0000000042", generatedAt: Date(timeIntervalSince1970: 1_764_000_000), institutionName: "大连银行",
                reader: "大连银行客户经理", purpose: "贷款申请", authorisationID: "12", verificationCode: "3fa9c2d17b0e4a55",
                summary: CreditReportSummary(records: [], readable: ["admin.penalty", "tax.payment"], sanctions: 1),
                platformLoans: [.init(lender: "其他机构", principal: Cents(50_000_000), outstanding: Cents(20_000_000),
                                      disbursedOn: Day(year: 2026, month: 3, day: 1), termMonths: 12, classification: .normal,
                                      overdueDays: 0, settled: false)])
            return EnterpriseProfilePage.render(model)
        },
        GoldenPage(name: "ReportVerifyPage") {
            ReportVerifyPage.render(.init(context: PortalFixtures.visitor("/public/reports/verify"), number: "XYD-R-0000000042",
                                          code: "3fa9c2d17b0e4a55",
                                          outcome: .init(isGenuine: true, message: "核验通过：该报告是本平台依据企业授权出具的，其查询记录是透明日志第 118 条",
                                                         facts: [.init("查询机构", "大连银行"), .init("查询时间", "2025-11-24 23:20")])))
        },
        GoldenPage(name: "UploadPage") { UploadPage.render(Fixtures.upload()) },
        GoldenPage(name: "CatalogPage") { CatalogPage.render(Fixtures.catalog()) },
        // Public
        GoldenPage(name: "LoginPage") {
            LoginPage.render(LoginPage.Model(csrfToken: Fixtures.token, username: "wangmin", errorMessage: "用户名或密码错误", next: "/firm"))
        },
        GoldenPage(name: "ErrorPage") { ErrorPage.render(ErrorPage.Model(statusCode: 404, context: Fixtures.context())) },
        GoldenPage(name: "RegisterPage") { RegisterPage.render(.init(context: F.visitor("/register"))) },
        GoldenPage(name: "PublicCommitmentsPage") {
            PublicCommitmentsPage.render(.init(context: F.visitor("/public/commitments"), commitments: [F.commitment],
                                               window: PageWindow(page: 1, perPage: 20, total: 1)))
        },
        GoldenPage(name: "PublicProductsPage") {
            PublicProductsPage.render(.init(context: F.visitor("/public/products"),
                                            search: ProductSearch(amount: Cents(50_000_000), termMonths: 12, type: .pureCredit, institutionID: "1"),
                                            typed: .init(amountWan: "50", termMonths: "12"), institutions: F.institutions, products: [F.product()]))
        },
        GoldenPage(name: "PublicProductPage") {
            var product = F.product()
            product.eligibility.industries = ["C", "I"]
            product.eligibility.districts = ["210202"]
            product.details = ProductDetails(introduction: "面向纳税信用良好的小微企业的纯信用贷款。\n随借随还，按日计息。",
                                             conditions: "成立满 2 年；纳税信用 B 级及以上；无失信记录。", materials: "营业执照；近两年财务报表。",
                                             process: "在线申请 → 银行受理 → 审批 → 签约 → 放款。", contactName: "张经理", contactPhone: "0411-12345678")
            return PublicProductPage.render(.init(context: F.visitor("/public/products/3"), product: product, institutionName: "大连银行",
                                                  choices: F.productChoices, viewer: .visitor))
        },
        // Bank
        GoldenPage(name: "BankHomePage") {
            BankHomePage.render(.init(context: F.bank("/bank"), institutionName: "大连银行", submitted: 3, accepted: 1, contractSigned: 2,
                                      openDemands: 5, outstanding: Cents(yuan: 1_250_000), openLoans: 4, overdueLoans: 1))
        },
        GoldenPage(name: "BankProductsPage") {
            BankProductsPage.render(.init(context: F.bank("/bank/products"), products: [F.product(), F.product(id: "4", status: .draft, auto: false)],
                                          rateCap: AnnualRate(basisPoints: 1_500), grades: F.grades, choices: F.productChoices))
        },
        GoldenPage(name: "BankProductPage") {
            BankProductPage.render(.init(context: F.bank("/bank/products/4"), product: F.product(id: "4", status: .draft, note: "请补充适用区县"),
                                         grades: F.grades, choices: F.productChoices))
        },
        GoldenPage(name: "BankDemandsPage") {
            BankDemandsPage.render(.init(context: F.bank("/bank/demands"), demands: [
                .init(demand: try F.demand(id: "9", taken: false), firmName: "大连海湾科技有限公司", grade: "A"),
            ], taken: [
                .init(demand: try F.demand(id: "8", taken: true), firmName: "大连海湾科技有限公司", progress: F.progress()),
                .init(demand: try F.demand(id: "7", taken: true), firmName: nil, progress: F.progress(contactOverdue: true)),
            ]))
        },
        GoldenPage(name: "OperatorDemandsPage") {
            OperatorDemandsPage.render(.init(
                context: F.center("/console/demands"),
                statusCounts: DemandStatus.allCases.map { .init(status: $0, count: $0 == .taken ? 2 : 1, href: "/console/demands?status=\($0.rawValue)") },
                rows: [
                    .init(demand: try F.demand(id: "9", taken: false), firmName: "大连海湾科技有限公司", institutionName: nil,
                          progress: DemandProgress(steps: [], contactDeadline: nil, contactOverdue: false)),
                    .init(demand: try F.demand(id: "8", taken: true), firmName: "大连海湾科技有限公司", institutionName: "甲银行",
                          progress: F.progress()),
                    .init(demand: try F.demand(id: "7", taken: true), firmName: "大连北港物流有限公司", institutionName: "甲银行",
                          progress: F.progress(contactOverdue: true)),
                ],
                total: 3,
                filters: .init(text: "", institutions: [SelectOption(value: "1", label: "甲银行")], districts: [],
                               statuses: DemandStatus.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) }, from: "", to: ""),
                pagination: Pagination(page: 1, pageSize: 50, totalCount: 3, path: "/console/demands", query: []),
                exportHref: "/console/demands.csv"))
        },
        GoldenPage(name: "BankDemandPage") {
            BankDemandPage.render(.init(context: F.bank("/bank/demands/8"), demand: try F.demand(id: "8", taken: true),
                                        firmName: "大连海湾科技有限公司", firmContact: "刘洋", firmPhone: "13800000000",
                                        progress: F.progress(contactOverdue: true)))
        },
        GoldenPage(name: "BankApplicationsPage") {
            BankApplicationsPage.render(.init(context: F.bank("/bank/applications"), status: .submitted,
                                              applications: [F.application(.submitted)], window: PageWindow(page: 1, perPage: 20, total: 1)))
        },
        GoldenPage(name: "BankApplicationPage") {
            BankApplicationPage.render(.init(context: F.bank("/bank/applications/7"), application: F.application(.accepted),
                                             loanID: nil, steps: F.steps, today: F.today))
        },
        GoldenPage(name: "BankLoansPage") {
            BankLoansPage.render(.init(context: F.bank("/bank/loans"), overdueOnly: false, loans: [F.loan(), F.loan(settled: true)]))
        },
        GoldenPage(name: "BankLoanPage") {
            BankLoanPage.render(.init(context: F.bank("/bank/loans/11"), loan: F.loan(), today: Day(year: 2025, month: 3, day: 20)))
        },
        GoldenPage(name: "BankStaffPage") {
            BankStaffPage.render(.init(context: F.bank("/bank/staff"), staff: [
                F.user(id: 2, username: "liqiang", role: .institutionAdmin), F.user(id: 3, username: "zhaoli", role: .institutionStaff, status: .disabled),
            ], tokens: [
                .init(id: 7, name: "dlbank-loan-system", scope: .read, createdAt: F.date, revokedAt: nil),
                .init(id: 4, name: "dlbank-old", scope: .write, createdAt: F.date, revokedAt: F.date),
            ]))
        },
        // Firm
        GoldenPage(name: "FirmHomePage") {
            var model = FirmHomePage.Model(context: F.firm("/firm"), grade: "A", score: 812, hasCommitment: false, activeAuthorisations: 0,
                                           applicationCount: 2, outstanding: Cents(yuan: 80_000),
                                           objections: [F.objection(id: 1, status: .confirmed, resolution: "记录已停止公示"), F.objection(id: 2, status: .escalated)],
                                           repairs: [F.repair(id: 3, status: .approved, note: "同意修复")], now: F.date.addingTimeInterval(86_400 * 2))
            model.repayments = [
                .init(loanID: 7, lender: "甲银行", nextDue: Day(year: 2025, month: 3, day: 1), nextAmount: Cents(yuan: 10_435),
                      overdueAmount: Cents(yuan: 10_435), overdueDays: 9),
                .init(loanID: 8, lender: "乙银行", nextDue: Day(year: 2025, month: 3, day: 28), nextAmount: Cents(yuan: 5_217), overdueAmount: .zero,
                      overdueDays: 0),
            ]
            return FirmHomePage.render(model)
        },
        GoldenPage(name: "FirmCommitmentPage") {
            FirmCommitmentPage.render(.init(context: F.firm("/firm/commitment"), signed: [
                SignedCommitment(commitment: F.commitment, isInForce: true),
                SignedCommitment(commitment: F.commitment, isInForce: false, invalidReason: "法定代表人已变更"),
            ], template: F.template, legalRepresentative: "张伟"))
        },
        GoldenPage(name: "FirmAuthorisationsPage") {
            FirmAuthorisationsPage.render(.init(
                context: F.firm("/firm/authorisations"), authorisations: F.authorisations, institutions: F.institutions,
                categories: F.categories,
                accesses: [.init(id: 21, at: F.date, institutionID: 1, actor: "李强", categories: ["tax"], authorisationID: 4,
                                 purpose: "loan_application", action: "查阅信用报告（申请 #7）")],
                accessWindow: PageWindow(page: 1, perPage: 20, total: 1), today: F.today))
        },
        GoldenPage(name: "FirmAccessProofPage") {
            FirmAccessProofPage.render(.init(
                context: F.firm("/firm/access-log/21/verify"), accessID: 21, verified: true, message: "该查询记录已写入透明日志，并包含在最新签名检查点中。",
                entry: "access 21 91350100M000100Y43", leafHash: "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b",
                leafIndex: 41, treeSize: 64, rootHash: "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9",
                proof: ["aa11", "bb22"], witnesses: ["市信用中心见证节点"]))
        },
        GoldenPage(name: "FirmDemandsPage") {
            FirmDemandsPage.render(.init(context: F.firm("/firm/demands"), demands: [try F.demand(id: "9", taken: false), try F.demand(id: "8", taken: true)],
                                         institutionNames: Institution.names(F.institutions), progress: ["8": F.progress()]))
        },
        GoldenPage(name: "FirmContractPage") {
            FirmContractPage.render(.init(
                context: F.firm("/firm/applications/5/contract"),
                contract: LoanContract(applicationID: 5, lenderName: "甲银行", borrowerName: "大连海湾科技有限公司", uscc: "91350100M000100Y43",
                                       productName: "科创信用贷", purpose: "采购原材料",
                                       terms: LoanTerms(amount: Cents(12_000_000), rate: AnnualRate(basisPoints: 435), termMonths: 6,
                                                        method: .equalPrincipal),
                                       start: Day(year: 2025, month: 3, day: 10)),
                status: .approved, signedDigest: nil, pdfPath: "/firm/applications/5/contract.pdf", maySign: true))
        },
        GoldenPage(name: "FirmContractPage-signed") {
            FirmContractPage.render(.init(
                context: F.firm("/firm/applications/5/contract"),
                contract: LoanContract(applicationID: 5, lenderName: "甲银行", borrowerName: "大连海湾科技有限公司", uscc: "91350100M000100Y43",
                                       productName: "科创信用贷", purpose: "采购原材料",
                                       terms: LoanTerms(amount: Cents(12_000_000), rate: AnnualRate(basisPoints: 435), termMonths: 6,
                                                        method: .equalPrincipal),
                                       start: Day(year: 2025, month: 3, day: 10), signedAt: F.date, signer: "王伟", signerPhone: "138****0001"),
                status: .contractSigned, signedDigest: "sha256:" + String(repeating: "ab", count: 32),
                pdfPath: "/firm/applications/5/contract.pdf", maySign: true))
        },
        GoldenPage(name: "FirmDemandPage") {
            FirmDemandPage.render(.init(context: F.firm("/firm/demands/8"), demand: try F.demand(id: "8", taken: true),
                                        institutionName: "甲银行", progress: F.progress()))
        },
        GoldenPage(name: "FirmProductsPage") {
            FirmProductsPage.render(.init(
                context: F.firm("/firm/products"), grade: "A", score: 812,
                offers: [.init(productID: "3", productName: "科创信用贷", institutionID: "1", amountCents: 60_000_000, rateBasisPoints: 395,
                               termRange: TermRange(minMonths: 3, maxMonths: 36), repaymentMethods: [.equalInstallment])],
                declined: [.init(productName: "担保贷", institutionID: "2", reasons: ["成立年限不足 3 年", "行业不符"])],
                products: [F.product()], institutionNames: Institution.names(F.institutions)))
        },
        GoldenPage(name: "FirmApplicationsPage") {
            FirmApplicationsPage.render(.init(context: F.firm("/firm/applications"),
                                              applications: [F.application(.approved, terms: true), F.application(.rejected)],
                                              window: PageWindow(page: 1, perPage: 50, total: 2)))
        },
        GoldenPage(name: "FirmApplicationPage") {
            FirmApplicationPage.render(.init(context: F.firm("/firm/applications/7"), application: F.application(.disbursed, terms: true),
                                             loan: F.loan(), steps: F.steps, today: F.today))
        },
        GoldenPage(name: "FirmLoansPage") { FirmLoansPage.render(.init(context: F.firm("/firm/loans"), loans: [F.loan()])) },
        GoldenPage(name: "FirmLoanPage") {
            FirmLoanPage.render(.init(context: F.firm("/firm/loans/11"), loan: F.loan(repaid: false), today: Day(year: 2025, month: 3, day: 20)))
        },
        GoldenPage(name: "FirmObjectionsPage") {
            FirmObjectionsPage.render(.init(
                context: F.firm("/firm/objections"), workingDays: 5,
                objections: [F.objection(id: 1, status: .pending), F.objection(id: 2, status: .rejected, resolution: "记录无误")],
                datasetNames: ["admin.penalty": "行政处罚"],
                records: [.init(dataset: "admin.penalty", recordID: "P-2024-12", datasetName: "行政处罚", date: "2024-05-06", summary: "未按规定公示年报")],
                today: Day(year: 2025, month: 3, day: 10), evidence: F.evidence))
        },
        GoldenPage(name: "FirmRepairsPage") {
            FirmRepairsPage.render(.init(
                context: F.firm("/firm/repairs"),
                penalties: [
                    .init(recordID: "P-2023-03", eventDate: "2023-03-06", violation: "未按规定公示年报", severity: "一般",
                          decided: Day(year: 2023, month: 3, day: 6),
                          eligibility: .eligible(earliest: Day(year: 2023, month: 6, day: 6), lastPublished: Day(year: 2026, month: 3, day: 6)),
                          application: nil),
                    .init(recordID: "P-2024-12", eventDate: "2024-12-01", violation: nil, severity: "较重", decided: nil,
                          eligibility: .tooEarly(earliest: Day(year: 2025, month: 12, day: 1)), application: nil),
                ],
                repairs: [F.repair(id: 3, status: .rejected, note: "材料不全")], legalRepresentative: "张伟"))
        },
        // Operator (credit center)
        GoldenPage(name: "OperatorMarketPage") {
            OperatorMarketPage.render(.init(context: F.center("/console/market"), figures: .init(
                institutions: 2, productsByStatus: ["online": 3, "pending_review": 1], enterpriseAccountsByStatus: ["active": 40, "pending": 2],
                commitmentsInForce: 35, authorisationsActive: 28, accessesLast30Days: 64,
                applicationsByStatus: ["submitted": 3, "approved": 2, "disbursed": 5], demandsByStatus: ["open": 4, "taken": 6],
                meanMinutesToTake: 42.4, loans: 5, loansOverdue: 1, outstandingCents: 250_000_000,
                loansByClass: ["normal": 4, "special_mention": 1])))
        },
        GoldenPage(name: "OperatorProductsPage") {
            OperatorProductsPage.render(.init(context: F.center("/console/products"), pending: [F.product(id: "4", status: .pendingReview)],
                                              online: [F.product()], institutionNames: Institution.names(F.institutions)))
        },
        GoldenPage(name: "OperatorCommitmentsPage") {
            OperatorCommitmentsPage.render(.init(context: F.center("/console/commitments"), template: F.template, signed: [F.commitment],
                                                 window: PageWindow(page: 1, perPage: 20, total: 1), categories: F.categories, today: F.today))
        },
        GoldenPage(name: "OperatorInstitutionsPage") {
            OperatorInstitutionsPage.render(.init(context: F.center("/console/institutions"), institutions: [
                .init(institution: F.institutions[0], staffCount: 3, productCount: 2),
                .init(institution: F.institutions[1], staffCount: 1, productCount: 0),
            ]))
        },
        GoldenPage(name: "OperatorAccountsPage") {
            let pending = F.user(id: 8, username: "haiwan", role: .enterprise, status: .pending, uscc: "91350100M000100Y43")
            let active = F.user(id: 9, username: "beifang", role: .enterprise, uscc: "91210200MA0XYZ0001")
            return OperatorAccountsPage.render(.init(context: F.center("/console/accounts"),
                                                     pending: [.init(user: pending, firmName: "大连海湾科技有限公司")],
                                                     all: [.init(user: pending, firmName: "大连海湾科技有限公司"), .init(user: active, firmName: nil)]))
        },
        GoldenPage(name: "OperatorObjectionsPage") {
            OperatorObjectionsPage.render(.init(context: F.center("/console/objections"),
                                                objections: [F.objection(id: 1, status: .pending), F.objection(id: 2, status: .escalated),
                                                             F.objection(id: 3, status: .corrected, resolution: "已报送更正记录")],
                                                datasetNames: ["admin.penalty": "行政处罚"], today: Day(year: 2025, month: 3, day: 10),
                                                evidence: F.evidence))
        },
        GoldenPage(name: "OperatorRepairsPage") {
            OperatorRepairsPage.render(.init(context: F.center("/console/repairs"),
                                             repairs: [F.repair(id: 3, status: .pending), F.repair(id: 2, status: .approved, note: "同意修复")]))
        },
        // Recommendation lists
        GoldenPage(name: "RecommendationsPage") {
            typealias R = RecommendationFixtures
            return RecommendationsPage.render(.init(
                context: F.center("/console/recommendations"), isCreditCenter: true,
                counts: [.declared: 1, .screenedOut: 2, .screened: 3, .publicity: 1, .listed: 4, .pushed: 5],
                lights: .init(green: 6, amber: 2, red: 1, decided: 3),
                entries: [try R.entry(id: 3, status: .screened), try R.entry(id: 2, status: .screenedOut, rejections: [R.tooYoung]),
                          try R.entry(id: 1, status: .listed)],
                pagination: Pagination(page: 1, pageSize: 20, totalCount: 3, path: "/console/recommendations"),
                status: nil, query: "", institutions: [.init(id: 1, name: "大连银行")], today: R.day))
        },
        GoldenPage(name: "RecommendationPage") {
            typealias R = RecommendationFixtures
            return RecommendationPage.render(.init(context: F.center("/console/recommendations/7"), entry: try R.entry(id: 7, status: .pushed),
                                                   pushes: [try R.push(id: 1, status: .awaiting), try R.push(id: 2, status: .declined)],
                                                   suggestions: [.init(institutionID: 3, name: "大连农商银行", reason: "匹配产品：农商快贷")],
                                                   today: R.day.adding(days: 33)))
        },
        GoldenPage(name: "BankPushesPage") {
            typealias R = RecommendationFixtures
            return BankPushesPage.render(.init(context: F.bank("/bank/recommended"),
                                               pushes: [try R.push(id: 1, status: .awaiting), try R.push(id: 2, status: .disbursed)],
                                               pagination: Pagination(page: 1, pageSize: 20, totalCount: 2, path: "/bank/recommended"),
                                               overdueOnly: false, green: 0, amber: 1, red: 0, decided: 1, today: R.day.adding(days: 35)))
        },
        GoldenPage(name: "BankPushPage") {
            typealias R = RecommendationFixtures
            return BankPushPage.render(.init(context: F.bank("/bank/recommended/1"), push: try R.push(id: 1, status: .awaiting),
                                             today: R.day.adding(days: 45)))
        },
        GoldenPage(name: "FirmRecommendationPage") {
            typealias R = RecommendationFixtures
            return FirmRecommendationPage.render(.init(context: F.firm("/firm/recommendation"),
                                                       entries: [try R.entry(id: 7, status: .publicity), try R.entry(id: 2, status: .removed)],
                                                       pushes: [], today: R.day))
        },
        GoldenPage(name: "PublicRecommendationsPage") {
            typealias R = RecommendationFixtures
            return PublicRecommendationsPage.render(.init(context: F.visitor("/public/recommendations"),
                                                          entries: [try R.entry(id: 7, status: .publicity)],
                                                          pagination: Pagination(page: 1, pageSize: 20, totalCount: 1, path: "/public/recommendations"),
                                                          mayObject: false))
        },
        // Incentives
        GoldenPage(name: "PublicRedListPage") {
            typealias R = RecommendationFixtures
            return PublicRedListPage.render(.init(context: F.visitor("/public/red-list"), entries: [try R.redList(valid: true), try R.redList(valid: false)],
                                                  pagination: Pagination(page: 1, pageSize: 20, totalCount: 2, path: "/public/red-list"),
                                                  mayObject: false, today: R.day.adding(days: 10)))
        },
        GoldenPage(name: "PublicOnTimePage") {
            PublicOnTimePage.render(.init(context: F.visitor("/public/on-time"), firms: [
                .init(name: "大连海湾科技有限公司", uscc: "91210202MA0000001X", since: RecommendationFixtures.day, installmentsPaid: 12, loans: 1),
            ]))
        },
        GoldenPage(name: "PublicHomePage") {
            PublicHomePage.render(.init(context: F.visitor("/"), totals: [
                "platform.institutions_online": IndicatorValue(12), "platform.products_online": IndicatorValue(48),
                "platform.firms_registered": IndicatorValue(3_120), "lending.loan_amount": IndicatorValue(1_234_567_800),
                "lending.loans": IndicatorValue(210), "lending.loan_firms": IndicatorValue(186),
                "lending.credit_loan_share": IndicatorValue(623_400, numerator: 6234, denominator: 10_000),
            ], monthly: [(StatMonth(year: 2026, month: 2), IndicatorValue(80_000_000)), (StatMonth(year: 2026, month: 3), IndicatorValue(nil))]))
        },
        GoldenPage(name: "OperatorRedListPage") {
            typealias R = RecommendationFixtures
            return OperatorRedListPage.render(.init(context: F.center("/console/red-list"), entries: [try R.redList(valid: false, objected: true)],
                                                    pagination: Pagination(page: 1, pageSize: 20, totalCount: 1, path: "/console/red-list"),
                                                    today: R.day.adding(days: 3)))
        },
        GoldenPage(name: "FirmIncentivesPage") {
            typealias R = RecommendationFixtures
            return FirmIncentivesPage.render(.init(context: F.firm("/firm/incentives"), entry: try R.redList(valid: true),
                                                   incentive: "适用守信激励（守信激励名单，有效期至 2027-03-09）：绿色通道优先办理、容缺受理",
                                                   consents: true, today: R.day.adding(days: 10)))
        },
        GoldenPage(name: "OperatorListingsPage") {
            OperatorListingsPage.render(.init(context: F.center("/console/listings"), entries: [try RecommendationFixtures.listing(listed: true),
                                                                                                try RecommendationFixtures.listing(listed: false)],
                                              pagination: Pagination(page: 1, pageSize: 20, totalCount: 2, path: "/console/listings")))
        },
        GoldenPage(name: "FirmNoticesPage") {
            let report = OverdueReport(loanReference: "贷款 #3", uscc: "91210202MA0000001X", lender: "大连银行", overdueDays: 12,
                                       amount: Cents(1_043_500), reportedOn: RecommendationFixtures.day)
            let feedback = try DefaultFeedback(report: report).notified(on: RecommendationFixtures.day)
            var cured = DefaultReport(id: 1, loanID: 3, institutionID: 1, firmName: "大连海湾科技有限公司", feedback: feedback,
                                      deadline: RecommendationFixtures.day.adding(days: 14), reportedBy: "客户经理", reportedAt: RecommendationFixtures.at)
            _ = cured.settle(.cured(paidOn: RecommendationFixtures.day.adding(days: 5)))
            var pending = cured
            pending.id = 2; pending.status = .pending; pending.curedOn = nil
            return FirmNoticesPage.render(.init(context: F.firm("/firm/notices"), reports: [pending, cured],
                                                listings: [try RecommendationFixtures.listing(listed: false)]))
        },
        // Post-loan monitoring
        GoldenPage(name: "BankAlertsPage") {
            typealias M = MonitoringFixtures
            let today = M.day.adding(days: 4)
            let alerts = [try M.alert(id: 3, status: .open), try M.alert(id: 2, status: .acknowledged, signalCount: 1), try M.alert(id: 1, status: .handled)]
            return BankAlertsPage.render(.init(
                context: F.bank("/bank/alerts"), rows: try alerts.map { .init(alert: $0, escalation: try M.escalation($0, today: today)) },
                pagination: Pagination(page: 1, pageSize: 20, totalCount: 3, path: "/bank/alerts"), level: nil, status: nil,
                openByLevel: [.red: 1, .yellow: 1], openByLight: [.red: 1, .amber: 1], mayConfigureWebhook: true,
                webhookURL: "https://bank.example/xyd/alerts"))
        },
        GoldenPage(name: "BankAlertPage") {
            typealias M = MonitoringFixtures
            let alert = try M.alert(id: 3, status: .acknowledged)
            return BankAlertPage.render(.init(context: F.bank("/bank/alerts/3"), alert: alert,
                                              escalation: try M.escalation(alert, today: M.day.adding(days: 3)),
                                              acknowledgeBy: M.day.adding(days: 1), resolveBy: M.day.adding(days: 5)))
        },
        GoldenPage(name: "MonitoringPage") {
            typealias M = MonitoringFixtures
            let alert = try M.alert(id: 3, status: .open)
            return MonitoringPage.render(.init(
                context: F.center("/console/monitoring"), watched: 1_250, signals: 37, open: 12,
                byLevel: [.red: 2, .orange: 3, .yellow: 5, .blue: 2], byLight: [.green: 9, .amber: 2, .red: 1],
                byDistrict: [.init(label: "中山区", count: 7), .init(label: "甘井子区", count: 5)],
                byInstitution: [.init(label: "大连银行", count: 8), .init(label: "大连农商银行", count: 4)],
                perDay: (0..<30).map { .init(label: String(format: "03-%02d", $0 + 1), count: $0 % 4) },
                escalated: [(alert, "大连银行", try M.escalation(alert, today: M.day.adding(days: 6)))]))
        },
        GoldenPage(name: "BankFundPage") {
            typealias M = FundFixtures
            return BankFundPage.render(.init(context: F.bank("/bank/fund"), today: M.day, programmes: [try M.programme()],
                                             registrations: [M.registration(covered: true), M.registration(covered: false)],
                                             pagination: Pagination(page: 1, pageSize: 20, totalCount: 2, path: "/bank/fund"),
                                             claims: [try M.claim(paid: false)],
                                             statements: [.init(fund: "大连市政府性融资担保风险分担",
                                                                statement: try M.dashboard().ledger.institutionStatement("1"))]))
        },
        GoldenPage(name: "FundNewClaimPage") {
            typealias M = FundFixtures
            let programme = try M.programme()
            let version = try #require(programme.scheme.versions.first)
            let assessment = FundClaimAssessment.assess(
                version: version, coverage: M.coverage(),
                institution: FundInstitutionFacts(institutionId: "1", name: "甲银行", agreementFrom: Day(year: 2025, month: 1, day: 1)),
                facts: FundDefaultFacts(asOf: M.day, classification: .substandard, overdueDays: 95, principalLoss: Cents(12_000_000),
                                        guaranteePaidOn: M.day), usage: .none)
            return FundNewClaimPage.render(.init(context: F.bank("/bank/fund/new-claim"), programme: programme, loanId: "12",
                                                 firmName: "大连海韵科技有限公司", coverage: M.coverage(), assessment: assessment,
                                                 checklist: version.materials, materials: M.materials()))
        },
        GoldenPage(name: "FundClaimPage") {
            typealias M = FundFixtures
            return FundClaimPage.render(.init(context: F.center("/console/fund/claims/7"), record: try M.claim(paid: true), today: M.day,
                                              basePath: "/console/fund/claims/7", backPath: "/console/fund/claims", steps: [],
                                              mayResubmit: false, mayReportRecovery: false, materials: M.materials()))
        },
        GoldenPage(name: "FundClaimsPage") {
            typealias M = FundFixtures
            return FundClaimsPage.render(.init(context: F.center("/console/fund/claims"), claims: [try M.claim(paid: false)],
                                               pagination: Pagination(page: 1, pageSize: 20, totalCount: 1, path: "/console/fund/claims"),
                                               status: .publicity, today: M.day))
        },
        GoldenPage(name: "CouponProgrammesPage") {
            typealias C = CouponFixtures
            return CouponProgrammesPage.render(.init(context: F.center("/console/coupons"), today: C.day,
                                                     programmes: [.init(programme: C.programme, use: C.use)], selected: C.programme,
                                                     products: [(id: 4, label: "甲银行 · 工信e贷"), (id: 5, label: "甲银行 · 经营贷")]))
        },
        GoldenPage(name: "FirmCouponsPage") {
            typealias C = CouponFixtures
            return FirmCouponsPage.render(.init(context: F.firm("/firm/coupons"), coupons: [
                .init(coupon: C.coupon(4, .held), status: .held, programmeName: "大连数字信用券", products: ["工信e贷"], acceptsAll: false),
                .init(coupon: C.coupon(5, .attached), status: .attached, programmeName: "大连数字信用券", products: ["工信e贷"], acceptsAll: false),
                .init(coupon: C.coupon(3, .redeemed), status: .redeemed, programmeName: "大连数字信用券", products: [], acceptsAll: true),
                .init(coupon: C.onDraw, status: .redeemed, programmeName: "大连数字信用券", products: ["工信e贷"], acceptsAll: false),
                .init(coupon: C.coupon(2, .held), status: .expired, programmeName: "大连数字信用券", products: [], acceptsAll: true),
            ], applications: [.init(id: 7, label: "申请 #7 · 工信e贷 · ¥200,000.00")],
               offers: [.init(programmeID: 1, name: "大连数字信用券", face: .rateCut(basisPoints: 20), expiresOn: Day(year: 2026, month: 12, day: 31), reasons: []),
                        .init(programmeID: 2, name: "科创利息补贴券", face: .interestShare(basisPoints: 2_500, cap: Cents(yuan: 5_000)),
                              expiresOn: Day(year: 2027, month: 6, day: 30), reasons: ["无有效的专精特新认定"])]))
        },
        GoldenPage(name: "BankCouponsPage") {
            typealias C = CouponFixtures
            return BankCouponsPage.render(.init(context: F.bank("/bank/coupons"), today: C.day,
                                                redeemed: [.init(coupon: C.coupon(3, .redeemed), firmName: "大连海韵科技有限公司", claimable: .zero, installments: 2),
                                                           .init(coupon: C.onDraw, firmName: "大连海韵科技有限公司", claimable: Cents(1_111), installments: 1)],
                                                claims: [C.lineClaim] + C.claims))
        },
        GoldenPage(name: "FundDashboardPage") {
            typealias M = FundFixtures
            return FundDashboardPage.render(.init(context: F.center("/console/fund"), programmes: [try M.programme()],
                                                  dashboard: try M.dashboard(), templates: try FundSchemes.bundled().schemes,
                                                  institutions: [Institution(id: 1, code: "banka", name: "甲银行", kind: .bank)],
                                                  agreements: [], mayManage: true))
        },
        GoldenPage(name: "PublicFundPage") {
            typealias M = FundFixtures
            return PublicFundPage.render(.init(context: F.visitor("/public/fund"), claims: [try M.claim(paid: false)],
                                               pagination: Pagination(page: 1, pageSize: 20, totalCount: 1, path: "/public/fund"),
                                               signedIn: false))
        },
        // Pre-approved credit and revolving lines
        GoldenPage(name: "BankPreapprovalsPage") {
            typealias M = CreditLineFixtures
            return BankPreapprovalsPage.render(.init(context: F.bank("/bank/preapprovals"), runs: [M.run], products: [M.product], today: M.day))
        },
        GoldenPage(name: "BankPreapprovalRunPage") {
            typealias M = CreditLineFixtures
            return BankPreapprovalRunPage.render(.init(context: F.bank("/bank/preapprovals/7"), run: M.run,
                                                       offers: [M.offer(), M.offer(id: 12, status: .accepted)],
                                                       pagination: Pagination(page: 1, pageSize: 20, totalCount: 20_000, path: "/bank/preapprovals/7"),
                                                       today: M.day))
        },
        GoldenPage(name: "BankCreditLinesPage") {
            typealias M = CreditLineFixtures
            return BankCreditLinesPage.render(.init(context: F.bank("/bank/credit-lines"), lines: [M.line],
                                                    pagination: Pagination(page: 1, pageSize: 20, totalCount: 1, path: "/bank/credit-lines")))
        },
        GoldenPage(name: "BankCreditLinePage") {
            typealias M = CreditLineFixtures
            return BankCreditLinePage.render(.init(context: F.bank("/bank/credit-lines/5"), line: M.line))
        },
        GoldenPage(name: "FirmCreditLinesPage") {
            typealias M = CreditLineFixtures
            return FirmCreditLinesPage.render(.init(context: F.firm("/firm/credit-lines"), offers: [M.offer()], lines: [M.line], today: M.day,
                                                    coupons: [5: [.init(id: 12, number: "XYQ-000012", face: .rateCut(basisPoints: 20),
                                                                        expiresOn: M.day.adding(days: 60))]]))
        },
        GoldenPage(name: "FirmHomePage-preapproved") {
            var model = FirmHomePage.Model(context: F.firm("/firm"), grade: "A+", score: 902, hasCommitment: true, activeAuthorisations: 1,
                                           applicationCount: 0, outstanding: .zero, objections: [], repairs: [], now: F.date)
            model.preapprovals = [CreditLineFixtures.offer()]
            model.creditLineAvailable = Cents(yuan: 2_000_000)
            return FirmHomePage.render(model)
        },
        // Statistics
        GoldenPage(name: "StatisticsPage") { StatisticsPage.render(StatisticsFixtures.statistics()) },
        GoldenPage(name: "StatGlossaryPage") { StatGlossaryPage.render(.init(context: F.center("/console/stats/glossary"))) },
        GoldenPage(name: "StatReportsPage") { StatReportsPage.render(try StatisticsFixtures.reports()) },
        GoldenPage(name: "StatReportPage-filing") { StatReportPage.render(try StatisticsFixtures.reportPage(.filing, status: .returned)) },
        GoldenPage(name: "StatReportPage-review") { StatReportPage.render(try StatisticsFixtures.reportPage(.review(id: "41"), status: .pending)) },
        GoldenPage(name: "BankReportsPage") { BankReportsPage.render(StatisticsFixtures.bankReports()) },
        GoldenPage(name: "EvaluationPage") { EvaluationPage.render(try StatisticsFixtures.evaluation()) },
        GoldenPage(name: "BulletinPage") { BulletinPage.render(try StatisticsFixtures.bulletin()) },
        GoldenPage(name: "StatClosePage") { StatClosePage.render(try StatisticsFixtures.close()) },
    ]

    @Test("each page matches its golden file", arguments: pages)
    func matchesGolden(_ page: GoldenPage) throws {
        Golden.check(try page.render(), named: page.name)
    }

    @Test("every page has its own golden file, and no file is left without a page")
    func goldenFilesMatchPages() throws {
        let names = Set(Self.pages.map(\.name))
        #expect(names.count == Self.pages.count)
        guard !Golden.isRecording else { return }
        let files = try FileManager.default.contentsOfDirectory(atPath: Golden.directory.path).filter { $0.hasSuffix(".html") }
        #expect(Set(files.map { String($0.dropLast(".html".count)) }) == names)
    }

    @Test("a changed page is reported, with the first differing line")
    func changeIsDetected() {
        let html = "<html><body><p>贷款</p></body></html>"
        let stored = Golden.stored(html)
        #expect(Golden.mismatch(html, stored: stored) == nil)
        let difference = Golden.mismatch("<html><body><p>贷款申请</p></body></html>", stored: stored)
        #expect(difference?.contains("line 3") == true)
        #expect(Golden.mismatch(html + "<p></p>", stored: stored) != nil)
    }
}
