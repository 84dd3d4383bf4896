import Foundation

extension EnterpriseProfilePage {
    /// `GET /console/enterprises/{uscc}`: the credit profile (信用画像) of one enterprise.
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var uscc: String
        /// `nil` while `market.registration` holds nothing for this USCC; the page then says so.
        public var registration: Registration?
        /// Records grouped by catalog category, shown in the given order.
        public var groups: [RecordGroup]
        /// Names of datasets that hold records for this firm but are hidden from this viewer
        /// (授权查询 data without the firm's authorisation); listed in a notice.
        public var withheldDatasetNames: [String]
        /// The current public credit evaluation, once the firm has been evaluated.
        public var evaluation: EvaluationCard?
        /// The 失信惩戒 flags in force (measure 在信用档案和信用报告中标注), each naming the measure and the listing.
        public var sanctionFlags: [String]
        /// For the credit center only: the firm's loans, authorisations and the latest reads of its data.
        public var oversight: Oversight?
        /// For a lender's authorised read: the report's header, summary of flags and the firm's loans on the platform.
        public var report: Report?

        public init(context: PageContext, uscc: String, registration: Registration?, groups: [RecordGroup],
                    withheldDatasetNames: [String] = [], evaluation: EvaluationCard? = nil, sanctionFlags: [String] = []) {
            self.context = context; self.uscc = uscc; self.registration = registration; self.groups = groups
            self.withheldDatasetNames = withheldDatasetNames; self.evaluation = evaluation; self.sanctionFlags = sanctionFlags
        }

        public var recordCount: Int { groups.reduce(0) { $0 + $1.records.count } }
    }

    /// The registration card. All values are display strings prepared by the app;
    /// `legalRepresentativeID` must already be masked (e.g. `2102**********1234`) unless the viewer may see it.
    public struct Registration: Sendable, Equatable {
        public var name: String
        public var uscc: String
        public var entityType: String
        public var legalRepresentative: String
        public var legalRepresentativeID: String?
        /// Registered capital in 万元 as a number string, e.g. `500` or `120.5`; the view appends `万元`.
        public var registeredCapitalWan: String?
        /// `YYYY-MM-DD`.
        public var establishedOn: String
        public var industryLabel: String
        public var districtLabel: String
        public var scale: String
        public var status: String
        public var address: String

        public init(name: String, uscc: String, entityType: String, legalRepresentative: String,
                    legalRepresentativeID: String?, registeredCapitalWan: String?, establishedOn: String,
                    industryLabel: String, districtLabel: String, scale: String, status: String, address: String) {
            self.name = name; self.uscc = uscc; self.entityType = entityType
            self.legalRepresentative = legalRepresentative; self.legalRepresentativeID = legalRepresentativeID
            self.registeredCapitalWan = registeredCapitalWan; self.establishedOn = establishedOn
            self.industryLabel = industryLabel; self.districtLabel = districtLabel; self.scale = scale
            self.status = status; self.address = address
        }
    }

    /// The records of one catalog category (e.g. 行政管理, 司法信息), newest first.
    public struct RecordGroup: Sendable, Equatable {
        public var categoryName: String
        public var records: [Record]

        public init(categoryName: String, records: [Record]) {
            self.categoryName = categoryName
            self.records = records
        }
    }

    /// One record on a category's timeline.
    public struct Record: Sendable, Equatable {
        /// The record's own date as a display string (`YYYY-MM-DD`, or `YYYY-MM` for monthly data, or a year).
        public var date: String
        public var datasetID: String
        public var datasetName: String
        /// Key fields, already formatted, in display order.
        public var fields: [Field]
        public var sourceDepartment: String
        /// When the platform collected (last updated) the record.
        public var collectedAt: Date
        /// How many versions the platform holds (1 = never updated); the view shows `已更新 versions−1 次` when > 1.
        public var versions: Int
        public var tone: RecordTone
        /// The firm disputes it and the department has not answered yet (badge 异议处理中).
        public var underObjection: Bool

        public init(date: String, datasetID: String, datasetName: String, fields: [Field], sourceDepartment: String,
                    collectedAt: Date, versions: Int = 1, tone: RecordTone = .neutral, underObjection: Bool = false) {
            self.underObjection = underObjection; self.date = date; self.datasetID = datasetID
            self.datasetName = datasetName; self.fields = fields; self.sourceDepartment = sourceDepartment
            self.collectedAt = collectedAt; self.versions = versions; self.tone = tone
        }
    }

    /// A label/value pair such as `处罚决定书文号：大市监罚〔2024〕12号`.
    public struct Field: Sendable, Equatable {
        public var label: String
        public var value: String
        /// The value as a number when the catalog types the field as an amount or a count (the dataset's trend chart
        /// sums it by month); nil otherwise.
        public var number: Double?

        public init(label: String, value: String, number: Double? = nil) {
            self.label = label
            self.value = value
            self.number = number
        }
    }

    /// How a record reads for the firm's credit: penalties, arrears, blacklists are negative;
    /// honours, A grades, red lists positive.
    public enum RecordTone: String, Sendable, CaseIterable {
        case neutral
        case positive
        case negative
    }
}
