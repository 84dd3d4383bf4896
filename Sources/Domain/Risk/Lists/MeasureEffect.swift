/// What a published measure makes the platform do. Punitive effects follow a serious-dishonesty listing
/// (RISK.md §3.4); incentive effects follow a valid 守信激励 entry (§4).
public enum MeasureEffect: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// New financing applications of the firm are refused.
    case blockNewApplications = "block_new_applications"
    /// The firm may not enter the recommendation list (推荐清单).
    case blockRecommendationList = "block_recommendation_list"
    /// The listing is flagged in the firm's profile and every credit report.
    case flagInReports = "flag_in_reports"
    /// Institutions with a live loan or authorisation are alerted (a monitoring signal).
    case alertLenders = "alert_lenders"
    /// 绿色通道: the firm's applications are marked for priority handling.
    case greenChannel = "green_channel"
    /// 容缺受理: an application is accepted with missing documents on a written commitment to supply them.
    case acceptWithMissingDocuments = "accept_with_missing_documents"
    /// A rate preference (basis points off) a product declares for red-list firms.
    case ratePreference = "rate_preference"
    /// An amount preference (percent more) a product declares for red-list firms.
    case amountPreference = "amount_preference"

    public var label: String {
        switch self {
        case .blockNewApplications: "限制新增融资申请"
        case .blockRecommendationList: "限制列入推荐清单"
        case .flagInReports: "在信用档案和信用报告中标注"
        case .alertLenders: "提示在贷金融机构"
        case .greenChannel: "绿色通道"
        case .acceptWithMissingDocuments: "容缺受理"
        case .ratePreference: "利率优惠"
        case .amountPreference: "额度优惠"
        }
    }

    /// The kind of measure the effect belongs to.
    public var kind: MeasureKind {
        switch self {
        case .blockNewApplications, .blockRecommendationList, .flagInReports, .alertLenders: .punishment
        case .greenChannel, .acceptWithMissingDocuments, .ratePreference, .amountPreference: .incentive
        }
    }
}

/// 惩戒 or 激励.
public enum MeasureKind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case punishment, incentive

    public var label: String {
        switch self {
        case .punishment: "惩戒"
        case .incentive: "激励"
        }
    }
}
