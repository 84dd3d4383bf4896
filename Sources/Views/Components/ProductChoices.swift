import Domain

/// The industries and districts a product may be limited to, picked by name (codes stay in the product's rules).
public struct ProductChoices: Sendable, Equatable {
    public struct Choice: Sendable, Equatable {
        public var code: String
        public var name: String
        public init(code: String, name: String) { self.code = code; self.name = name }
    }

    public var industries: [Choice]
    public var districts: [Choice]

    public init(industries: [Choice] = [], districts: [Choice] = []) {
        self.industries = industries; self.districts = districts
    }

    /// A list of codes by name ("制造业、信息传输、软件和信息技术服务业"), or 不限 when empty; a code the lists do not name
    /// (a city prefix such as 2102) is shown as 全市 when it is the prefix of every district, else as itself.
    func names(_ codes: [String], in choices: [Choice]) -> String {
        guard !codes.isEmpty else { return "不限" }
        return codes.map { code in
            if let choice = choices.first(where: { $0.code == code }) { return choice.name }
            if !choices.isEmpty, choices.allSatisfy({ $0.code.hasPrefix(code) }) { return "全市" }
            return code
        }.joined(separator: "、")
    }

    public func industryNames(_ codes: [String]) -> String { names(codes, in: industries) }
    public func districtNames(_ codes: [String]) -> String { names(codes, in: districts) }
}
