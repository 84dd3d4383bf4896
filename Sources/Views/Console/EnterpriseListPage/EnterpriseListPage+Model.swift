extension EnterpriseListPage {
    /// `GET /console/enterprises?q=&district=&industry=&page=`.
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        /// The search text as submitted (名称或统一社会信用代码).
        public var query: String
        /// District choices (value = 6-digit code); mark the current filter selected.
        /// A leading "全部行政区划" option is added by the view.
        public var districtOptions: [SelectOption]
        /// Industry choices (value = GB/T 4754 section letter); a leading "全部行业" option is added by the view.
        public var industryOptions: [SelectOption]
        /// Grade choices (the evaluation model's grades); a leading "全部等级" option is added by the view.
        public var gradeOptions: [SelectOption]
        public var rows: [Row]
        /// Path `/console/enterprises`, query `q`, `district`, `industry`.
        public var pagination: Pagination

        public init(context: PageContext, query: String, districtOptions: [SelectOption],
                    industryOptions: [SelectOption], gradeOptions: [SelectOption] = [], rows: [Row], pagination: Pagination) {
            self.context = context; self.query = query; self.districtOptions = districtOptions
            self.industryOptions = industryOptions; self.gradeOptions = gradeOptions; self.rows = rows; self.pagination = pagination
        }

        /// Whether any search or filter is active (changes the empty-state text).
        public var isFiltered: Bool {
            !query.isEmpty || districtOptions.contains(where: \.isSelected) || industryOptions.contains(where: \.isSelected)
                || gradeOptions.contains(where: \.isSelected)
        }
    }

    /// One enterprise in the results table; labels are display strings.
    public struct Row: Sendable, Equatable {
        public var uscc: String
        public var name: String
        /// 企业 / 个体工商户 / 农民专业合作社.
        public var entityType: String
        public var districtLabel: String
        public var industryLabel: String
        /// 微型 / 小型 / 中型 / 大型, empty when unknown.
        public var scale: String
        /// 存续 / 吊销 / 注销 / 迁出, empty when unknown.
        public var status: String
        public var recordCount: Int
        /// The current credit grade; nil when not yet evaluated.
        public var grade: String?

        public init(uscc: String, name: String, entityType: String, districtLabel: String, industryLabel: String,
                    scale: String, status: String, recordCount: Int, grade: String? = nil) {
            self.uscc = uscc; self.name = name; self.entityType = entityType; self.districtLabel = districtLabel
            self.industryLabel = industryLabel; self.scale = scale; self.status = status
            self.recordCount = recordCount; self.grade = grade
        }
    }
}
