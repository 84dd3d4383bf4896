/// The platform lists a coupon programme may require a firm to be on.
public enum CouponList: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// 推荐清单: listed or already pushed to institutions.
    case recommended
    /// 守信激励名单: an entry in effect.
    case redList = "red_list"

    public var label: String {
        switch self {
        case .recommended: "推荐清单"
        case .redList: "守信激励名单"
        }
    }
}

/// Who may receive a programme's coupons. Each criterion that is set must hold (grades AND lists AND …); within one
/// criterion any value will do (grade A or AA; on the recommended list or the red list). An empty criterion admits all.
/// A firm on a dishonesty (失信) list never receives a coupon (Hangzhou's exclusion, FUNDS-COUPONS.md §2.2).
public struct CouponEligibility: Sendable, Equatable, Hashable, Codable {
    /// The public credit evaluation's grades admitted (e.g. `["AAA", "AA", "A"]`).
    public var grades: [String]
    public var lists: [CouponList]
    /// Recognitions from the data hub's 科技资质 dataset (`tech.qualification`, e.g. 专精特新, 高新技术企业), in force.
    public var qualifications: [String]
    /// GB/T 4754 industry codes or prefixes (`C` admits all manufacturing).
    public var industries: [String]

    public init(grades: [String] = [], lists: [CouponList] = [], qualifications: [String] = [], industries: [String] = []) {
        self.grades = grades; self.lists = lists; self.qualifications = qualifications; self.industries = industries
    }

    /// The recognitions the catalog's 科技资质 dataset knows.
    public static let knownQualifications = ["专精特新", "高新技术企业", "科技型中小企业"]

    /// The criteria in words, for the pages: `评价等级 AA、A；名单：守信激励名单；资质：专精特新`.
    public var summary: String {
        var parts: [String] = []
        if !grades.isEmpty { parts.append("评价等级 " + grades.joined(separator: "、")) }
        if !lists.isEmpty { parts.append("名单：" + lists.map(\.label).joined(separator: "或")) }
        if !qualifications.isEmpty { parts.append("资质：" + qualifications.joined(separator: "或")) }
        if !industries.isEmpty { parts.append("行业代码：" + industries.joined(separator: "、")) }
        return parts.isEmpty ? "所有无失信记录的企业" : parts.joined(separator: "；")
    }

    /// Why `firm` may not receive a coupon (empty: it may).
    public func refusals(_ firm: CouponFirmFacts) -> [CouponReason] {
        var out: [CouponReason] = []
        if firm.isDishonest { out.append(.init(code: "dishonest", text: "企业有失信记录")) }
        if !grades.isEmpty, !grades.contains(firm.grade) {
            out.append(.init(code: "grade", text: "评价等级“\(firm.grade.isEmpty ? "未评价" : firm.grade)”不在\(grades.joined(separator: "、"))之内"))
        }
        if !lists.isEmpty, !lists.contains(where: { firm.lists.contains($0) }) {
            out.append(.init(code: "list", text: "不在" + lists.map(\.label).joined(separator: "或") + "中"))
        }
        if !qualifications.isEmpty, !qualifications.contains(where: { firm.qualifications.contains($0) }) {
            out.append(.init(code: "qualification", text: "无有效的" + qualifications.joined(separator: "或") + "认定"))
        }
        if !industries.isEmpty, !industries.contains(where: { !$0.isEmpty && firm.industryCode.hasPrefix($0) }) {
            out.append(.init(code: "industry", text: "行业代码“\(firm.industryCode)”不在适用行业之内"))
        }
        return out
    }

    public func validate() throws(DomainError) {
        if let odd = qualifications.first(where: { !Self.knownQualifications.contains($0) }) {
            throw .invalidInput(field: "qualifications", reason: "未知的资质“\(odd)”，应为" + Self.knownQualifications.joined(separator: "、") + "之一")
        }
        if let odd = industries.first(where: { $0.isEmpty || $0.count > 5 || !$0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) {
            throw .invalidInput(field: "industries", reason: "行业代码“\(odd)”无效（GB/T 4754 门类字母或代码）")
        }
    }
}

/// A firm as a coupon programme looks at it when issuing.
public struct CouponFirmFacts: Sendable, Equatable, Codable {
    public var uscc: String
    public var name: String
    public var grade: String
    public var industryCode: String
    public var lists: Set<CouponList>
    /// Recognitions in force on the day (科技资质 kinds).
    public var qualifications: Set<String>
    public var isDishonest: Bool

    public init(uscc: String, name: String, grade: String, industryCode: String, lists: Set<CouponList> = [],
                qualifications: Set<String> = [], isDishonest: Bool = false) {
        self.uscc = uscc; self.name = name; self.grade = grade; self.industryCode = industryCode; self.lists = lists
        self.qualifications = qualifications; self.isDishonest = isDishonest
    }
}

/// A reason with a stable code and its Chinese text.
public struct CouponReason: Sendable, Equatable, Hashable, Codable {
    public var code: String
    public var text: String
    public init(code: String, text: String) { self.code = code; self.text = text }
}
