import Domain
import Vapor

/// Numbers from a request's query are read here and nowhere else: as text, then into a bounded domain type
/// (`Paging`, `BoundedInteger`), so an absurd value is a 422 with a Chinese message instead of an overflow.
extension Request {
    /// `page` and `per_page` from the query string.
    func paging(defaultPerPage: Int = 20) throws -> Paging {
        try Paging.parse(page: query[String.self, at: "page"], perPage: query[String.self, at: "per_page"],
                         defaultPerPage: defaultPerPage)
    }
}

/// Ids and dates typed into forms and bodies, parsed once into bounded types.
enum RequestInput {
    /// An id (a positive 64-bit number); nil when empty.
    static func optionalID(_ text: String?, field: String) throws -> Int64? {
        guard let text = text?.trimmingSpaces(), !text.isEmpty else { return nil }
        return try BoundedInteger.parse(text, field: field, in: 1...Int64.max)
    }

    /// A date typed as YYYY-MM-DD; nil when empty.
    static func optionalDay(_ text: String?, field: String) throws -> Day? {
        guard let text = text?.trimmingSpaces(), !text.isEmpty else { return nil }
        guard let day = Day(iso: text) else { throw DomainError.invalidInput(field: field, reason: "日期应为 YYYY-MM-DD，如 2026-01-31") }
        return day
    }
}

extension Request {
    private struct PathKey: StorageKey { typealias Value = String }

    /// `url.path`, worked out once per request: Vapor's getter rebuilds it through Foundation on each call, and
    /// the static files, the path limit, the security headers and the error pages each ask for it.
    var urlPath: String {
        if let path = storage[PathKey.self] { return path }
        let path = url.path
        storage[PathKey.self] = path
        return path
    }
}
