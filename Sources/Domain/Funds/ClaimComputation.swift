/// One party's part of a loss.
public struct FundPartyShare: Sendable, Equatable, Codable {
    public var role: FundPartyRole
    public var label: String
    public var amount: Cents
    public var paysFromFund: Bool

    public init(role: FundPartyRole, label: String, amount: Cents, paysFromFund: Bool) {
        self.role = role; self.label = label; self.amount = amount; self.paysFromFund = paysFromFund
    }
}

/// A cap that lowered a claim: its limit, what was used before, what was left.
public struct FundCapHit: Sendable, Equatable, Codable {
    public var kind: FundCapKind
    public var limit: Cents
    public var usedBefore: Cents
    public var remaining: Cents
}

/// The compensation of one claim computed by the scheme's rules, with the working shown in Chinese.
///
/// Order: the share of the principal loss (flat; or the loan's band plus bonuses within the total cap; or the parties'
/// weights), then each cap in turn (per loan, per firm, per institution per year, per institution in total, per year)
/// against what was already paid or committed (`FundUsage`). The parties' parts always add up to the loss to the cent:
/// a split is by largest remainder; when a cap lowers the compensation, it is split again among the paying parties by
/// weight and the institution keeps the rest.
public struct ClaimComputation: Sendable, Equatable, Codable {
    public var principalLoss: Cents
    public var figures: FundClaimRule.Figures
    public var uncapped: Cents { Cents(figures.uncapped) }
    public var compensation: Cents { Cents(figures.compensation) }
    public var capHits: [FundCapHit]
    /// Every party's part; the payers' parts add up to `compensation`, all parts to `principalLoss`.
    public var parties: [FundPartyShare]
    /// The part paid from this fund's cash.
    public var fundShare: Cents
    /// What the institution keeps of the loss.
    public var institutionShare: Cents { principalLoss - compensation }
    /// The working, one line a step.
    public var working: [String]

    /// Computes a claim under `version` for a registered loan.
    public static func compute(version: FundScheme.Version, coverage: FundCoverage, principalLoss: Cents,
                               usage: FundUsage) -> ClaimComputation {
        compute(rule: FundClaimRule(version), version: version, loanAmount: coverage.amount, features: coverage.features,
                principalLoss: principalLoss, usage: usage)
    }

    /// The same with a compiled rule (the simulator's replay uses this entry).
    public static func compute(rule: FundClaimRule, version: FundScheme.Version, loanAmount: Cents,
                               features: FundLoanFeatures, principalLoss: Cents, usage: FundUsage) -> ClaimComputation {
        let loss = Cents(max(0, principalLoss.value))
        let f = rule.figures(loss: loss.value, amount: loanAmount.value, features: features.rawValue, usage: usage)
        let resolved = version.share.resolvedParties
        let amounts = rule.partyAmounts(f, loss: loss.value)
        let parties = zip(resolved, amounts).map { p, a in
            FundPartyShare(role: p.role, label: p.label, amount: Cents(a), paysFromFund: p.paysFromFund)
        }
        var hits: [FundCapHit] = []
        for kind in FundCapKind.allCases {
            guard let limit = kind.limit(version.caps) else { continue }
            let used = kind.used(usage)
            let remaining = Cents(max(0, limit.value - used.value))
            if f.capsHit & kind.bit != 0 {
                hits.append(FundCapHit(kind: kind, limit: limit, usedBefore: used, remaining: remaining))
            }
        }
        let fundShare = Cents(rule.fundShare(f, loss: loss.value))
        var out = ClaimComputation(principalLoss: loss, figures: f, capHits: hits, parties: parties, fundShare: fundShare,
                                   working: [])
        out.working = out.workingLines(share: version.share, loanAmount: loanAmount, features: features)
        return out
    }

    func workingLines(share: FundShareRule, loanAmount: Cents, features: FundLoanFeatures) -> [String] {
        var lines: [String] = []
        let pct = FundArithmetic.percentText
        switch share.kind {
        case .flat, .tiered:
            if share.kind == .tiered, let tiers = share.tiers {
                if figures.tierIndex >= 0 {
                    let band = tiers[figures.tierIndex].upTo.map { "不超过\($0.yuanText)" } ?? "超过\((tiers.dropLast().last?.upTo ?? .zero).yuanText)"
                    lines.append("贷款金额\(loanAmount.yuanText)，适用“\(band)”档，补偿比例\(pct(figures.tierBasisPoints))")
                } else {
                    lines.append("贷款金额\(loanAmount.yuanText)超出各档范围，补偿比例 0%")
                }
            } else {
                lines.append("补偿比例\(pct(share.basisPoints ?? 0))")
            }
            for bonus in share.bonuses ?? [] where bonus.mask.rawValue & features.rawValue != 0 {
                let why = bonus.anyOf.filter(features.has).map(\.label).joined(separator: "、")
                lines.append("加计\(pct(bonus.basisPoints))（\(why)）")
            }
            if figures.ratioCapped, let cap = share.totalCapBasisPoints {
                lines.append("合计比例超过总比例上限\(pct(cap))，按\(pct(cap))计")
            }
            lines.append("本金损失\(principalLoss.yuanText) × \(pct(figures.shareBasisPoints)) = \(uncapped.yuanText)")
        case .split:
            let weights = (share.parties ?? []).map { "\($0.weight)" }.joined(separator: ":")
            let uncappedParts = LargestRemainder.split(principalLoss, weights: (share.parties ?? []).map(\.weight))
            let parts = zip(share.parties ?? [], uncappedParts).map { "\($0.label)\($1.yuanText)" }.joined(separator: "，")
            lines.append("本金损失\(principalLoss.yuanText)按 \(weights) 分担：\(parts)")
            lines.append("应补偿（贷款机构自担部分以外）\(uncapped.yuanText)")
        }
        var before = uncapped
        for hit in capHits {
            let used = hit.usedBefore.isPositive ? "（已用\(hit.usedBefore.yuanText)，尚余\(hit.remaining.yuanText)）" : ""
            lines.append("触及\(hit.kind.label)\(hit.limit.yuanText)\(used)，补偿由\(before.yuanText)减为\(hit.remaining.yuanText)")
            before = hit.remaining
        }
        if figures.capped, share.kind == .split {
            let payers = parties.filter { $0.role != .institution }.map { "\($0.label)\($0.amount.yuanText)" }.joined(separator: "，")
            lines.append("补偿额按付款方权重重新分摊：\(payers)")
        }
        lines.append("应补偿\(compensation.yuanText)，其中基金支付\(fundShare.yuanText)；贷款机构自担\(institutionShare.yuanText)")
        return lines
    }
}

/// Whether a claim may be paid, and how much: the trigger, the pause, the exclusions, then the computation.
public struct FundClaimAssessment: Sendable, Equatable {
    public var reasons: [FundReason]
    public var computation: ClaimComputation?
    public var payable: Bool { reasons.isEmpty && computation != nil }

    /// Assesses a claim on a registered loan under `version` (the version in force on the filing day).
    public static func assess(version: FundScheme.Version, coverage: FundCoverage, institution: FundInstitutionFacts,
                              facts: FundDefaultFacts, exclusions: Set<FundExclusion> = [],
                              usage: FundUsage) -> FundClaimAssessment {
        var reasons: [FundReason] = []
        if institution.claimsPaused { reasons.append(FundReason(code: "claims_paused", text: "贷款机构的补偿申请已暂缓（熔断）")) }
        if !version.triggers.contains(where: { $0.isMet(by: facts) }) {
            let needed = version.triggers.map(\.text).joined(separator: "或")
            reasons.append(FundReason(code: "trigger_not_met", text: "尚未满足补偿条件：须\(needed)"))
        }
        for exclusion in version.exclusions where exclusions.contains(exclusion) {
            reasons.append(FundReason(code: "excluded_\(exclusion.rawValue)", text: "不属于补偿范围：\(exclusion.label)"))
        }
        if !facts.principalLoss.isPositive { reasons.append(FundReason(code: "no_loss", text: "没有本金损失")) }
        if facts.principalLoss > coverage.amount {
            reasons.append(FundReason(code: "loss_above_principal", text: "本金损失\(facts.principalLoss.yuanText)超过贷款金额\(coverage.amount.yuanText)"))
        }
        guard reasons.isEmpty else { return FundClaimAssessment(reasons: reasons, computation: nil) }
        return FundClaimAssessment(reasons: [], computation: ClaimComputation.compute(version: version, coverage: coverage,
                                                                                      principalLoss: facts.principalLoss, usage: usage))
    }
}
