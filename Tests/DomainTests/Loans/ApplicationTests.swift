import Foundation
import Testing
@testable import Domain

@Suite struct ApplicationTests {
    let terms = LoanTerms(amount: Cents(yuan: 1_000_000), rate: AnnualRate(basisPoints: 380), termMonths: 12,
                          method: .equalInstallment)

    func run(_ events: [ApplicationEvent]) throws -> LoanApplication {
        try events.reduce(LoanApplication.submitted) { try $0.applying($1) }
    }

    @Test func statusLabels() {
        #expect(ApplicationStatus.allCases.map(\.label)
            == ["已提交", "已受理", "已批准", "已拒绝", "已撤回", "已取消", "已签约", "已放款", "已结清"])
    }

    @Test func fullManualPathToSettlement() throws {
        var application = LoanApplication.submitted
        let steps: [(ApplicationEvent, ApplicationStatus)] = [
            (.accept, .accepted), (.approve(terms), .approved), (.signContract, .contractSigned),
            (.disburse, .disbursed), (.settle, .settled),
        ]
        for (event, expected) in steps {
            application = try application.applying(event)
            #expect(application.status == expected)
        }
        #expect(application.terms == terms)
        #expect(application.decidedBy == .institution)
        #expect(application.status.isFinal)
    }

    @Test func autoApprovalRecordsTheRules() throws {
        let application = try run([.autoApprove(terms, rules: [" 白名单企业 ", "纳税信用A级", ""])])
        #expect(application.status == .approved)
        #expect(application.decidedBy == .system(rules: ["白名单企业", "纳税信用A级"]))
        #expect(application.terms == terms)
        #expect(throws: DomainError.invalidInput(field: "rules", reason: "自动审批须列明所依据的规则")) {
            try LoanApplication.submitted.applying(.autoApprove(terms, rules: [" "]))
        }
    }

    @Test func rejectionNeedsAReason() throws {
        let application = try run([.accept, .reject(reason: "  经营流水不足  ")])
        #expect(application.status == .rejected)
        #expect(application.reason == "经营流水不足")
        #expect(application.decidedBy == .institution)
        #expect(throws: DomainError.invalidInput(field: "reason", reason: "拒绝理由不能为空")) {
            try run([.accept, .reject(reason: " \n")])
        }
    }

    @Test func withdrawalBeforeADecision() throws {
        #expect(try run([.withdraw]).status == .withdrawn)
        #expect(try run([.accept, .withdraw]).status == .withdrawn)
        #expect(throws: DomainError.illegalTransition(entity: "申请", from: "已批准", action: "撤回")) {
            try run([.accept, .approve(terms), .withdraw])
        }
    }

    @Test func approvedLoanCancelledWhenTheFirmDeclinesToSign() throws {
        let application = try run([.accept, .approve(terms), .cancel(reason: "企业放弃签约")])
        #expect(application.status == .cancelled)
        #expect(application.reason == "企业放弃签约")
        #expect(application.terms == terms)
        #expect(throws: DomainError.invalidInput(field: "reason", reason: "取消原因不能为空")) {
            try run([.accept, .approve(terms), .cancel(reason: "")])
        }
    }

    @Test func approvalChecksTheTerms() {
        var bad = terms
        bad.amount = .zero
        #expect(throws: DomainError.invalidInput(field: "amount", reason: "贷款金额必须大于零")) { try run([.accept, .approve(bad)]) }
        bad = terms
        bad.termMonths = 0
        #expect(throws: DomainError.self) { try run([.accept, .approve(bad)]) }
        bad = terms
        bad.rate = AnnualRate(basisPoints: -1)
        #expect(throws: DomainError.self) { try run([.autoApprove(bad, rules: ["r"])]) }
    }

    @Test func rateCapIsConfigurable() {
        let cap = AnnualRate.benchmark.raised(byPercent: 30)   // 5.66 %
        var offer = terms
        offer.rate = AnnualRate(basisPoints: 566)
        #expect(throws: Never.self) { try offer.validate(rateCap: cap) }
        offer.rate = AnnualRate(basisPoints: 567)
        #expect(throws: DomainError.invalidInput(field: "rate", reason: "年利率5.67%超过上限5.66%")) { try offer.validate(rateCap: cap) }
    }

    /// The complete transition table: exactly these (status, action) pairs are allowed.
    @Test func transitionTable() {
        let legal: [ApplicationStatus: [ApplicationAction: ApplicationStatus]] = [
            .submitted: [.accept: .accepted, .autoApprove: .approved, .withdraw: .withdrawn],
            .accepted: [.approve: .approved, .reject: .rejected, .withdraw: .withdrawn],
            .approved: [.signContract: .contractSigned, .cancel: .cancelled],
            .contractSigned: [.disburse: .disbursed],
            .disbursed: [.settle: .settled],
        ]
        for status in ApplicationStatus.allCases {
            for action in ApplicationAction.allCases {
                #expect(status.target(of: action) == legal[status]?[action], "\(status) \(action)")
            }
        }
        #expect(ApplicationStatus.allCases.filter(\.isFinal) == [.rejected, .withdrawn, .cancelled, .settled])
    }

    /// Illegal events throw `illegalTransition` with the Chinese status and action.
    @Test(arguments: [
        (ApplicationStatus.submitted, ApplicationEvent.disburse, "已提交", "放款"),
        (.submitted, .reject(reason: "x"), "已提交", "拒绝"),
        (.submitted, .signContract, "已提交", "签约"),
        (.accepted, .accept, "已受理", "受理"),
        (.accepted, .autoApprove(LoanTerms(amount: 1, rate: .benchmark, termMonths: 1, method: .bullet), rules: ["r"]), "已受理", "自动审批"),
        (.approved, .disburse, "已批准", "放款"),
        (.approved, .reject(reason: "x"), "已批准", "拒绝"),
        (.rejected, .approve(LoanTerms(amount: 1, rate: .benchmark, termMonths: 1, method: .bullet)), "已拒绝", "批准"),
        (.withdrawn, .accept, "已撤回", "受理"),
        (.cancelled, .signContract, "已取消", "签约"),
        (.contractSigned, .withdraw, "已签约", "撤回"),
        (.contractSigned, .cancel(reason: "x"), "已签约", "取消"),
        (.disbursed, .disburse, "已放款", "放款"),
        (.settled, .settle, "已结清", "结清"),
    ])
    func illegalTransitions(from status: ApplicationStatus, event: ApplicationEvent, fromLabel: String, action: String) {
        let expected = DomainError.illegalTransition(entity: "申请", from: fromLabel, action: action)
        #expect(throws: expected) { try status.applying(event) }
        #expect(throws: expected) { try LoanApplication(status: status).applying(event) }
    }

    @Test func illegalTransitionMessage() {
        let error = DomainError.illegalTransition(entity: "申请", from: ApplicationStatus.submitted.label, action: ApplicationEvent.disburse.label)
        #expect(error.message == "申请当前状态为“已提交”，不能放款")
        #expect(error.code == "illegal_transition")
    }

    @Test func codableRoundTrip() throws {
        let application = try run([.autoApprove(terms, rules: ["白名单企业"])])
        let decoded = try JSONDecoder().decode(LoanApplication.self, from: JSONEncoder().encode(application))
        #expect(decoded == application)
        let event = ApplicationEvent.reject(reason: "资料不全")
        #expect(try JSONDecoder().decode(ApplicationEvent.self, from: JSONEncoder().encode(event)) == event)
        #expect(try JSONDecoder().decode(ApplicationStatus.self, from: Data(#""contract_signed""#.utf8)) == .contractSigned)
    }
}
