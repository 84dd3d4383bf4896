import Testing
@testable import Domain

@Suite struct ProductLifecycleTests {
    let policy = MarketplaceFixtures.policy
    let draft = MarketplaceFixtures.product(status: .draft)

    @Test func draftToReviewToOnlineToOfflineAndBackToDraft() throws {
        var p = try draft.applying(.submit, policy: policy)
        #expect(p.status == .pendingReview)
        p = try p.applying(.approve, policy: policy)
        #expect(p.status == .online)
        p = try p.applying(.takeOffline, policy: policy)
        #expect(p.status == .offline)
        p = try p.applying(.edit, policy: policy)
        #expect(p.status == .draft)
    }

    @Test func rejectionNeedsAReasonAndKeepsItUntilResubmitted() throws {
        let pending = try draft.applying(.submit, policy: policy)
        #expect(throws: DomainError.invalidInput(field: "reason", reason: "驳回须填写原因")) {
            try pending.applying(.reject(reason: " \u{3000}"), policy: policy)
        }
        let rejected = try pending.applying(.reject(reason: " 利率说明不清 "), policy: policy)
        #expect(rejected.status == .draft)
        #expect(rejected.reviewNote == "利率说明不清")
        let resubmitted = try rejected.applying(.submit, policy: policy)
        #expect(resubmitted.status == .pendingReview)
        #expect(resubmitted.reviewNote == nil)
    }

    @Test func illegalTransitionsNameStatusAndAction() {
        #expect(throws: DomainError.illegalTransition(entity: "产品", from: "草稿", action: "审核通过")) {
            try ProductStatus.draft.after(.approve)
        }
        #expect(throws: DomainError.illegalTransition(entity: "产品", from: "已上架", action: "编辑")) {
            try ProductStatus.online.after(.edit)
        }
        #expect(throws: DomainError.illegalTransition(entity: "产品", from: "已下架", action: "提交审核")) {
            try ProductStatus.offline.after(.submit)
        }
        #expect(throws: DomainError.illegalTransition(entity: "产品", from: "待审核", action: "下架")) {
            try ProductStatus.pendingReview.after(.takeOffline)
        }
        #expect(DomainError.illegalTransition(entity: "产品", from: "草稿", action: "审核通过").message
                == "产品当前状态为“草稿”，不能审核通过")
    }

    @Test func everyStatusAllowsExactlyTheDocumentedActions() {
        let actions: [ProductAction] = [.edit, .submit, .approve, .reject(reason: "x"), .takeOffline]
        let allowed: [ProductStatus: [String]] = [
            .draft: ["编辑", "提交审核"], .pendingReview: ["审核通过", "驳回"], .online: ["下架"], .offline: ["编辑"],
        ]
        for status in ProductStatus.allCases {
            let ok = actions.filter { (try? status.after($0)) != nil }.map(\.label)
            #expect(ok == allowed[status], "\(status)")
        }
    }

    @Test func submittingAnInvalidDraftFailsAndLeavesItADraft() {
        var bad = draft
        bad.repaymentMethods = []
        #expect(throws: DomainError.invalidInput(field: "repaymentMethods", reason: "至少选择一种还款方式")) {
            try bad.applying(.submit, policy: policy)
        }
        #expect(bad.status == .draft)
    }
}
