import Domain

/// The institution's post-loan warnings (/bank/alerts): counts by level and light, the list filtered by level
/// or status, and (for the admin) the webhook new alerts are posted to.
public enum BankAlertsPage {
    /// An alert with its light on the page's day.
    public struct Row: Sendable, Equatable {
        public var alert: RiskAlert
        public var escalation: AlertEscalation
        public init(alert: RiskAlert, escalation: AlertEscalation) { self.alert = alert; self.escalation = escalation }
    }

    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var rows: [Row]
        public var pagination: Pagination
        public var level: WarningLevel?
        public var status: AlertResponse.Status?
        /// Open alerts by level, and by light.
        public var openByLevel: [WarningLevel: Int]
        public var openByLight: [AlertEscalation.Light: Int]
        public var mayConfigureWebhook: Bool
        public var webhookURL: String?

        public init(context: PageContext, rows: [Row], pagination: Pagination, level: WarningLevel?, status: AlertResponse.Status?,
                    openByLevel: [WarningLevel: Int], openByLight: [AlertEscalation.Light: Int], mayConfigureWebhook: Bool,
                    webhookURL: String?) {
            self.context = context; self.rows = rows; self.pagination = pagination; self.level = level; self.status = status
            self.openByLevel = openByLevel; self.openByLight = openByLight; self.mayConfigureWebhook = mayConfigureWebhook
            self.webhookURL = webhookURL
        }
    }
}
