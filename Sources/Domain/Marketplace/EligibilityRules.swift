/// Who may apply for a product. Industry and district lists match by code prefix, so "C" admits every
/// manufacturing code ("C13", "C1310") and "2102" every district of Dalian; an empty list admits all.
public struct EligibilityRules: Sendable, Equatable, Hashable, Codable {
    /// The worst grade still admitted; nil = any grade (including firms without a grade).
    public var minimumGrade: String?
    /// GB/T 4754 industry codes (or prefixes); empty = all industries.
    public var industries: [String]
    /// GB/T 2260 district codes (or prefixes); empty = all districts.
    public var districts: [String]
    /// Full years since establishment; 0 = no requirement.
    public var minimumYearsInBusiness: Int
    /// Refuse firms with a dishonesty (失信) or blacklist record.
    public var excludeDishonest: Bool

    public init(minimumGrade: String? = nil, industries: [String] = [], districts: [String] = [],
                minimumYearsInBusiness: Int = 0, excludeDishonest: Bool = true) {
        self.minimumGrade = minimumGrade; self.industries = industries; self.districts = districts
        self.minimumYearsInBusiness = minimumYearsInBusiness; self.excludeDishonest = excludeDishonest
    }

    /// Whether `code` falls under one of `allowed` (empty admits all).
    static func covers(_ allowed: [String], _ code: String) -> Bool {
        allowed.isEmpty || allowed.contains { !$0.isEmpty && code.hasPrefix($0) }
    }
}
