/// A recovery after compensation, shared back (seed 001 第十五条: 扣除诉讼等相关费用后，银行、风险缓释基金按照代偿比例进行分配).
public struct FundRecoveryShare: Sendable, Equatable, Codable {
    public var gross: Cents
    public var costs: Cents
    /// Gross less costs, never negative.
    public var net: Cents
    /// The part of `net` shared in proportion to the parts of the loss (at most the loss not yet recovered).
    public var shared: Cents
    /// Each party's part of `shared` (by its part of the loss), the institution's including anything beyond the loss.
    public var parties: [FundPartyShare]
    /// What returns to this fund's cash.
    public var fundShare: Cents
    public var working: [String]
}

public enum FundRecovery {
    /// Shares a recovery of `gross` with `costs` on a claim computed as `claim`, after `alreadyShared` of earlier
    /// recoveries. Parts are in proportion to each party's part of the loss, to the cent (largest remainder); a
    /// recovery beyond the principal loss stays with the institution (it bore the interest and the costs).
    public static func share(gross: Cents, costs: Cents, claim: ClaimComputation,
                             alreadyShared: Cents = .zero) -> FundRecoveryShare {
        let net = Cents(max(0, gross.value - costs.value))
        let room = Cents(max(0, claim.principalLoss.value - alreadyShared.value))
        let shared = min(net, room)
        let weights = claim.parties.map(\.amount.value)
        let parts = weights.contains(where: { $0 > 0 }) ? LargestRemainder.split(shared, weights: weights)
                                                         : claim.parties.map { _ in Cents.zero }
        var parties = zip(claim.parties, parts).map { p, a in
            FundPartyShare(role: p.role, label: p.label, amount: a, paysFromFund: p.paysFromFund)
        }
        let beyond = net - shared
        if beyond.isPositive, let i = parties.firstIndex(where: { $0.role == .institution }) { parties[i].amount = parties[i].amount + beyond }
        let fund = parties.filter(\.paysFromFund).reduce(Cents.zero) { $0 + $1.amount }
        // The simulator books recoveries through `fundPart`; it must agree with the parties' split above.
        assert(beyond.isPositive || fund.value == fundPart(of: shared.value, amounts: weights, paysFromFund: claim.parties.map(\.paysFromFund)))
        var lines = ["追回\(gross.yuanText)，扣除诉讼等费用\(costs.yuanText)，净额\(net.yuanText)"]
        lines.append("按代偿比例（补偿\(claim.compensation.yuanText) / 本金损失\(claim.principalLoss.yuanText)）分配：" +
                     parties.map { "\($0.label)\($0.amount.yuanText)" }.joined(separator: "，"))
        if beyond.isPositive { lines.append("超出本金损失的\(beyond.yuanText)归贷款机构") }
        return FundRecoveryShare(gross: gross, costs: costs, net: net, shared: shared, parties: parties, fundShare: fund,
                                 working: lines)
    }

    /// The part of a shared recovery returning to this fund: the parts of the parties it pays for, each by largest
    /// remainder on the parties' parts of the loss (`amounts`), exactly as `share` splits it.
    public static func fundPart(of shared: Int64, amounts: [Int64], paysFromFund: [Bool]) -> Int64 {
        guard amounts.contains(where: { $0 > 0 }) else { return 0 }
        var total: Int64 = 0
        for i in amounts.indices where paysFromFund[i] { total += LargestRemainder.share(of: i, shared, weights: amounts) }
        return total
    }

    /// The same for a claim the simulator computed (`figures` under `rule`), without building the parties: for a flat
    /// or tiered rule the two parts are the compensation and the rest of the loss.
    @inline(__always)
    public static func fundPart(of shared: Int64, figures f: FundClaimRule.Figures, loss: Int64, rule: FundClaimRule) -> Int64 {
        guard rule.kind == .split else {
            return LargestRemainder.share(ofFirst: shared, f.compensation, max(0, loss) - f.compensation)
        }
        return withUnsafeTemporaryAllocation(of: Int64.self, capacity: rule.partyWeights.count) { amounts in
            rule.fillPartyAmounts(amounts, f, loss: loss)
            let weights = UnsafeBufferPointer(amounts)
            guard weights.contains(where: { $0 > 0 }) else { return 0 }
            var total: Int64 = 0
            for i in weights.indices where rule.paysFromFund[i] { total += LargestRemainder.share(of: i, shared, weights: weights) }
            return total
        }
    }
}
