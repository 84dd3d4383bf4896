import Domain

/// Firms the credit center pushed to this institution (/bank/recommended), each with its decision clock.
public enum BankPushesPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var pushes: [RecommendationPush]
        public var pagination: Pagination
        public var overdueOnly: Bool
        public var green: Int, amber: Int, red: Int, decided: Int
        public var today: Day

        public init(context: PageContext, pushes: [RecommendationPush], pagination: Pagination, overdueOnly: Bool,
                    green: Int, amber: Int, red: Int, decided: Int, today: Day) {
            self.context = context; self.pushes = pushes; self.pagination = pagination; self.overdueOnly = overdueOnly
            self.green = green; self.amber = amber; self.red = red; self.decided = decided; self.today = today
        }
    }

    /// What the institution reported, in one line.
    static func outcome(_ p: RecommendationPush) -> String {
        switch p.status {
        case .awaiting: "—"
        case .contacted: p.steps.last?.note.isEmpty == false ? "已对接：\(p.steps.last?.note ?? "")" : "已对接"
        case .granted: "授信 \(Format.money(cents: p.grantedCents ?? 0))"
        case .disbursed:
            p.loan.map { l in
                "放款 \(Format.money(cents: l.amountCents))，年利率 \(Format.percent(basisPoints: l.rateBasisPoints))，\(l.disbursedOn)"
                    + (l.creditLoan ? "，信用贷款" : "") + (l.firstLoan ? "，首贷" : "") + (l.renewalWithoutRepayment ? "，无还本续贷" : "")
            } ?? "已放款"
        case .declined: "婉拒：\(p.declineReason ?? "")；帮助：\(p.helpOffered ?? "")"
        case .withdrawn: "已撤回：\(p.withdrawnReason ?? "")"
        }
    }
}
