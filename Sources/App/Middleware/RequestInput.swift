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
