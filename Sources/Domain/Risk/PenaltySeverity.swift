/// How serious an administrative penalty is. The data hub's `admin.penalty` uses 轻微/一般/严重; 较重 is the
/// grade the 严重违法失信名单 rules (总局令第44号) speak of, so all four are kept apart.
public enum PenaltySeverity: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    case minor
    case general
    case major
    case severe

    public var label: String {
        switch self {
        case .minor: "轻微"
        case .general: "一般"
        case .major: "较重"
        case .severe: "严重"
        }
    }

    /// The severity a department wrote in Chinese (轻微, 一般, 较重, 严重), or nil.
    public init?(label: String) {
        guard let match = Self.allCases.first(where: { $0.label == label }) else { return nil }
        self = match
    }

    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (a: PenaltySeverity, b: PenaltySeverity) -> Bool { a.rank < b.rank }
}
