import Foundation

/// A bad evaluation model file: which entry is wrong and why, in words an operator understands.
public struct EvaluationModelError: Error, Equatable, Sendable, CustomStringConvertible {
    public var entry: String
    public var reason: String

    public init(entry: String, reason: String) {
        self.entry = entry
        self.reason = reason
    }

    public var message: String { "评价模型文件有误：\(entry)：\(reason)" }
    public var description: String { message }
}
