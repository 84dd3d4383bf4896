import Foundation

/// Variable selection by information value and by correlation of WOE columns.
public enum VariableSelection {
    /// Pearson correlation of two equally long columns; 0 when either is constant.
    public static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let n = min(a.count, b.count)
        guard n > 1 else { return 0 }
        var meanA = 0.0, meanB = 0.0
        for i in 0..<n {
            meanA += a[i]
            meanB += b[i]
        }
        meanA /= Double(n)
        meanB /= Double(n)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in 0..<n {
            let da = a[i] - meanA, db = b[i] - meanB
            sab += da * db
            saa += da * da
            sbb += db * db
        }
        guard saa > 0, sbb > 0 else { return 0 }
        return max(-1, min(1, sab / (saa * sbb).squareRoot()))
    }

    /// The outcome for each candidate (same order as given).
    public enum Decision: Sendable, Equatable {
        case keep
        case lowIV
        case correlated(with: Int)
    }

    /// Keeps candidates with IV ≥ `minIV` and, going from the highest IV down, drops any candidate
    /// whose column correlates more than `maxCorrelation` in absolute value with one already kept.
    /// Ties in IV keep the earlier candidate first. Constant columns never pass (their IV is 0).
    public static func select(ivs: [Double], columns: [[Double]], minIV: Double, maxCorrelation: Double) -> [Decision] {
        var decisions = [Decision](repeating: .lowIV, count: ivs.count)
        let order = ivs.indices.filter { ivs[$0] >= minIV && ivs[$0] > 0 }
            .sorted { ivs[$0] != ivs[$1] ? ivs[$0] > ivs[$1] : $0 < $1 }
        var kept: [Int] = []
        // Each column's mean and sum of squared deviations, computed once (the same sums, in the same
        // order, as `correlation(_:_:)`, so the result is identical).
        var moments: [Int: (mean: Double, squares: Double)] = [:]
        for candidate in order { moments[candidate] = centralMoments(columns[candidate]) }
        for candidate in order {
            var blocker: Int? = nil
            for k in kept where abs(correlation(columns[candidate], moments[candidate]!, columns[k], moments[k]!)) > maxCorrelation {
                blocker = k
                break
            }
            if let blocker {
                decisions[candidate] = .correlated(with: blocker)
            } else {
                decisions[candidate] = .keep
                kept.append(candidate)
            }
        }
        return decisions
    }

    static func centralMoments(_ a: [Double]) -> (mean: Double, squares: Double) {
        let n = a.count
        guard n > 1 else { return (0, 0) }
        var mean = 0.0
        for i in 0..<n { mean += a[i] }
        mean /= Double(n)
        var squares = 0.0
        for i in 0..<n {
            let d = a[i] - mean
            squares += d * d
        }
        return (mean, squares)
    }

    /// `correlation(a, b)` from precomputed moments (columns of equal length).
    static func correlation(_ a: [Double], _ ma: (mean: Double, squares: Double),
                            _ b: [Double], _ mb: (mean: Double, squares: Double)) -> Double {
        guard a.count == b.count else { return correlation(a, b) }
        let n = a.count
        guard n > 1, ma.squares > 0, mb.squares > 0 else { return 0 }
        var sab = 0.0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                for i in 0..<n { sab += (a[i] - ma.mean) * (b[i] - mb.mean) }
            }
        }
        return max(-1, min(1, sab / (ma.squares * mb.squares).squareRoot()))
    }
}
