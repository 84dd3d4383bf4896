import Foundation

/// How the bins of a variable are chosen.
public enum BinningMethod: String, Codable, Sendable, Equatable {
    /// The IV-maximal grouping of the fine (quantile) bins whose bad rate rises or falls monotonically;
    /// the direction with the higher IV is kept.
    case monotonic
    /// Like `monotonic`, but a numeric variable may also take a peak (rise then fall) or valley shape
    /// when that gains more than `BinningConfig.monotonicTolerance` of IV over the best monotonic trend.
    case optimal
}

/// The shape of the bad rate across a variable's ordered bins.
/// How the fine bins that the search groups are made.
public enum PrebinningMethod: String, Codable, Sendable, Equatable {
    /// Runs of about equal row counts.
    case quantile
    /// Leaves of a Gini classification tree on the ordered values (each at least the minimum bin size).
    case tree
}

public enum WOETrend: String, Codable, Sendable, Equatable {
    case ascending, descending, peak, valley
    /// A single value bin (or none): nothing to order.
    case flat
    /// More than one change of direction (only from an unconstrained search).
    case irregular
}

/// Settings of the binning step.
public struct BinningConfig: Codable, Sendable, Equatable {
    public var method: BinningMethod
    public var prebinning: PrebinningMethod
    /// The number of fine bins (quantiles of the training rows) that the search groups. At least 2.
    public var maxPrebins: Int
    /// The smallest share of the training rows a value bin may hold (the missing bin is exempt).
    public var minBinShare: Double
    /// The most value bins a variable may have (the missing bin not counted); nil for no limit.
    public var maxBins: Int?
    /// For `optimal`: a numeric variable keeps a monotonic trend unless a peak or valley shape has
    /// more than `(1 + monotonicTolerance)` times its IV.
    public var monotonicTolerance: Double
    /// Added to each bin's bad and good counts when computing WOE (keeps WOE finite). Must be > 0.
    public var woeSmoothing: Double
    /// Categories holding less than this share of the training rows are pooled into one "other" bin,
    /// which also receives categories never seen in training.
    public var rareCategoryShare: Double
    /// Pseudo-count pulling a category's bad rate towards the overall rate when categories are ordered.
    public var categoryPriorWeight: Double
    /// After the search, adjacent bins whose bad rates do not differ at this significance level
    /// (chi-square p-value above it) are merged; nil keeps every bin.
    public var maxPValue: Double?
    /// For `optimal`: a peak or valley shape must also gain significantly over the best monotonic trend, at this
    /// level (see `Binner`); nil for no test.
    public var shapeSignificance: Double?
    /// A value bin must hold enough rows to expect this many events of the rarer class (defaults, usually) at
    /// the overall rate; 0 for no such floor. With rare defaults this widens the bins beyond `minBinShare`.
    public var minBinEvents: Double
    /// Categories too small to expect this many events of the rarer class are pooled like rare ones.
    public var minCategoryEvents: Double

    public init(
        method: BinningMethod = .optimal,
        prebinning: PrebinningMethod = .quantile,
        maxPrebins: Int = 40,
        minBinShare: Double = 0.05,
        maxBins: Int? = nil,
        monotonicTolerance: Double = 0.1,
        woeSmoothing: Double = 0.5,
        rareCategoryShare: Double = 0.01,
        categoryPriorWeight: Double = 2,
        maxPValue: Double? = nil,
        shapeSignificance: Double? = 0.05,
        minBinEvents: Double = 8,
        minCategoryEvents: Double = 3
    ) {
        self.minBinEvents = minBinEvents
        self.minCategoryEvents = minCategoryEvents
        self.shapeSignificance = shapeSignificance
        self.method = method
        self.prebinning = prebinning
        self.maxPrebins = maxPrebins
        self.minBinShare = minBinShare
        self.maxBins = maxBins
        self.monotonicTolerance = monotonicTolerance
        self.woeSmoothing = woeSmoothing
        self.rareCategoryShare = rareCategoryShare
        self.categoryPriorWeight = categoryPriorWeight
        self.maxPValue = maxPValue
    }

    /// Reads a configuration; absent keys take their default values.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = BinningConfig()
        method = try c.decodeIfPresent(BinningMethod.self, forKey: .method) ?? d.method
        prebinning = try c.decodeIfPresent(PrebinningMethod.self, forKey: .prebinning) ?? d.prebinning
        maxPrebins = try c.decodeIfPresent(Int.self, forKey: .maxPrebins) ?? d.maxPrebins
        minBinShare = try c.decodeIfPresent(Double.self, forKey: .minBinShare) ?? d.minBinShare
        maxBins = try c.decodeIfPresent(Int.self, forKey: .maxBins)
        monotonicTolerance = try c.decodeIfPresent(Double.self, forKey: .monotonicTolerance) ?? d.monotonicTolerance
        woeSmoothing = try c.decodeIfPresent(Double.self, forKey: .woeSmoothing) ?? d.woeSmoothing
        rareCategoryShare = try c.decodeIfPresent(Double.self, forKey: .rareCategoryShare) ?? d.rareCategoryShare
        categoryPriorWeight = try c.decodeIfPresent(Double.self, forKey: .categoryPriorWeight) ?? d.categoryPriorWeight
        maxPValue = try c.decodeIfPresent(Double.self, forKey: .maxPValue)
        minBinEvents = try c.decodeIfPresent(Double.self, forKey: .minBinEvents) ?? d.minBinEvents
        minCategoryEvents = try c.decodeIfPresent(Double.self, forKey: .minCategoryEvents) ?? d.minCategoryEvents
        shapeSignificance = c.contains(.shapeSignificance)
            ? try c.decodeIfPresent(Double.self, forKey: .shapeSignificance) : d.shapeSignificance
    }

    enum CodingKeys: String, CodingKey {
        case method, prebinning, maxPrebins, minBinShare, maxBins, monotonicTolerance, woeSmoothing, rareCategoryShare,
             categoryPriorWeight, maxPValue, shapeSignificance, minBinEvents, minCategoryEvents
    }

    /// Every key written; `shapeSignificance` as null when off, so that it reads back off rather than as the default
    /// (an absent key means the default; `maxBins` and `maxPValue` default to off, so leaving them out is the same).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(method, forKey: .method)
        try c.encode(prebinning, forKey: .prebinning)
        try c.encode(maxPrebins, forKey: .maxPrebins)
        try c.encode(minBinShare, forKey: .minBinShare)
        try c.encodeIfPresent(maxBins, forKey: .maxBins)
        try c.encode(monotonicTolerance, forKey: .monotonicTolerance)
        try c.encode(woeSmoothing, forKey: .woeSmoothing)
        try c.encode(rareCategoryShare, forKey: .rareCategoryShare)
        try c.encode(categoryPriorWeight, forKey: .categoryPriorWeight)
        try c.encodeIfPresent(maxPValue, forKey: .maxPValue)
        try c.encode(shapeSignificance, forKey: .shapeSignificance)
        try c.encode(minBinEvents, forKey: .minBinEvents)
        try c.encode(minCategoryEvents, forKey: .minCategoryEvents)
    }

    func validate() throws(ScorecardError) {
        guard maxPrebins >= 2, maxPrebins <= 200 else { throw .invalidConfiguration("细分箱数 maxPrebins 须在 2 到 200 之间") }
        guard minBinShare >= 0, minBinShare < 0.5 else { throw .invalidConfiguration("最小箱占比 minBinShare 须在 0 到 0.5 之间") }
        if let maxBins, maxBins < 1 { throw .invalidConfiguration("最大箱数 maxBins 须至少为 1") }
        guard monotonicTolerance >= 0, monotonicTolerance.isFinite else { throw .invalidConfiguration("单调容差 monotonicTolerance 须为非负数") }
        guard woeSmoothing > 0, woeSmoothing.isFinite else { throw .invalidConfiguration("WOE 平滑参数 woeSmoothing 须大于 0") }
        guard rareCategoryShare >= 0, rareCategoryShare < 1 else { throw .invalidConfiguration("稀有类别占比 rareCategoryShare 须在 0 到 1 之间") }
        guard categoryPriorWeight >= 0, categoryPriorWeight.isFinite else { throw .invalidConfiguration("类别先验权重 categoryPriorWeight 须为非负数") }
        guard minBinEvents >= 0, minBinEvents.isFinite else { throw .invalidConfiguration("最小箱事件数 minBinEvents 须为非负数") }
        guard minCategoryEvents >= 0, minCategoryEvents.isFinite else { throw .invalidConfiguration("类别最小事件数 minCategoryEvents 须为非负数") }
        if let shapeSignificance, !(shapeSignificance > 0 && shapeSignificance < 1) {
            throw .invalidConfiguration("形状显著性水平 shapeSignificance 须在 0 到 1 之间")
        }
        if let maxPValue, !(maxPValue > 0 && maxPValue <= 1) { throw .invalidConfiguration("合并显著性水平 maxPValue 须在 0 到 1 之间") }
    }
}

/// One bin of a variable, with its training counts, WOE and points.
public struct ScorecardBin: Codable, Sendable, Equatable {
    /// How the bin reads to a person, e.g. `[25, 33.5)`, `A | B` or `缺失值`.
    public var label: String
    /// Numeric value bins: inclusive lower bound; nil for no bound.
    public var lower: Double?
    /// Numeric value bins: exclusive upper bound; nil for no bound.
    public var upper: Double?
    /// Categorical value bins: the categories it holds.
    public var categories: [String]?
    /// The bin of missing values.
    public var isMissing: Bool
    /// Categorical: the bin that holds rare training categories and receives unseen ones.
    public var holdsOtherCategories: Bool
    public var bads: Int
    public var goods: Int
    public var woe: Double
    /// The bin's share of the variable's IV.
    public var iv: Double
    /// Scorecard points of the bin (0 until the model is scaled).
    public var points: Double

    public var count: Int { bads + goods }
    public var badRate: Double { count == 0 ? 0 : Double(bads) / Double(count) }
}

/// The bins of one variable and how cells map to them.
public struct VariableBinning: Codable, Sendable, Equatable {
    public var name: String
    public var kind: VariableKind
    public var trend: WOETrend
    /// Numeric: ascending cut points; value bin `i` covers `[cuts[i-1], cuts[i])`.
    public var cuts: [Double]
    /// Value bins in order, then the missing bin if the training rows had missing values.
    public var bins: [ScorecardBin]
    public var iv: Double

    /// Categorical: category → bin index (rebuilt from `bins` when decoded).
    private var categoryIndex: [String: Int] = [:]

    private enum CodingKeys: String, CodingKey { case name, kind, trend, cuts, bins, iv }

    init(name: String, kind: VariableKind, trend: WOETrend, cuts: [Double], bins: [ScorecardBin], iv: Double) {
        self.name = name
        self.kind = kind
        self.trend = trend
        self.cuts = cuts
        self.bins = bins
        self.iv = iv
        self.categoryIndex = VariableBinning.makeCategoryIndex(bins)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        kind = try container.decode(VariableKind.self, forKey: .kind)
        trend = try container.decode(WOETrend.self, forKey: .trend)
        cuts = try container.decode([Double].self, forKey: .cuts)
        bins = try container.decode([ScorecardBin].self, forKey: .bins)
        iv = try container.decode(Double.self, forKey: .iv)
        categoryIndex = VariableBinning.makeCategoryIndex(bins)
        guard cuts == cuts.sorted() else {
            throw DecodingError.dataCorruptedError(forKey: .cuts, in: container, debugDescription: "cuts not ascending")
        }
        if kind == .numeric, valueBinCount > 0, valueBinCount != cuts.count + 1 {
            throw DecodingError.dataCorruptedError(forKey: .bins, in: container, debugDescription: "bins do not match cuts")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encode(trend, forKey: .trend)
        try container.encode(cuts, forKey: .cuts)
        try container.encode(bins, forKey: .bins)
        try container.encode(iv, forKey: .iv)
    }

    private static func makeCategoryIndex(_ bins: [ScorecardBin]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (b, bin) in bins.enumerated() {
            for category in bin.categories ?? [] { index[category] = b }
        }
        return index
    }

    /// The index of the missing bin, if any.
    public var missingBin: Int? { bins.firstIndex { $0.isMissing } }
    /// The index of the categorical "other" bin, if any.
    public var otherBin: Int? { bins.firstIndex { $0.holdsOtherCategories } }
    /// The number of value (non-missing) bins.
    public var valueBinCount: Int { bins.count - (missingBin == nil ? 0 : 1) }

    /// The bin of a raw cell, or nil when the cell has no bin (a category never seen in training
    /// and no "other" bin, a non-number in a numeric variable, a missing value when training had
    /// none): such a cell gets WOE 0, the average risk.
    public func binIndex(forCell cell: String) -> Int? {
        if ScorecardTable.isMissing(cell) { return missingBin }
        switch kind {
        case .numeric:
            guard let value = ScorecardTable.number(cell) else { return nil }
            return binIndex(forNumber: value)
        case .categorical:
            return binIndex(forCategory: ScorecardTable.trimmedText(cell))
        }
    }

    /// Numeric: the bin of a value (NaN → missing bin).
    func binIndex(forNumber value: Double) -> Int? {
        if value.isNaN { return missingBin }
        guard valueBinCount > 0 else { return nil }
        // Number of cuts <= value.
        var low = 0, high = cuts.count
        while low < high {
            let mid = (low + high) / 2
            if cuts[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Categorical: the bin of a trimmed category.
    func binIndex(forCategory category: String) -> Int? {
        categoryIndex[category] ?? otherBin
    }

    /// The WOE used for a bin index (0 when nil).
    public func woe(ofBin index: Int?) -> Double {
        guard let index, bins.indices.contains(index) else { return 0 }
        return bins[index].woe
    }
}

/// `VariableBinning.binIndex(forNumber:)` with the missing bin and the value-bin count looked up once,
/// for binning many values of one variable.
struct NumberBinLookup {
    let cuts: [Double]
    let missingBin: Int?
    let hasValueBins: Bool

    init(_ binning: VariableBinning) {
        cuts = binning.cuts
        missingBin = binning.missingBin
        hasValueBins = binning.valueBinCount > 0
    }

    @inline(__always)
    func bin(_ value: Double) -> Int? {
        if value.isNaN { return missingBin }
        guard hasValueBins else { return nil }
        return cuts.withUnsafeBufferPointer { cuts in
            // Few cuts: count those ≤ value without branches (cuts ascend, so the same index).
            if cuts.count <= 16 {
                var count = 0
                for cut in cuts { count &+= Int(unsafeBitCast(cut <= value, to: UInt8.self)) }
                return count
            }
            var low = 0, high = cuts.count
            while low < high {
                let mid = (low + high) / 2
                if cuts[mid] <= value { low = mid + 1 } else { high = mid }
            }
            return low
        }
    }
}
