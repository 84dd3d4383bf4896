/// Where a red-list entry stands:
///
///     proposed ──startPublicity──▶ inPublicity ──object──▶ objecting ──reject──▶ inPublicity
///                                      │                       └──uphold──▶ withdrawn
///                                      └──activate (after the publicity)──▶ valid ──revoke──▶ revoked
///                                                                             └── (after validUntil) expired
///
/// `expired` is never stored: `RedListEntry.status(on:)` derives it from the validity.
public enum RedListStatus: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case proposed, inPublicity, objecting, valid, expired, withdrawn, revoked

    public var label: String {
        switch self {
        case .proposed: "拟列入"
        case .inPublicity: "公示中"
        case .objecting: "公示异议处理中"
        case .valid: "有效"
        case .expired: "已过期"
        case .withdrawn: "异议成立，不予列入"
        case .revoked: "已撤销"
        }
    }

    /// The status `action` leads to, or nil if it is not allowed from here.
    public func target(of action: RedListAction) -> RedListStatus? {
        switch (self, action) {
        case (.proposed, .startPublicity): .inPublicity
        case (.inPublicity, .object): .objecting
        case (.objecting, .rejectObjection): .inPublicity
        case (.objecting, .upholdObjection): .withdrawn
        case (.inPublicity, .activate): .valid
        case (.valid, .revoke): .revoked
        default: nil
        }
    }
}

/// The steps of a red-list entry.
public enum RedListAction: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case startPublicity, object, rejectObjection, upholdObjection, activate, revoke

    public var label: String {
        switch self {
        case .startPublicity: "开始公示"
        case .object: "提出异议"
        case .rejectObjection: "驳回异议"
        case .upholdObjection: "认定异议成立"
        case .activate: "生效"
        case .revoke: "撤销"
        }
    }
}

/// A step on a red-list entry, with what it needs.
public enum RedListEvent: Sendable, Equatable {
    case startPublicity
    case object(reason: String)
    case rejectObjection(answer: String)
    case upholdObjection(answer: String)
    case activate
    /// E.g. the firm was listed as seriously dishonest or the criteria no longer hold.
    case revoke(reason: String)

    public var action: RedListAction {
        switch self {
        case .startPublicity: .startPublicity
        case .object: .object
        case .rejectObjection: .rejectObjection
        case .upholdObjection: .upholdObjection
        case .activate: .activate
        case .revoke: .revoke
        }
    }
}
