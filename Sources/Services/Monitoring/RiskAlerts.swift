import Domain
import Foundation
import Persistence

/// The alerts as institutions and the credit center use them: an institution lists and answers its own (签收,
/// 确认, 排除 with a reason, 处置 with the measure), each with its 红黄绿灯 against the deadlines of its level; the
/// credit center sees every alert and those escalated because nobody answered in time. Answers never change a
/// loan's class.
public enum RiskAlerts {
    /// An alert with where its answer stands on the day asked.
    public struct Item: Sendable, Equatable {
        public var alert: RiskAlert
        public var escalation: AlertEscalation
        /// The last day to acknowledge, and to dismiss or handle.
        public var acknowledgeBy: Day?
        public var resolveBy: Day?
    }

    public static func item(_ alert: RiskAlert, today: Day, rules: WarningRules) -> Item {
        Item(alert: alert, escalation: alert.escalation(today: today, rules: rules) ?? .onTime,
             acknowledgeBy: AlertResponse.deadline(openedOn: alert.openedOn, level: alert.level, stage: .acknowledgement, rules: rules),
             resolveBy: AlertResponse.deadline(openedOn: alert.openedOn, level: alert.level, stage: .resolution, rules: rules))
    }

    /// The institution whose alerts a principal sees (nil: all, the credit center); others are refused.
    static func scope(_ principal: Principal) throws -> Int64? {
        switch principal.role {
        case .creditCenter: return nil
        case .institutionAdmin, .institutionStaff: return try principal.requireInstitution().id
        default: throw DomainError.forbidden("仅金融机构和信用中心可查看贷后风险预警")
        }
    }

    /// A page of alerts, newest first: an institution's own, or all for the credit center. `escalatedOnly` keeps
    /// the open alerts past the escalation day (红灯) on today.
    public static func alerts(_ context: ServiceContext, _ principal: Principal, levels: [WarningLevel] = [],
                              statuses: [AlertResponse.Status] = [], escalatedOnly: Bool = false,
                              paging: Paging) async throws -> ResultPage<Item> {
        let institutionID = try scope(principal)
        let today = context.clock.today, rules = context.platform.warningRules
        let store = context.monitoringStore
        guard escalatedOnly else {
            let page = try await store.alerts(.init(institutionID: institutionID, levels: levels, statuses: statuses), paging: paging)
            return ResultPage(items: page.items.map { item($0, today: today, rules: rules) }, page: page.page,
                              perPage: page.perPage, total: page.total)
        }
        let escalated = try await store.openAlerts(institutionID: institutionID).reversed()
            .map { item($0, today: today, rules: rules) }
            .filter { $0.escalation.light == .red && (levels.isEmpty || levels.contains($0.alert.level))
                && (statuses.isEmpty || statuses.contains($0.alert.status)) }
        let items = Array(escalated.dropFirst(paging.offset).prefix(paging.perPage))
        return ResultPage(items: items, paging: paging, total: escalated.count)
    }

    /// One alert, if the principal may see it (otherwise 404, so ids reveal nothing).
    public static func alert(_ context: ServiceContext, _ principal: Principal, id: Int64?) async throws -> Item {
        let institutionID = try scope(principal)
        guard let id, let alert = try await context.monitoringStore.alert(id: id),
              institutionID == nil || alert.institutionID == institutionID else { throw DomainError.notFound("该预警") }
        return item(alert, today: context.clock.today, rules: context.platform.warningRules)
    }

    /// The institution answers its alert.
    public static func respond(_ context: ServiceContext, _ principal: Principal, id: Int64?,
                               _ event: AlertResponse.Event) async throws -> Item {
        _ = try principal.requireInstitution()
        var alert = try await alert(context, principal, id: id).alert
        let before = alert.status
        let now = context.clock.now()
        try alert.respond(event, by: principal.displayName, on: context.clock.today, at: now)
        try await context.monitoringStore.respond(alert, expecting: before, action: event.action, actor: principal.name, at: now)
        return item(alert, today: context.clock.today, rules: context.platform.warningRules)
    }

    /// The daily sweep: every open alert that passed its escalation day unanswered is recorded as escalated to the
    /// credit center, once, with a transparency-log entry (the light itself is computed whenever alerts are read).
    /// Returns how many were escalated.
    @discardableResult
    public static func escalateOverdue(_ context: ServiceContext) async throws -> Int {
        let today = context.clock.today, rules = context.platform.warningRules, now = context.clock.now()
        var due: [(alert: RiskAlert, expecting: AlertResponse.Status)] = []
        for alert in try await context.monitoringStore.openAlerts() {
            var next = alert
            if next.escalate(today: today, rules: rules, at: now) { due.append((next, alert.status)) }
        }
        guard !due.isEmpty else { return 0 }
        let escalated = due
        return try await context.database.write { unit in try await MonitoringStore.escalate(alerts: escalated, at: now, in: unit) }
    }

    /// The credit center's view of the open alerts: by level, district and institution, the lights, and the
    /// alerts opened per day over the last `days` days.
    public struct Overview: Sendable, Equatable {
        public var open: Int
        public var byLevel: [WarningLevel: Int]
        /// District code and count, most first.
        public var byDistrict: [(district: String, count: Int)]
        /// Institution id and count, most first.
        public var byInstitution: [(institutionID: Int64, count: Int)]
        public var byLight: [AlertEscalation.Light: Int]
        /// Oldest first, one entry per day (zero included).
        public var perDay: [(day: Day, count: Int)]
        /// Firms watched (with a baseline) and signals found over the period.
        public var watched: Int
        public var signals: Int

        public static func == (a: Overview, b: Overview) -> Bool {
            a.open == b.open && a.byLevel == b.byLevel && a.byLight == b.byLight && a.watched == b.watched && a.signals == b.signals
                && a.byDistrict.map { "\($0.district)=\($0.count)" } == b.byDistrict.map { "\($0.district)=\($0.count)" }
                && a.byInstitution.map { "\($0.institutionID)=\($0.count)" } == b.byInstitution.map { "\($0.institutionID)=\($0.count)" }
                && a.perDay.map { "\($0.day)=\($0.count)" } == b.perDay.map { "\($0.day)=\($0.count)" }
        }
    }

    public static func overview(_ context: ServiceContext, _ principal: Principal, days: Int = 30) async throws -> Overview {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可查看贷后监测总览") }
        let today = context.clock.today, rules = context.platform.warningRules
        let store = context.monitoringStore
        let open = try await store.openAlerts()
        var byLevel: [WarningLevel: Int] = [:], byDistrict: [String: Int] = [:], byInstitution: [Int64: Int] = [:]
        var byLight: [AlertEscalation.Light: Int] = [:]
        for alert in open {
            byLevel[alert.level, default: 0] += 1
            byDistrict[alert.district, default: 0] += 1
            byInstitution[alert.institutionID, default: 0] += 1
            byLight[(alert.escalation(today: today, rules: rules) ?? .onTime).light, default: 0] += 1
        }
        let since = today.adding(days: -(days - 1))
        let opened = try await store.openedPerDay(since: since)
        let counts = try await store.counts(since: since)
        return Overview(
            open: open.count, byLevel: byLevel,
            byDistrict: byDistrict.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) },
            byInstitution: byInstitution.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) },
            byLight: byLight, perDay: (0..<days).map { n in let d = since.adding(days: n); return (d, opened[d] ?? 0) },
            watched: counts.watched, signals: counts.signals)
    }
}
