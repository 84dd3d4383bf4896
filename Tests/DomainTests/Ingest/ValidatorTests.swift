import Testing
@testable import Domain

@Suite struct ValidatorTests {
    let catalog: Catalog
    let today = Day(year: 2026, month: 11, day: 22)
    static let firm = "91350100M000100Y43"

    init() throws { catalog = try CatalogLoader.bundled() }

    func penaltyValidator(_ columns: [String]? = nil) throws -> RecordValidator {
        try RecordValidator(dataset: try catalog.require("admin.penalty"),
                            columns: columns ?? ["record_id", "uscc", "decision_no", "decided_on", "authority", "severity", "amount"],
                            today: today)
    }

    func problems(_ values: [String], _ validator: RecordValidator? = nil) throws -> [FieldProblem] {
        guard case .rejected(let row) = try (validator ?? penaltyValidator()).validate(values, rowNumber: 2) else { return [] }
        return row.problems
    }

    @Test func acceptsAValidRowAndNormalisesIt() throws {
        let outcome = try penaltyValidator().validate(["P1", " 91350100m000100y43 ", "大市监罚〔2026〕1号", "2026-03-01", "大连市市场监督管理局", "一般", "5000.0"], rowNumber: 2)
        guard case .valid(let record) = outcome else { Issue.record("rejected: \(outcome)"); return }
        #expect(record.uscc == Self.firm)
        #expect(record.eventDate == "2026-03-01")
        #expect(record.content == #"{"decision_no":"大市监罚〔2026〕1号","decided_on":"2026-03-01","authority":"大连市市场监督管理局","severity":"一般","amount":"5000"}"#)
    }

    @Test func equalContentHashesEqually() throws {
        let v = try penaltyValidator()
        guard case .valid(let a) = v.validate(["P1", Self.firm, "N1", "2026-03-01", "局", "一般", "5000"], rowNumber: 2),
              case .valid(let b) = v.validate(["P1", Self.firm, " N1 ", "2026-03-01", "局", "一般", "5000.00"], rowNumber: 3),
              case .valid(let c) = v.validate(["P1", Self.firm, "N1", "2026-03-01", "局", "一般", "5000.01"], rowNumber: 4) else {
            Issue.record("expected valid rows"); return
        }
        #expect(a.hash == b.hash)
        #expect(a.hash != c.hash)
    }

    @Test func unknownColumnRejectsTheWholeFile() throws {
        #expect(throws: DomainError.self) { try penaltyValidator(["record_id", "uscc", "decision_no", "decided_on", "authority", "severity", "fine"]) }
        do { _ = try penaltyValidator(["record_id", "uscc", "decision_no", "decided_on", "authority", "severity", "fine"]) } catch let error as DomainError {
            #expect(error.message.contains("“fine”"))
        }
    }

    @Test func missingRequiredColumnRejectsTheFile() throws {
        #expect(throws: DomainError.invalidFile(reason: "缺少必填列 “severity”")) {
            try penaltyValidator(["record_id", "uscc", "decision_no", "decided_on", "authority"])
        }
        #expect(throws: DomainError.invalidFile(reason: "缺少必需的列“uscc”")) {
            try penaltyValidator(["record_id", "decision_no", "decided_on", "authority", "severity"])
        }
    }

    @Test(arguments: [
        (["", ValidatorTests.firm, "N", "2026-01-01", "局", "一般", ""], "record_id", "必填字段为空"),
        (["P", "91350100M000100Y4Z", "N", "2026-01-01", "局", "一般", ""], "uscc", "校验位错误：应为“3”，实际为“Z”"),
        (["P", "", "N", "2026-01-01", "局", "一般", ""], "uscc", "必填字段为空"),
        (["P", ValidatorTests.firm, "", "2026-01-01", "局", "一般", ""], "decision_no", "必填字段为空"),
        (["P", ValidatorTests.firm, "N", "2026-11-23", "局", "一般", ""], "decided_on", "日期 2026-11-23 晚于今天（2026-11-22）"),
        (["P", ValidatorTests.firm, "N", "2026-02-30", "局", "一般", ""], "decided_on", "日期格式应为 YYYY-MM-DD 且为有效日期"),
        (["P", ValidatorTests.firm, "N", "2026/01/01", "局", "一般", ""], "decided_on", "日期格式应为 YYYY-MM-DD 且为有效日期"),
        (["P", ValidatorTests.firm, "N", "2026-01-01", "局", "很严重", ""], "severity", "取值应为 轻微/一般/严重 之一"),
        (["P", ValidatorTests.firm, "N", "2026-01-01", "局", "一般", "-5"], "amount", "金额不能为负数"),
        (["P", ValidatorTests.firm, "N", "2026-01-01", "局", "一般", "5.123"], "amount", "金额最多保留两位小数"),
        (["P", ValidatorTests.firm, "N", "2026-01-01", "局", "一般", "五百"], "amount", "应为金额数字（元），如 1200.50"),
        ([String(repeating: "x", count: 65), ValidatorTests.firm, "N", "2026-01-01", "局", "一般", ""], "record_id", "长度不能超过64个字符"),
        (["P", ValidatorTests.firm, "N", "2026-01-01", String(repeating: "局", count: 201), "一般", ""], "authority", "长度不能超过200个字符"),
        (["P\u{1F}1", ValidatorTests.firm, "N", "2026-01-01", "局", "一般", ""], "record_id", "不能包含控制字符"),
    ])
    func rejectsEachRuleWithTheFieldAndAReason(values: [String], field: String, reason: String) throws {
        let found = try problems(values)
        #expect(found.contains { $0.field == field && $0.reason == reason }, "got \(found)")
    }

    @Test func reportsEveryProblemOfARow() throws {
        let found = try problems(["", "bad", "", "2030-01-01", "", "x", "-1"])
        #expect(Set(found.map(\.field)) == ["record_id", "uscc", "decision_no", "decided_on", "authority", "severity", "amount"])
    }

    @Test func monthsYearsIntegersAndEnumerations() throws {
        let social = try RecordValidator(dataset: try catalog.require("social.insurance"),
                                         columns: ["record_id", "uscc", "period", "insured_count", "arrears"], today: today)
        #expect(try problems(["S", Self.firm, "2026-12", "3", ""], social).first?.reason == "月份 2026-12 晚于本月")
        #expect(try problems(["S", Self.firm, "2026-13", "3", ""], social).first?.reason == "月份格式应为 YYYY-MM")
        #expect(try problems(["S", Self.firm, "2026-10", "-1", ""], social).first?.reason == "不能小于0")
        #expect(try problems(["S", Self.firm, "2026-10", "3.5", ""], social).first?.reason == "应为整数")
        let tax = try RecordValidator(dataset: try catalog.require("tax.rating"), columns: ["record_id", "uscc", "year", "grade"], today: today)
        #expect(try problems(["T", Self.firm, "2027", "A"], tax).first?.reason == "年份 2027 晚于今年")
        #expect(try problems(["T", Self.firm, "25", "A"], tax).first?.reason == "年份应为4位数字")
        #expect(try problems(["T", Self.firm, "2025", "E"], tax).first?.reason == "取值应为 A/B/M/C/D 之一")
        #expect(try problems(["T", Self.firm, "2025", "A"], tax).isEmpty)
    }

    @Test func expiryDatesMayLieInTheFuture() throws {
        let license = try RecordValidator(dataset: try catalog.require("admin.license"),
                                          columns: ["record_id", "uscc", "license_no", "title", "issued_on", "valid_until"], today: today)
        #expect(try problems(["L", Self.firm, "X1", "食品经营许可", "2025-01-01", "2030-01-01"], license).isEmpty)
    }

    @Test func districtCodesAreSixDigits() throws {
        let registration = try RecordValidator(dataset: try catalog.require("market.registration"),
                                               columns: ["record_id", "uscc", "name", "legal_rep", "established_on", "district"], today: today)
        #expect(try problems(["R", Self.firm, "某公司", "张三", "2020-01-01", "2102"], registration).first?.reason
                == "行政区划代码应为6位数字（或数据目录中的区县名称）")
        // The catalog's district name stands for its code.
        guard case .valid(let record) = registration.validate(["R", Self.firm, "某公司", "张三", "2020-01-01", "中山区"], rowNumber: 2) else {
            Issue.record("中山区 should be read as 210202"); return
        }
        #expect(record.content.contains(#""district":"210202""#))
    }

    /// A clerk's file with the catalog's Chinese headers and labels (缴费类别 电, 水) loads, stored as the codes; a wrong
    /// value is told with the Chinese labels.
    @Test func chineseHeadersAndLabelsAreAccepted() throws {
        let utility = try RecordValidator(dataset: try catalog.require("utility.payment"),
                                          columns: ["记录编号", "统一社会信用代码", "缴费类别", "所属期", "应缴金额（元）", "实缴金额（元）"], today: today)
        for (label, code) in [("电", "electricity"), ("水", "water"), ("燃气", "gas"), ("供暖", "heat"), ("water", "water")] {
            guard case .valid(let record) = utility.validate(["U1", Self.firm, label, "2026-10", "100", "100"], rowNumber: 2) else {
                Issue.record("\(label) rejected"); continue
            }
            #expect(record.content.contains(#""utility":"\#(code)""#), "\(record.content)")
        }
        #expect(try problems(["U1", Self.firm, "煤", "2026-10", "100", "100"], utility).first?.reason == "取值应为 水/电/燃气/供暖 之一")
        // An unknown header names the dataset in Chinese.
        #expect(throws: DomainError.invalidFile(reason: "数据集“水电气暖缴费”（utility.payment）中没有列 “费用”，请按数据目录核对表头（可用列名或中文名）")) {
            try RecordValidator(dataset: try catalog.require("utility.payment"),
                                columns: ["record_id", "uscc", "utility", "period", "amount_due", "amount_paid", "费用"], today: today)
        }
    }

    @Test func wrongCellCountIsARowError() throws {
        let found = try problems(["P", Self.firm, "N"])
        #expect(found.first?.reason == "该行有 3 列，表头有 7 列")
    }

    @Test func exportAnnotationColumnsAreIgnored() throws {
        let v = try penaltyValidator(["_row", "_errors", "record_id", "uscc", "decision_no", "decided_on", "authority", "severity"])
        guard case .valid = v.validate(["5", "uscc：校验位错误", "P", Self.firm, "N", "2026-01-01", "局", "一般"], rowNumber: 2) else {
            Issue.record("annotation columns should be ignored"); return
        }
    }

    @Test func amountsAreCanonical() throws {
        #expect(try Amount.normalise("007.5").get() == "7.50")
        #expect(try Amount.normalise("100.00").get() == "100")
        #expect(try Amount.normalise("0").get() == "0")
        #expect((try? Amount.normalise("1.").get()) == nil)
        #expect((try? Amount.normalise("1e5").get()) == nil)
    }
}
