import Domain
import Foundation
import Persistence

/// 守信激励 (issue 12 §4): the red list proposed from the data (tax grade A, the evaluation's top grades, a clean
/// repayment history on the platform, no dishonesty listing), publicised with objections, in effect for its
/// validity; the incentives a valid entry earns; and the public page of firms that repaid on time, with consent.
public enum RedLists {
    /// The consent kind for publishing a firm's on-time repayment through the platform.
    public static let onTimeConsent = "on_time_repayment"

    public struct Summary: Sendable, Equatable, Codable {
        /// Firms with a top evaluation grade, looked at.
        public var candidates: Int
        /// Proposed and put into publicity.
        public var proposed: Int
        /// Already on the list (or in publicity).
        public var skipped: Int
        /// Not eligible, by reason code.
        public var refusals: [String: Int]
        public var version: Int
    }

    /// Proposes every eligible firm and starts its publicity (the credit center, or the daily job).
    public static func propose(_ context: ServiceContext, _ principal: Principal?) async throws -> Summary {
        if let principal, principal.role != .creditCenter { throw DomainError.forbidden("仅信用中心可生成守信激励名单") }
        let today = context.clock.today
        let rules = context.platform.redListRules
        let v = try rules.required(on: today)
        let reads = ScreeningReads(database: context.database)
        let grades = try await reads.firms(withGrades: v.evaluationGrades)
        let candidates = Array(grades.keys).sorted()
        let registrations = try await reads.registrations(usccs: candidates)
        var records: [String: [StoredRecord]] = [:]
        for start in stride(from: 0, to: candidates.count, by: 2_000) {
            let part = Array(candidates[start..<min(start + 2_000, candidates.count)])
            records.merge(try await context.recordStore.records(usccs: part, datasets: ["tax.rating", "judicial.dishonest", "credit.list"])) { a, _ in a }
        }
        let loans = Dictionary(grouping: try await context.loanStore.allLoans(), by: \.uscc)
        var refusals: [String: Int] = [:]
        var entries: [RedListEntry] = []
        for uscc in candidates {
            let firmRecords = records[uscc] ?? []
            if !ScreeningFactsBuilder.listings(firmRecords).isEmpty { refusals["listed", default: 0] += 1; continue }
            let history = RepaymentHistory(ledgers: (loans[uscc] ?? []).map(\.ledger), today: today)
            let facts = RedListFacts(uscc: uscc, name: registrations[uscc]?.name ?? uscc, taxGrade: latestTaxGrade(firmRecords),
                                     evaluationGrade: grades[uscc], firstPlatformLoanOn: history.firstLoanOn,
                                     lastOverdueOn: history.lastOverdueOn)
            guard let evaluation = RedList.evaluate(facts, on: today, rules: rules) else { continue }
            guard evaluation.eligible else {
                for reason in evaluation.reasons { refusals[reason.code, default: 0] += 1 }
                continue
            }
            entries.append(try RedListEntry.propose(facts, on: today, rules: rules).applying(.startPublicity, on: today, rules: rules))
        }
        let result = try await context.incentiveStore.propose(entries, actor: principal?.name ?? "platform", at: context.clock.now())
        return Summary(candidates: candidates.count, proposed: result.stored.count, skipped: result.skipped.count,
                       refusals: refusals, version: v.version)
    }

    static func latestTaxGrade(_ records: [StoredRecord]) -> String? {
        records.filter { $0.dataset == "tax.rating" }
            .compactMap { r in Int(r.content["year"] ?? "").map { ($0, r.content["grade"] ?? "") } }
            .filter { !$0.1.isEmpty }.max { $0.0 < $1.0 }?.1
    }

    /// An objection during the publicity, by anyone signed in except the firm itself.
    public static func object(_ context: ServiceContext, _ principal: Principal, id: Int64?, reason: String) async throws -> RedListEntry {
        guard let id, let entry = try await context.incentiveStore.entry(id: id) else { throw DomainError.notFound("该守信激励名单记录") }
        guard entry.uscc != principal.uscc else { throw DomainError.forbidden("企业不能对自己的公示记录提出异议") }
        let reason = reason.trimmingSpaces()
        return try await step(context, entry, .object(reason: reason.isEmpty ? "" : "（异议人：\(principal.displayName)）" + reason),
                              step: "objected", actor: principal.name)
    }

    /// The credit center's written answer: upheld drops the entry, rejected resumes the publicity.
    public static func answer(_ context: ServiceContext, _ principal: Principal, id: Int64?, uphold: Bool,
                              answer: String) async throws -> RedListEntry {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可答复守信激励名单异议") }
        guard let id, let entry = try await context.incentiveStore.entry(id: id) else { throw DomainError.notFound("该守信激励名单记录") }
        return try await step(context, entry, uphold ? .upholdObjection(answer: answer) : .rejectObjection(answer: answer),
                              step: uphold ? "objection_upheld" : "objection_rejected", actor: principal.name)
    }

    static func step(_ context: ServiceContext, _ entry: RedListEntry, _ event: RedListEvent, step: String,
                     actor: String) async throws -> RedListEntry {
        let next = try entry.applying(event, on: context.clock.today, rules: context.platform.redListRules)
        let conflicts = try await context.incentiveStore.save([(next, entry.status, step)], actor: actor, at: context.clock.now())
        guard conflicts.isEmpty else { throw DomainError.conflict("该记录刚被他人处理，请刷新后重试") }
        return next
    }

    /// The daily sweep: entries whose publicity ended without an open objection take effect; valid entries past
    /// their last day are marked expired. Returns (activated, expired).
    @discardableResult
    public static func sweep(_ context: ServiceContext) async throws -> (activated: Int, expired: Int) {
        let today = context.clock.today
        var changes: [(entry: RedListEntry, expecting: RedListStatus, step: String)] = []
        for entry in try await context.incentiveStore.all(statuses: [.inPublicity, .valid]) {
            if entry.status == .inPublicity, let ends = entry.publicityEnds, today > ends {
                changes.append((try entry.applying(.activate, on: today, rules: context.platform.redListRules), entry.status, "activated"))
            } else if entry.status == .valid, entry.status(on: today) == .expired {
                var expired = entry
                expired.status = .expired
                changes.append((expired, entry.status, "expired"))
            }
        }
        try await context.incentiveStore.save(changes, actor: "platform", at: context.clock.now())
        return (changes.filter { $0.step == "activated" }.count, changes.filter { $0.step == "expired" }.count)
    }

    /// The firm's entry when it is valid today (what earns the incentives).
    public static func validEntry(_ context: ServiceContext, uscc: String) async throws -> RedListEntry? {
        guard let entry = try await context.incentiveStore.liveEntry(uscc: uscc), entry.isValid(on: context.clock.today) else { return nil }
        return entry
    }

    /// The incentives a valid entry earns on every product, in one line: the incentive measures published in the
    /// catalogue by today that apply to every application (绿色通道、容缺受理 …); nil when none is published.
    public static func incentiveText(_ entry: RedListEntry, _ context: ServiceContext) -> String? {
        let names = context.platform.measures.published(.incentive, for: RedList.listName, by: context.clock.today)
            .filter { $0.effects.contains(.greenChannel) || $0.effects.contains(.acceptWithMissingDocuments) }.map(\.name)
        guard !names.isEmpty else { return nil }
        return "适用守信激励（\(RedList.listName)，有效期至 \(entry.validUntil?.description ?? "—")）：" + names.joined(separator: "、")
    }

    // MARK: On-time repayers

    /// The firm consents to (or withdraws its consent to) the publication of its on-time repayment.
    public static func setConsent(_ context: ServiceContext, _ principal: Principal, granted: Bool) async throws {
        let uscc = try principal.requireEnterprise()
        try await context.incentiveStore.setConsent(uscc: uscc, kind: onTimeConsent, granted: granted, by: principal.name,
                                                    at: context.clock.now())
    }

    public struct OnTimeRepayer: Sendable, Equatable, Codable {
        public var uscc: String
        public var name: String
        public var since: Day
        public var installmentsPaid: Int
        public var loans: Int
    }

    /// Firms that consented and repaid every installment due through the platform on time (at least one paid).
    public static func onTimeRepayers(_ context: ServiceContext) async throws -> [OnTimeRepayer] {
        let consenting = try await context.incentiveStore.consenting(kind: onTimeConsent)
        let today = context.clock.today
        var out: [OnTimeRepayer] = []
        for uscc in consenting {
            let loans = try await context.loanStore.loans(uscc: uscc)
            let history = RepaymentHistory(ledgers: loans.map(\.ledger), today: today)
            guard history.isCleanWithPayments, let since = history.firstLoanOn else { continue }
            out.append(OnTimeRepayer(uscc: uscc, name: loans.first?.firmName ?? uscc, since: since,
                                     installmentsPaid: history.installmentsPaid, loans: loans.count))
        }
        return out.sorted { $0.installmentsPaid != $1.installmentsPaid ? $0.installmentsPaid > $1.installmentsPaid : $0.uscc < $1.uscc }
    }
}
