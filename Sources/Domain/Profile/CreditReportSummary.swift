/// The 信息概要 at the top of a credit report, after the national 《公共信用信息报告标准（2022年版）》: the flags a
/// lender looks for first, each counted from the records the reader may see (an arrears flag of a dataset the firm did
/// not authorise is "未授权", never "无").
public struct CreditReportSummary: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var label: String
        /// How many records raise the flag; nil when the reader may not see the dataset.
        public var count: Int?
        public init(label: String, count: Int?) { self.label = label; self.count = count }
        public var isRaised: Bool { (count ?? 0) > 0 }
        public var text: String { count.map { $0 > 0 ? "\($0) 条" : "无" } ?? "未授权" }
    }

    public var items: [Item]

    /// `readable` are the dataset ids the reader may see; `sanctions` the 失信惩戒 measures flagged for reports.
    public init(records: [ProfileRecord], readable: Set<String>, sanctions: Int) {
        func value(_ record: ProfileRecord, _ name: String) -> String { record.fields.first { $0.name == name }?.value ?? "" }
        func number(_ record: ProfileRecord, _ name: String) -> Double { Double(value(record, name)) ?? 0 }
        func count(_ dataset: String, _ raised: (ProfileRecord) -> Bool) -> Int? {
            guard readable.contains(dataset) else { return nil }
            return records.filter { $0.dataset == dataset && raised($0) }.count
        }
        items = [
            Item(label: "失信惩戒措施", count: sanctions),
            Item(label: "失信被执行人", count: count("judicial.dishonest") { value($0, "removed_on").isEmpty }),
            Item(label: "黑名单", count: count("credit.list") { value($0, "list_type") == "black" && value($0, "removed_on").isEmpty }),
            Item(label: "经营异常", count: count("market.abnormal") { value($0, "removed_on").isEmpty }),
            Item(label: "严重行政处罚", count: count("admin.penalty") { value($0, "severity") == "严重" }),
            Item(label: "未结诉讼（被告）", count: count("judicial.case") { value($0, "role") == "被告" && value($0, "closed_on").isEmpty }),
            Item(label: "欠税", count: count("tax.payment") { number($0, "arrears") > 0 }),
            Item(label: "社保欠费", count: count("social.insurance") { number($0, "arrears") > 0 }),
            Item(label: "公积金欠缴", count: count("housing.fund") { number($0, "arrears") > 0 }),
            Item(label: "水电气暖欠费", count: count("utility.payment") { number($0, "amount_paid") < number($0, "amount_due") }),
        ]
    }

    public var raisedCount: Int { items.filter(\.isRaised).count }
}
