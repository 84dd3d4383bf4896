/// The red-list evaluation (守信激励名单): a firm is eligible on a day when every criterion of the version in
/// force that day holds; otherwise each failing criterion is a reason in Chinese.
public enum RedList {
    /// The list name measures of the catalogue name in `appliesTo`.
    public static let listName = "守信激励名单"

    /// Why a firm is not eligible: a stable code and a Chinese sentence.
    public struct Reason: Sendable, Equatable, Hashable {
        public var code: String
        public var text: String
    }

    public struct Evaluation: Sendable, Equatable {
        /// The rules version applied.
        public var version: Int
        public var reasons: [Reason]
        public var eligible: Bool { reasons.isEmpty }
    }

    /// Evaluates `facts` on `day` under the rules in force that day; nil before any version is in force.
    ///
    /// The clean history covers the `cleanRepaymentMonths` months ending on `day`, i.e. the days after the
    /// same calendar day N months earlier (`start`) up to `day`: the firm's first platform loan must be on or
    /// before `start`, and its last overdue day, if any, on or before `start` too.
    public static func evaluate(_ facts: RedListFacts, on day: Day, rules: RedListRules) -> Evaluation? {
        guard let v = rules.inForce(on: day) else { return nil }
        var out: [Reason] = []
        func reason(_ code: String, _ text: String) { out.append(Reason(code: code, text: text)) }
        if let grade = facts.taxGrade, v.taxGrades.contains(grade) {} else {
            reason("tax_grade", facts.taxGrade.map { "纳税信用等级为 \($0) 级，须为 \(v.taxGrades.joined(separator: "、")) 级" }
                   ?? "没有纳税信用等级，须为 \(v.taxGrades.joined(separator: "、")) 级")
        }
        if let grade = facts.evaluationGrade, v.evaluationGrades.contains(grade) {} else {
            reason("evaluation_grade", facts.evaluationGrade.map { "信用评价等级为 \($0)，须为 \(v.evaluationGrades.joined(separator: "、"))" }
                   ?? "尚无信用评价等级，须为 \(v.evaluationGrades.joined(separator: "、"))")
        }
        let start = LoanCalendar.adding(months: -v.cleanRepaymentMonths, to: day)
        if let first = facts.firstPlatformLoanOn {
            if first > start {
                reason("short_history", "在平台的还款记录自 \(first) 起，不足 \(v.cleanRepaymentMonths) 个月")
            }
        } else {
            reason("no_history", "在平台没有贷款还款记录，须按时还款满 \(v.cleanRepaymentMonths) 个月")
        }
        if let overdue = facts.lastOverdueOn, overdue > start {
            reason("recent_overdue", "\(overdue) 有逾期，近 \(v.cleanRepaymentMonths) 个月还款记录不良")
        }
        var seen = Set<String>()
        for blocking in facts.blocking where seen.insert(blocking.listingID).inserted {
            reason("listed", "被列入\(blocking.listKind.listName)，不得列入守信激励名单")
        }
        return Evaluation(version: v.version, reasons: out)
    }
}
