import Foundation

/// A typed document attached to a claim.
public struct FundAttachment: Sendable, Equatable, Codable {
    public var kind: FundMaterialKind
    /// The stored file's name or key.
    public var file: String
    /// For the truthfulness statement: who signed it (法定代表人 or authorised person); empty: not signed.
    public var signedBy: String

    public init(kind: FundMaterialKind, file: String, signedBy: String = "") {
        self.kind = kind; self.file = file; self.signedBy = signedBy
    }
}

/// The claim checklist: what a scheme requires, what is missing.
public enum FundMaterials {
    /// The requirements of `version` not met by `attachments` (items needed only on a first claim count when
    /// `firstClaim`); a truthfulness statement counts only when signed.
    public static func missing(_ attachments: [FundAttachment], version: FundScheme.Version,
                               firstClaim: Bool) -> [FundMaterialRequirement] {
        version.materials.filter { requirement in
            guard firstClaim || !requirement.firstClaimOnly else { return false }
            return !attachments.contains { a in
                a.kind == requirement.kind && !a.file.isEmpty
                    && (a.kind != .truthfulnessStatement || !a.signedBy.trimmingCharacters(in: .whitespaces).isEmpty)
            }
        }
    }
}

/// One recorded step: what was done, by whom and why, and the deadline of the step it opened.
public struct FundClaimStep: Sendable, Equatable, Codable {
    public var action: FundClaimAction
    public var from: FundClaimStatus
    public var to: FundClaimStatus
    public var on: Day
    public var role: FundActorRole
    public var by: String
    public var reason: String
    /// The last day of the step `to` waits on (nil once final).
    public var deadline: Day?
}

/// A compensation claim and its review (申请 → 初审 → 核查 → 审批 → 公示 → 拨付), with a deadline on every step.
/// An action the status does not allow, or taken by the wrong role, throws; nothing changes then.
public struct FundClaim: Sendable, Equatable, Codable {
    public var claimId: String
    public var coverage: FundCoverage
    /// The version the claim is decided under (in force on the filing day).
    public var version: Int
    public var status: FundClaimStatus
    public var filedOn: Day
    public var attachments: [FundAttachment]
    public var firstClaim: Bool
    /// The last day of the current step.
    public var deadline: Day?
    public var publicityUntil: Day?
    public var steps: [FundClaimStep]

    static let entity = "补偿申请"

    /// Files a claim: the checklist must be complete (else `invalidInput` naming what is missing).
    public init(claimId: String, coverage: FundCoverage, version: FundScheme.Version, filedOn: Day, by applicant: String,
                attachments: [FundAttachment], firstClaim: Bool, calendar: WorkingDays = WorkingDays()) throws(DomainError) {
        let missing = FundMaterials.missing(attachments, version: version, firstClaim: firstClaim)
        guard missing.isEmpty else {
            throw .invalidInput(field: "attachments", reason: "缺少材料：\(missing.map(\.text).joined(separator: "、"))")
        }
        self.claimId = claimId; self.coverage = coverage; self.version = version.version; self.status = .filed
        self.filedOn = filedOn; self.attachments = attachments; self.firstClaim = firstClaim
        self.deadline = version.review.preliminaryReview.lastDay(openedOn: filedOn, calendar: calendar)
        self.steps = [FundClaimStep(action: .file(attachments), from: .filed, to: .filed, on: filedOn, role: .applicant,
                                    by: applicant, reason: "提交补偿申请", deadline: deadline)]
    }

    /// Whether the current step is past its deadline on `day`.
    public func isOverdue(on day: Day) -> Bool { deadline.map { day > $0 } ?? false }

    /// The status `action` leads to from `status`, and the role that may take it; nil when not allowed.
    static func transition(_ status: FundClaimStatus, _ action: FundClaimAction) -> (FundClaimStatus, [FundActorRole])? {
        switch (status, action) {
        case (.filed, .pass): (.verification, [.fundOffice])
        case (.verification, .pass): (.approval, [.verifier])
        case (.filed, .requestMaterial): (.awaitingMaterial, [.fundOffice])
        case (.verification, .requestMaterial): (.awaitingMaterial, [.verifier])
        case (.approval, .requestMaterial): (.awaitingMaterial, [.leadingGroup])
        case (.awaitingMaterial, .resubmit): (.filed, [.applicant])
        case (.filed, .reject): (.rejected, [.fundOffice])
        case (.verification, .reject): (.rejected, [.verifier])
        case (.approval, .reject): (.rejected, [.leadingGroup])
        case (.approval, .approve): (.publicity, [.leadingGroup])
        case (.publicity, .object): (.objected, [.publicMember, .applicant, .fundOffice, .verifier, .financeBureau])
        case (.objected, .dismissObjection): (.publicity, [.fundOffice])
        case (.objected, .upholdObjection): (.rejected, [.fundOffice])
        case (.publicity, .closePublicity): (.payment, [.fundOffice])
        case (.payment, .pay): (.paid, [.financeBureau])
        case (.filed, .withdraw), (.awaitingMaterial, .withdraw): (.withdrawn, [.applicant])
        default: nil
        }
    }

    /// The claim after `action` taken on `day` by `person` in `role`.
    public func applying(_ action: FundClaimAction, on day: Day, role: FundActorRole, by person: String,
                         version: FundScheme.Version, calendar: WorkingDays = WorkingDays()) throws(DomainError) -> FundClaim {
        guard let (next, roles) = Self.transition(status, action) else {
            throw .illegalTransition(entity: Self.entity, from: status.label, action: action.label)
        }
        guard roles.contains(role) else {
            throw .forbidden("“\(action.label)”须由\(roles.map(\.label).joined(separator: "或"))办理，不能由\(role.label)办理")
        }
        guard version.version == self.version else {
            throw .conflict("补偿申请按方案第 \(self.version) 版办理，不能按第 \(version.version) 版")
        }
        if let last = steps.last, day < last.on { throw .invalidInput(field: "day", reason: "办理日期不能早于上一步（\(last.on)）") }
        let reason = action.reason.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        if action.reason != nil, reason.isEmpty { throw .invalidInput(field: "reason", reason: "“\(action.label)”须写明理由") }

        var claim = self
        switch action {
        case .resubmit(let attachments):
            let missing = FundMaterials.missing(attachments, version: version, firstClaim: firstClaim)
            guard missing.isEmpty else {
                throw .invalidInput(field: "attachments", reason: "补正后仍缺少材料：\(missing.map(\.text).joined(separator: "、"))")
            }
            claim.attachments = attachments
        case .closePublicity:
            if let until = publicityUntil, day <= until {
                throw .conflict("公示期至 \(until) 结束，期满后方可结束公示")
            }
        case .approve:
            claim.publicityUntil = version.review.publicity.lastDay(openedOn: day, calendar: calendar)
        default: break
        }
        claim.status = next
        switch next {
        case .publicity:
            // Back from an objection, the publicity runs to its own end.
            claim.deadline = claim.publicityUntil
        default:
            claim.deadline = next.period(in: version.review)?.lastDay(openedOn: day, calendar: calendar)
        }
        claim.steps.append(FundClaimStep(action: action, from: status, to: next, on: day, role: role, by: person,
                                         reason: reason, deadline: claim.deadline))
        return claim
    }
}
