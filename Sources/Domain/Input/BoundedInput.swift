/// Numbers that come from outside (query strings, path segments, request bodies) are parsed here, once,
/// into bounded values, so that no later arithmetic or conversion can overflow and stop the process.
/// An out-of-range or malformed value is a `DomainError.invalidInput` naming the field, in Chinese.
public enum BoundedInteger {
    /// The whole number in `text`, which must lie in `range`.
    public static func parse(_ text: String, field: String, in range: ClosedRange<Int64>) throws(DomainError) -> Int64 {
        let trimmed = text.trimmingSpaces()
        guard trimmed.utf8.count <= 20, let value = Int64(trimmed), range.contains(value) else {
            throw DomainError.invalidInput(field: field, reason: "应为 \(range.lowerBound) 到 \(range.upperBound) 之间的整数")
        }
        return value
    }

    /// A size or index of the transparency log: 0 … Int64.max (the database stores them as signed 64-bit).
    public static func logSize(_ text: String, field: String) throws(DomainError) -> UInt64 {
        UInt64(try parse(text, field: field, in: 0...Int64.max))
    }
}

/// A yes/no query parameter: absent is false; `true`/`1` and `false`/`0` are read; anything else is refused.
public enum BoundedFlag {
    public static func parse(_ text: String?, field: String) throws(DomainError) -> Bool {
        switch text?.trimmingSpaces().lowercased() {
        case nil, "", "false", "0": return false
        case "true", "1": return true
        default: throw DomainError.invalidInput(field: field, reason: "应为 true 或 false")
        }
    }
}

/// Which page of a list is asked for. Both numbers are bounded, so `offset` can never overflow.
public struct Paging: Sendable, Equatable {
    public static let maxPage = 1_000_000
    public static let maxPerPage = 200

    public let page: Int
    public let perPage: Int

    /// A page chosen by the code itself: values outside the bounds are clamped into them.
    public init(page: Int = 1, perPage: Int = 20) {
        self.page = min(max(1, page), Self.maxPage)
        self.perPage = min(max(1, perPage), Self.maxPerPage)
    }

    /// Rows to skip before this page.
    public var offset: Int { (page - 1) * perPage }

    /// The `page` and `per_page` a client sent (either may be absent); anything that is not a whole number
    /// within the bounds is refused rather than clamped, so a client learns its request was wrong.
    public static func parse(page: String?, perPage: String?, defaultPerPage: Int = 20) throws(DomainError) -> Paging {
        let p = try page.map { text throws(DomainError) in
            Int(try BoundedInteger.parse(text, field: "page", in: 1...Int64(maxPage)))
        } ?? 1
        let n = try perPage.map { text throws(DomainError) in
            Int(try BoundedInteger.parse(text, field: "per_page", in: 1...Int64(maxPerPage)))
        } ?? defaultPerPage
        return Paging(page: p, perPage: n)
    }
}
