/// What the data hub says about one firm on one day, as far as post-loan monitoring (贷后风险监测) needs it.
/// Two snapshots of the same firm are compared by `SignalDetector` to find what changed. Every collection is
/// what is *active* on `day` (a listing that was removed is simply absent).
public struct MonitoringSnapshot: Sendable, Equatable, Codable {
    /// A list the firm is on (失信被执行人, 被执行人, 经营异常, 严重违法失信, 涉金融严重失信, 限制高消费 …).
    public struct Listing: Sendable, Equatable, Hashable, Codable {
        /// A stable id of the entry (case number, decision number …), so a new entry can be told from an old one.
        public var id: String
        /// The list's Chinese name as the data hub spells it.
        public var kind: String
        public init(id: String, kind: String) { self.id = id; self.kind = kind }
    }

    /// An administrative penalty (行政处罚).
    public struct Penalty: Sendable, Equatable, Hashable, Codable {
        /// The decision number (决定书文号) or another stable id.
        public var id: String
        public var severity: PenaltySeverity
        /// The fine, zero when there is none.
        public var amount: Cents
        public init(id: String, severity: PenaltySeverity, amount: Cents = .zero) {
            self.id = id; self.severity = severity; self.amount = amount
        }
    }

    /// One lender's latest report on its loans to the firm. Read only: the platform never changes a class.
    public struct LenderReport: Sendable, Equatable, Hashable, Codable {
        /// The institution's code or name; one report per lender is expected (the worst is taken otherwise).
        public var lender: String
        /// Days the oldest unpaid instalment is overdue; 0 when none is.
        public var overdueDays: Int
        /// The lender's five-tier classification (五级分类) of its loans to the firm.
        public var classification: LoanClass
        public init(lender: String, overdueDays: Int = 0, classification: LoanClass = .normal) {
            self.lender = lender; self.overdueDays = overdueDays; self.classification = classification
        }
    }

    /// A month's metered consumption, in the meter's unit (kWh, tonnes …) as an integer.
    public struct MonthlyUsage: Sendable, Equatable, Hashable, Codable {
        public var year: Int
        public var month: Int
        public var quantity: Int64
        public init(year: Int, month: Int, quantity: Int64) { self.year = year; self.month = month; self.quantity = quantity }

        /// Months since year 0, so consecutive months differ by one.
        var index: Int { year * 12 + (month - 1) }
    }

    public var uscc: String
    /// The day the data hub was read.
    public var day: Day
    public var listings: [Listing]
    /// Case numbers (案号) of open lawsuits in which the firm is the defendant.
    public var lawsuitsAsDefendant: [String]
    public var penalties: [Penalty]
    /// 欠税余额.
    public var taxArrears: Cents
    /// The latest tax credit grade (A/B/M/C/D), nil when there is none.
    public var taxGrade: String?
    public var socialInsuranceArrears: Cents
    /// 参保人数 of the latest period, nil when unknown.
    public var insuredHeadcount: Int?
    public var housingFundArrears: Cents
    /// Water, power, gas and heat arrears together.
    public var utilityArrears: Cents
    /// What `consumption` measures, for the Chinese sentence (用电量, 用水量 …).
    public var consumptionName: String
    /// Recent months of consumption, in any order; several rows of one month are added up.
    public var consumption: [MonthlyUsage]
    public var legalRepresentative: String?
    public var lenderReports: [LenderReport]

    public init(uscc: String, day: Day, listings: [Listing] = [], lawsuitsAsDefendant: [String] = [], penalties: [Penalty] = [],
                taxArrears: Cents = .zero, taxGrade: String? = nil, socialInsuranceArrears: Cents = .zero,
                insuredHeadcount: Int? = nil, housingFundArrears: Cents = .zero, utilityArrears: Cents = .zero,
                consumptionName: String = "用电量", consumption: [MonthlyUsage] = [], legalRepresentative: String? = nil,
                lenderReports: [LenderReport] = []) {
        self.uscc = uscc; self.day = day; self.listings = listings; self.lawsuitsAsDefendant = lawsuitsAsDefendant
        self.penalties = penalties; self.taxArrears = taxArrears; self.taxGrade = taxGrade
        self.socialInsuranceArrears = socialInsuranceArrears; self.insuredHeadcount = insuredHeadcount
        self.housingFundArrears = housingFundArrears; self.utilityArrears = utilityArrears
        self.consumptionName = consumptionName; self.consumption = consumption
        self.legalRepresentative = legalRepresentative; self.lenderReports = lenderReports
    }
}
