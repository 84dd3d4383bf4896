/// A firm's risk on one day: a 0–100 score from the signals still counting, its level on the 冒烟指数 scale,
/// the signals behind it with their points, and a Chinese explanation. Replayed under the rules of its day.
public struct RiskScore: Sendable, Equatable {
    /// A signal and the points it adds.
    public struct Contribution: Sendable, Equatable {
        public var signal: MonitoringSignal
        public var points: Int
    }

    /// The rules version applied.
    public var version: Int
    public var day: Day
    /// 0–100; higher is riskier.
    public var score: Int
    public var level: WarningLevel
    /// The counting signals that earn points, most points first (then most recent).
    public var contributions: [Contribution]
    public var explanation: String

    /// Assesses `signals` on `day` under the version in force that day; nil before any version is in force.
    ///
    /// A signal counts from the day it was detected for `countingDays` days (detected on day d, it counts on
    /// d … d + countingDays − 1); signals detected after `day` are ignored, so a past day replays as it was.
    /// Of several signals about the same matter (`MonitoringSignal.key`) only the latest counts. The score is
    /// the sum of the points, capped at 100 (see `WarningRules`).
    public static func assess(signals: [MonitoringSignal], on day: Day, rules: WarningRules) -> RiskScore? {
        guard let v = rules.inForce(on: day) else { return nil }
        var latest: [String: MonitoringSignal] = [:]
        for signal in signals {
            let age = WarningText.days(from: signal.detectedOn, to: day)
            guard age >= 0, age < v.countingDays else { continue }
            if let seen = latest[signal.key], seen.detectedOn > signal.detectedOn { continue }
            latest[signal.key] = signal
        }
        let contributions = latest.values
            .map { Contribution(signal: $0, points: v.points(for: $0)) }
            .filter { $0.points > 0 }
            .sorted { a, b in
                (a.points, a.signal.detectedOn, b.signal.key) > (b.points, b.signal.detectedOn, a.signal.key)
            }
        let total = contributions.reduce(0) { $0 + $1.points }
        let score = min(total, 100)
        let level = v.level(of: score)
        return RiskScore(version: v.version, day: day, score: score, level: level, contributions: contributions,
                         explanation: explain(score: score, total: total, level: level, contributions, countingDays: v.countingDays))
    }

    static func explain(score: Int, total: Int, level: WarningLevel, _ contributions: [Contribution], countingDays: Int) -> String {
        guard !contributions.isEmpty else {
            return "近 \(countingDays) 天内未发现计分的风险信号，风险评分 0 分，\(level.title)"
        }
        let lines = contributions.map { "\($0.signal.text)（\($0.signal.detectedOn)，+\($0.points) 分）" }
        let capped = total > score ? "各项合计 \(total) 分，按上限计 \(score) 分" : "合计 \(score) 分"
        return "风险评分 \(score) 分，\(level.title)。近 \(countingDays) 天内的风险信号：" + lines.joined(separator: "；") + "；\(capped)"
    }
}
