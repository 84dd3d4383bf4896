import Foundation

/// The points schemes of the two-way evaluation (金融机构 and 区县), as versioned data (`evaluation-points.json`).
public struct PointsSchemes: Sendable, Equatable, Codable {
    public var name: String
    public var source: String
    public var schemes: [PointsScheme]

    static let fileName = "evaluation-points.json"

    /// No scheme (a package without the file: nobody is rated, and the page says so).
    public static let none = PointsSchemes(name: "", source: "", schemes: [])

    public static func bundled() throws(DomainError) -> PointsSchemes {
        guard let url = Bundle.module.url(forResource: "evaluation-points", withExtension: "json"),
              let data = try? Data(contentsOf: url) else {
            throw .invalidCatalog(entry: fileName, reason: "安装包中缺少专项评价积分方案文件")
        }
        return try decode(data)
    }

    public static func decode(_ data: Data) throws(DomainError) -> PointsSchemes {
        let file: PointsSchemes
        do { file = try JSONDecoder().decode(PointsSchemes.self, from: data) } catch {
            throw .invalidCatalog(entry: fileName, reason: "专项评价积分方案文件格式有误：\(error)")
        }
        if let problem = file.problems().first { throw .invalidCatalog(entry: fileName, reason: problem) }
        return file
    }

    public func scheme(_ subject: PointsSubject) -> PointsScheme? { schemes.first { $0.subject == subject } }

    public func problems() -> [String] {
        schemes.flatMap { scheme in scheme.versions.flatMap { v in v.problems().map { "\(scheme.name) 版本 \(v.version)：\($0)" } } }
    }
}

/// Who is evaluated.
public enum PointsSubject: String, Sendable, Codable, CaseIterable {
    case institution, district

    public var dimension: StatDimension { self == .institution ? .institution : .district }
}

public struct PointsScheme: Sendable, Equatable, Codable, VersionedRules {
    public var subject: PointsSubject
    public var name: String
    public var versions: [Version]

    public struct Version: Sendable, Equatable, Codable, RuleVersion {
        public var version: Int
        public var effectiveFrom: String
        public var items: [Item]

        public var maxPoints: Int { items.reduce(0) { $0 + $1.maxPoints } }

        /// The indicators the items read.
        public var indicators: [Indicator] {
            Array(Set(items.compactMap { $0.rule.indicator })).sorted().compactMap(IndicatorCatalog.indicator)
        }

        func problems() -> [String] {
            var problems: [String] = []
            if effectiveDay == nil { problems.append("生效日期“\(effectiveFrom)”不是 YYYY-MM-DD") }
            if Set(items.map(\.code)).count != items.count { problems.append("评分项代码重复") }
            for item in items {
                if item.maxPoints <= 0 { problems.append("评分项 \(item.code) 的分值须为正数") }
                if let code = item.rule.indicator, IndicatorCatalog.indicator(code) == nil {
                    problems.append("评分项 \(item.code) 引用了不存在的指标 \(code)")
                }
                switch item.rule.kind {
                case .target where (item.rule.target ?? 0) <= 0: problems.append("评分项 \(item.code) 缺少正的目标值")
                case .rankBonus where (item.rule.points ?? []).contains { $0 > item.maxPoints || $0 < 0 } || (item.rule.points ?? []).isEmpty:
                    problems.append("评分项 \(item.code) 的名次加分须在 0 至 \(item.maxPoints) 之间")
                case .shareOfBest, .target, .rankBonus:
                    if item.rule.indicator == nil { problems.append("评分项 \(item.code) 缺少指标") }
                case .manual: break
                }
            }
            return problems
        }
    }

    public struct Item: Sendable, Equatable, Codable {
        public var code: String
        public var label: String
        /// The heading it is summed under (信贷投放, 政策落实, 工作部署, 加分).
        public var group: String
        public var maxPoints: Int
        public var rule: Rule
    }

    public struct Rule: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable {
            /// maxPoints × value ÷ the best subject's value (0 when the value is not positive).
            case shareOfBest
            /// maxPoints × value ÷ target, at most maxPoints.
            case target
            /// Scored by the credit center (policy implementation, deployment), 0…maxPoints.
            case manual
            /// `points[r − 1]` for rank r by growth, change or level of the indicator; ties share a rank.
            case rankBonus
        }
        public enum Basis: String, Sendable, Codable {
            /// (this period − previous) ÷ previous.
            case growth
            /// this period − previous.
            case change
            /// this period's value.
            case level
        }
        public var kind: Kind
        public var indicator: String?
        /// In the indicator's unit (millionths for shares).
        public var target: Int64?
        public var basis: Basis?
        public var higherIsBetter: Bool?
        public var points: [Int]?
    }
}
