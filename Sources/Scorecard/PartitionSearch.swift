import Foundation

/// The IV-maximal grouping of prebins into contiguous bins by dynamic programming, with a minimum
/// bin size, an optional maximum bin count and a trend on the bad rate (strictly monotonic parts).
struct PartitionSearch {
    struct Result {
        /// Prebin boundaries, from 0 to the prebin count.
        var boundaries: [Int]
        var iv: Double
    }

    let goodsPrefix: [Int]
    let badsPrefix: [Int]
    let totalGoods: Double
    let totalBads: Double
    let minCount: Int
    let maxBins: Int?
    let smoothing: Double
    var count: Int { goodsPrefix.count - 1 }

    init(goods: [Int], bads: [Int], totalGoods: Int, totalBads: Int, minCount: Int, maxBins: Int?, smoothing: Double) {
        var g = [0], b = [0]
        for i in goods.indices {
            g.append(g[i] + goods[i])
            b.append(b[i] + bads[i])
        }
        goodsPrefix = g
        badsPrefix = b
        self.totalGoods = Double(max(totalGoods, 1))
        self.totalBads = Double(max(totalBads, 1))
        self.minCount = minCount
        self.maxBins = maxBins
        self.smoothing = smoothing
    }

    func run(trend: WOETrend) -> Result? {
        let p = count
        guard p > 0 else { return nil }
        let limit = min(maxBins ?? p, p)
        let tracked = limit < p
        let levels = tracked ? limit : 1
        let phases = (trend == .peak || trend == .valley) ? 2 : 1
        // Bin [i, j) statistics.
        var value = [Double](repeating: 0, count: (p + 1) * (p + 1))
        var rate = [Double](repeating: 0, count: (p + 1) * (p + 1))
        var size = [Int](repeating: 0, count: (p + 1) * (p + 1))
        for i in 0..<p {
            for j in (i + 1)...p {
                let g = goodsPrefix[j] - goodsPrefix[i], b = badsPrefix[j] - badsPrefix[i]
                let k = i * (p + 1) + j
                size[k] = g + b
                rate[k] = g + b == 0 ? 0 : Double(b) / Double(g + b)
                value[k] = WOETable.ivTerm(badShare: (Double(b) + smoothing) / totalBads,
                                           goodShare: (Double(g) + smoothing) / totalGoods)
            }
        }
        // State (phase, level, i, j): best IV of [0, j) whose last bin is [i, j).
        func state(_ phase: Int, _ level: Int, _ i: Int, _ j: Int) -> Int {
            ((phase * levels + level) * (p + 1) + i) * (p + 1) + j
        }
        let stateCount = phases * levels * (p + 1) * (p + 1)
        var best = [Double](repeating: -.infinity, count: stateCount)
        var back = [Int](repeating: -1, count: stateCount)
        for j in 1...p {
            for i in 0..<j {
                let k = i * (p + 1) + j
                guard size[k] >= minCount else { continue }
                if i == 0 {
                    best[state(0, 0, 0, j)] = value[k]
                    continue
                }
                for h in 0..<i {
                    let prevKey = h * (p + 1) + i
                    let up = rate[k] > rate[prevKey], down = rate[k] < rate[prevKey]
                    for level in 0..<levels {
                        let nextLevel = tracked ? level + 1 : 0
                        guard nextLevel < levels else { continue }
                        for phase in 0..<phases {
                            let prev = state(phase, level, h, i)
                            let prevValue = best[prev]
                            guard prevValue > -.infinity else { continue }
                            var nextPhase = -1
                            switch (trend, phase) {
                            case (.ascending, _): if up { nextPhase = 0 }
                            case (.descending, _): if down { nextPhase = 0 }
                            case (.peak, 0): nextPhase = up ? 0 : (down ? 1 : -1)
                            case (.peak, _): if down { nextPhase = 1 }
                            case (.valley, 0): nextPhase = down ? 0 : (up ? 1 : -1)
                            case (.valley, _): if up { nextPhase = 1 }
                            case (.flat, _), (.irregular, _): nextPhase = 0
                            }
                            guard nextPhase >= 0 else { continue }
                            let target = state(nextPhase, nextLevel, i, j)
                            let candidate = prevValue + value[k]
                            if candidate > best[target] + 1e-12 {
                                best[target] = candidate
                                back[target] = prev
                            }
                        }
                    }
                }
            }
        }
        var finalState = -1
        var finalValue = -Double.infinity
        for phase in 0..<phases {
            for level in 0..<levels {
                for i in 0..<p {
                    let s = state(phase, level, i, p)
                    if best[s] > finalValue + 1e-12 {
                        finalValue = best[s]
                        finalState = s
                    }
                }
            }
        }
        guard finalState >= 0 else { return nil }
        var boundaries = [p]
        var s = finalState
        while s >= 0 {
            let i = (s / (p + 1)) % (p + 1)
            boundaries.append(i)
            s = back[s]
        }
        boundaries.reverse()
        if boundaries.first != 0 { boundaries.insert(0, at: 0) }
        return Result(boundaries: boundaries, iv: finalValue)
    }
}
