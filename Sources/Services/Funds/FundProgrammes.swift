import Domain
import Foundation
import Persistence

/// The funds the platform runs: opened from a scheme template by the credit center (the fund office), institutions'
/// agreements, and the money put in (capital, yearly injections, institutions' contributions, interest).
public enum FundProgrammes {
    public static func programmes(_ context: ServiceContext) async throws -> [FundProgramme] {
        try await context.fundStore.programmes()
    }

    /// The programme `code`, or 404.
    public static func programme(_ context: ServiceContext, _ code: String) async throws -> FundProgramme {
        guard let p = try await context.fundStore.programmes().first(where: { $0.schemeCode == code }) else {
            throw DomainError.notFound("风险补偿基金“\(code)”")
        }
        return p
    }

    public static func requireFundOffice(_ principal: Principal) throws {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅基金办公室（信用中心）可办理") }
    }

    /// Opens a fund from template `template` under its own code and name, for firms of `districtPrefixes`.
    public static func open(_ context: ServiceContext, _ principal: Principal, template: String, code: String, name: String,
                            region: String, districtPrefixes: [String], openedOn: Day? = nil) async throws -> FundProgramme {
        try requireFundOffice(principal)
        guard let scheme = context.platform.fundSchemes.scheme(template) else {
            throw DomainError.invalidInput(field: "template", reason: "没有名为“\(template)”的基金方案模板")
        }
        let code = code.trimmingSpaces()
        guard !code.isEmpty, code.count <= 40, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw DomainError.invalidInput(field: "code", reason: "基金代码须为 1–40 位字母、数字或连字符")
        }
        guard !name.trimmingSpaces().isEmpty else { throw DomainError.invalidInput(field: "name", reason: "请填写基金名称") }
        let programme = FundProgramme(scheme: scheme.adopted(code: code, name: name.trimmingSpaces(), region: region,
                                                             districtPrefixes: districtPrefixes),
                                      openedOn: openedOn ?? context.clock.today)
        guard try await context.fundStore.open(programme, actor: principal.name, at: context.clock.now()) else {
            throw DomainError.conflict("基金代码“\(code)”已被使用")
        }
        return programme
    }

    /// Signs an institution onto a fund (合作协议) from `signedOn` until `until` (open-ended when nil).
    public static func sign(_ context: ServiceContext, _ principal: Principal, scheme: String, institutionId: Int64,
                            signedOn: Day, until: Day?) async throws -> FundAgreement {
        try requireFundOffice(principal)
        _ = try await programme(context, scheme)
        guard try await context.accounts.institution(id: institutionId) != nil else { throw DomainError.notFound("该金融机构") }
        if let until, until < signedOn { throw DomainError.invalidInput(field: "until", reason: "协议截止日不能早于签订日") }
        let agreement = FundAgreement(schemeCode: scheme, institutionId: String(institutionId), signedOn: signedOn, until: until)
        try await context.fundStore.sign(agreement, actor: principal.name, at: context.clock.now())
        return agreement
    }

    public enum Inflow: String, Sendable, CaseIterable {
        case capital, injection, contribution, interest
        public var label: String {
            switch self {
            case .capital: "首期资金"
            case .injection: "财政注资"
            case .contribution: "机构缴存"
            case .interest: "专户利息"
            }
        }
    }

    /// Books money put into a fund. Contributions name the institution.
    public static func book(_ context: ServiceContext, _ principal: Principal, scheme: String, _ inflow: Inflow, amount: Cents,
                            institutionId: Int64?, day: Day?, memo: String) async throws -> FundJournalEntry {
        try requireFundOffice(principal)
        _ = try await programme(context, scheme)
        guard amount.isPositive else { throw DomainError.invalidInput(field: "amount", reason: "金额必须大于零") }
        let day = day ?? context.clock.today
        if day > context.clock.today { throw DomainError.invalidInput(field: "day", reason: "记账日期不能晚于今天") }
        let memo = memo.trimmingSpaces().isEmpty ? inflow.label : memo.trimmingSpaces()
        let entry: FundJournalEntry
        switch inflow {
        case .capital: entry = try FundJournalEntry.capital(amount, on: day, memo: memo)
        case .injection: entry = try FundJournalEntry.injection(amount, on: day, memo: memo)
        case .interest: entry = try FundJournalEntry.interest(amount, on: day, memo: memo)
        case .contribution:
            guard let institutionId, try await context.accounts.institution(id: institutionId) != nil else {
                throw DomainError.invalidInput(field: "institution", reason: "机构缴存须选择缴存机构")
            }
            entry = try FundJournalEntry.contribution(amount, from: String(institutionId), on: day, memo: memo)
        }
        try await context.fundJournal.post([entry], scheme: scheme, actor: principal.name, at: context.clock.now())
        return entry
    }
}
