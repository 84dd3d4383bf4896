import Foundation

/// One step on an application's timeline (提交, 受理, 批准 …): who did what, from which status to which, and
/// why. Stored with the application and shown on its pages as it is.
public struct ApplicationStep: Sendable, Equatable, Codable {
    public var at: Date
    public var actor: String
    public var action: String
    public var from: String
    public var to: String
    public var note: String

    public init(at: Date, actor: String, action: String, from: String, to: String, note: String) {
        self.at = at; self.actor = actor; self.action = action; self.from = from; self.to = to; self.note = note
    }
}
