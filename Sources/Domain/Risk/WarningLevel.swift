/// A warning level on the Suqian 冒烟指数 scale (RISK.md §2.3): 红 ≥ 80, 橙 60–80, 黄 40–60, 蓝 20–40, 绿 < 20.
/// The floors are data (`WarningRules.Version.levelFloors`); the order is fixed, from least to most risky.
public enum WarningLevel: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    case green
    case blue
    case yellow
    case orange
    case red

    /// 红, 橙, 黄, 蓝, 绿.
    public var label: String {
        switch self {
        case .green: "绿"
        case .blue: "蓝"
        case .yellow: "黄"
        case .orange: "橙"
        case .red: "红"
        }
    }

    /// 红色预警 … 绿色（正常）.
    public var title: String { self == .green ? "绿色（正常）" : "\(label)色预警" }

    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (a: WarningLevel, b: WarningLevel) -> Bool { a.rank < b.rank }
}
