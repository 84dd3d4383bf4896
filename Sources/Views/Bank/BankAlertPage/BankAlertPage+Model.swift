import Domain

/// One alert (/bank/alerts/{id}): the level and the signals behind it, the deadlines with the light, the history,
/// and the forms of the answers its status allows.
public enum BankAlertPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var alert: RiskAlert
        public var escalation: AlertEscalation
        public var acknowledgeBy: Day?
        public var resolveBy: Day?
        public init(context: PageContext, alert: RiskAlert, escalation: AlertEscalation, acknowledgeBy: Day?, resolveBy: Day?) {
            self.context = context; self.alert = alert; self.escalation = escalation
            self.acknowledgeBy = acknowledgeBy; self.resolveBy = resolveBy
        }
    }
}
