extension DashboardPage {
    /// `GET /console`: counts at a glance, records per dataset, latest batches.
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        /// Enterprises known from `market.registration`.
        public var enterpriseCount: Int
        /// Current records across all datasets.
        public var recordCount: Int
        public var batchCount: Int
        /// Rejected rows held in quarantine.
        public var quarantinedRowCount: Int
        /// Records whose USCC has no registration yet (awaiting the registration link).
        public var unlinkedRecordCount: Int
        /// Records per dataset, in display order (e.g. catalog order).
        public var recordsByDataset: [DatasetRecordCount]
        /// The latest (up to 10) batches, newest first.
        public var latestBatches: [BatchRow]
        /// Firms per public credit evaluation grade, in the model's grade order (empty before any evaluation).
        public var gradeDistribution: [GradeCount]

        public init(context: PageContext, enterpriseCount: Int, recordCount: Int, batchCount: Int,
                    quarantinedRowCount: Int, unlinkedRecordCount: Int, recordsByDataset: [DatasetRecordCount],
                    latestBatches: [BatchRow], gradeDistribution: [GradeCount] = []) {
            self.gradeDistribution = gradeDistribution; self.context = context; self.enterpriseCount = enterpriseCount
            self.recordCount = recordCount; self.batchCount = batchCount
            self.quarantinedRowCount = quarantinedRowCount; self.unlinkedRecordCount = unlinkedRecordCount
            self.recordsByDataset = recordsByDataset; self.latestBatches = latestBatches
        }
    }

    /// The number of records of one dataset.
    /// Firms in one evaluation grade.
    public struct GradeCount: Sendable, Equatable {
        public var grade: String
        public var count: Int
        public init(grade: String, count: Int) { self.grade = grade; self.count = count }
    }

    public struct DatasetRecordCount: Sendable, Equatable {
        public var datasetID: String
        public var datasetName: String
        public var recordCount: Int

        public init(datasetID: String, datasetName: String, recordCount: Int) {
            self.datasetID = datasetID; self.datasetName = datasetName; self.recordCount = recordCount
        }
    }
}
