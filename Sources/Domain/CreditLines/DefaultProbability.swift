/// A default probability in parts per million (1,000,000 = certain default): exact in integers, finer than any
/// model's precision. `8_500` is 0.85 %.
public struct DefaultProbability: Sendable, Equatable, Hashable, Comparable, Codable, CustomStringConvertible {
    public static let scale = 1_000_000
    public var ppm: Int

    public init(ppm: Int) { self.ppm = min(max(ppm, 0), Self.scale) }

    /// From a fraction in [0, 1] (e.g. a model's output), rounded to the nearest ppm; nil when not a probability.
    public init?(fraction: Double) {
        guard fraction.isFinite, fraction >= 0, fraction <= 1 else { return nil }
        self.init(ppm: Int((fraction * Double(Self.scale)).rounded()))
    }

    /// Reads "0.0085" or "0.85%" as a bank writes it in a file; nil when it is not a probability.
    public init?(text: String) {
        let t = text.trimmingSpaces()
        if t.hasSuffix("%") {
            guard let percent = Double(String(t.dropLast()).trimmingSpaces()) else { return nil }
            self.init(fraction: percent / 100)
        } else {
            guard let value = Double(t) else { return nil }
            self.init(fraction: value)
        }
    }

    public static func < (a: DefaultProbability, b: DefaultProbability) -> Bool { a.ppm < b.ppm }

    public var fraction: Double { Double(ppm) / Double(Self.scale) }

    /// "0.85%" (two decimals of a percent, rounded half up).
    public var percentText: String {
        let hundredths = (ppm + 50) / 100
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)%"
    }

    public var description: String { percentText }
}

/// Where a run's default probabilities come from.
public enum ProbabilitySource: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// The bank's own scorecard: the firm's public credit evaluation score turned into a probability by the bank's
    /// scaling (`ScorecardScaling`).
    case scorecard
    /// A file the bank uploads (uscc, probability): the output of a joint model run (联合建模), or of its own model.
    case uploaded

    public var label: String {
        switch self {
        case .scorecard: "银行评分卡（按公共信用综合评价得分换算）"
        case .uploaded: "银行上传的违约概率（联合建模结果）"
        }
    }
}

/// How the bank's scorecard reads a score as a probability: `score = offset + factor × ln(good:bad odds)`,
/// `factor = pdo / ln 2`, `offset = baseScore − factor × ln(baseOdds)` (the platform's scorecard engine's scaling,
/// `Scorecard.ScalingConfig`). The default: 700 points at 50:1 odds, 60 points to double them.
public struct ScorecardScaling: Sendable, Equatable, Hashable, Codable {
    public var baseScore: Int
    public var baseOdds: Int
    public var pdo: Int

    public init(baseScore: Int = 700, baseOdds: Int = 50, pdo: Int = 60) {
        self.baseScore = baseScore; self.baseOdds = baseOdds; self.pdo = pdo
    }

    public static let standard = ScorecardScaling()

    public func validate() throws(DomainError) {
        guard (0...1_000).contains(baseScore) else { throw .invalidInput(field: "scaling.baseScore", reason: "基准分须在 0 到 1000 之间") }
        guard (1...10_000).contains(baseOdds) else { throw .invalidInput(field: "scaling.baseOdds", reason: "基准好坏比须在 1 到 10000 之间") }
        guard (1...500).contains(pdo) else { throw .invalidInput(field: "scaling.pdo", reason: "翻倍分值须在 1 到 500 之间") }
    }
}
