import Domain
import Foundation
import Persistence

/// Claims on a fund: the institution files with its material checklist; the claim is assessed (trigger, stop lines,
/// exclusions) and computed by the scheme's rules with the working shown; the review runs 初审 → 核查 → 审批 → 公示 →
/// 拨付 with a deadline, a person and a reason on each step (`FundClaim`), each step a log entry; recoveries are shared
/// back in proportion to the compensation.
///
/// Books: approval fixes the computation (the caps count it from then on); the payable is booked when publicity
/// closes without a standing objection, the cash when the finance bureau pays, a recovery's share when reported —
/// each in the unit of work of its step.
public enum FundClaims {
    public struct FileInput: Sendable {
        public var scheme: String
        public var loanId: Int64?
        /// A claim on a revolving line instead of a loan (exactly one of the two).
        public var lineId: Int64?
        public var attachments: [FundAttachment]
        public var lawsuitAcceptedOn: Day?
        public var writtenOffOn: Day?
        public var judgmentOn: Day?
        public var guaranteePaidOn: Day?
        public init(scheme: String, loanId: Int64?, lineId: Int64? = nil, attachments: [FundAttachment], lawsuitAcceptedOn: Day? = nil,
                    writtenOffOn: Day? = nil, judgmentOn: Day? = nil, guaranteePaidOn: Day? = nil) {
            self.scheme = scheme; self.loanId = loanId; self.lineId = lineId; self.attachments = attachments
            self.lawsuitAcceptedOn = lawsuitAcceptedOn; self.writtenOffOn = writtenOffOn; self.judgmentOn = judgmentOn
            self.guaranteePaidOn = guaranteePaidOn
        }
    }

    /// What filing now would give (nothing stored): the reasons it cannot be paid, or the computation with its working.
    public static func estimate(_ context: ServiceContext, _ principal: Principal, _ input: FileInput) async throws -> FundClaimAssessment {
        try await prepare(context, principal, input).assessment
    }

    struct Prepared {
        var programme: FundProgramme
        var version: FundScheme.Version
        var coverage: FundCoverage
        var firmName: String
        var facts: FundDefaultFacts
        var assessment: FundClaimAssessment
        var firstClaim: Bool
        var institutionName: String
    }

    static func prepare(_ context: ServiceContext, _ principal: Principal, _ input: FileInput) async throws -> Prepared {
        let institution = try principal.requireInstitution()
        let programme = try await FundProgrammes.programme(context, input.scheme)
        let subject = try await borrowing(context, principal, input)
        let what = subject.borrowing.label
        guard let registration = try await context.fundStore.registration(scheme: programme.schemeCode, loanId: subject.borrowing.key) else {
            throw DomainError.conflict("\(what)尚未在“\(programme.name)”办理入库核验，请稍后再试")
        }
        guard let coverage = registration.coverage else {
            throw DomainError.invalidInput(field: input.lineId == nil ? "loanId" : "lineId", reason: "\(what)未纳入“\(programme.name)”：" +
                                           registration.reasons.map(\.text).joined(separator: "；"))
        }
        let today = context.clock.today
        let version = try programme.scheme.required(on: today)
        for (field, day) in [("lawsuitAcceptedOn", input.lawsuitAcceptedOn), ("writtenOffOn", input.writtenOffOn),
                             ("judgmentOn", input.judgmentOn), ("guaranteePaidOn", input.guaranteePaidOn)] {
            if let day, day > today || day < coverage.disbursedOn {
                throw DomainError.invalidInput(field: field, reason: "日期 \(day) 须在放款日（\(coverage.disbursedOn)）与今天之间")
            }
        }
        let facts = FundDefaultFacts(asOf: today, classification: subject.classification, overdueDays: subject.overdueDays,
                                     principalLoss: subject.outstanding, lawsuitAcceptedOn: input.lawsuitAcceptedOn,
                                     writtenOffOn: input.writtenOffOn, judgmentOn: input.judgmentOn,
                                     guaranteePaidOn: input.guaranteePaidOn)
        let institutionFacts = try await FundRegistrations.institutionFacts(context, scheme: programme.schemeCode,
                                                                            institutionId: institution.id)
        let claims = try await context.fundClaimStore.claims(scheme: programme.schemeCode)
        let usage = usage(of: claims, for: coverage, year: today.year, excluding: nil)
        let assessment = FundClaimAssessment.assess(version: version, coverage: coverage, institution: institutionFacts,
                                                    facts: facts, usage: usage)
        let firstClaim = !claims.contains { $0.institutionId == String(institution.id) && $0.status != .withdrawn }
        return Prepared(programme: programme, version: version, coverage: coverage, firmName: subject.firmName, facts: facts,
                        assessment: assessment, firstClaim: firstClaim, institutionName: institution.name)
    }

    /// The loan or line a claim is on, the institution's own, as it stands today.
    struct Subject {
        var borrowing: FundBorrowing
        var firmName: String
        var classification: LoanClass
        var overdueDays: Int
        var outstanding: Cents
    }

    static func borrowing(_ context: ServiceContext, _ principal: Principal, _ input: FileInput) async throws -> Subject {
        switch (input.loanId, input.lineId) {
        case (.some, .some):
            throw DomainError.invalidInput(field: "lineId", reason: "一笔补偿申请只能针对一笔贷款或一个循环额度")
        case (_, .some(let lineId)):
            let line = try await CreditLines.line(context, principal, id: lineId)
            return Subject(borrowing: .line(lineId), firmName: line.line.firmName, classification: line.classification,
                           overdueDays: line.overdueDays, outstanding: line.outstanding)
        default:
            let loan = try await MarketActions.loan(context, principal, id: input.loanId)
            return Subject(borrowing: .loan(loan.id), firmName: loan.firmName, classification: loan.classification,
                           overdueDays: loan.overdueDays, outstanding: loan.outstanding)
        }
    }

    /// Files a claim: it must be payable by the rules and its checklist complete; 409 when the loan has a live claim.
    public static func file(_ context: ServiceContext, _ principal: Principal, _ input: FileInput) async throws -> FundClaimRecord {
        let p = try await prepare(context, principal, input)
        guard let computation = p.assessment.computation, p.assessment.payable else {
            throw DomainError.invalidInput(field: "claim", reason: "不符合补偿条件：" + p.assessment.reasons.map(\.text).joined(separator: "；"))
        }
        try await checkMaterials(context, principal, input.attachments)
        let claim = try FundClaim(claimId: "", coverage: p.coverage, version: p.version, filedOn: context.clock.today,
                                  by: principal.displayName, attachments: input.attachments, firstClaim: p.firstClaim,
                                  calendar: context.platform.policy.objectionPolicy.calendar)
        let record = FundClaimRecord(id: 0, schemeCode: p.programme.schemeCode, schemeName: p.programme.name,
                                     firmName: p.firmName, institutionName: p.institutionName, claim: claim, facts: p.facts,
                                     exclusions: [], computation: computation)
        return try await context.fundClaimStore.file(record, actor: principal.name, at: context.clock.now())
    }

    /// Attachments must name material this institution filed (`material:<id>`).
    static func checkMaterials(_ context: ServiceContext, _ principal: Principal, _ attachments: [FundAttachment]) async throws {
        let own = String(try principal.requireInstitution().id)
        for a in attachments {
            guard let id = materialID(a.file), let m = try await context.fundClaimStore.material(id: id), m.institutionId == own,
                  m.kind == a.kind else {
                throw DomainError.invalidInput(field: "attachments", reason: "材料“\(a.kind.label)”未上传或不属于本机构")
            }
        }
    }

    public static func materialID(_ key: String) -> Int64? {
        key.hasPrefix("material:") ? Int64(key.dropFirst("material:".count)) : nil
    }

    /// Stores an uploaded document for a claim; returns its key for the attachment.
    public static func upload(_ context: ServiceContext, _ principal: Principal, kind: FundMaterialKind, fileName: String,
                              contentType: String, bytes: [UInt8]) async throws -> String {
        let institution = try principal.requireInstitution()
        guard !bytes.isEmpty else { throw DomainError.invalidInput(field: "file", reason: "“\(kind.label)”文件为空") }
        guard bytes.count <= maxMaterialBytes else {
            throw DomainError.invalidInput(field: "file", reason: "“\(kind.label)”文件超过 \(maxMaterialBytes / 1_048_576) MB")
        }
        let name = String(fileName.trimmingSpaces().suffix(120))
        let id = try await context.fundClaimStore.storeMaterial(institutionId: String(institution.id), kind: kind,
                                                                fileName: name.isEmpty ? kind.label : name,
                                                                contentType: String(contentType.prefix(100)), bytes: bytes,
                                                                at: context.clock.now())
        return "material:\(id)"
    }

    public static let maxMaterialBytes = 5 * 1_048_576

    /// A stored document, to the claim's parties and the fund side.
    public static func material(_ context: ServiceContext, _ principal: Principal, id: Int64?) async throws -> FundClaimStore.Material {
        guard let id, let m = try await context.fundClaimStore.material(id: id) else { throw DomainError.notFound("该材料") }
        if principal.role.isInstitution, String(try principal.requireInstitution().id) == m.institutionId { return m }
        if FundDuties.isFundSide(principal) { return m }
        throw DomainError.notFound("该材料")
    }

    /// A claim the principal may read: its institution's, or any on the fund side; during publicity and once paid
    /// anyone signed in may read it (公示).
    public static func claim(_ context: ServiceContext, _ principal: Principal, id: Int64?) async throws -> FundClaimRecord {
        guard let id, let record = try await context.fundClaimStore.claim(id: id) else { throw DomainError.notFound("该补偿申请") }
        guard mayRead(principal, record) else { throw DomainError.notFound("该补偿申请") }
        return record
    }

    static func mayRead(_ principal: Principal, _ record: FundClaimRecord) -> Bool {
        if FundDuties.isFundSide(principal) { return true }
        if principal.role.isInstitution { return principal.institution.map { String($0.id) } == record.institutionId }
        return [.publicity, .objected].contains(record.status)
    }

    /// The claims a principal works on: an institution its own, the fund side all (optionally in some states).
    public static func visible(_ context: ServiceContext, _ principal: Principal, statuses: [FundClaimStatus] = [],
                               paging: Paging) async throws -> ResultPage<FundClaimRecord> {
        if principal.role.isInstitution {
            return try await context.fundClaimStore.claims(institutionId: String(try principal.requireInstitution().id),
                                                           statuses: statuses, paging: paging)
        }
        guard FundDuties.isFundSide(principal) else { throw DomainError.forbidden("补偿申请仅限申请机构和基金管理部门查看") }
        return try await context.fundClaimStore.claims(institutionId: nil, statuses: statuses, paging: paging)
    }

    /// Compensations in publicity or paid (公示): what anyone may read.
    public static func published(_ context: ServiceContext, paging: Paging) async throws -> ResultPage<FundClaimRecord> {
        try await context.fundClaimStore.claims(institutionId: nil, statuses: [.publicity, .objected, .payment, .paid], paging: paging)
    }

    /// A review step by the principal in its fund role.
    public static func step(_ context: ServiceContext, _ principal: Principal, id: Int64?, _ action: FundClaimAction) async throws -> FundClaimRecord {
        let record = try await claim(context, principal, id: id)
        let programme = try await FundProgrammes.programme(context, record.schemeCode)
        guard let version = programme.scheme.versions.first(where: { $0.version == record.claim.version }) else {
            throw DomainError.conflict("补偿申请所依据的方案第 \(record.claim.version) 版已不存在")
        }
        if case .resubmit(let attachments) = action { try await checkMaterials(context, principal, attachments) }
        let role = FundDuties.role(of: principal, claimInstitution: record.institutionId)
        let today = context.clock.today
        var next = record
        next.claim = try record.claim.applying(action, on: today, role: role, by: principal.displayName, version: version,
                                               calendar: context.platform.policy.objectionPolicy.calendar)
        var journal: [FundJournalEntry] = []
        switch action {
        case .approve:
            // The binding figures: the caps count what was approved before this one.
            let claims = try await context.fundClaimStore.claims(scheme: record.schemeCode)
            next.computation = ClaimComputation.compute(version: version, coverage: record.claim.coverage,
                                                        principalLoss: record.facts.principalLoss,
                                                        usage: usage(of: claims, for: record.claim.coverage, year: today.year,
                                                                     excluding: record.id))
            next.computationFixed = true
        case .closePublicity where next.computation.fundShare.isPositive:
            journal.append(try FundJournalEntry.compensationApproved(next.computation.fundShare, to: record.institutionId,
                                                                     claimId: record.claim.claimId, on: today))
        case .pay where next.computation.fundShare.isPositive:
            journal.append(try FundJournalEntry.compensationPaid(next.computation.fundShare, to: record.institutionId,
                                                                 claimId: record.claim.claimId, on: today))
        default: break
        }
        try await context.fundClaimStore.save(next, expecting: record.status, step: stepName(action), actor: principal.name,
                                              at: context.clock.now(), journal: journal)
        return next
    }

    /// The institution reports a recovery on a paid claim; it is shared back by the parts of the loss.
    public static func recover(_ context: ServiceContext, _ principal: Principal, id: Int64?, gross: Cents, costs: Cents,
                               day: Day?, note: String) async throws -> FundClaimRecord {
        let record = try await claim(context, principal, id: id)
        guard FundDuties.roles(of: principal, claimInstitution: record.institutionId).contains(.applicant) else {
            throw DomainError.forbidden("追回款由申请机构报告")
        }
        guard record.status == .paid else { throw DomainError.conflict("补偿款拨付后方可报告追回款（当前：\(record.status.label)）") }
        guard gross.isPositive else { throw DomainError.invalidInput(field: "gross", reason: "追回金额必须大于零") }
        guard costs.value >= 0 else { throw DomainError.invalidInput(field: "costs", reason: "费用不能为负") }
        let day = day ?? context.clock.today
        let paidOn = record.claim.steps.last(where: { $0.to == .paid })?.on ?? record.claim.filedOn
        guard day >= paidOn, day <= context.clock.today else {
            throw DomainError.invalidInput(field: "day", reason: "追回日期须在拨付日（\(paidOn)）与今天之间")
        }
        let share = FundRecovery.share(gross: gross, costs: costs, claim: record.computation, alreadyShared: record.recoveredShared)
        var next = record
        next.recoveries.append(FundRecoveryReport(day: day, reportedBy: principal.displayName, note: note.trimmingSpaces(), share: share))
        let journal = share.fundShare.isPositive
            // Booked on the day it is reported (the journal runs in date order); the recovery keeps its own date.
            ? [try FundJournalEntry.recovery(share.fundShare, from: record.institutionId, claimId: record.claim.claimId,
                                             on: context.clock.today)] : []
        try await context.fundClaimStore.save(next, expecting: .paid, step: "recovery", actor: principal.name,
                                              at: context.clock.now(), journal: journal)
        return next
    }

    static func stepName(_ action: FundClaimAction) -> String {
        switch action {
        case .file: "filed"
        case .pass: "passed"
        case .requestMaterial: "material_requested"
        case .resubmit: "resubmitted"
        case .reject: "rejected"
        case .approve: "approved"
        case .object: "objected"
        case .dismissObjection: "objection_dismissed"
        case .upholdObjection: "objection_upheld"
        case .closePublicity: "publicity_closed"
        case .pay: "paid"
        case .withdraw: "withdrawn"
        }
    }

    /// What counts against the caps of a claim on `coverage` in `year`: the approved compensation of the fund's other
    /// claims on the same loan, firm, institution (that year and in all) and the whole fund that year.
    public static func usage(of claims: [FundClaimRecord], for coverage: FundCoverage, year: Int, excluding id: Int64?) -> FundUsage {
        var u = FundUsage()
        for c in claims where c.countsAgainstCaps && c.id != id {
            let amount = c.computation.compensation
            let approvedYear = c.claim.steps.last(where: { if case .approve = $0.action { true } else { false } })?.on.year ?? c.claim.filedOn.year
            if c.loanId == coverage.loanId { u.loan = u.loan + amount }
            if c.claim.coverage.firmUSCC == coverage.firmUSCC { u.firm = u.firm + amount }
            if c.institutionId == coverage.institutionId {
                u.institution = u.institution + amount
                if approvedYear == year { u.institutionYear = u.institutionYear + amount }
            }
            if approvedYear == year { u.year = u.year + amount }
        }
        return u
    }
}
