import Foundation

/// How a firm came onto the 申报清单.
public enum RecommendationSource: String, Sendable, Codable, CaseIterable {
    /// The firm declared a demand itself (企业自主申报).
    case selfDeclared = "self"
    /// A department or a district referred it (部门、属地推荐).
    case referral
    /// A visit by the working group (走访摸排).
    case visit

    public var label: String {
        switch self {
        case .selfDeclared: "企业自主申报"
        case .referral: "部门推荐"
        case .visit: "走访摸排"
        }
    }
}

/// Where an entry stands:
///
///     declared ──screen──▶ screened ──review ✓──▶ publicity ──period over, no open objection──▶ listed ──push──▶ pushed
///        │                    │          └─review ✗──▶ rejected
///        └──screen ✗──▶ screenedOut (the firm, a department or the credit center may declare it again)
///     screened / publicity / listed / pushed ──fails a later screening, or an objection holds──▶ removed
public enum RecommendationStatus: String, Sendable, Codable, CaseIterable {
    case declared, screenedOut, screened, rejected, publicity, listed, pushed, removed

    public var label: String {
        switch self {
        case .declared: "待初筛"
        case .screenedOut: "初筛未通过"
        case .screened: "初筛通过，待审核"
        case .rejected: "审核未通过"
        case .publicity: "公示中"
        case .listed: "已列入推荐清单"
        case .pushed: "已推送"
        case .removed: "已移出"
        }
    }

    /// On the 推荐清单 or on its way there: a later failed screening removes it.
    public var isOnList: Bool { self == .screened || self == .publicity || self == .listed || self == .pushed }
}

/// The screening of an entry: the rules version, the day, and why it failed (empty when it passed).
public struct ScreeningOutcome: Sendable, Equatable, Codable {
    public var version: Int
    public var day: Day
    public var rejections: [ScreeningRejection]
    public var passed: Bool { rejections.isEmpty }

    public init(version: Int, day: Day, rejections: [ScreeningRejection]) {
        self.version = version; self.day = day; self.rejections = rejections
    }

    /// The reasons as one Chinese sentence.
    public var reasonText: String { rejections.map(\.text).joined(separator: "；") }
}

/// One firm on the 申报清单 and, once screened, reviewed and publicised, on the 推荐清单.
public struct RecommendationEntry: Sendable, Equatable, Codable {
    public var id: Int64
    public var uscc: String
    public var firmName: String
    public var source: RecommendationSource
    /// Who put it there: the firm, the referring department, or the operator who recorded the visit.
    public var referrer: String
    public var amountCents: Int64
    public var termMonths: Int
    public var purpose: String
    /// The referral's or the visit's note.
    public var note: String
    public var declaredAt: Date
    public var status: RecommendationStatus
    public var screening: ScreeningOutcome?
    public var reviewNote: String?
    public var reviewedBy: String?
    public var publicityFrom: Day?
    public var publicityUntil: Day?
    public var removalReason: String?
    public var removedAt: Date?

    /// A new entry, validated.
    public init(id: Int64 = 0, uscc: String, firmName: String, source: RecommendationSource, referrer: String,
                amountCents: Int64, termMonths: Int, purpose: String, note: String = "", declaredAt: Date) throws(DomainError) {
        guard amountCents > 0 else { throw .invalidInput(field: "amount", reason: "融资金额须大于 0") }
        guard amountCents <= 100_000_000_000 else { throw .invalidInput(field: "amount", reason: "融资金额不能超过 10 亿元") }
        guard (1...360).contains(termMonths) else { throw .invalidInput(field: "termMonths", reason: "融资期限须在 1–360 个月之间") }
        let purpose = MarketplaceText.trimmed(purpose)
        guard !purpose.isEmpty else { throw .invalidInput(field: "purpose", reason: "请填写资金用途") }
        guard purpose.count <= 200 else { throw .invalidInput(field: "purpose", reason: "资金用途不能超过 200 字") }
        let note = MarketplaceText.trimmed(note)
        guard note.count <= 1000 else { throw .invalidInput(field: "note", reason: "说明不能超过 1000 字") }
        if source != .selfDeclared, note.isEmpty {
            throw .invalidInput(field: "note", reason: source == .visit ? "请填写走访记录" : "请填写推荐理由")
        }
        self.id = id; self.uscc = uscc; self.firmName = firmName; self.source = source; self.referrer = referrer
        self.amountCents = amountCents; self.termMonths = termMonths; self.purpose = purpose; self.note = note
        self.declaredAt = declaredAt; self.status = .declared
    }

    private func illegal(_ action: String) -> DomainError {
        .illegalTransition(entity: "推荐清单条目", from: status.label, action: action)
    }

    /// Applies a screening. A new entry (or one that failed before) passes or fails; an entry on its way to or
    /// on the list that now fails leaves it, with the reasons (`removedByScreening` says so).
    @discardableResult
    public mutating func apply(_ outcome: ScreeningOutcome, at time: Date) -> Bool {
        switch status {
        case .declared, .screenedOut:
            screening = outcome
            status = outcome.passed ? .screened : .screenedOut
            return false
        case .screened, .publicity, .listed, .pushed:
            guard !outcome.passed else { screening = outcome; return false }
            screening = outcome
            remove(reason: "复核未通过：" + outcome.reasonText, at: time)
            return true
        case .rejected, .removed:
            return false
        }
    }

    /// The credit center's review of a screened entry: approved entries go into publicity from `today`.
    public mutating func review(approve: Bool, note: String, by reviewer: String, today: Day,
                                publicityDays: Int) throws(DomainError) {
        guard status == .screened else { throw illegal(approve ? "审核通过" : "审核不通过") }
        let note = MarketplaceText.trimmed(note)
        if !approve, note.isEmpty { throw .invalidInput(field: "note", reason: "审核不通过时请填写理由") }
        guard note.count <= 1000 else { throw .invalidInput(field: "note", reason: "审核意见不能超过 1000 字") }
        reviewNote = note; reviewedBy = reviewer
        if approve {
            status = .publicity
            publicityFrom = today
            publicityUntil = today.adding(days: publicityDays)
        } else {
            status = .rejected
        }
    }

    /// Whether the publicity period is over on `today` (it ends at the end of `publicityUntil`'s eve: an entry
    /// publicised for 7 days from the 1st may be listed on the 8th).
    public func publicityOver(on today: Day) -> Bool {
        guard status == .publicity, let until = publicityUntil else { return false }
        return today >= until
    }

    /// Ends the publicity: the entry is on the 推荐清单. Refused while an objection is open.
    public mutating func list(today: Day, openObjection: Bool) throws(DomainError) {
        guard status == .publicity else { throw illegal("列入推荐清单") }
        guard publicityOver(on: today) else {
            throw .conflict("公示期至 \(publicityUntil?.description ?? "—") 结束，期满后方可列入推荐清单")
        }
        guard !openObjection else { throw .conflict("该企业在公示期内有未处理的异议，处理完毕后方可列入推荐清单") }
        status = .listed
    }

    /// The entry was pushed to institutions.
    public mutating func markPushed() throws(DomainError) {
        guard status == .listed || status == .pushed else { throw illegal("推送") }
        status = .pushed
    }

    /// Takes the entry off the list (a later failed screening, an upheld objection).
    public mutating func remove(reason: String, at time: Date) {
        status = .removed
        removalReason = reason
        removedAt = time
    }
}
