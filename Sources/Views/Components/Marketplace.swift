import Domain
import Foundation

// Values and pieces the marketplace pages of several portals share (the bank's and the firm's application
// and loan pages, the product pages of the bank, the operator and the public). Each page folder builds its
// blocks from these, so one application summary or repayment schedule looks the same everywhere.

/// One loan application as the pages show it.
public struct ApplicationSummary: Sendable, Equatable {
    public var id: Int64
    public var uscc: String
    public var firmName: String
    public var productName: String
    public var institutionName: String
    public var authorisationID: Int64?
    public var requestedAmount: Cents
    public var requestedTermMonths: Int
    public var requestedMethod: RepaymentMethod
    public var purpose: String
    public var state: LoanApplication
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64, uscc: String, firmName: String, productName: String, institutionName: String,
                authorisationID: Int64?, requestedAmount: Cents, requestedTermMonths: Int,
                requestedMethod: RepaymentMethod, purpose: String, state: LoanApplication, createdAt: Date, updatedAt: Date) {
        self.id = id; self.uscc = uscc; self.firmName = firmName; self.productName = productName
        self.institutionName = institutionName; self.authorisationID = authorisationID; self.requestedAmount = requestedAmount
        self.requestedTermMonths = requestedTermMonths; self.requestedMethod = requestedMethod; self.purpose = purpose
        self.state = state; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// One step of an application's history (受理, 批准 …), as stored.
public typealias TimelineStep = ApplicationStep

/// One loan as the pages show it.
public struct LoanSummary: Sendable, Equatable {
    public var id: Int64
    public var firmName: String
    public var productName: String
    public var ledger: LoanLedger
    public var classification: LoanClass
    public var overdueDays: Int
    public var outstanding: Cents
    public var settled: Bool
    /// The digital credit coupon redeemed at disbursement, in words (the schedule is at the rate after it).
    public var coupon: String?
    /// The lending institution and the officer who approved the loan (every loan page names them).
    public var lenderName: String?
    public var officer: String?

    public init(id: Int64, firmName: String, productName: String, ledger: LoanLedger, classification: LoanClass,
                overdueDays: Int, outstanding: Cents, settled: Bool, coupon: String? = nil, lenderName: String? = nil,
                officer: String? = nil) {
        self.id = id; self.firmName = firmName; self.productName = productName; self.ledger = ledger
        self.classification = classification; self.overdueDays = overdueDays; self.outstanding = outstanding; self.settled = settled
        self.coupon = coupon; self.lenderName = lenderName; self.officer = officer
    }
}

extension PortalPage.Field.Kind {
    /// A select of `(value, label)` pairs with `selected` chosen.
    public static func options(_ pairs: [(String, String)], selected: String? = nil) -> Self {
        .select(pairs.map { SelectOption(value: $0.0, label: $0.1, isSelected: $0.0 == selected) })
    }
}

/// The blocks of the application pages.
enum ApplicationBlocks {
    static func badge(_ status: ApplicationStatus) -> PortalPage.Cell {
        let tone: PortalPage.Tone = switch status {
        case .submitted, .accepted: .info
        case .approved, .contractSigned, .disbursed: .success
        case .settled: .neutral
        case .rejected, .withdrawn, .cancelled: .danger
        }
        return .badge(status.label, tone: tone)
    }

    static func summary(_ a: ApplicationSummary) -> PortalPage.Block {
        var facts: [PortalPage.Fact] = [
            .init("企业", a.firmName), .init("统一社会信用代码", cell: .mono(a.uscc)), .init("金融机构", a.institutionName),
            .init("产品", a.productName), .init("申请金额", Format.money(a.requestedAmount)),
            .init("申请期限", Format.months(a.requestedTermMonths)),
            .init("还款方式", a.requestedMethod.label), .init("资金用途", a.purpose), .init("状态", cell: badge(a.state.status)),
            .init("依据授权书", a.authorisationID.map { "#\($0)" } ?? "—"), .init("提交时间", Format.time(a.createdAt)),
        ]
        if let terms = a.state.terms {
            facts += [.init("批准金额", Format.money(terms.amount)), .init("批准利率", Format.percent(terms.rate)),
                      .init("批准期限", Format.months(terms.termMonths)), .init("批准还款方式", terms.method.label)]
        }
        switch a.state.decidedBy {
        case .system(let rules): facts.append(.init("审批方式", "系统自动审批（依据规则：\(rules.map(AutoApprovalRule.name(id:)).joined(separator: "、"))）"))
        case .institution: facts.append(.init("审批方式", "人工审批"))
        case nil: break
        }
        if let reason = a.state.reason { facts.append(.init("原因", reason)) }
        return .facts(title: "申请信息", facts)
    }

    static func timeline(_ steps: [TimelineStep]) -> PortalPage.Block {
        .table(.init(title: "办理记录", id: "timeline", headers: ["时间", "办理人", "操作", "状态变化", "说明"], rows: steps.map { step in
            [.text(Format.time(step.at)), .text(step.actor), .text(step.action),
             .text(step.from.isEmpty || step.from == step.to ? step.to : "\(step.from) → \(step.to)"), .text(step.note)]
        }, emptyText: "暂无记录"))
    }
}

/// The blocks of the loan pages.
enum LoanBlocks {
    static func classBadge(_ loanClass: LoanClass) -> PortalPage.Cell {
        let tone: PortalPage.Tone = switch loanClass {
        case .normal: .success
        case .specialMention: .warning
        case .substandard, .doubtful, .loss: .danger
        }
        return .badge(loanClass.label, tone: tone)
    }

    static func row(_ loan: LoanSummary, prefix: String) -> [PortalPage.Cell] {
        let schedule = loan.ledger.schedule
        return [.link("#\(loan.id)", href: "\(prefix)/\(loan.id)"), .twoLines(loan.productName, loan.firmName),
                .text(Format.money(schedule.principal)), .text(Format.percent(schedule.rate)), .text(Format.months(schedule.termMonths)),
                .text(Format.money(loan.outstanding)), .text("\(loan.overdueDays)"), classBadge(loan.classification),
                loan.settled ? .badge("已结清", tone: .neutral) : .badge("还款中", tone: .info)]
    }

    static func blocks(_ loan: LoanSummary, today: Day) -> [PortalPage.Block] {
        let position = loan.ledger.position(asOf: today)
        let schedule = loan.ledger.schedule
        return [
            .stats([
                .init("贷款本金", Format.money(schedule.principal)), .init("剩余本金", Format.money(position.outstandingPrincipal)),
                .init("当前应还", Format.money(position.amountDue), tone: position.amountDue.isPositive ? .warning : .neutral),
                .init("逾期天数", "\(position.overdueDays)", tone: position.overdueDays > 0 ? .danger : .neutral),
                .init("五级分类", loan.classification.label),
            ]),
            .facts(title: "贷款条件", [
                .init("贷款机构", loan.lenderName ?? "—"), .init("经办人", loan.officer ?? "—"), .init("贷款产品", loan.productName),
                .init("放款日", schedule.start.description), .init("到期日", schedule.maturity.description),
                .init("年利率", Format.percent(schedule.rate)), .init("还款方式", schedule.method.label),
                .init("利息合计", Format.money(schedule.totalInterest)), .init("本息合计", Format.money(schedule.totalPayment)),
            ] + (loan.coupon.map { [PortalPage.Fact("信用券", $0)] } ?? [])),
            .table(.init(title: "还款计划", id: "schedule", headers: ["期数", "应还日", "本金", "利息", "合计", "已还", "状态"],
                         rows: position.installments.map { p in
                [.text("\(p.installment.number)"), .text(p.installment.due.description), .text(Format.money(p.installment.principal)),
                 .text(Format.money(p.installment.interest)), .text(Format.money(p.installment.total)), .text(Format.money(p.paid)),
                 .badge(p.status.label, tone: p.status == .paid ? .success : (p.status == .overdue ? .danger : .neutral))]
            }, emptyText: "无还款计划")),
            .table(.init(title: "还款记录", id: "repayments", headers: ["日期", "金额"], rows: loan.ledger.repayments.map {
                [.text($0.day.description), .text(Format.money($0.amount))]
            }, emptyText: "尚无还款")),
        ]
    }
}

/// The blocks of the product pages.
enum ProductBlocks {
    static func badge(_ status: ProductStatus) -> PortalPage.Cell {
        let tone: PortalPage.Tone = switch status {
        case .draft: .neutral
        case .pendingReview: .warning
        case .online: .success
        case .offline: .neutral
        }
        return .badge(status.label, tone: tone)
    }

    static func blocks(_ p: LoanProduct, institutionName: String? = nil, title: String = "产品要素",
                       choices: ProductChoices = ProductChoices()) -> [PortalPage.Block] {
        var facts: [PortalPage.Fact] = [
            .init("类型", p.type.label), .init("额度", p.amountRange.text), .init("年利率", p.rateRange.text),
            .init("期限", p.termRange.text), .init("还款方式", p.repaymentMethods.map(\.label).joined(separator: "、")),
            .init("最低信用等级", p.eligibility.minimumGrade.map { "\($0) 及以上" } ?? "不限"),
            .init("最低成立年限", p.eligibility.minimumYearsInBusiness > 0 ? "\(p.eligibility.minimumYearsInBusiness) 年" : "不限"),
            .init("适用行业", choices.industryNames(p.eligibility.industries)),
            .init("适用区县", choices.districtNames(p.eligibility.districts)),
            .init("失信企业", p.eligibility.excludeDishonest ? "不受理" : "不限"),
            .init("状态", cell: badge(p.status)),
        ]
        if let institutionName { facts.insert(.init("金融机构", institutionName), at: 0) }
        if let note = p.reviewNote { facts.append(.init("审核意见", note)) }
        if let contact = p.details?.contact { facts.append(.init("联系人", contact)) }
        var blocks: [PortalPage.Block] = [.facts(title: title, facts)]
        for section in p.details?.sections ?? [] {
            blocks.append(.text(title: section.title, paragraphs: section.text.split(whereSeparator: \.isNewline).map(String.init)))
        }
        if let rules = p.autoApproval?.rules, !rules.isEmpty {
            blocks.append(.text(title: "系统自动审批规则（全部满足时即时批准）", paragraphs: rules.map { "· \($0.text)" }))
        }
        return blocks
    }

    /// The product form, empty with sensible defaults for a new product or filled from a draft.
    static func formFields(_ p: LoanProduct?, grades: [String], choices: ProductChoices) -> [PortalPage.Field] {
        let grades = grades.map { ($0, "\($0) 及以上") }
        func yuan(_ cents: Int64?, _ fallback: String) -> String { cents.map { String($0 / 100) } ?? fallback }
        func percent(_ bp: Int?, _ fallback: String) -> String { bp.map { Format.percentInput(basisPoints: $0) } ?? fallback }
        var autoGrade = ""
        var autoMax: Int64?
        for rule in p?.autoApproval?.rules ?? [] {
            switch rule {
            case .minimumGrade(let grade): autoGrade = grade
            case .maximumAmount(let cents): autoMax = cents
            default: break
            }
        }
        let methods = Set(p?.repaymentMethods ?? RepaymentMethod.allCases)
        return [
            .init("name", "产品名称", value: p?.name ?? "", isRequired: true),
            .init("type", "产品类型", kind: .options(ProductType.allCases.map { ($0.rawValue, $0.label) },
                                                     selected: p?.type.rawValue ?? "pure_credit")),
            .init("min_amount", "最低额度（元）", kind: .number, value: yuan(p?.amountRange.minCents, "100000"), isRequired: true),
            .init("max_amount", "最高额度（元）", kind: .number, value: yuan(p?.amountRange.maxCents, "3000000"), isRequired: true),
            .init("min_rate", "最低年利率（%）", kind: .number, value: percent(p?.rateRange.minBasisPoints, "3.45"), isRequired: true),
            .init("max_rate", "最高年利率（%）", kind: .number, value: percent(p?.rateRange.maxBasisPoints, "5.50"), isRequired: true),
            .init("min_term", "最短期限（月）", kind: .number, value: String(p?.termRange.minMonths ?? 3), isRequired: true),
            .init("max_term", "最长期限（月）", kind: .number, value: String(p?.termRange.maxMonths ?? 36), isRequired: true),
            .init("methods", "还款方式", kind: .checkboxes(RepaymentMethod.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, isSelected: methods.contains($0)) })),
            .init("min_grade", "最低信用等级", kind: .options([("", "不限")] + grades, selected: p.map { $0.eligibility.minimumGrade ?? "" } ?? "B")),
            .init("min_years", "最低成立年限（年）", kind: .number, value: String(p?.eligibility.minimumYearsInBusiness ?? 1)),
            .init("industries", "适用行业（不选为不限）", kind: .checkboxes(choices.industries.map {
                SelectOption(value: $0.code, label: $0.name, isSelected: p?.eligibility.industries.contains($0.code) ?? false) })),
            .init("districts", "适用区县（不选为全市）", kind: .checkboxes(choices.districts.map {
                SelectOption(value: $0.code, label: $0.name, isSelected: p?.eligibility.districts.contains($0.code) ?? false) })),
            .init("auto_grade", "自动审批：最低等级（空为不开启自动审批）", kind: .options([("", "不开启")] + grades, selected: autoGrade)),
            .init("auto_max_amount", "自动审批：单笔上限（元）", kind: .number, value: yuan(autoMax, "1000000")),
            .init("red_rate_cut", "守信激励：利率优惠（基点，空为无）", kind: .number,
                  value: p?.redListPreference?.rateCutBasisPoints.map(String.init) ?? "", hint: "对守信激励名单企业下调的年利率，50 即 0.50 个百分点"),
            .init("red_amount_raise", "守信激励：额度上浮（%，空为无）", kind: .number,
                  value: p?.redListPreference?.amountRaisePercent.map(String.init) ?? ""),
            .init("introduction", "产品介绍", kind: .textarea, value: p?.details?.introduction ?? "", hint: "产品超市详情页展示，下同"),
            .init("conditions", "申请条件", kind: .textarea, value: p?.details?.conditions ?? ""),
            .init("materials", "所需材料", kind: .textarea, value: p?.details?.materials ?? ""),
            .init("process", "办理流程", kind: .textarea, value: p?.details?.process ?? ""),
            .init("contact_name", "联系人", value: p?.details?.contactName ?? ""),
            .init("contact_phone", "联系电话", kind: .tel, value: p?.details?.contactPhone ?? ""),
        ]
    }
}

/// The tones of the objection and repair badges.
enum RemedyTone {
    static func of(_ status: ObjectionStatus) -> PortalPage.Tone {
        switch status {
        case .pending: .info
        case .escalated: .danger
        case .confirmed, .corrected: .success
        case .rejected: .warning
        case .withdrawn: .neutral
        }
    }

    static func of(_ status: RepairStatus) -> PortalPage.Tone {
        switch status {
        case .pending: .info
        case .approved: .success
        case .rejected: .warning
        }
    }
}

/// Which slice of a long list a page shows (page numbers start at 1).
public struct PageWindow: Sendable, Equatable {
    public var page: Int
    public var perPage: Int
    public var total: Int

    public init(page: Int, perPage: Int, total: Int) { self.page = page; self.perPage = perPage; self.total = total }
}

/// A data category of the catalog, for authorisation forms and access logs.
public struct CategoryChoice: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Non-public data: the firm must authorise an institution to read it.
    public var needsAuthorisation: Bool

    public init(id: String, name: String, needsAuthorisation: Bool) {
        self.id = id; self.name = name; self.needsAuthorisation = needsAuthorisation
    }
}

/// A signed credit commitment with whether it is still in force.
public struct SignedCommitment: Sendable, Equatable {
    public var commitment: CreditCommitment
    public var isInForce: Bool
    public var invalidReason: String?

    public init(commitment: CreditCommitment, isInForce: Bool, invalidReason: String? = nil) {
        self.commitment = commitment; self.isInForce = isInForce; self.invalidReason = invalidReason
    }
}
