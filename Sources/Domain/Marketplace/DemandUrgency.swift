/// How soon a firm needs the money; also how long its demand stays in the pool.
public enum DemandUrgency: String, Codable, Sendable, CaseIterable, Hashable {
    case withinWeek = "within_week"
    case withinMonth = "within_month"
    case withinQuarter = "within_quarter"

    public var label: String {
        switch self {
        case .withinWeek: "一周内"
        case .withinMonth: "一月内"
        case .withinQuarter: "三月内"
        }
    }

    /// Days the demand stays open before it expires: 7, 30, 90.
    public var days: Int {
        switch self {
        case .withinWeek: 7
        case .withinMonth: 30
        case .withinQuarter: 90
        }
    }
}

/// A financing demand's lifecycle: open 待接单 → taken 已接单 → closed 已办结; open or taken → withdrawn 已撤回
/// by the firm; open → expired 已过期 when nobody took it in time.
public enum DemandStatus: String, Codable, Sendable, CaseIterable, Hashable {
    case open
    case taken
    case closed
    case withdrawn
    case expired

    public var label: String {
        switch self {
        case .open: "待接单"
        case .taken: "已接单"
        case .closed: "已办结"
        case .withdrawn: "已撤回"
        case .expired: "已过期"
        }
    }

    public var isFinal: Bool { self == .closed || self == .withdrawn || self == .expired }
}
