import Foundation

/// Finds the bins of one column on a set of training rows.
struct Binner: Sendable {
    let config: BinningConfig

    /// The result: the binning and, for each training row (in the order given), its bin index.
    struct Output {
        var binning: VariableBinning
        var assignment: [Int32]
    }

    /// Counts of an ordered unit (a distinct value or a category group).
    private struct Atom {
        var goods: Int
        var bads: Int
        var count: Int { goods + bads }
    }

    func bin(column: TypedColumn, rows: [Int], target: [UInt8]) -> Output {
        switch column.kind {
        case .numeric: return binNumeric(column: column, rows: rows, target: target)
        case .categorical: return binCategorical(column: column, rows: rows, target: target)
        }
    }

    /// The fewest rows a value bin may hold: `minBinShare` of the rows, and at least enough rows to expect
    /// `minBinEvents` of the rarer class (so that with rare defaults every bin's WOE rests on a few defaults),
    /// but never more than a third of the rows.
    private func minBinCount(_ total: Int, bads: Int) -> Int {
        let share = config.minBinShare * Double(total)
        let events = Self.rowsForEvents(config.minBinEvents, total: total, bads: bads)
        return max(1, Int(min(max(share, events), Double(total) / 3).rounded(.up)))
    }

    /// The rows needed to expect `events` of the rarer class at the table's rates (0 when either class is absent).
    static func rowsForEvents(_ events: Double, total: Int, bads: Int) -> Double {
        let minority = Double(min(bads, total - bads))
        guard events > 0, minority > 0 else { return 0 }
        return events * Double(total) / minority
    }

    // MARK: Numeric

    private func binNumeric(column: TypedColumn, rows: [Int], target: [UInt8]) -> Output {
        // Sort the values of bads and of goods apart (plain numeric sorts), then merge into atoms.
        var badValues: [Double] = [], goodValues: [Double] = []
        var missing = Atom(goods: 0, bads: 0)
        for r in rows {
            let v = column.numbers[r]
            if target[r] == 1 {
                if v.isNaN { missing.bads += 1 } else { badValues.append(v) }
            } else {
                if v.isNaN { missing.goods += 1 } else { goodValues.append(v) }
            }
        }
        let totalBads = badValues.count + missing.bads
        Binner.sortAscending(&badValues)
        Binner.sortAscending(&goodValues)
        var atoms: [Atom] = []
        var atomValues: [Double] = []
        var ib = 0, ig = 0
        while ib < badValues.count || ig < goodValues.count {
            let value = ib < badValues.count && (ig >= goodValues.count || badValues[ib] <= goodValues[ig])
                ? badValues[ib] : goodValues[ig]
            var atom = Atom(goods: 0, bads: 0)
            while ib < badValues.count, badValues[ib] == value { atom.bads += 1; ib += 1 }
            while ig < goodValues.count, goodValues[ig] == value { atom.goods += 1; ig += 1 }
            atoms.append(atom)
            atomValues.append(value)
        }
        let totalGoods = rows.count - totalBads
        let (groups, trend) = searchGroups(atoms: atoms, totalGoods: totalGoods, totalBads: totalBads,
                                           totalRows: rows.count, allowShapes: config.method == .optimal)
        // Cut points halfway between the last value of a group and the first of the next.
        var cuts: [Double] = []
        for g in groups.dropLast() {
            let left = atomValues[g.upperBound - 1], right = atomValues[g.upperBound]
            var cut = left + (right - left) / 2
            if !(cut > left && cut <= right) || !cut.isFinite { cut = right }
            cuts.append(cut)
        }
        var bins: [ScorecardBin] = []
        for (index, g) in groups.enumerated() {
            let lower: Double? = index == 0 ? nil : cuts[index - 1]
            let upper: Double? = index == groups.count - 1 ? nil : cuts[index]
            let counts = atoms[g].reduce(Atom(goods: 0, bads: 0)) { Atom(goods: $0.goods + $1.goods, bads: $0.bads + $1.bads) }
            bins.append(ScorecardBin(label: Binner.intervalLabel(lower, upper), lower: lower, upper: upper,
                                     categories: nil, isMissing: false, holdsOtherCategories: false,
                                     bads: counts.bads, goods: counts.goods, woe: 0, iv: 0, points: 0))
        }
        if missing.count > 0 { bins.append(Binner.missingBin(missing)) }
        var binning = VariableBinning(name: column.name, kind: .numeric, trend: trend, cuts: cuts, bins: bins, iv: 0)
        applyWOE(&binning)
        var assignment: [Int32] = []
        assignment.reserveCapacity(rows.count)
        let lookup = NumberBinLookup(binning)
        column.numbers.withUnsafeBufferPointer { numbers in
            for r in rows { assignment.append(Int32(lookup.bin(numbers[r]) ?? -1)) }
        }
        return Output(binning: binning, assignment: assignment)
    }

    // MARK: Categorical

    private func binCategorical(column: TypedColumn, rows: [Int], target: [UInt8]) -> Output {
        var goods = [Int](repeating: 0, count: column.levels.count)
        var bads = [Int](repeating: 0, count: column.levels.count)
        var missing = Atom(goods: 0, bads: 0)
        var totalBads = 0
        for r in rows {
            let code = Int(column.codes[r])
            let y = target[r]
            totalBads += Int(y)
            if code < 0 {
                if y == 1 { missing.bads += 1 } else { missing.goods += 1 }
            } else if y == 1 {
                bads[code] += 1
            } else {
                goods[code] += 1
            }
        }
        let total = rows.count
        let totalGoods = total - totalBads
        // Rare: below `rareCategoryShare` of the rows, or too few rows to expect `minCategoryEvents` of the rarer class.
        let rareLimit = max(config.rareCategoryShare * Double(total),
                            Self.rowsForEvents(config.minCategoryEvents, total: total, bads: totalBads))
        // Atoms: each category seen in training, rare ones pooled into one "other" atom.
        var atoms: [Atom] = []
        var atomCategories: [[String]] = []
        var other = Atom(goods: 0, bads: 0)
        var otherCategories: [String] = []
        for code in column.levels.indices {
            let n = goods[code] + bads[code]
            guard n > 0 else { continue }
            if Double(n) < rareLimit {
                other.goods += goods[code]
                other.bads += bads[code]
                otherCategories.append(column.levels[code])
            } else {
                atoms.append(Atom(goods: goods[code], bads: bads[code]))
                atomCategories.append([column.levels[code]])
            }
        }
        var otherAtom: Int? = nil
        if other.count > 0 {
            otherAtom = atoms.count
            atoms.append(other)
            atomCategories.append(otherCategories)
        }
        // Order by bad rate shrunk towards the overall rate; ties by first category name.
        let prior = Double(totalBads) / Double(max(total - missing.count, 1))
        let m = config.categoryPriorWeight
        let order = atoms.indices.sorted { a, b in
            let ra = (Double(atoms[a].bads) + m * prior) / (Double(atoms[a].count) + m)
            let rb = (Double(atoms[b].bads) + m * prior) / (Double(atoms[b].count) + m)
            if ra != rb { return ra < rb }
            return (atomCategories[a].first ?? "") < (atomCategories[b].first ?? "")
        }
        let orderedAtoms = order.map { atoms[$0] }
        let (groups, _) = searchGroups(atoms: orderedAtoms, totalGoods: totalGoods, totalBads: totalBads,
                                       totalRows: total, allowShapes: false, categorical: true)
        var bins: [ScorecardBin] = []
        for g in groups {
            var categories: [String] = []
            var holdsOther = false
            var counts = Atom(goods: 0, bads: 0)
            for position in g {
                let atom = order[position]
                if atom == otherAtom { holdsOther = true }
                categories.append(contentsOf: atomCategories[atom])
                counts.goods += atoms[atom].goods
                counts.bads += atoms[atom].bads
            }
            var label = categories.joined(separator: " | ")
            if holdsOther { label = categories.isEmpty ? "其他类别" : label + "（含其他类别）" }
            bins.append(ScorecardBin(label: label, lower: nil, upper: nil, categories: categories,
                                     isMissing: false, holdsOtherCategories: holdsOther,
                                     bads: counts.bads, goods: counts.goods, woe: 0, iv: 0, points: 0))
        }
        if missing.count > 0 { bins.append(Binner.missingBin(missing)) }
        let trend: WOETrend = groups.count > 1 ? .ascending : .flat
        var binning = VariableBinning(name: column.name, kind: .categorical, trend: trend, cuts: [], bins: bins, iv: 0)
        applyWOE(&binning)
        // Level code → bin.
        let levelBin = column.levels.map { Int32(binning.binIndex(forCategory: $0) ?? -1) }
        let missingIndex = Int32(binning.missingBin ?? -1)
        var assignment: [Int32] = []
        assignment.reserveCapacity(rows.count)
        for r in rows {
            let code = Int(column.codes[r])
            assignment.append(code < 0 ? missingIndex : levelBin[code])
        }
        return Output(binning: binning, assignment: assignment)
    }

    // MARK: Shared

    private static func missingBin(_ counts: Atom) -> ScorecardBin {
        ScorecardBin(label: "缺失值", lower: nil, upper: nil, categories: nil, isMissing: true,
                     holdsOtherCategories: false, bads: counts.bads, goods: counts.goods, woe: 0, iv: 0, points: 0)
    }

    private func applyWOE(_ binning: inout VariableBinning) {
        let table = WOETable(bads: binning.bins.map(\.bads), goods: binning.bins.map(\.goods),
                             smoothing: config.woeSmoothing)
        for index in binning.bins.indices {
            binning.bins[index].woe = table.woe[index]
            binning.bins[index].iv = table.ivContributions[index]
        }
        binning.iv = table.iv
    }

    /// Groups ordered atoms into bins: quantile prebins, then the IV-maximal grouping under the
    /// size, bin-count and trend constraints. Returns atom ranges.
    private func searchGroups(atoms: [Atom], totalGoods: Int, totalBads: Int, totalRows: Int,
                              allowShapes: Bool, categorical: Bool = false) -> ([Range<Int>], WOETrend) {
        guard atoms.count > 1 else { return (atoms.isEmpty ? [] : [0..<atoms.count], .flat) }
        let prebins: [Range<Int>]
        switch config.prebinning {
        case .quantile:
            prebins = Binner.quantileGroups(counts: atoms.map(\.count), groups: config.maxPrebins)
        case .tree:
            prebins = Binner.treeGroups(goods: atoms.map(\.goods), bads: atoms.map(\.bads),
                                        groups: config.maxPrebins, minCount: minBinCount(totalRows, bads: totalBads))
        }
        let preGoods = prebins.map { r in atoms[r].reduce(0) { $0 + $1.goods } }
        let preBads = prebins.map { r in atoms[r].reduce(0) { $0 + $1.bads } }
        let search = PartitionSearch(goods: preGoods, bads: preBads, totalGoods: totalGoods, totalBads: totalBads,
                                     minCount: minBinCount(totalRows, bads: totalBads), maxBins: config.maxBins,
                                     smoothing: config.woeSmoothing)
        var best: PartitionSearch.Result? = nil
        let monotone: [WOETrend] = categorical ? [.ascending] : [.ascending, .descending]
        for trend in monotone {
            if let r = search.run(trend: trend), r.iv > (best?.iv ?? -.infinity) { best = r }
        }
        if allowShapes && !categorical {
            var shaped: PartitionSearch.Result? = nil
            for trend in [WOETrend.peak, .valley] {
                if let r = search.run(trend: trend), r.iv > (shaped?.iv ?? -.infinity) { shaped = r }
            }
            // A peak or valley must beat the best monotonic trend by the relative tolerance and, if set, by a
            // significant amount: the IV gain times the effective size n_bad·n_good/n (which turns an IV difference
            // into a likelihood-ratio-like statistic) must exceed the chi-square quantile of one degree of freedom.
            let monotoneIV = best?.iv ?? 0
            let effectiveRows = Double(totalBads) * Double(totalGoods) / Double(max(totalBads + totalGoods, 1))
            if let shaped, shaped.iv > monotoneIV * (1 + config.monotonicTolerance),
               (shaped.iv - monotoneIV) * effectiveRows > Binner.chiSquareQuantile(config.shapeSignificance) {
                best = shaped
            }
        }
        guard let best, best.boundaries.count > 2 else { return ([0..<atoms.count], .flat) }
        var groups: [Range<Int>] = []
        for k in 0..<(best.boundaries.count - 1) {
            let first = prebins[best.boundaries[k]].lowerBound
            let last = prebins[best.boundaries[k + 1] - 1].upperBound
            groups.append(first..<last)
        }
        if let maxPValue = config.maxPValue {
            groups = Binner.mergeInsignificant(groups, atoms: atoms, maxPValue: maxPValue)
        }
        let rates = groups.map { g -> Double in
            let bads = atoms[g].reduce(0) { $0 + $1.bads }
            let count = atoms[g].reduce(0) { $0 + $1.count }
            return Double(bads) / Double(max(count, 1))
        }
        return (groups, Binner.shape(of: rates))
    }

    /// Merges, one pair at a time, the adjacent bins whose bad rates differ least significantly
    /// (chi-square test of the 2×2 table) while that p-value exceeds `maxPValue`.
    private static func mergeInsignificant(_ groups: [Range<Int>], atoms: [Atom], maxPValue: Double) -> [Range<Int>] {
        var groups = groups
        var counts = groups.map { g in atoms[g].reduce(Atom(goods: 0, bads: 0)) { Atom(goods: $0.goods + $1.goods, bads: $0.bads + $1.bads) } }
        while groups.count > 1 {
            var worst = -1
            var worstP = maxPValue
            for k in 0..<(groups.count - 1) {
                let p = chiSquarePValue(counts[k], counts[k + 1])
                if p > worstP {
                    worstP = p
                    worst = k
                }
            }
            guard worst >= 0 else { break }
            groups[worst] = groups[worst].lowerBound..<groups[worst + 1].upperBound
            counts[worst] = Atom(goods: counts[worst].goods + counts[worst + 1].goods,
                                 bads: counts[worst].bads + counts[worst + 1].bads)
            groups.remove(at: worst + 1)
            counts.remove(at: worst + 1)
        }
        return groups
    }

    /// The (1 − p) quantile of the chi-square distribution with one degree of freedom (0 for no test).
    static func chiSquareQuantile(_ p: Double?) -> Double {
        guard let p, p > 0, p < 1 else { return 0 }
        // Bisection on the p-value erfc(sqrt(x / 2)), which falls from 1 at x = 0.
        var low = 0.0, high = 100.0
        for _ in 0..<80 {
            let mid = (low + high) / 2
            if erfc((mid / 2).squareRoot()) > p { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }

    /// The p-value of Pearson's chi-square test (1 degree of freedom) that two bins share a bad rate.
    private static func chiSquarePValue(_ a: Atom, _ b: Atom) -> Double {
        let bads = Double(a.bads + b.bads), goods = Double(a.goods + b.goods)
        let na = Double(a.count), nb = Double(b.count)
        guard bads > 0, goods > 0, na > 0, nb > 0 else { return 1 }
        let cross = Double(a.bads) * Double(b.goods) - Double(b.bads) * Double(a.goods)
        let statistic = (na + nb) * cross * cross / (bads * goods * na * nb)
        return erfc((statistic / 2).squareRoot())
    }

    /// The trend of a sequence of bad rates.
    static func shape(of rates: [Double]) -> WOETrend {
        guard rates.count > 1 else { return .flat }
        var rises = 0, falls = 0, changes = 0
        var last: Bool? = nil
        for k in 1..<rates.count where rates[k] != rates[k - 1] {
            let up = rates[k] > rates[k - 1]
            if up { rises += 1 } else { falls += 1 }
            if let last, last != up { changes += 1 }
            last = up
        }
        if falls == 0 { return rises == 0 ? .flat : .ascending }
        if rises == 0 { return .descending }
        if changes == 1 { return last == false ? .peak : .valley }
        return .irregular
    }

    /// Splits ordered counts into at most `groups` contiguous runs of about equal total.
    static func quantileGroups(counts: [Int], groups: Int) -> [Range<Int>] {
        guard !counts.isEmpty else { return [] }
        let total = Double(counts.reduce(0, +))
        let step = total / Double(max(groups, 1))
        var result: [Range<Int>] = []
        var start = 0
        var cumulative = 0.0
        var nextCut = step
        for index in counts.indices {
            cumulative += Double(counts[index])
            if index < counts.count - 1, cumulative >= nextCut - 1e-9 {
                result.append(start..<(index + 1))
                start = index + 1
                while nextCut <= cumulative + 1e-9 { nextCut += step }
            }
        }
        result.append(start..<counts.count)
        return result
    }

    /// Splits ordered atoms into at most `groups` runs by best-first binary splits that most reduce
    /// the Gini impurity of the bad flag (a classification tree on one ordered feature), each run
    /// holding at least `minCount` rows.
    static func treeGroups(goods: [Int], bads: [Int], groups: Int, minCount: Int) -> [Range<Int>] {
        let n = goods.count
        guard n > 1 else { return n == 0 ? [] : [0..<n] }
        var goodsPrefix = [0], badsPrefix = [0]
        for i in 0..<n {
            goodsPrefix.append(goodsPrefix[i] + goods[i])
            badsPrefix.append(badsPrefix[i] + bads[i])
        }
        func impurity(_ a: Int, _ b: Int) -> Double {
            let g = Double(goodsPrefix[b] - goodsPrefix[a]), d = Double(badsPrefix[b] - badsPrefix[a])
            let t = g + d
            return t == 0 ? 0 : 2 * g * d / t  // count × Gini
        }
        func count(_ a: Int, _ b: Int) -> Int {
            goodsPrefix[b] - goodsPrefix[a] + badsPrefix[b] - badsPrefix[a]
        }
        /// The best split point of [a, b) and its impurity decrease.
        func bestSplit(_ range: Range<Int>) -> (at: Int, gain: Double)? {
            let parent = impurity(range.lowerBound, range.upperBound)
            var best: (Int, Double)? = nil
            for k in (range.lowerBound + 1)..<max(range.upperBound, range.lowerBound + 1) {
                guard count(range.lowerBound, k) >= minCount, count(k, range.upperBound) >= minCount else { continue }
                let gain = parent - impurity(range.lowerBound, k) - impurity(k, range.upperBound)
                if gain > (best?.1 ?? 1e-12) { best = (k, gain) }
            }
            return best
        }
        var leaves: [Range<Int>] = [0..<n]
        var splits: [(at: Int, gain: Double)?] = [bestSplit(0..<n)]
        while leaves.count < groups {
            var chosen = -1
            var gain = 0.0
            for (index, split) in splits.enumerated() {
                if let split, split.gain > gain {
                    gain = split.gain
                    chosen = index
                }
            }
            guard chosen >= 0, let split = splits[chosen] else { break }
            let range = leaves[chosen]
            let left = range.lowerBound..<split.at, right = split.at..<range.upperBound
            leaves[chosen] = left
            splits[chosen] = bestSplit(left)
            leaves.insert(right, at: chosen + 1)
            splits.insert(bestSplit(right), at: chosen + 1)
        }
        return leaves
    }

    /// Sorts numbers (no NaN) ascending, like `sort()` but by an LSD radix sort on order-preserving
    /// 64-bit keys, 11 bits a pass; passes in which every key has the same digit are skipped (e.g. the
    /// low mantissa bits of whole numbers). Equal values are indistinguishable, so the result is the
    /// same as `sort()`'s (up to the order of -0.0 and +0.0).
    static func sortAscending(_ values: inout [Double]) {
        let n = values.count
        guard n >= 512 else {
            values.sort()
            return
        }
        let sign: UInt64 = 1 << 63
        var keys = [UInt64](repeating: 0, count: n)
        var spare = [UInt64](repeating: 0, count: n)
        let radix = 2048, passes = 6
        var histogram = [Int](repeating: 0, count: radix * passes)
        values.withUnsafeBufferPointer { vs in
            keys.withUnsafeMutableBufferPointer { ks in
                histogram.withUnsafeMutableBufferPointer { hs in
                    for i in 0..<n {
                        let bits = vs[i].bitPattern
                        let key = bits & sign != 0 ? ~bits : bits | sign
                        ks[i] = key
                        for pass in 0..<passes {
                            hs[pass * radix + Int((key >> UInt64(pass * 11)) & 2047)] += 1
                        }
                    }
                }
            }
        }
        for pass in 0..<passes {
            let shift = UInt64(pass * 11)
            let offset = pass * radix
            // Skip a pass whose digit is the same in every key.
            let first = Int((keys[0] >> shift) & 2047)
            if histogram[offset + first] == n { continue }
            var total = 0
            for d in 0..<radix {
                let count = histogram[offset + d]
                histogram[offset + d] = total
                total += count
            }
            keys.withUnsafeBufferPointer { ks in
                spare.withUnsafeMutableBufferPointer { ss in
                    histogram.withUnsafeMutableBufferPointer { hs in
                        for i in 0..<n {
                            let key = ks[i]
                            let slot = offset + Int((key >> shift) & 2047)
                            ss[hs[slot]] = key
                            hs[slot] += 1
                        }
                    }
                }
            }
            swap(&keys, &spare)
        }
        values.withUnsafeMutableBufferPointer { vs in
            keys.withUnsafeBufferPointer { ks in
                for i in 0..<n {
                    let key = ks[i]
                    vs[i] = Double(bitPattern: key & sign != 0 ? key ^ sign : ~key)
                }
            }
        }
    }

    static func intervalLabel(_ lower: Double?, _ upper: Double?) -> String {
        let l = lower.map { "[" + formatNumber($0) } ?? "(-∞"
        let u = upper.map(formatNumber) ?? "+∞"
        return "\(l), \(u))"
    }

    static func formatNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
