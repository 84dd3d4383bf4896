/// Where one installment stands on a day.
public enum InstallmentStatus: String, CaseIterable, Sendable, Codable, Hashable {
    /// Fully paid (possibly late or early).
    case paid
    /// Not yet due and partly paid in advance.
    case partiallyPaid = "partially_paid"
    /// Due today and not fully paid; not overdue until tomorrow.
    case due
    /// Its due day has passed and something is still unpaid (whether or not part of it was paid).
    case overdue
    /// Not yet due and nothing paid.
    case future

    public var label: String {
        switch self {
        case .paid: "已还清"
        case .partiallyPaid: "部分还款"
        case .due: "今日到期"
        case .overdue: "已逾期"
        case .future: "未到期"
        }
    }
}
