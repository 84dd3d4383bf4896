/// Shares of money in basis points (1 % = 100) and the split of an amount to the cent. Fund rules state their
/// shares in basis points, like `AnnualRate`, so 2.5 % (Pingshan) or 0.35 % (a deposit rate) stay exact integers.
public enum FundArithmetic {
    /// 100 %.
    public static let whole = 10_000

    /// `30%`, `2.5%`, `0.35%`.
    public static func percentText(_ basisPoints: Int) -> String {
        let sign = basisPoints < 0 ? "-" : ""
        let m = basisPoints.magnitude
        let whole = m / 100, hundredths = m % 100
        if hundredths == 0 { return "\(sign)\(whole)%" }
        if hundredths % 10 == 0 { return "\(sign)\(whole).\(hundredths / 10)%" }
        return "\(sign)\(whole).\(hundredths < 10 ? "0" : "")\(hundredths)%"
    }

    /// `amount × basisPoints / 10,000`, rounded half up to the cent (amounts and shares are non-negative).
    public static func share(of amount: Cents, basisPoints: Int) -> Cents {
        Cents(LoanMath.divideRoundingHalfUp(amount.value * Int64(basisPoints), by: Int64(whole)))
    }

    /// Whether `numerator / denominator` is strictly above `basisPoints` (a ratio of money against a line), exact.
    /// A zero denominator is never above any line.
    public static func ratio(_ numerator: Cents, of denominator: Cents, isAbove basisPoints: Int) -> Bool {
        guard denominator.value > 0 else { return false }
        return compare(numerator.value, denominator.value, basisPoints) > 0
    }

    /// Whether `numerator / denominator` is strictly below `basisPoints`; a zero denominator counts as 0 %.
    public static func ratio(_ numerator: Cents, of denominator: Cents, isBelow basisPoints: Int) -> Bool {
        guard denominator.value > 0 else { return basisPoints > 0 }
        return compare(numerator.value, denominator.value, basisPoints) < 0
    }

    /// A ratio as basis points rounded half up, for display (0 when the denominator is zero).
    public static func ratioBasisPoints(_ numerator: Cents, of denominator: Cents) -> Int {
        guard denominator.value > 0 else { return 0 }
        let (high, low) = numerator.value.multipliedFullWidth(by: Int64(whole))
        let (q, r) = denominator.value.dividingFullWidth((high, low))
        return Int(q + (r * 2 >= denominator.value ? 1 : 0))
    }

    /// Sign of `n / d − bp / 10,000` in exact 128-bit arithmetic.
    static func compare(_ n: Int64, _ d: Int64, _ bp: Int) -> Int {
        let left = n.multipliedFullWidth(by: Int64(whole)), right = d.multipliedFullWidth(by: Int64(bp))
        if left.high != right.high { return left.high < right.high ? -1 : 1 }
        if left.low != right.low { return left.low < right.low ? -1 : 1 }
        return 0
    }
}

/// The largest-remainder (Hamilton) split of an amount in proportion to weights: each part is first rounded down,
/// then the cents left over go one each to the parts with the largest remainders, the earlier part first on a tie.
/// The parts always add up to the amount, to the cent.
public enum LargestRemainder {
    /// `total` (≥ 0) split in proportion to `weights` (each ≥ 0, at least one positive).
    public static func split(_ total: Int64, weights: [Int64]) -> [Int64] {
        weights.indices.map { share(of: $0, total, weights: weights) }
    }

    public static func split(_ total: Cents, weights: [Int64]) -> [Cents] {
        split(total.value, weights: weights).map { Cents($0) }
    }

    /// Part `index` of the split, computed without building the others (the simulator's hot path; any buffer of
    /// weights, so a stack buffer will do).
    @inline(__always)
    public static func share<Weights: RandomAccessCollection>(of index: Int, _ total: Int64, weights: Weights) -> Int64
    where Weights.Element == Int64, Weights.Index == Int {
        var sum: Int64 = 0
        for w in weights { sum += w }
        guard sum > 0, total > 0 else { return 0 }
        var floors: Int64 = 0
        let mine = part(total, weights[index], sum)
        var rank = 0
        for j in weights.indices {
            let p = part(total, weights[j], sum)
            floors += p.quotient
            if j != index, p.remainder > mine.remainder || (p.remainder == mine.remainder && j < index) { rank += 1 }
        }
        let leftover = total - floors
        return mine.quotient + (Int64(rank) < leftover ? 1 : 0)
    }

    /// `total × weight / sum` as quotient and remainder, in 128 bits so large amounts and weights cannot overflow.
    @inline(__always)
    static func part(_ total: Int64, _ weight: Int64, _ sum: Int64) -> (quotient: Int64, remainder: Int64) {
        let wide = total.multipliedFullWidth(by: weight)
        return sum.dividingFullWidth(wide)
    }

    /// The first part of a split of `total` between two weights: exactly `share(of: 0, total, weights: [w0, w1])`,
    /// without an array.
    @inline(__always)
    public static func share(ofFirst total: Int64, _ w0: Int64, _ w1: Int64) -> Int64 {
        let sum = w0 + w1
        guard sum > 0, total > 0 else { return 0 }
        let a = part(total, w0, sum), b = part(total, w1, sum)
        let leftover = total - a.quotient - b.quotient
        return a.quotient + (leftover > 0 && a.remainder >= b.remainder ? 1 : 0)
    }
}
