import Domain

/// The platform's public home page (`/` for visitors): what the platform has done so far (from the statistics), the
/// monthly lending of the last year as a chart, the policies it works under, answers to the usual questions, and the
/// ways in (the product supermarket, registration, sign-in).
public enum PublicHomePage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        /// The city's indicator values since the platform started, as of the last refresh.
        public var totals: [String: IndicatorValue]
        /// Loans disbursed per month (amount in cents), the last twelve months.
        public var monthly: [(month: StatMonth, value: IndicatorValue)]

        public init(context: PageContext, totals: [String: IndicatorValue], monthly: [(month: StatMonth, value: IndicatorValue)]) {
            self.context = context; self.totals = totals; self.monthly = monthly
        }

        public static func == (a: Model, b: Model) -> Bool {
            a.context == b.context && a.totals == b.totals && a.monthly.map(\.month) == b.monthly.map(\.month)
                && a.monthly.map(\.value) == b.monthly.map(\.value)
        }
    }

    /// A policy the platform works under.
    struct Policy { let title: String; let issuer: String; let summary: String }

    static let policies: [Policy] = [
        Policy(title: "大连市支持中小企业融资开展“信易贷”服务工作方案", issuer: "大连市发展和改革委员会等（大发改财信字〔2020〕90号）",
               summary: "归集共享公共信用信息，建设“信易贷”平台，引导金融机构开发信用贷款产品，建立联席会议、统计分析与考核评价机制。"),
        Policy(title: "加强信用信息共享应用促进中小微企业融资实施方案", issuer: "国务院办公厅（国办发〔2021〕52号）",
               summary: "以信用信息共享为基础，在依法合规、保护隐私的前提下向金融机构提供融资信用服务，扩大信用贷款规模。"),
        Policy(title: "广西加快推进“信易贷”支持中小微企业融资实施方案", issuer: "广西壮族自治区人民政府办公厅（桂政办发〔2021〕16号）",
               summary: "明确金融机构统计报表报送、专项评价和风险分担机制，政府性融资担保按比例分担风险。"),
        Policy(title: "中小微企业“信易贷”风险缓释基金管理暂行办法", issuer: "凌源市发展和改革委员会（征求意见稿）",
               summary: "基金对入库贷款的本金损失按比例补偿，明确补偿条件、申请材料、审核公示与追偿分配。"),
    ]

    static let questions: [(question: String, answer: String)] = [
        ("企业的信用信息从哪里来？", "来自税务、人社、市场监管、法院、水电气等部门依法归集的公共信用信息；企业可在“信用画像”中查看，对有误的记录提出异议。"),
        ("金融机构能看到企业的哪些信息？", "公开信息任何机构可查；非公开信息只有企业授权的机构、在授权的用途和期限内才能查看，每次查询都记入透明日志，企业可随时核验。"),
        ("怎样申请贷款？", "注册并签署信用承诺、授权金融机构查询后，在“产品超市”选择产品申请；符合条件的产品可由系统秒批，也可发布融资需求由金融机构接单。"),
        ("平台收费吗？", "平台由市信用中心运营，企业注册、查询、申请均不收费；贷款利率以金融机构公布的产品为准。"),
        ("数据安全如何保障？", "个人信息脱敏展示；金融机构只见授权范围内的数据；银行与信用中心联合建模时双方数据均不出本方；所有访问留痕、不可抵赖。"),
    ]
}
