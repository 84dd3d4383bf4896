import Domain

/// One claim (/bank/fund/claims/{id}, /console/fund/claims/{id}): the loan's facts when filed, the computation with
/// its working and each party's share, the material, every review step with its person, reason and deadline, the
/// recoveries shared back, and the forms for the steps this viewer may take.
public enum FundClaimPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var record: FundClaimRecord
        public var today: Day
        /// Where this viewer's forms post (`…/claims/{id}`).
        public var basePath: String
        public var backPath: String
        public var steps: [FundStepKind]
        public var mayResubmit: Bool
        public var mayReportRecovery: Bool
        public var materials: [FundMaterialInfo]
        public init(context: PageContext, record: FundClaimRecord, today: Day, basePath: String, backPath: String,
                    steps: [FundStepKind], mayResubmit: Bool, mayReportRecovery: Bool, materials: [FundMaterialInfo]) {
            self.context = context; self.record = record; self.today = today; self.basePath = basePath; self.backPath = backPath
            self.steps = steps; self.mayResubmit = mayResubmit; self.mayReportRecovery = mayReportRecovery; self.materials = materials
        }
    }
}
