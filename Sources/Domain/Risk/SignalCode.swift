/// The stable code of a monitoring signal: what machines, the rules file and the API refer to.
public enum SignalCode: String, CaseIterable, Sendable, Codable, Hashable {
    case newDishonestDebtor = "new_dishonest_debtor"
    case newJudgmentDebtor = "new_judgment_debtor"
    case newConsumptionRestriction = "new_consumption_restriction"
    case newAbnormalOperation = "new_abnormal_operation"
    case newSeriousViolation = "new_serious_violation"
    case newFinancialDishonesty = "new_financial_dishonesty"
    case newOtherListing = "new_other_listing"
    case newLawsuitAsDefendant = "new_lawsuit_as_defendant"
    /// Scored by severity (`WarningRules.Version.penaltyPoints`), not by `points`.
    case newPenalty = "new_penalty"
    case taxArrears = "tax_arrears"
    case taxGradeDrop = "tax_grade_drop"
    case socialInsuranceArrears = "social_insurance_arrears"
    case headcountDrop = "headcount_drop"
    case housingFundArrears = "housing_fund_arrears"
    case utilityArrears = "utility_arrears"
    case consumptionDrop = "consumption_drop"
    case legalRepresentativeChange = "legal_representative_change"
    case lenderOverdue = "lender_overdue"
    case classificationDowngrade = "classification_downgrade"

    public var label: String {
        switch self {
        case .newDishonestDebtor: "新增失信被执行人"
        case .newJudgmentDebtor: "新增被执行人"
        case .newConsumptionRestriction: "新增限制高消费"
        case .newAbnormalOperation: "列入经营异常名录"
        case .newSeriousViolation: "列入严重违法失信名单"
        case .newFinancialDishonesty: "列入涉金融严重失信人名单"
        case .newOtherListing: "列入其他名单"
        case .newLawsuitAsDefendant: "新增被诉案件"
        case .newPenalty: "新增行政处罚"
        case .taxArrears: "欠税"
        case .taxGradeDrop: "纳税信用等级下降"
        case .socialInsuranceArrears: "社保欠缴"
        case .headcountDrop: "参保人数下降"
        case .housingFundArrears: "公积金欠缴"
        case .utilityArrears: "水电气欠费"
        case .consumptionDrop: "用能量下降"
        case .legalRepresentativeChange: "法定代表人变更"
        case .lenderOverdue: "贷款逾期"
        case .classificationDowngrade: "贷款分类下调"
        }
    }

    /// The code of a new entry on the list named `kind`; lists not known here are `newOtherListing`.
    public static func forListing(kind: String) -> SignalCode {
        switch kind.trimmingSpaces() {
        case "失信被执行人": .newDishonestDebtor
        case "被执行人": .newJudgmentDebtor
        case "限制高消费", "限制消费", "限高": .newConsumptionRestriction
        case "经营异常", "经营异常名录": .newAbnormalOperation
        case "严重违法失信", "严重违法失信名单", "严重违法失信企业": .newSeriousViolation
        case "涉金融严重失信", "涉金融严重失信人", "涉金融严重失信人名单": .newFinancialDishonesty
        default: .newOtherListing
        }
    }
}
