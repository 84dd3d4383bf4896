import Domain

/// The cells the alert pages share: the level badge, the status badge and the 红黄绿灯.
enum AlertCells {
    static func tone(_ level: WarningLevel) -> PortalPage.Tone {
        switch level {
        case .red, .orange: .danger
        case .yellow: .warning
        case .blue: .info
        case .green: .success
        }
    }

    static func level(_ level: WarningLevel, score: Int) -> PortalPage.Cell {
        .badge("\(level.label) · \(score) 分", tone: tone(level))
    }

    static func status(_ status: AlertResponse.Status) -> PortalPage.Cell {
        let tone: PortalPage.Tone = switch status {
        case .open: .warning
        case .acknowledged, .confirmed: .info
        case .dismissed, .handled: .neutral
        }
        return .badge(status.label, tone: tone)
    }

    static func light(_ escalation: AlertEscalation) -> PortalPage.Cell {
        let tone: PortalPage.Tone = switch escalation.light {
        case .green: .success
        case .amber: .warning
        case .red: .danger
        }
        return .badge("\(escalation.light.label) · \(escalation.label)", tone: tone)
    }

    /// The signals in one line: their labels.
    static func signals(_ alert: RiskAlert) -> String {
        alert.signals.map(\.label).joined(separator: "、")
    }
}
