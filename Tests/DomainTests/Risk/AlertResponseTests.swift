import Testing
@testable import Domain

/// A bank's answer to an alert (issue 12, §2): acknowledge, then confirm, dismiss with a reason or record the
/// measure taken; every other step is refused, and nothing in the answer touches a loan's class.
@Suite struct AlertResponseTests {
    let opened = WarningFixtures.day
    var alert: AlertResponse { AlertResponse(openedOn: opened) }

    func illegal(_ response: AlertResponse, _ event: AlertResponse.Event) -> DomainError? {
        do { _ = try response.applying(event, on: opened.adding(days: 2)); return nil } catch { return error }
    }

    @Test func aBankAcknowledgesThenConfirmsAndRecordsItsMeasure() throws {
        let acknowledged = try alert.applying(.acknowledge, on: opened)
        #expect(acknowledged.status == .acknowledged && acknowledged.acknowledgedOn == opened)
        let confirmed = try acknowledged.applying(.confirm(note: "  已电话核实  "), on: opened.adding(days: 1))
        #expect(confirmed.status == .confirmed && confirmed.confirmationNote == "已电话核实" && confirmed.closedOn == nil)
        let handled = try confirmed.applying(.handle(measure: "追加保证人并压降授信额度 50 万元"), on: opened.adding(days: 3))
        #expect(handled.status == .handled && handled.status.isFinal)
        #expect(handled.measure == "追加保证人并压降授信额度 50 万元" && handled.closedOn == opened.adding(days: 3))
    }

    @Test func aBankMayHandleOrDismissRightAfterAcknowledging() throws {
        let acknowledged = try alert.applying(.acknowledge, on: opened)
        #expect(try acknowledged.applying(.handle(measure: "加强贷后检查"), on: opened).status == .handled)
        let dismissed = try acknowledged.applying(.dismiss(reason: "该诉讼已和解撤诉"), on: opened.adding(days: 1))
        #expect(dismissed.status == .dismissed && dismissed.dismissalReason == "该诉讼已和解撤诉" && dismissed.status.isFinal)
        #expect(try acknowledged.applying(.confirm(note: ""), on: opened).confirmationNote == nil, "a note is optional")
    }

    @Test func aDismissalNeedsAReasonAndHandlingNeedsAMeasure() throws {
        let acknowledged = try alert.applying(.acknowledge, on: opened)
        #expect(throws: DomainError.invalidInput(field: "reason", reason: "排除理由不能为空")) {
            try acknowledged.applying(.dismiss(reason: " \u{3000}\n"), on: opened)
        }
        #expect(throws: DomainError.invalidInput(field: "measure", reason: "处置措施不能为空")) {
            try acknowledged.applying(.handle(measure: ""), on: opened)
        }
        let long = String(repeating: "措", count: AlertResponse.maximumTextLength + 1)
        #expect(throws: DomainError.invalidInput(field: "measure", reason: "处置措施不能超过 2000 字")) {
            try acknowledged.applying(.handle(measure: long), on: opened)
        }
        #expect(try acknowledged.applying(.handle(measure: String(long.dropFirst())), on: opened).status == .handled)
    }

    @Test func everyOtherStepIsAnIllegalTransition() throws {
        let acknowledged = try alert.applying(.acknowledge, on: opened)
        let confirmed = try acknowledged.applying(.confirm(note: ""), on: opened)
        let dismissed = try acknowledged.applying(.dismiss(reason: "误报"), on: opened)
        let handled = try acknowledged.applying(.handle(measure: "约谈企业"), on: opened)
        let events: [AlertResponse.Event] = [.acknowledge, .confirm(note: "x"), .dismiss(reason: "x"), .handle(measure: "x")]
        let allowed: [AlertResponse.Status: Set<AlertResponse.Action>] = [
            .open: [.acknowledge], .acknowledged: [.confirm, .dismiss, .handle], .confirmed: [.handle], .dismissed: [], .handled: [],
        ]
        for response in [alert, acknowledged, confirmed, dismissed, handled] {
            for event in events {
                let error = illegal(response, event)
                if allowed[response.status]?.contains(event.action) == true {
                    #expect(error == nil, "\(response.status) → \(event.action)")
                } else {
                    #expect(error == .illegalTransition(entity: "预警", from: response.status.label, action: event.action.label),
                            "\(response.status) → \(event.action)")
                }
            }
        }
        #expect(illegal(alert, .confirm(note: ""))?.message == "预警当前状态为“待签收”，不能确认风险")
        #expect(illegal(dismissed, .handle(measure: "x"))?.message == "预警当前状态为“已排除”，不能登记处置措施")
    }

    @Test func aStepCannotBeDatedBeforeThePreviousOne() throws {
        #expect(throws: DomainError.self) { try alert.applying(.acknowledge, on: opened.adding(days: -1)) }
        let acknowledged = try alert.applying(.acknowledge, on: opened.adding(days: 2))
        #expect(throws: DomainError.invalidInput(field: "day", reason: "处理日期 2026-03-16 不能早于上一步的日期 2026-03-17")) {
            try acknowledged.applying(.handle(measure: "约谈"), on: opened.adding(days: 1))
        }
        #expect(try acknowledged.applying(.handle(measure: "约谈"), on: opened.adding(days: 2)).closedOn == opened.adding(days: 2))
    }

    @Test func theAnswerHoldsNoLoanClass() throws {
        let handled = try alert.applying(.acknowledge, on: opened).applying(.handle(measure: "下调风险分类建议"), on: opened)
        let types = Mirror(reflecting: handled).children.map { type(of: $0.value) }
        #expect(types.count >= 8, "the mirror sees every stored property")
        let hasClass = types.contains { $0 == LoanClass.self || $0 == Optional<LoanClass>.self }
        #expect(!hasClass, "reclassifying stays the bank's own act, outside the platform")
    }
}
