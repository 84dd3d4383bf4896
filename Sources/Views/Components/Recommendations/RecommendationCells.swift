import Domain

/// How the recommendation pages show statuses and lights.
enum RecommendationCells {
    static func tone(_ status: RecommendationStatus) -> PortalPage.Tone {
        switch status {
        case .declared: .neutral
        case .screened, .publicity: .info
        case .listed, .pushed: .success
        case .screenedOut, .rejected: .warning
        case .removed: .danger
        }
    }

    static func tone(_ light: PushLight) -> PortalPage.Tone {
        switch light {
        case .green: .success
        case .amber: .warning
        case .red: .danger
        }
    }

    static func tone(_ status: PushStatus) -> PortalPage.Tone {
        switch status {
        case .awaiting: .neutral
        case .contacted: .info
        case .granted, .disbursed: .success
        case .declined: .warning
        case .withdrawn: .danger
        }
    }

    /// The light with the days left or overdue.
    static func clock(_ push: RecommendationPush, today: Day) -> PortalPage.Cell {
        let light = push.light(on: today)
        guard let left = push.daysLeft(on: today) else {
            return .badge(push.status == .withdrawn ? "已撤回" : "已决定 \(push.decidedOn?.description ?? "")", tone: .success)
        }
        let text = left >= 0 ? "\(light.label) · 剩 \(left) 天（\(push.dueOn) 前）" : "\(light.label) · 逾期 \(-left) 天"
        return .badge(text, tone: tone(light))
    }

    /// The screening's outcome: passed, or the reasons.
    static func screening(_ entry: RecommendationEntry) -> PortalPage.Cell {
        guard let s = entry.screening else { return .text("未初筛") }
        return s.passed ? .badge("通过（规则第 \(s.version) 版，\(s.day)）", tone: .success)
            : .twoLines("未通过（规则第 \(s.version) 版，\(s.day)）", s.reasonText)
    }
}
