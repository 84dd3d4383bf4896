import Foundation

/// Population stability index: how far a population's distribution over fixed bins has moved from
/// the training (expected) one. `PSI = Σ (actual share − expected share) × ln(actual share / expected share)`,
/// a share of 0 being replaced by `floor` so that an emptied or new bin counts heavily but finitely.
public struct PSIReport: Codable, Sendable, Equatable {
    public struct Bin: Codable, Sendable, Equatable {
        public var label: String
        public var expectedCount: Int
        public var actualCount: Int
        public var expectedShare: Double
        public var actualShare: Double
        public var contribution: Double
    }

    /// The usual reading of a PSI value.
    public enum Stability: String, Codable, Sendable, Equatable {
        /// PSI < 0.1.
        case stable
        /// 0.1 ≤ PSI < 0.25.
        case moderateShift
        /// PSI ≥ 0.25.
        case significantShift

        /// The reading in Chinese.
        public var message: String {
            switch self {
            case .stable: "稳定"
            case .moderateShift: "轻微偏移，需关注"
            case .significantShift: "显著偏移，需重新评估模型"
            }
        }
    }

    public var bins: [Bin]
    public var value: Double
    public var stability: Stability

    /// Compares counts per bin (same order, same length; the longer list's extra bins are ignored).
    public init(labels: [String]? = nil, expected: [Int], actual: [Int], floor: Double = 1e-4) {
        let count = min(expected.count, actual.count)
        let totalExpected = Double(expected.prefix(count).reduce(0, +))
        let totalActual = Double(actual.prefix(count).reduce(0, +))
        var bins: [Bin] = []
        var value = 0.0
        for k in 0..<count {
            let e = totalExpected > 0 ? Double(expected[k]) / totalExpected : 0
            let a = totalActual > 0 ? Double(actual[k]) / totalActual : 0
            let contribution = PSIReport.term(expected: e, actual: a, floor: floor)
            value += contribution
            let label = labels.flatMap { k < $0.count ? $0[k] : nil } ?? "\(k)"
            bins.append(Bin(label: label, expectedCount: expected[k], actualCount: actual[k],
                            expectedShare: e, actualShare: a, contribution: contribution))
        }
        self.bins = bins
        self.value = value
        self.stability = PSIReport.stability(of: value)
    }

    /// One bin's PSI term from shares.
    public static func term(expected: Double, actual: Double, floor: Double = 1e-4) -> Double {
        if expected == actual { return 0 }
        let e = max(expected, floor), a = max(actual, floor)
        return (a - e) * log(a / e)
    }

    /// PSI of two share vectors (each summing to 1).
    public static func value(expectedShares: [Double], actualShares: [Double], floor: Double = 1e-4) -> Double {
        zip(expectedShares, actualShares).reduce(0) { $0 + term(expected: $1.0, actual: $1.1, floor: floor) }
    }

    public static func stability(of value: Double) -> Stability {
        value < 0.1 ? .stable : (value < 0.25 ? .moderateShift : .significantShift)
    }
}

/// The training score distribution kept in a model for monitoring: score bins and training counts.
public struct ScoreReference: Codable, Sendable, Equatable {
    /// Ascending inner edges; bin `i` covers `[edges[i-1], edges[i])`.
    public var edges: [Double]
    /// Training rows per bin (`edges.count + 1` entries).
    public var counts: [Int]

    /// Bins at the quantiles of training scores (at most `bins` bins, fewer when scores tie).
    init(scores: [Double], bins: Int = 10) {
        var sorted = scores.filter(\.isFinite)
        Binner.sortAscending(&sorted)
        var edges: [Double] = []
        if sorted.count > 1 {
            for q in 1..<max(bins, 1) {
                let value = sorted[min(sorted.count - 1, q * sorted.count / bins)]
                if value > sorted[0], edges.last.map({ value > $0 }) ?? true { edges.append(value) }
            }
        }
        self.edges = edges
        var counts = [Int](repeating: 0, count: edges.count + 1)
        for s in sorted { counts[ScoreReference.bin(of: s, edges: edges)] += 1 }
        self.counts = counts
    }

    static func bin(of score: Double, edges: [Double]) -> Int {
        var low = 0, high = edges.count
        while low < high {
            let mid = (low + high) / 2
            if edges[mid] <= score { low = mid + 1 } else { high = mid }
        }
        return low
    }

    var labels: [String] {
        (0...edges.count).map { i in
            Binner.intervalLabel(i == 0 ? nil : edges[i - 1], i == edges.count ? nil : edges[i])
        }
    }

    /// The PSI of a set of scores against the training distribution.
    public func psi(scores: [Double]) -> PSIReport {
        var actual = [Int](repeating: 0, count: counts.count)
        for s in scores where s.isFinite { actual[ScoreReference.bin(of: s, edges: edges)] += 1 }
        return PSIReport(labels: labels, expected: counts, actual: actual)
    }
}
