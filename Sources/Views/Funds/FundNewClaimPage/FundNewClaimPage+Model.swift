import Domain

/// Filing a claim on a covered loan (/bank/fund/new-claim): the loan, what filing now would give (the reasons it
/// cannot, or the computation with its working), the material checklist, the upload of documents and the filing form.
public enum FundNewClaimPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var programme: FundProgramme
        public var loanId: String
        public var firmName: String
        public var coverage: FundCoverage
        public var assessment: FundClaimAssessment
        public var checklist: [FundMaterialRequirement]
        public var materials: [FundMaterialInfo]
        public init(context: PageContext, programme: FundProgramme, loanId: String, firmName: String, coverage: FundCoverage,
                    assessment: FundClaimAssessment, checklist: [FundMaterialRequirement], materials: [FundMaterialInfo]) {
            self.context = context; self.programme = programme; self.loanId = loanId; self.firmName = firmName
            self.coverage = coverage; self.assessment = assessment; self.checklist = checklist; self.materials = materials
        }
    }
}
