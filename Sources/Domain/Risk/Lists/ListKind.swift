/// The serious-dishonesty lists a listing can belong to. The raw values are the list names the screening rules
/// and the data hub use (`blockingListKinds` in `screening-rules.json`).
public enum ListKind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// 涉金融严重失信人名单 (发改财金规〔2017〕460号), listed by the authorities after the procedure.
    case financialSeriousDishonest = "涉金融严重失信"
    /// 严重失信债务人: a 失信被执行人 whose creditor is a bank and whose debt is above the threshold
    /// (`SeriousDebtorRule`), a part of the 涉金融 list.
    case seriousDebtor = "严重失信债务人"
    /// 失信被执行人, fed in by the courts (`judicial.dishonest`).
    case dishonestJudgmentDebtor = "失信被执行人"
    /// 严重违法失信 (market regulation), fed in through `credit.list`.
    case seriousIllegalDishonest = "严重违法失信"
    /// A black list of the credit center, fed in through `credit.list` (`list_type` black).
    case creditBlackList = "信用黑名单"

    /// `涉金融严重失信人名单`, `失信被执行人名单` ….
    public var listName: String {
        switch self {
        case .financialSeriousDishonest: "涉金融严重失信人名单"
        case .seriousDebtor: "严重失信债务人名单"
        case .dishonestJudgmentDebtor: "失信被执行人名单"
        case .seriousIllegalDishonest: "严重违法失信名单"
        case .creditBlackList: "信用黑名单"
        }
    }

    /// Whether the platform itself runs the listing procedure (notice, objections, listing); the other lists
    /// arrive already decided by the court or the listing body and are recorded as they come.
    public var isManagedOnPlatform: Bool {
        self == .financialSeriousDishonest || self == .seriousDebtor
    }
}

/// How far a listing applies (460号: the 涉金融 list is "全国适用").
public enum ListScope: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case national, provincial, local

    public var label: String {
        switch self {
        case .national: "全国"
        case .provincial: "本省"
        case .local: "本市"
        }
    }
}
