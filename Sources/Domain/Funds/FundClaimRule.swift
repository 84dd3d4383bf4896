/// A version's share rule and caps compiled into integers, so the claim engine and the simulator run the same
/// arithmetic (`figures`) and the simulator allocates nothing per default.
public struct FundClaimRule: Sendable {
    let kind: FundShareRule.Kind
    let flatBasisPoints: Int
    /// Tier bands' upper bounds in cents (`Int64.max` for the open band) and their shares.
    let tierUpTo: [Int64]
    let tierBasisPoints: [Int]
    let bonusMasks: [UInt8]
    let bonusBasisPoints: [Int]
    let totalCapBasisPoints: Int
    /// `split`: every party's weight, the paying parties' (all but the institution) weights and their indices.
    let partyWeights: [Int64]
    let payerWeights: [Int64]
    let payerIndices: [Int]
    let institutionIndex: Int
    let paysFromFund: [Bool]
    /// Cap limits in `FundCapKind` order, −1 for none.
    let capLimits: [Int64]

    public init(_ version: FundScheme.Version) {
        let share = version.share
        kind = share.kind
        flatBasisPoints = share.basisPoints ?? 0
        tierUpTo = (share.tiers ?? []).map { $0.upTo?.value ?? Int64.max }
        tierBasisPoints = (share.tiers ?? []).map(\.basisPoints)
        bonusMasks = (share.bonuses ?? []).map { $0.mask.rawValue }
        bonusBasisPoints = (share.bonuses ?? []).map(\.basisPoints)
        totalCapBasisPoints = share.totalCapBasisPoints ?? Int.max
        let parties = share.kind == .split ? (share.parties ?? []) : []
        partyWeights = parties.map(\.weight)
        institutionIndex = parties.firstIndex { $0.role == .institution } ?? -1
        payerIndices = parties.indices.filter { parties[$0].role != .institution }
        payerWeights = payerIndices.map { parties[$0].weight }
        paysFromFund = share.kind == .split ? parties.map(\.paysFromFund) : [true, false]
        capLimits = FundCapKind.allCases.map { $0.limit(version.caps)?.value ?? -1 }
    }

    /// The numbers of one claim: the share (tier, bonus, total cap), the compensation before and after the caps.
    public struct Figures: Sendable, Equatable, Codable {
        /// The band applied (`tiered`), else −1.
        public var tierIndex: Int
        public var tierBasisPoints: Int
        public var bonusBasisPoints: Int
        /// The share applied (`flat`, `tiered`, after the total cap); for `split` the payers' weight in basis points,
        /// for display only (the split itself is by weight).
        public var shareBasisPoints: Int
        public var ratioCapped: Bool
        public var uncapped: Int64
        public var compensation: Int64
        /// `FundCapKind` bits of the caps that lowered the compensation.
        public var capsHit: UInt8

        public var capped: Bool { capsHit != 0 }
    }

    /// The figures for a principal loss on a loan of `amount` with `features`, given the usage of each cap.
    @inline(__always)
    public func figures(loss: Int64, amount: Int64, features: UInt8, usage: FundUsage) -> Figures {
        figures(loss: loss, amount: amount, features: features,
                used: (usage.loan.value, usage.firm.value, usage.institutionYear.value, usage.institution.value, usage.year.value))
    }

    @inline(__always)
    func figures(loss: Int64, amount: Int64, features: UInt8,
                 used: (Int64, Int64, Int64, Int64, Int64)) -> Figures {
        var f = Figures(tierIndex: -1, tierBasisPoints: 0, bonusBasisPoints: 0, shareBasisPoints: 0, ratioCapped: false,
                        uncapped: 0, compensation: 0, capsHit: 0)
        let loss = max(0, loss)
        switch kind {
        case .flat, .tiered:
            var bp = flatBasisPoints
            if kind == .tiered {
                for i in tierUpTo.indices where amount <= tierUpTo[i] { f.tierIndex = i; break }
                bp = f.tierIndex >= 0 ? tierBasisPoints[f.tierIndex] : 0
                f.tierBasisPoints = bp
            }
            for i in bonusMasks.indices where bonusMasks[i] & features != 0 { f.bonusBasisPoints += bonusBasisPoints[i] }
            bp += f.bonusBasisPoints
            if bp > totalCapBasisPoints { bp = totalCapBasisPoints; f.ratioCapped = true }
            f.shareBasisPoints = bp
            // Two parties (fund, institution) split by largest remainder is exactly rounding half up for the fund.
            f.uncapped = LoanMath.divideRoundingHalfUp(loss * Int64(bp), by: Int64(FundArithmetic.whole))
        case .split:
            var payers: Int64 = 0, all: Int64 = 0
            for w in payerWeights { payers += w }
            for w in partyWeights { all += w }
            f.shareBasisPoints = all > 0 ? Int(LoanMath.divideRoundingHalfUp(payers * Int64(FundArithmetic.whole), by: all)) : 0
            f.uncapped = institutionIndex >= 0 ? loss - LargestRemainder.share(of: institutionIndex, loss, weights: partyWeights) : loss
        }
        var c = f.uncapped
        clamp(&c, &f.capsHit, 0, used.0)
        clamp(&c, &f.capsHit, 1, used.1)
        clamp(&c, &f.capsHit, 2, used.2)
        clamp(&c, &f.capsHit, 3, used.3)
        clamp(&c, &f.capsHit, 4, used.4)
        f.compensation = c
        return f
    }

    /// Lowers `c` to what cap `k` has left after `used`, noting the cap when it binds (reaching it exactly does not).
    @inline(__always)
    private func clamp(_ c: inout Int64, _ hits: inout UInt8, _ k: Int, _ used: Int64) {
        let limit = capLimits[k]
        guard limit >= 0 else { return }
        let remaining = max(0, limit - used)
        if c > remaining { c = remaining; hits |= UInt8(1) << UInt8(k) }
    }

    /// The part of the figures' compensation paid from this fund's cash (the simulator's balance moves by it).
    @inline(__always)
    public func fundShare(_ f: Figures, loss: Int64) -> Int64 {
        guard kind == .split else { return f.compensation }
        var total: Int64 = 0
        if f.capped {
            for j in payerIndices.indices where paysFromFund[payerIndices[j]] {
                total += LargestRemainder.share(of: j, f.compensation, weights: payerWeights)
            }
        } else {
            for i in partyWeights.indices where paysFromFund[i] {
                total += LargestRemainder.share(of: i, max(0, loss), weights: partyWeights)
            }
        }
        return total
    }

    /// Every party's part of the loss: the payers' parts add up to the compensation, the institution keeps the rest.
    func partyAmounts(_ f: Figures, loss: Int64) -> [Int64] {
        let count = kind == .split ? partyWeights.count : 2
        var out = [Int64](repeating: 0, count: count)
        out.withUnsafeMutableBufferPointer { fillPartyAmounts($0, f, loss: loss) }
        return out
    }

    /// The same into a buffer of the parties' count (no allocation).
    @inline(__always)
    func fillPartyAmounts(_ out: UnsafeMutableBufferPointer<Int64>, _ f: Figures, loss: Int64) {
        let loss = max(0, loss)
        guard kind == .split else { out[0] = f.compensation; out[1] = loss - f.compensation; return }
        if !f.capped {
            for i in partyWeights.indices { out[i] = LargestRemainder.share(of: i, loss, weights: partyWeights) }
            return
        }
        for (j, i) in payerIndices.enumerated() { out[i] = LargestRemainder.share(of: j, f.compensation, weights: payerWeights) }
        if institutionIndex >= 0 { out[institutionIndex] = loss - f.compensation }
    }
}
