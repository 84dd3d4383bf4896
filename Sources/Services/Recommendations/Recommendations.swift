import Domain
import Foundation
import Persistence

/// The recommendation lists (申报清单 → 推荐清单): firms are declared, referred or visited onto the 申报清单,
/// screened on the five criteria, reviewed by the credit center, publicised, then pushed to institutions that
/// must record a credit decision within the rules' period. The same actions serve the portals and the API.
public enum Recommendations {
    /// The pseudo-dataset objections to a publicised entry are filed under (the record id is the entry's id);
    /// they go to the credit center's objection queue.
    public static let objectionDataset = "recommendation.entry"

    public struct DeclareInput: Sendable {
        /// Ignored for a firm (it declares itself).
        public var uscc: String?
        public var amount: Cents
        public var termMonths: Int
        public var purpose: String
        public var note: String
        /// For the credit center: a visit record (走访) rather than a referral.
        public var visit: Bool

        public init(uscc: String? = nil, amount: Cents, termMonths: Int, purpose: String, note: String = "", visit: Bool = false) {
            self.uscc = uscc; self.amount = amount; self.termMonths = termMonths; self.purpose = purpose; self.note = note
            self.visit = visit
        }
    }

    /// A firm declares itself; a department refers a firm; the credit center records a visit or a referral.
    public static func declare(_ context: ServiceContext, _ principal: Principal, _ input: DeclareInput) async throws -> RecommendationEntry {
        let uscc: String, source: RecommendationSource, referrer: String
        switch principal.role {
        case .enterprise:
            uscc = try principal.requireEnterprise(); source = .selfDeclared; referrer = principal.displayName
        case .department:
            uscc = try requireCode(input.uscc); source = .referral; referrer = principal.department?.name ?? principal.displayName
        case .creditCenter:
            uscc = try requireCode(input.uscc); source = input.visit ? .visit : .referral; referrer = principal.displayName
        default:
            throw DomainError.forbidden("金融机构不能向申报清单推荐企业")
        }
        guard let firm = try await context.registry.enterprise(uscc) else {
            throw DomainError.notFound("数据中心中统一社会信用代码为 \(uscc) 的企业登记信息")
        }
        try await Sanctions.refuse(context, uscc: uscc, effect: .blockRecommendationList, what: "列入推荐清单")
        let entry = try RecommendationEntry(uscc: uscc, firmName: firm.name, source: source, referrer: referrer,
                                            amountCents: input.amount.value, termMonths: input.termMonths, purpose: input.purpose,
                                            note: input.note, declaredAt: context.clock.now())
        let stored = try await context.recommendationStore.declare(entry, actor: principal.name)
        // Screened at once, so the firm or the referrer reads the result (and any reason) straight away.
        _ = try await RecommendationScreening.screen(context, [stored], actor: "platform")
        return try await context.recommendationStore.entry(id: stored.id) ?? stored
    }

    static func requireCode(_ text: String?) throws -> String {
        let code = (text ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        guard !code.isEmpty else { throw DomainError.invalidInput(field: "uscc", reason: "请填写被推荐企业的统一社会信用代码") }
        return try USCC.validated(code)
    }

    /// The entries a principal may see: the credit center all, a department those it referred, a firm its own.
    public static func entries(_ context: ServiceContext, _ principal: Principal, filter: RecommendationStore.Filter,
                               paging: Paging) async throws -> ResultPage<RecommendationEntry> {
        var filter = filter
        switch principal.role {
        case .creditCenter: break
        case .enterprise: filter.uscc = try principal.requireEnterprise()
        case .department:
            guard let department = principal.department else { throw DomainError.forbidden("未绑定部门") }
            filter.referrer = department.name
        default: throw DomainError.forbidden("金融机构请在“推荐企业”中查看推送给本机构的企业")
        }
        return try await context.recommendationStore.entries(filter, paging: paging)
    }

    /// One entry, if the principal may see it (otherwise 404, so ids reveal nothing).
    public static func entry(_ context: ServiceContext, _ principal: Principal, id: Int64?) async throws -> RecommendationEntry {
        guard let id, let entry = try await context.recommendationStore.entry(id: id) else { throw DomainError.notFound("该推荐清单条目") }
        switch principal.role {
        case .creditCenter: return entry
        case .enterprise where entry.uscc == principal.uscc: return entry
        case .department where entry.source == .referral && entry.referrer == principal.department?.name: return entry
        default: throw DomainError.notFound("该推荐清单条目")
        }
    }

    /// The credit center's review: approved entries go into publicity for the rules' period.
    public static func review(_ context: ServiceContext, _ principal: Principal, id: Int64?, approve: Bool,
                              note: String) async throws -> RecommendationEntry {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可审核推荐清单") }
        var entry = try await entry(context, principal, id: id)
        let before = entry.status
        let today = context.clock.today
        guard let rules = context.platform.screeningRules.inForce(on: today) else { throw noRules(today) }
        try entry.review(approve: approve, note: note, by: principal.displayName, today: today, publicityDays: rules.publicityDays)
        try await context.recommendationStore.save(entry, expecting: before, step: approve ? "approved" : "rejected",
                                                   actor: principal.name, at: context.clock.now())
        return entry
    }

    static func noRules(_ day: Day) -> DomainError {
        .conflict("\(day) 没有生效的推荐清单规则，请先配置 screening-rules.json")
    }

    /// An objection to a publicised entry, by anyone signed in except its own firm: it joins the credit
    /// center's objection queue, and the entry is not listed while it is open.
    public static func object(_ context: ServiceContext, _ principal: Principal, id: Int64?, reason: String) async throws -> Objection {
        guard let id, let entry = try await context.recommendationStore.entry(id: id), entry.status == .publicity else {
            throw DomainError.notFound("公示中的该推荐清单条目")
        }
        guard entry.uscc != principal.uscc else { throw DomainError.forbidden("企业不能对自己的公示条目提出异议，如需撤回请联系信用中心") }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw DomainError.invalidInput(field: "reason", reason: "异议理由不能为空") }
        let objection = try Objection.file(uscc: entry.uscc, dataset: objectionDataset, recordID: String(entry.id), recordVersion: 1,
                                           departmentID: nil, reason: "（异议人：\(principal.displayName)）" + reason, attachments: [],
                                           at: context.clock.now(), policy: context.platform.policy.objectionPolicy)
        return try await context.remedyStore.file(objection, actor: principal.name)
    }

    /// The credit center upheld an objection to entry `id`: the entry leaves the list with the objection's reason.
    static func objectionUpheld(_ context: ServiceContext, _ objection: Objection, by actor: String) async throws {
        guard let id = Int64(objection.recordID), var entry = try await context.recommendationStore.entry(id: id),
              entry.status.isOnList else { return }
        let before = entry.status
        entry.remove(reason: "公示异议成立：" + objection.reason, at: context.clock.now())
        try await context.recommendationStore.save(entry, expecting: before, step: "removed", actor: actor, at: context.clock.now())
        try await RecommendationPushes.withdraw(context, entries: [entry], actor: actor)
    }

    /// Ends the publicity of every entry whose period is over on `today` and that has no open objection: they
    /// are on the 推荐清单. Returns how many were listed.
    @discardableResult
    public static func closePublicity(_ context: ServiceContext, today: Day? = nil) async throws -> Int {
        let today = today ?? context.clock.today
        let due = try await context.recommendationStore.entries(statuses: [.publicity]).filter { $0.publicityOver(on: today) }
        guard !due.isEmpty else { return 0 }
        let open = try await context.remedyStore.openTargets(dataset: objectionDataset, recordIDs: due.map { String($0.id) })
        var changes: [(entry: RecommendationEntry, expecting: RecommendationStatus, step: String)] = []
        for entry in due where !open.contains(String(entry.id)) {
            var next = entry
            try next.list(today: today, openObjection: false)
            changes.append((next, entry.status, "listed"))
        }
        let now = context.clock.now()
        let all = changes
        let conflicts = try await context.database.write { unit in
            try await RecommendationStore.save(entries: all, actor: "platform", at: now, in: unit)
        }
        return changes.count - conflicts.count
    }
}
