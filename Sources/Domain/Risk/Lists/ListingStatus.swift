/// Where a listing stands in the procedure of 国办发〔2020〕49号 and the provincial statutes (RISK.md §3.3):
///
///     proposed ──notify──▶ noticed ──object (within the window)──▶ objecting ──reject──▶ noticed
///                             │                                        └──uphold──▶ dropped
///                             └──list (after the window)──▶ listed ──publish──▶ published
///                                                             └──────remove──────┴──▶ removed
///
/// Lists fed in from outside (courts, `credit.list`) start at listed or published.
public enum ListingStatus: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// 拟列入: decided on, the party not yet told.
    case proposed
    /// 已告知: the prior written notice (reasons, basis, rights) was given; the objection window runs.
    case noticed
    /// 异议处理中: an objection is waiting for the authority's answer; the procedure is paused.
    case objecting
    /// 已列入.
    case listed
    /// 已公布 (信用中国 or the platform).
    case published
    /// 已移出: the removal conditions were met.
    case removed
    /// 不予列入: an objection was upheld, the listing ends before it began.
    case dropped

    public var label: String {
        switch self {
        case .proposed: "拟列入"
        case .noticed: "已告知"
        case .objecting: "异议处理中"
        case .listed: "已列入"
        case .published: "已公布"
        case .removed: "已移出"
        case .dropped: "异议成立，不予列入"
        }
    }

    /// On the list (listed or published).
    public var isOnList: Bool { self == .listed || self == .published }

    /// The status `action` leads to, or nil if it is not allowed from here. (`answerObjection` leads to
    /// `noticed` or `dropped`: see `ListingEvent`.)
    public func target(of action: ListingAction) -> ListingStatus? {
        switch (self, action) {
        case (.proposed, .notify): .noticed
        case (.noticed, .object): .objecting
        case (.objecting, .rejectObjection): .noticed
        case (.objecting, .upholdObjection): .dropped
        case (.noticed, .list): .listed
        case (.listed, .publish): .published
        case (.listed, .remove), (.published, .remove): .removed
        default: nil
        }
    }
}

/// The steps of the listing procedure.
public enum ListingAction: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case notify, object, rejectObjection, upholdObjection, list, publish, remove

    public var label: String {
        switch self {
        case .notify: "书面告知"
        case .object: "提出异议"
        case .rejectObjection: "驳回异议"
        case .upholdObjection: "认定异议成立"
        case .list: "列入名单"
        case .publish: "公布"
        case .remove: "移出名单"
        }
    }
}

/// A step on a listing, with what it needs.
public enum ListingEvent: Sendable, Equatable {
    /// The prior written notice: the reasons, basis and the party's rights (陈述申辩、异议) as given.
    case notify(text: String)
    case object(reason: String)
    case rejectObjection(answer: String)
    case upholdObjection(answer: String)
    case list
    case publish
    /// The removal conditions were met (e.g. "已履行生效法律文书确定的义务").
    case remove(reason: String)

    public var action: ListingAction {
        switch self {
        case .notify: .notify
        case .object: .object
        case .rejectObjection: .rejectObjection
        case .upholdObjection: .upholdObjection
        case .list: .list
        case .publish: .publish
        case .remove: .remove
        }
    }
}
