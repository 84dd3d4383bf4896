/// One entry of a serious-dishonesty list (涉金融严重失信人名单, the derived 严重失信债务人, or a list fed in from
/// outside), with the fields of the 460号 report (RISK.md §3.1) and the procedure of §3.3: the prior written
/// notice, the objections, listing, publication and removal. The firm and the people marked with it (法定代表人,
/// 实际控制人 …) are its `parties`. Each step is checked by `applying(_:on:rules:calendar:)`.
///
/// The entry is judged under the `ListRules` version in force on its `rulesDay` (the proposal day, or the
/// listing day of an entry fed in from outside), so a past decision replays under the rules of its day.
public struct ListingEntry: Sendable, Equatable, Codable {
    public var id: String
    public var kind: ListKind
    public var scope: ListScope
    /// The listed subject (role `.subject`, first: the firm, or a person listed in their own name) and the
    /// persons marked with it.
    public var parties: [SanctionedParty]
    /// 列入部门.
    public var authority: String
    /// The number of the judgment, ruling or decision the listing rests on (文号/案号).
    public var basisDocumentNumber: String
    /// 列入事由.
    public var reason: String
    /// The day the dishonest act ended; nil while it continues (e.g. an obligation not yet performed).
    public var actEndedOn: Day?
    /// 移出条件, stated with the listing (国办发〔2020〕49号).
    public var removalConditions: String
    public var status: ListingStatus
    public var proposedOn: Day?
    public var noticeDay: Day?
    /// The notice as given: reasons, basis and the party's rights.
    public var noticeText: String?
    /// The last day the party may object.
    public var objectionWindowEnds: Day?
    public var objections: [ListingObjection]
    public var listedOn: Day?
    public var publishedOn: Day?
    public var removedOn: Day?
    public var removalReason: String?

    /// The listed subject: the firm, or a person listed in their own name.
    public var subject: SanctionedParty? { parties.first { $0.role == .subject } }

    /// The day whose rules apply: the proposal day, else the listing day.
    public var rulesDay: Day? { proposedOn ?? listedOn }

    init(id: String, kind: ListKind, scope: ListScope, parties: [SanctionedParty], authority: String,
         basisDocumentNumber: String, reason: String, actEndedOn: Day?, removalConditions: String, status: ListingStatus) {
        self.id = id; self.kind = kind; self.scope = scope; self.parties = parties; self.authority = authority
        self.basisDocumentNumber = basisDocumentNumber; self.reason = reason; self.actEndedOn = actEndedOn
        self.removalConditions = removalConditions; self.status = status; self.objections = []
    }

    /// A listing the platform's procedure will run (涉金融, 严重失信债务人), proposed on `day`: it needs the firm,
    /// an authority, a basis document, a reason and the removal conditions.
    public static func propose(id: String, kind: ListKind, scope: ListScope = .national, parties: [SanctionedParty],
                               authority: String, basisDocumentNumber: String, reason: String, actEndedOn: Day?,
                               removalConditions: String, on day: Day) throws(DomainError) -> ListingEntry {
        var entry = ListingEntry(id: id, kind: kind, scope: scope, parties: parties, authority: authority,
                                 basisDocumentNumber: basisDocumentNumber, reason: reason, actEndedOn: actEndedOn,
                                 removalConditions: removalConditions, status: .proposed)
        entry.proposedOn = day
        try entry.validateParticulars()
        if let ended = actEndedOn, ended > day {
            throw .invalidInput(field: "actEndedOn", reason: "失信行为终止日期不能晚于拟列入日期")
        }
        return entry
    }

    /// An entry decided elsewhere and fed in (a court's 失信被执行人, a `credit.list` record): recorded as
    /// listed, published or removed, with no procedure of its own on the platform.
    public static func external(id: String, kind: ListKind, scope: ListScope, parties: [SanctionedParty], authority: String,
                                basisDocumentNumber: String, reason: String, actEndedOn: Day?, removalConditions: String,
                                listedOn: Day, publishedOn: Day? = nil, removedOn: Day? = nil,
                                removalReason: String? = nil) throws(DomainError) -> ListingEntry {
        let status: ListingStatus = removedOn != nil ? .removed : publishedOn != nil ? .published : .listed
        var entry = ListingEntry(id: id, kind: kind, scope: scope, parties: parties, authority: authority,
                                 basisDocumentNumber: basisDocumentNumber, reason: reason, actEndedOn: actEndedOn,
                                 removalConditions: removalConditions, status: status)
        entry.listedOn = listedOn; entry.publishedOn = publishedOn
        entry.removedOn = removedOn; entry.removalReason = removalReason
        try entry.validateParticulars(requireRemovalConditions: false)
        if let published = publishedOn, published < listedOn {
            throw .invalidInput(field: "publishedOn", reason: "公布日期不能早于列入日期")
        }
        if let removed = removedOn, removed < listedOn {
            throw .invalidInput(field: "removedOn", reason: "移出日期不能早于列入日期")
        }
        return entry
    }

    func validateParticulars(requireRemovalConditions: Bool = true) throws(DomainError) {
        guard let subject, !subject.name.trimmingSpaces().isEmpty, !subject.identifier.trimmingSpaces().isEmpty else {
            throw .invalidInput(field: "parties", reason: "须写明失信主体的名称和统一社会信用代码（自然人为身份证号码）")
        }
        guard parties.filter({ $0.role == .subject }).count == 1 else {
            throw .invalidInput(field: "parties", reason: "一条名单记录只能有一个失信主体")
        }
        if authority.trimmingSpaces().isEmpty { throw .invalidInput(field: "authority", reason: "须写明列入部门") }
        if basisDocumentNumber.trimmingSpaces().isEmpty {
            throw .invalidInput(field: "basisDocumentNumber", reason: "须写明列入依据的文书编号")
        }
        if reason.trimmingSpaces().isEmpty { throw .invalidInput(field: "reason", reason: "须写明列入事由") }
        if requireRemovalConditions && removalConditions.trimmingSpaces().isEmpty {
            throw .invalidInput(field: "removalConditions", reason: "须写明移出条件")
        }
    }
}
