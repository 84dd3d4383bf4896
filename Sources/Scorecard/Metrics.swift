import Foundation

/// Discrimination measures of a risk ranking. `scores` are risk scores: higher means more likely bad
/// (pass probabilities of bad, or the negated scorecard points).
public enum ScoringMetrics {
    /// Area under the ROC curve: the probability that a random bad outranks a random good, ties
    /// counting one half (Mann–Whitney with mid-ranks). Nil if either class is absent.
    public static func auc(labels: [Int], scores: [Double]) -> Double? {
        let n = min(labels.count, scores.count)
        let order = (0..<n).sorted { scores[$0] < scores[$1] }
        var bads = 0.0, goods = 0.0, badRankSum = 0.0
        var start = 0
        while start < n {
            var end = start
            while end + 1 < n, scores[order[end + 1]] == scores[order[start]] { end += 1 }
            // Ranks start..end (1-based: start+1 ... end+1) share their mean.
            let midRank = Double(start + end + 2) / 2
            for k in start...end {
                if labels[order[k]] == 1 {
                    bads += 1
                    badRankSum += midRank
                } else {
                    goods += 1
                }
            }
            start = end + 1
        }
        guard bads > 0, goods > 0 else { return nil }
        return (badRankSum - bads * (bads + 1) / 2) / (bads * goods)
    }

    /// Kolmogorov–Smirnov statistic: the largest gap between the cumulative shares of bads and of
    /// goods when the threshold runs over the distinct scores (tied scores move together). Nil if
    /// either class is absent.
    public static func ks(labels: [Int], scores: [Double]) -> Double? {
        let n = min(labels.count, scores.count)
        let totalBads = Double((0..<n).reduce(0) { $0 + (labels[$1] == 1 ? 1 : 0) })
        let totalGoods = Double(n) - totalBads
        guard totalBads > 0, totalGoods > 0 else { return nil }
        let order = (0..<n).sorted { scores[$0] > scores[$1] }
        var bads = 0.0, goods = 0.0, best = 0.0
        var start = 0
        while start < n {
            var end = start
            while end + 1 < n, scores[order[end + 1]] == scores[order[start]] { end += 1 }
            for k in start...end {
                if labels[order[k]] == 1 { bads += 1 } else { goods += 1 }
            }
            best = max(best, abs(bads / totalBads - goods / totalGoods))
            start = end + 1
        }
        return best
    }
}
