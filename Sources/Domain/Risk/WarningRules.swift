import Foundation

/// The post-loan warning rules (贷后风险监测预警): the thresholds that turn two snapshots into signals, the points
/// of each signal, how points make a 0–100 score and a level, how long a signal counts, and how long a bank has
/// to answer an alert. All of it is versioned data with an effective day (`warning-rules.json`); a detection, an
/// assessment or a deadline is replayed under the version in force on its day (`inForce(on:)`).
///
/// **How points combine.** The score is the sum of the points of the signals still counting, capped at 100.
/// A sum keeps every line of the explanation honest (the lines add up to the score the bank sees) and matches
/// the one worked Suqian example (three signals together scoring 41, RISK.md §2.1). Repeats of one matter
/// (the same listing, the same lender, the firm's tax arrears growing again) count once, the latest, so a
/// slow drip of the same fact cannot climb the scale by itself; distinct matters add up, and the cap keeps the
/// scale at 0–100.
public struct WarningRules: Sendable, Equatable, Codable, VersionedRules {
    /// One version of the rules, in force from `effectiveFrom` until a later version takes over.
    public struct Version: Sendable, Equatable, Codable, RuleVersion {
        public var version: Int
        /// ISO `YYYY-MM-DD`: the first day this version applies.
        public var effectiveFrom: String
        /// Points of each signal code (`SignalCode.rawValue`), every code but `new_penalty`.
        public var points: [String: Int]
        /// Points of a new penalty by severity (`PenaltySeverity.rawValue`).
        public var penaltyPoints: [String: Int]
        /// A tax grade drop to one of these counts (a move within them only when it gets worse).
        public var warningTaxGrades: [String]
        /// Arrears (tax, social insurance, housing fund, utilities) count from this amount, when they appear or grow.
        public var minimumArrearsCents: Int64
        /// The insured headcount falling by at least this percentage against the previous snapshot …
        public var headcountDropPercent: Double
        /// … from at least this many people (so 2 → 1 in a two-person firm is not a signal).
        public var headcountMinimumBefore: Int
        /// A new month's consumption this percentage or more below the firm's own baseline …
        public var consumptionDropPercent: Double
        /// … which is the average of this many months right before it; with a month missing there is no baseline.
        public var consumptionBaselineMonths: Int
        /// A lender's report of this many days overdue or more.
        public var overdueDaysAtLeast: Int
        /// A signal counts in a score from the day it was detected for this many days.
        public var countingDays: Int
        /// The lowest score of each level but green (`WarningLevel.rawValue` → score).
        public var levelFloors: [String: Int]
        /// Days a bank has to acknowledge (签收) an alert of each level, from the day it was opened.
        public var acknowledgeDays: [String: Int]
        /// Days a bank has to record what it did (dismissed or handled) for an alert of each level, from opening.
        public var resolveDays: [String: Int]
        /// Days past a deadline an alert stays merely overdue (黄灯) before it escalates to the operator (红灯).
        public var escalateAfterDays: Int


        /// The points `signal` earns under this version.
        public func points(for signal: MonitoringSignal) -> Int {
            if case .penalty(_, let severity, _) = signal.facts { return penaltyPoints[severity.rawValue] ?? 0 }
            return points[signal.code.rawValue] ?? 0
        }

        /// The level of a 0–100 score.
        public func level(of score: Int) -> WarningLevel {
            WarningLevel.allCases.reversed().first { level in
                level == .green || score >= (levelFloors[level.rawValue] ?? Int.max)
            } ?? .green
        }

        public func acknowledgeDays(for level: WarningLevel) -> Int { acknowledgeDays[level.rawValue] ?? 0 }
        public func resolveDays(for level: WarningLevel) -> Int { resolveDays[level.rawValue] ?? 0 }
    }

    public var name: String
    public var source: String
    /// Oldest first.
    public var versions: [Version]

    public init(name: String, source: String, versions: [Version]) {
        self.name = name; self.source = source; self.versions = versions
    }


    /// The rules shipped with the platform (`warning-rules.json`).
    public static func bundled() throws(DomainError) -> WarningRules {
        guard let url = Bundle.module.url(forResource: "warning-rules", withExtension: "json"),
              let data = try? Data(contentsOf: url) else {
            throw .invalidCatalog(entry: fileName, reason: "安装包中缺少贷后预警规则文件")
        }
        return try decode(data)
    }

    /// Reads and checks a rules file; the first problem found is reported in Chinese.
    public static func decode(_ data: Data) throws(DomainError) -> WarningRules {
        let rules: WarningRules
        do { rules = try JSONDecoder().decode(WarningRules.self, from: data) } catch {
            throw .invalidCatalog(entry: fileName, reason: "贷后预警规则文件格式有误：\(error)")
        }
        if let problem = rules.problems().first { throw .invalidCatalog(entry: fileName, reason: problem) }
        return rules
    }

    static let fileName = "warning-rules.json"
}
