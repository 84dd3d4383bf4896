/// What a fund covers (入库) and pays on: a platform loan, or a revolving credit line (循环额度) as a whole — its limit
/// registered when it opens, its outstanding principal the loss when it defaults. A registration's `loanId` is this
/// key: the loan's id, or `line:<id>`.
public enum FundBorrowing: Sendable, Equatable, Hashable {
    case loan(Int64)
    case line(Int64)

    public var key: String {
        switch self {
        case .loan(let id): String(id)
        case .line(let id): "line:\(id)"
        }
    }

    public init?(key: String) {
        if key.hasPrefix("line:") {
            guard let id = Int64(key.dropFirst(5)), id > 0 else { return nil }
            self = .line(id)
        } else {
            guard let id = Int64(key), id > 0 else { return nil }
            self = .loan(id)
        }
    }

    /// `贷款 #12`, `循环额度 #5`.
    public var label: String {
        switch self {
        case .loan(let id): "贷款 #\(id)"
        case .line(let id): "循环额度 #\(id)"
        }
    }

    /// The label of a registration key (the key itself when it is not one).
    public static func label(key: String) -> String { FundBorrowing(key: key)?.label ?? "#\(key)" }
}
