import Domain
import Foundation
import Persistence

/// Issuing coupons (发券): by the credit center to firms in bulk, or on a firm's own claim (领券). Either way a firm gets
/// one only if the programme's version in force that day admits it (`CouponEligibility`), the issue window is open and
/// it holds fewer than the programme's per-firm number (checked inside the issuing unit).
public enum CouponIssuing {
    /// At most this many firms per bulk issue.
    public static let maxBulk = 5_000

    public struct Outcome: Sendable {
        public var issued: [Coupon]
        /// Firms refused, with why.
        public var refused: [(uscc: String, reasons: [CouponReason])]
    }

    /// The firm as the programme looks at it today: grade, industry and dishonesty from its kept facts, the 推荐清单
    /// (listed or pushed), the 守信激励名单 (an entry in effect) and 科技资质 recognitions in force.
    public static func facts(_ context: ServiceContext, uscc: String) async throws -> CouponFirmFacts? {
        let kept = try await FirmFactsLoader.kept(context, uscc: uscc)
        guard let firm = kept.firm else { return nil }
        let today = context.clock.today
        var lists: Set<CouponList> = []
        let recommended = try await context.recommendationStore.entries(statuses: [.listed, .pushed], usccs: [uscc], limit: 1)
        if !recommended.isEmpty { lists.insert(.recommended) }
        if let entry = try await context.incentiveStore.liveEntry(uscc: uscc), entry.isValid(on: today) { lists.insert(.redList) }
        var qualifications: Set<String> = []
        for record in try await context.recordStore.records(usccs: [uscc], datasets: ["tech.qualification"])[uscc] ?? [] {
            let until = Day(iso: record.content["valid_until"] ?? "")
            if until.map({ $0 >= today }) ?? true, let kind = record.content["kind"], !kind.isEmpty { qualifications.insert(kind) }
        }
        return CouponFirmFacts(uscc: uscc, name: firm.name, grade: kept.evaluation?.grade ?? "", industryCode: firm.industry,
                               lists: lists, qualifications: qualifications, isDishonest: kept.dishonest)
    }

    /// Why `uscc` may not receive a coupon of `version` today (empty: it may).
    static func refusals(_ context: ServiceContext, version: CouponProgrammeVersion, uscc: String) async throws -> (CouponFirmFacts?, [CouponReason]) {
        guard let facts = try await facts(context, uscc: uscc) else {
            return (nil, [CouponReason(code: "no_registry", text: "平台没有该企业的登记信息")])
        }
        return (facts, version.eligibility.refusals(facts))
    }

    /// The credit center issues to `usccs`, or (nil) to every evaluated firm the version admits.
    public static func issue(_ context: ServiceContext, _ principal: Principal, programmeID: Int64?, usccs: [String]?) async throws -> Outcome {
        try CouponProgrammes.requireOperator(principal)
        let programme = try await CouponProgrammes.programme(context, id: programmeID)
        let today = context.clock.today
        let version = try programme.required(on: today)
        guard version.isIssuing(on: today) else {
            throw DomainError.conflict("“\(version.name)”的发放期为 \(version.issueFrom) 至 \(version.issueUntil)，今天不在发放期内")
        }
        var candidates: [String]
        if let usccs {
            candidates = Array(Set(usccs.map { $0.trimmingSpaces().uppercased() }.filter { !$0.isEmpty })).sorted()
        } else {
            let grades = version.eligibility.grades.isEmpty ? context.platform.grades.grades : version.eligibility.grades
            candidates = try await ScreeningReads(database: context.database).firms(withGrades: grades).keys.sorted()
        }
        guard candidates.count <= maxBulk else {
            throw DomainError.invalidInput(field: "usccs", reason: "一次最多向 \(maxBulk) 户企业发放")
        }
        var admitted: [(uscc: String, name: String)] = []
        var refused: [(uscc: String, reasons: [CouponReason])] = []
        for uscc in candidates {
            let (facts, reasons) = try await refusals(context, version: version, uscc: uscc)
            if let facts, reasons.isEmpty { admitted.append((uscc, facts.name)) } else { refused.append((uscc, reasons)) }
        }
        let issued = try await context.couponStore.issue(programme: programme, version: version, firms: admitted, on: today,
                                                         actor: principal.name, at: context.clock.now())
        let got = Set(issued.map(\.uscc))
        for firm in admitted where !got.contains(firm.uscc) {
            refused.append((firm.uscc, [CouponReason(code: "per_firm", text: "已达每户限领 \(version.perFirm) 张")]))
        }
        return Outcome(issued: issued, refused: refused.sorted { $0.uscc < $1.uscc })
    }

    /// A firm claims one coupon of a programme for itself.
    public static func claim(_ context: ServiceContext, _ principal: Principal, programmeID: Int64?) async throws -> Coupon {
        let uscc = try principal.requireEnterprise()
        let programme = try await CouponProgrammes.programme(context, id: programmeID)
        let today = context.clock.today
        let version = try programme.required(on: today)
        guard version.isIssuing(on: today) else {
            throw DomainError.conflict("“\(version.name)”的发放期为 \(version.issueFrom) 至 \(version.issueUntil)，今天不能领取")
        }
        let (facts, reasons) = try await refusals(context, version: version, uscc: uscc)
        guard let facts, reasons.isEmpty else {
            throw DomainError.conflict("贵企业不符合“\(version.name)”的领取条件：" + reasons.map(\.text).joined(separator: "；"))
        }
        guard let coupon = try await context.couponStore.issue(programme: programme, version: version, firms: [(uscc, facts.name)],
                                                               on: today, actor: principal.name, at: context.clock.now()).first else {
            throw DomainError.conflict("贵企业已领取“\(version.name)”\(version.perFirm) 张，已达每户限领数量")
        }
        return coupon
    }

    /// The programmes a firm could claim from today, with why not where it cannot.
    public static func offers(_ context: ServiceContext, _ principal: Principal) async throws -> [(programme: CouponProgramme, version: CouponProgrammeVersion, reasons: [CouponReason])] {
        let uscc = try principal.requireEnterprise()
        let today = context.clock.today
        let held = try await context.couponStore.coupons(uscc: uscc)
        var out: [(programme: CouponProgramme, version: CouponProgrammeVersion, reasons: [CouponReason])] = []
        for programme in try await context.couponProgrammeStore.programmes() {
            guard let version = programme.inForce(on: today), version.isIssuing(on: today) else { continue }
            var (_, reasons) = try await refusals(context, version: version, uscc: uscc)
            if held.filter({ $0.programmeID == programme.id }).count >= version.perFirm {
                reasons.append(CouponReason(code: "per_firm", text: "已达每户限领 \(version.perFirm) 张"))
            }
            out.append((programme: programme, version: version, reasons: reasons))
        }
        return out
    }
}
