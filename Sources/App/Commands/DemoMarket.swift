import Fluent
import Domain
import Foundation
import Persistence
import Services
import Vapor

/// The demo city's marketplace: three institutions with their staff and online products, the commitment
/// template, and two enterprise accounts (one with a good grade, signed and authorised; one just
/// registered and pending), so every portal has something to show on first start.
enum DemoMarket {
    static let institutions: [(code: String, name: String, kind: Institution.Kind)] = [
        ("dlbank", "大连银行", .bank), ("ccbdl", "建设银行大连分行", .bank), ("dlguarantee", "大连融资担保集团", .guarantor),
    ]

    static let commitmentBody = """
        本企业自愿作出如下信用承诺：
        一、所提供的登记、经营、财务等信息真实、准确、完整，不存在虚假记载、误导性陈述或重大遗漏；
        二、依法诚信经营，按时足额履行纳税、社保缴纳、合同约定等各项义务；
        三、通过信易贷平台获得的融资资金按约定用途使用，按期还本付息，不恶意逃废债务；
        四、同意将本承诺向社会公示，接受政府部门、金融机构和社会公众的监督；
        五、如违反承诺，愿意依法依规承担相应责任，并接受失信联合惩戒。
        """

    /// Seeds the marketplace once (when no institution exists yet).
    static func seed(_ app: Application) async throws -> [String] {
        let accounts = app.accounts
        guard try await accounts.institutions().isEmpty else { return [] }
        let hash = try await app.password.async.hash(DemoCommand.password)
        var made: [Institution] = []
        for (n, spec) in institutions.enumerated() {
            let institution = try await accounts.createInstitution(code: spec.code, name: spec.name, kind: spec.kind)
            try await accounts.createUser(username: "\(spec.code)-admin", displayName: "\(spec.name)管理员", passwordHash: hash,
                                          role: .institutionAdmin, departmentID: nil, institutionID: institution.id)
            // The officer's phone is what a firm sees on a demand its bank took.
            try await accounts.createUser(username: "\(spec.code)-staff", displayName: "\(spec.name)客户经理", passwordHash: hash,
                                          role: .institutionStaff, departmentID: nil, institutionID: institution.id,
                                          phone: "1390411000\(n + 1)")
            made.append(institution)
        }
        let store = ProductStore(database: app.db)
        let policy = app.platform.productPolicy
        for (n, product) in products(made).enumerated() {
            var p = product
            p.details = details[n]
            for action in [ProductAction.submit, .approve] { p = try p.applying(action, policy: policy) }
            try await store.save(p)
        }
        try await CommitmentStore(database: app.db).publishTemplate(title: "企业信用承诺书", body: commitmentBody, by: "admin")
        return try await firms(app, hash: hash)
    }

    /// What the supermarket's product pages say, in the order of `products`.
    static let details: [ProductDetails] = [
        ProductDetails(introduction: "面向依法纳税的小微企业的纯信用贷款，依据纳税信用和公共信用综合评价核定额度，无需抵押担保。",
                       conditions: "纳税信用等级 B 级及以上；公共信用综合评价 B 级及以上；持续经营满 2 年；企业及法定代表人无失信记录。",
                       materials: "营业执照；法定代表人身份证；近两年纳税申报表（平台授权查询，无需另行提供）；公司章程。",
                       process: "在线申请 → 授权查询信用报告 → 系统审批或人工审批（3 个工作日内）→ 在线签约 → 放款。",
                       contactName: "大连银行普惠金融部", contactPhone: "0411-82311234"),
        ProductDetails(introduction: "面向科技型企业的知识产权质押贷款，按专利、商标价值和科创积分核定额度。",
                       conditions: "高新技术企业、专精特新企业或科技型中小企业；拥有有效发明专利或实用新型专利；信用评价 A 级及以上。",
                       materials: "营业执照；知识产权证书；近一年财务报表；科技企业资质证明。",
                       process: "在线申请 → 知识产权评估 → 审批 → 质押登记 → 签约放款。",
                       contactName: "大连银行科技支行", contactPhone: "0411-82315678"),
        ProductDetails(introduction: "线上申请、线上审批、随借随还的纯信用经营贷款。",
                       conditions: "持续经营满 1 年；信用评价 B 级及以上；无逾期贷款。",
                       materials: "营业执照；法定代表人身份证（其余信息经企业授权在平台查询）。",
                       process: "在线申请 → 系统审批（符合规则的即时批复）→ 在线签约 → 放款。",
                       contactName: "建设银行大连分行普惠金融事业部", contactPhone: "0411-82581234"),
        ProductDetails(introduction: "政府性融资担保机构提供担保、银行放款的小微企业贷款，担保费率不超过 1%。",
                       conditions: "小微企业或个体工商户；持续经营满 1 年；信用评价 C 级及以上；无恶意逃废债记录。",
                       materials: "营业执照；法定代表人身份证；近一年财务报表或纳税证明；反担保措施说明（如有）。",
                       process: "在线申请 → 担保机构尽调 → 银担双方审批 → 签订担保与借款合同 → 放款。",
                       contactName: "大连融资担保集团业务部", contactPhone: "0411-84561234"),
    ]

    static func products(_ made: [Institution]) -> [LoanProduct] {
        let all = RepaymentMethod.allCases
        func id(_ i: Int) -> String { String(made[i].id) }
        return [
            LoanProduct(id: "", institutionID: id(0), name: "信易贷·纳税贷", type: .pureCredit,
                        amountRange: AmountRange(minYuan: 100_000, maxYuan: 3_000_000), rateRange: RateRange(minBasisPoints: 345, maxBasisPoints: 520),
                        termRange: TermRange(minMonths: 3, maxMonths: 36), repaymentMethods: all,
                        eligibility: EligibilityRules(minimumGrade: "B", minimumYearsInBusiness: 2),
                        autoApproval: AutoApprovalRules([.minimumGrade("A"), .maximumAmount(cents: 100_000_000), .noDishonestRecord,
                                                         .noOverdueLoans, .noPenaltyWithin(months: 12), .withinEstimatedQuota])),
            LoanProduct(id: "", institutionID: id(0), name: "科创积分贷", type: .ipPledge,
                        amountRange: AmountRange(minYuan: 500_000, maxYuan: 10_000_000), rateRange: RateRange(minBasisPoints: 360, maxBasisPoints: 480),
                        termRange: TermRange(minMonths: 12, maxMonths: 36), repaymentMethods: [.interestFirst, .equalPrincipal],
                        eligibility: EligibilityRules(minimumGrade: "A", industries: ["C", "I", "M"], minimumYearsInBusiness: 1)),
            LoanProduct(id: "", institutionID: id(1), name: "建行·信用快贷", type: .pureCredit,
                        amountRange: AmountRange(minYuan: 50_000, maxYuan: 2_000_000), rateRange: RateRange(minBasisPoints: 330, maxBasisPoints: 500),
                        termRange: TermRange(minMonths: 6, maxMonths: 24), repaymentMethods: [.equalInstallment, .interestFirst],
                        eligibility: EligibilityRules(minimumGrade: "B", minimumYearsInBusiness: 1),
                        autoApproval: AutoApprovalRules([.minimumGrade("B"), .maximumAmount(cents: 50_000_000), .noDishonestRecord,
                                                         .noOverdueLoans, .withinEstimatedQuota])),
            LoanProduct(id: "", institutionID: id(2), name: "政银担·小微担保贷", type: .guaranteed,
                        amountRange: AmountRange(minYuan: 200_000, maxYuan: 5_000_000), rateRange: RateRange(minBasisPoints: 380, maxBasisPoints: 560),
                        termRange: TermRange(minMonths: 6, maxMonths: 36), repaymentMethods: [.equalInstallment, .equalPrincipal, .bullet],
                        eligibility: EligibilityRules(minimumGrade: "C", minimumYearsInBusiness: 1)),
        ]
    }

    /// Two demo firms: one active, signed and authorised with a good grade; one pending review.
    static func firms(_ app: Application, hash: String) async throws -> [String] {
        var good: EnterpriseSummary?
        var other: EnterpriseSummary?
        var page = 1
        while good == nil || other == nil, page <= 20 {
            let found = try await app.registry.search(EnterpriseQuery(paging: Paging(page: page, perPage: 100)))
            if found.items.isEmpty { break }
            for firm in found.items where firm.status == "存续" {
                let grade = try await app.evaluationStore.current(firm.uscc)?.grade
                if good == nil, grade == "A" { good = firm } else if other == nil, grade == "B" { other = firm }
            }
            page += 1
        }
        var lines: [String] = []
        if let good {
            try await app.accounts.createUser(username: "firm-demo", displayName: good.legalRep, passwordHash: hash, role: .enterprise,
                                              departmentID: nil, uscc: good.uscc, phone: "13800000001", status: .active)
            let commitments = CommitmentStore(database: app.db)
            if let template = try await commitments.latestTemplate() {
                try await commitments.save(try CreditCommitment.sign(template, uscc: good.uscc, firmName: good.name,
                                                                     legalRepresentative: good.legalRep, signerName: good.legalRep, at: Date()))
            }
            let categories = app.platform.catalog.authorisedCategories
            try await AuthorisationStore(database: app.db).create(Authorisation(
                id: "", uscc: good.uscc, scope: .allRegisteredInstitutions, categories: categories,
                purposes: Set(AuthorisationPurpose.allCases), validFrom: .today(), validUntil: Day.today().adding(days: 365),
                signedAt: Date()), by: good.legalRep)
            lines.append("企业登录：firm-demo（\(good.name)，等级 A，已签承诺、已授权）")
        }
        if let other {
            try await app.accounts.createUser(username: "firm-pending", displayName: other.legalRep, passwordHash: hash, role: .enterprise,
                                              departmentID: nil, uscc: other.uscc, phone: "13800000002", status: .pending)
            lines.append("待审核企业账户：firm-pending（\(other.name)），在信用中心“账户审核”中开通")
        }
        return lines
    }
}
