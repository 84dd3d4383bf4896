/// The text of the credit commitment (信用承诺书) firms sign; a new wording is a new version.
public struct CommitmentTemplate: Sendable, Equatable, Hashable, Codable {
    public var version: Int
    public var title: String
    public var body: String

    public init(version: Int, title: String, body: String) {
        self.version = version; self.title = title; self.body = body
    }
}
