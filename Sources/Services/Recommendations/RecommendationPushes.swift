import Domain
import Foundation
import Persistence

/// The push of listed firms to institutions (一键推送) and the institutions' reports on them (对接、授信、放款、
/// 婉拒), with the decision clock of the rules in force on the day of the push.
public enum RecommendationPushes {
    /// An institution proposed for an entry, and why.
    public struct Suggestion: Sendable, Equatable {
        public var institution: Institution
        /// Names of its products on sale that fit the firm's demand and its eligibility rules.
        public var products: [String]
        /// The firm already borrows from it on the platform.
        public var existingLender: Bool

        public var reason: String {
            var parts: [String] = []
            if existingLender { parts.append("企业现有贷款机构") }
            if !products.isEmpty { parts.append("匹配产品：" + products.joined(separator: "、")) }
            return parts.joined(separator: "；")
        }
    }

    /// Banks for an entry (the mechanism pushes to 银行机构; other institutions can still be chosen by hand): those
    /// with on-sale products whose amount and term ranges hold the demand and whose eligibility rules the firm
    /// meets, and those it already borrows from; existing lenders first, then by the number of fitting products.
    public static func suggestions(_ context: ServiceContext, for entry: RecommendationEntry,
                                   institutions: [Institution]? = nil) async throws -> [Suggestion] {
        let institutions = if let institutions { institutions } else { try await context.accounts.institutions() }
        let products = try await context.readCache.onlineProducts(context)
        let today = context.clock.today
        let facts = try? await FirmFactsLoader.load(context, uscc: entry.uscc)
        var fitting: [Int64: [String]] = [:]
        for product in products where product.amountRange.contains(entry.amountCents) && product.termRange.contains(months: entry.termMonths) {
            guard let facts, Eligibility.check(product, facts, today: today, grades: context.platform.grades).isEligible,
                  let id = Int64(product.institutionID) else { continue }
            fitting[id, default: []].append(product.name)
        }
        let lenders = Set(try await context.loanStore.loans(uscc: entry.uscc).filter { !$0.settled }.map(\.institutionID))
        return institutions.filter { $0.kind == .bank }.compactMap { institution -> Suggestion? in
            let names = fitting[institution.id] ?? []
            let lender = lenders.contains(institution.id)
            guard !names.isEmpty || lender else { return nil }
            return Suggestion(institution: institution, products: names, existingLender: lender)
        }.sorted { a, b in
            a.existingLender != b.existingLender ? a.existingLender : a.products.count != b.products.count
                ? a.products.count > b.products.count : a.institution.id < b.institution.id
        }
    }

    public struct Summary: Sendable, Equatable, Codable {
        /// Entries pushed (to at least one institution).
        public var entries: Int
        /// Pushes made.
        public var pushed: Int
        /// Entry–institution pairs pushed before, not pushed again.
        public var skipped: Int
        /// Entries no institution fits (pushed nowhere; choose institutions by hand).
        public var unmatched: [Int64]
    }

    /// Pushes listed entries to the chosen institutions in one action, or, when none are chosen, each to the
    /// institutions suggested for it. Entries whose publicity is over are listed first.
    public static func push(_ context: ServiceContext, _ principal: Principal, entryIDs: [Int64],
                            institutionIDs: [Int64]?) async throws -> Summary {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可推送推荐清单") }
        guard !entryIDs.isEmpty else { throw DomainError.invalidInput(field: "entryIDs", reason: "请选择要推送的企业") }
        guard entryIDs.count <= 1_000 else { throw DomainError.invalidInput(field: "entryIDs", reason: "一次最多推送 1000 家企业") }
        let today = context.clock.today
        guard let rules = context.platform.screeningRules.inForce(on: today) else { throw Recommendations.noRules(today) }
        try await Recommendations.closePublicity(context, today: today)
        let institutions = try await context.accounts.institutions()
        let byID = Dictionary(institutions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if let chosen = institutionIDs {
            guard !chosen.isEmpty else { throw DomainError.invalidInput(field: "institutionIDs", reason: "请至少选择一家金融机构") }
            if let unknown = chosen.first(where: { byID[$0] == nil }) {
                throw DomainError.invalidInput(field: "institutionIDs", reason: "金融机构 #\(unknown) 不存在")
            }
        }
        var entries: [RecommendationEntry] = []
        for id in Array(Set(entryIDs)).sorted() {
            guard let entry = try await context.recommendationStore.entry(id: id) else { throw DomainError.notFound("推荐清单条目 #\(id)") }
            guard entry.status == .listed || entry.status == .pushed else {
                let why = entry.status == .publicity ? "公示期至 \(entry.publicityUntil?.description ?? "—")，期满且无未决异议后方可推送" : "只有已列入推荐清单的企业可以推送"
                throw DomainError.illegalTransition(entity: "推荐清单条目 #\(id)", from: entry.status.label, action: "推送（\(why)）")
            }
            entries.append(entry)
        }
        let now = context.clock.now()
        var pushes: [RecommendationPush] = []
        var unmatched: [Int64] = []
        for entry in entries {
            let targets = if let institutionIDs { institutionIDs }
                else { try await suggestions(context, for: entry, institutions: institutions).map(\.institution.id) }
            if targets.isEmpty { unmatched.append(entry.id) }
            for id in Array(Set(targets)).sorted() {
                guard let institution = byID[id] else { continue }
                pushes.append(RecommendationPush(entry: entry, institutionID: id, institutionName: institution.name, day: today,
                                                 decisionDays: rules.decisionDays, escalationDays: rules.escalationDays,
                                                 by: principal.displayName, at: now))
            }
        }
        let result = try await context.recommendationStore.push(pushes, entries: entries, actor: principal.name, at: now)
        return Summary(entries: Set(result.pushed.map(\.entryID)).count, pushed: result.pushed.count, skipped: result.skipped,
                       unmatched: unmatched)
    }

    /// The pushes a principal sees: an institution its own, the credit center all.
    public static func pushes(_ context: ServiceContext, _ principal: Principal, statuses: [PushStatus] = [],
                              overdueOnly: Bool = false, paging: Paging) async throws -> ResultPage<RecommendationPush> {
        let institutionID: Int64?
        switch principal.role {
        case .creditCenter: institutionID = nil
        case .institutionAdmin, .institutionStaff: institutionID = try principal.requireInstitution().id
        default: throw DomainError.forbidden("仅金融机构和信用中心可查看推送")
        }
        return try await context.recommendationStore.pushes(institutionID: institutionID, statuses: statuses,
                                                            overdueOn: overdueOnly ? context.clock.today : nil, paging: paging)
    }

    /// One push, if the principal may see it (otherwise 404).
    public static func push(_ context: ServiceContext, _ principal: Principal, id: Int64?) async throws -> RecommendationPush {
        guard let id, let push = try await context.recommendationStore.pushRecord(id: id) else { throw DomainError.notFound("该推送") }
        if principal.role == .creditCenter { return push }
        guard principal.role.isInstitution, principal.institution?.id == push.institutionID else { throw DomainError.notFound("该推送") }
        return push
    }

    /// The institution reports contact, a grant, a disbursement or a decline.
    public static func respond(_ context: ServiceContext, _ principal: Principal, id: Int64?,
                               _ response: PushResponse) async throws -> RecommendationPush {
        _ = try principal.requireInstitution()
        var push = try await push(context, principal, id: id)
        let before = push.status
        try push.record(response, by: principal.displayName, today: context.clock.today, at: context.clock.now())
        try await context.recommendationStore.save(push, expecting: before, actor: principal.name, at: context.clock.now())
        return push
    }

    /// The entries left the list: their undecided pushes are withdrawn with the reason, so the institutions see why.
    static func withdraw(_ context: ServiceContext, entries: [RecommendationEntry], actor: String) async throws {
        let now = context.clock.now()
        var changes: [(push: RecommendationPush, expecting: PushStatus)] = []
        for entry in entries {
            for push in try await context.recommendationStore.pushes(entryID: entry.id) {
                var next = push
                next.withdraw(reason: entry.removalReason ?? "企业已移出推荐清单", at: now)
                if next != push { changes.append((next, push.status)) }
            }
        }
        guard !changes.isEmpty else { return }
        let all = changes
        _ = try await context.database.write { unit in
            try await RecommendationStore.save(pushes: all, actor: actor, at: now, in: unit)
        }
    }

    /// The daily sweep: every push still undecided on its escalation day is recorded as escalated to the operator,
    /// once, with a transparency-log entry (the light itself is computed whenever pushes are read). Returns how many.
    @discardableResult
    public static func escalateOverdue(_ context: ServiceContext) async throws -> Int {
        let today = context.clock.today, now = context.clock.now()
        var due: [(push: RecommendationPush, expecting: PushStatus)] = []
        for push in try await context.recommendationStore.red(on: today) {
            var next = push
            if next.escalate(on: today, at: now) { due.append((next, push.status)) }
        }
        return try await context.recommendationStore.escalate(due, at: now)
    }
}
