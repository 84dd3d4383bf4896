import Foundation
import Testing
@testable import Scorecard

/// Deterministic pseudo-random numbers for test tables (64-bit LCG).
struct ScorecardTestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(UInt64(1) << 53)
    }
}

@Suite("Scorecard binning")
struct ScorecardBinningTests {
    /// `x` uniform on 0..<100, bad with probability rising in x; every 10th value missing and bad-heavy.
    static func numericColumn(rows: Int, seed: UInt64) -> (TypedColumn, [UInt8]) {
        var random = ScorecardTestRandom(seed: seed)
        var cells: [String] = []
        var target: [UInt8] = []
        for i in 0..<rows {
            let x = (random.next() * 100).rounded()
            if i % 10 == 0 {
                cells.append(i % 20 == 0 ? "" : "NA")
                target.append(random.next() < 0.6 ? 1 : 0)
            } else {
                cells.append(String(x))
                target.append(random.next() < 0.05 + 0.5 * x / 100 ? 1 : 0)
            }
        }
        return (TypedColumn(name: "x", cells: cells), target)
    }

    @Test("Numeric bins: monotonic bad rate, minimum size, missing values in their own bin")
    func numericBinning() {
        let (column, target) = Self.numericColumn(rows: 4000, seed: 7)
        let config = BinningConfig(method: .monotonic, minBinShare: 0.05)
        let output = Binner(config: config).bin(column: column, rows: Array(0..<4000), target: target)
        let binning = output.binning
        #expect(binning.trend == .ascending)
        let missing = binning.missingBin
        #expect(missing == binning.bins.count - 1)
        #expect(binning.bins[binning.bins.count - 1].count == 400)
        let valueBins = binning.bins.filter { !$0.isMissing }
        #expect(valueBins.count >= 3)
        #expect(valueBins.allSatisfy { $0.count >= 200 })  // 5 % of 4000
        let rates = valueBins.map(\.badRate)
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 < $1 })
        let woes = valueBins.map(\.woe)
        #expect(zip(woes, woes.dropFirst()).allSatisfy { $0 < $1 })
        #expect(binning.cuts.count == valueBins.count - 1)
        #expect(valueBins.first?.lower == nil && valueBins.last?.upper == nil)
        // IV is the sum of the bins' shares and matches a direct WOE table.
        let table = WOETable(bads: binning.bins.map(\.bads), goods: binning.bins.map(\.goods), smoothing: 0.5)
        #expect(abs(binning.iv - table.iv) < 1e-12)
        #expect(abs(binning.bins.map(\.iv).reduce(0, +) - binning.iv) < 1e-12)
        // Every training row's bin agrees with the lookup of its cell.
        for (row, bin) in output.assignment.enumerated().prefix(500) {
            #expect(binning.binIndex(forNumber: column.numbers[row]) == Int(bin))
        }
        // Lookup: bounds are [lower, upper).
        if let cut = binning.cuts.first {
            #expect(binning.binIndex(forCell: String(cut)) == 1)
            #expect(binning.binIndex(forCell: String(cut.nextDown)) == 0)
        }
        #expect(binning.binIndex(forCell: "-1e9") == 0)
        #expect(binning.binIndex(forCell: "1e9") == valueBins.count - 1)
        #expect(binning.binIndex(forCell: "null") == missing)
        #expect(binning.binIndex(forCell: "abc") == nil)
    }

    @Test("A descending variable is found descending; the optimal method may keep a peak")
    func trends() {
        // x uniform on [0, 1): one bad rate falls with x, the other peaks at x = 0.5.
        var random = ScorecardTestRandom(seed: 3)
        var descending: [String] = [], peak: [String] = []
        for _ in 0..<5000 {
            let x = random.next()
            descending.append(String(x))
            peak.append(String(random.next()))
        }
        var t2: [UInt8] = []
        var r2 = ScorecardTestRandom(seed: 11)
        for cell in peak {
            let x = Double(cell) ?? 0
            t2.append(r2.next() < 0.05 + 0.6 * exp(-pow((x - 0.5) / 0.12, 2)) ? 1 : 0)
        }
        var t1: [UInt8] = []
        var r1 = ScorecardTestRandom(seed: 12)
        for cell in descending {
            let x = Double(cell) ?? 0
            t1.append(r1.next() < 0.4 - 0.3 * x ? 1 : 0)
        }
        let rows = Array(0..<5000)
        let monotonic = Binner(config: BinningConfig(method: .monotonic))
        let optimal = Binner(config: BinningConfig(method: .optimal))
        #expect(monotonic.bin(column: TypedColumn(name: "d", cells: descending), rows: rows, target: t1).binning.trend == .descending)
        let peaked = optimal.bin(column: TypedColumn(name: "p", cells: peak), rows: rows, target: t2).binning
        #expect(peaked.trend == .peak)
        let forced = monotonic.bin(column: TypedColumn(name: "p", cells: peak), rows: rows, target: t2).binning
        #expect(forced.trend == .ascending || forced.trend == .descending)
        #expect(peaked.iv > forced.iv)
    }

    @Test("Categorical bins: ordered by bad rate, rare and unseen categories share the other bin")
    func categoricalBinning() {
        var random = ScorecardTestRandom(seed: 5)
        var cells: [String] = []
        var target: [UInt8] = []
        let risk = ["A": 0.05, "B": 0.15, "C": 0.3, "D": 0.5]
        for i in 0..<2000 {
            let category: String
            if i % 250 == 0 { category = "rare\(i)" } else if i % 97 == 0 { category = "" } else {
                category = ["A", "B", "C", "D"][Int(random.next() * 4)]
            }
            cells.append(category)
            target.append(random.next() < (risk[category] ?? 0.3) ? 1 : 0)
        }
        let column = TypedColumn(name: "c", cells: cells)
        #expect(column.kind == .categorical)
        let binning = Binner(config: BinningConfig()).bin(column: column, rows: Array(0..<2000), target: target).binning
        let valueBins = binning.bins.filter { !$0.isMissing }
        let rates = valueBins.map(\.badRate)
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 < $1 })
        #expect(binning.binIndex(forCell: "A") == 0)
        let other = binning.otherBin
        #expect(other != nil)
        #expect(binning.bins[other ?? 0].categories?.contains("rare0") == true)
        #expect(binning.binIndex(forCell: "never seen") == other)
        #expect(binning.binIndex(forCell: " A ") == binning.binIndex(forCell: "A"))
        #expect(binning.binIndex(forCell: "NaN") == binning.missingBin)
    }

    @Test("Constant, empty and all-missing columns give one bin and no information")
    func degenerateColumns() {
        let target: [UInt8] = [0, 1, 0, 0, 1, 0, 0, 0, 1, 0]
        let rows = Array(0..<10)
        let binner = Binner(config: BinningConfig())
        for cells in [Array(repeating: "7", count: 10), Array(repeating: "", count: 10),
                      ["NA", "null", "NaN", "", "na", "NULL", "nan", " ", "Na", ""], Array(repeating: "x", count: 10)] {
            let binning = binner.bin(column: TypedColumn(name: "z", cells: cells), rows: rows, target: target).binning
            #expect(binning.bins.count == 1)
            #expect(abs(binning.iv) < 1e-12)
            #expect(abs(binning.bins[0].woe) < 1e-12)
        }
        let empty = binner.bin(column: TypedColumn(name: "z", cells: Array(repeating: "", count: 10)), rows: rows, target: target).binning
        #expect(empty.bins[0].isMissing)
        #expect(empty.binIndex(forCell: "3") == nil)
    }

    @Test("Significance merging leaves fewer, clearly different bins")
    func significanceMerging() {
        let (column, target) = Self.numericColumn(rows: 4000, seed: 8)
        let rows = Array(0..<4000)
        let plain = Binner(config: BinningConfig(method: .monotonic)).bin(column: column, rows: rows, target: target).binning
        let merged = Binner(config: BinningConfig(method: .monotonic, maxPValue: 0.01)).bin(column: column, rows: rows, target: target).binning
        #expect(merged.valueBinCount <= plain.valueBinCount)
        #expect(merged.valueBinCount >= 2)
        let bins = merged.bins.filter { !$0.isMissing }
        for (a, b) in zip(bins, bins.dropFirst()) {
            // Pearson chi-square of the 2×2 table must exceed the 1 % critical value 6.635.
            let n = Double(a.count + b.count), bads = Double(a.bads + b.bads), goods = Double(a.goods + b.goods)
            let cross = Double(a.bads * b.goods - b.bads * a.goods)
            #expect(n * cross * cross / (bads * goods * Double(a.count) * Double(b.count)) > 6.635)
        }
    }

    @Test("Tree prebinning splits where the bad rate changes")
    func treeGroups() {
        // 10 atoms of 100 rows: the bad rate jumps between atoms 3 and 4 and between 6 and 7.
        let bads = [5, 5, 5, 5, 40, 40, 40, 80, 80, 80]
        let goods = bads.map { 100 - $0 }
        let groups = Binner.treeGroups(goods: goods, bads: bads, groups: 3, minCount: 100)
        #expect(groups == [0..<4, 4..<7, 7..<10])
        #expect(Binner.quantileGroups(counts: [10, 10, 10, 10], groups: 2) == [0..<2, 2..<4])
    }
}
