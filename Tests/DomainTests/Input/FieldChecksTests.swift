import Domain
import Testing

/// A form is checked whole: every wrong field is named at once under its form key (issue 16).
@Suite struct FieldChecksTests {
    @Test func everyProblemIsCollectedUnderItsKey() throws {
        var checks = FieldChecks()
        let name = checks.run("name") { try Validate.text("", field: "产品名称") }
        let term = checks.run("term") { try Validate.int("400", field: "期限（月）", range: 1...360) }
        let phone = checks.run("phone") { try Validate.phone("13800000000") }
        #expect(name == nil && term == nil && phone == "13800000000")
        #expect(checks.problems.map(\.field) == ["name", "term"])
        #expect(checks.problems[0].reason == "产品名称不能为空", "the Chinese name stays in the reason")
        do {
            try checks.finish()
            Issue.record("finish must throw")
        } catch let error as DomainError {
            guard case .invalidFields(let problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.count == 2)
            #expect(error.code == "invalid_input")
            #expect(error.message.hasPrefix("提交的内容有 2 处错误"))
        }
    }

    @Test func noProblemNoThrowAndEnglishKeysAreNeverShown() throws {
        var checks = FieldChecks()
        _ = checks.run("amount") { 1 }
        try checks.finish()
        #expect(FormProblem(field: "rateRange", reason: "最高年利率超过平台上限").text == "最高年利率超过平台上限")
        #expect(FormProblem(field: "还款日期", reason: "不能晚于今天").text == "还款日期：不能晚于今天")
    }
}
