/// Where a bank's answer to an alert stands against its deadline, for the 红黄绿灯 display: on time (绿灯),
/// overdue by up to `escalateAfterDays` days (黄灯), or escalated to the credit-center operator (红灯). The clock
/// stops on the day the bank answered.
public enum AlertEscalation: Sendable, Equatable, Hashable, Comparable {
    case onTime
    /// Days past the deadline.
    case overdue(days: Int)
    /// Days past the deadline; more than `escalateAfterDays`.
    case escalated(days: Int)

    /// The two answers a bank owes: the acknowledgement (签收) and the result (dismissed or handled).
    public enum Stage: String, CaseIterable, Sendable, Codable {
        case acknowledgement, resolution

        public var label: String { self == .acknowledgement ? "签收" : "处置反馈" }
    }

    /// The lamp on the monitoring page: 绿灯, 黄灯, 红灯.
    public enum Light: String, CaseIterable, Sendable, Codable {
        case green, amber, red

        public var label: String {
            switch self {
            case .green: "绿灯"
            case .amber: "黄灯"
            case .red: "红灯"
            }
        }
    }

    public var light: Light {
        switch self {
        case .onTime: .green
        case .overdue: .amber
        case .escalated: .red
        }
    }

    public var label: String {
        switch self {
        case .onTime: "未超期"
        case .overdue(let days): "已超期 \(days) 天"
        case .escalated(let days): "已超期 \(days) 天，已升级至信用中心"
        }
    }

    var rank: (Int, Int) {
        switch self {
        case .onTime: (0, 0)
        case .overdue(let days): (1, days)
        case .escalated(let days): (2, days)
        }
    }

    public static func < (a: AlertEscalation, b: AlertEscalation) -> Bool { a.rank < b.rank }
}

extension AlertResponse {
    /// The last day to give the `stage` answer to an alert of `level` opened on `openedOn`, under the version in
    /// force that day (deadlines do not move when the rules change later); nil before any version is in force.
    public static func deadline(openedOn: Day, level: WarningLevel, stage: AlertEscalation.Stage = .acknowledgement,
                                rules: WarningRules) -> Day? {
        guard let v = rules.inForce(on: openedOn) else { return nil }
        let days = stage == .acknowledgement ? v.acknowledgeDays(for: level) : v.resolveDays(for: level)
        return openedOn.adding(days: days)
    }

    /// The `stage` answer of an alert opened on `openedOn`, answered on `respondedOn` (nil while unanswered), as
    /// seen on `today`: answered or looked at by the deadline is on time; up to `escalateAfterDays` days past it
    /// is overdue; beyond that it is escalated. Nil before any version is in force on `openedOn`.
    public static func escalation(openedOn: Day, respondedOn: Day?, today: Day, level: WarningLevel,
                                  stage: AlertEscalation.Stage = .acknowledgement, rules: WarningRules) -> AlertEscalation? {
        guard let v = rules.inForce(on: openedOn),
              let deadline = deadline(openedOn: openedOn, level: level, stage: stage, rules: rules) else { return nil }
        let stopped = respondedOn.map { min($0, today) } ?? today
        let late = WarningText.days(from: deadline, to: stopped)
        if late <= 0 { return .onTime }
        return late <= v.escalateAfterDays ? .overdue(days: late) : .escalated(days: late)
    }

    /// The worse of this alert's two stages on `today`: its acknowledgement and its result.
    public func escalation(level: WarningLevel, today: Day, rules: WarningRules) -> AlertEscalation? {
        guard let ack = Self.escalation(openedOn: openedOn, respondedOn: acknowledgedOn, today: today, level: level,
                                        stage: .acknowledgement, rules: rules),
              let result = Self.escalation(openedOn: openedOn, respondedOn: closedOn, today: today, level: level,
                                           stage: .resolution, rules: rules) else { return nil }
        return max(ack, result)
    }
}
