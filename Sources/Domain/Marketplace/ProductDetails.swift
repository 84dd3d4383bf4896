/// What a product page in the supermarket tells a firm besides the figures (介绍、申请条件、所需材料、办理流程、联系人),
/// as the national and Shanghai 信易贷 platforms show it. Plain text; each part at most `maxLength` characters.
public struct ProductDetails: Sendable, Equatable, Hashable, Codable {
    public static let maxLength = 2_000

    public var introduction: String
    public var conditions: String
    public var materials: String
    public var process: String
    public var contactName: String
    public var contactPhone: String

    public init(introduction: String = "", conditions: String = "", materials: String = "", process: String = "",
                contactName: String = "", contactPhone: String = "") {
        self.introduction = introduction; self.conditions = conditions; self.materials = materials; self.process = process
        self.contactName = contactName; self.contactPhone = contactPhone
    }

    public var isEmpty: Bool { self == ProductDetails() }

    /// The parts with text, titled, in the order a product page shows them.
    public var sections: [(title: String, text: String)] {
        [("产品介绍", introduction), ("申请条件", conditions), ("所需材料", materials), ("办理流程", process)].filter { !$0.1.isEmpty }
    }

    /// The contact as one line ("张经理 0411-12345678"), or nil when neither is given.
    public var contact: String? {
        let parts = [contactName, contactPhone].filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
