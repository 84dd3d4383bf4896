import Plot

/// A query parameter carried over by pagination links.
public struct QueryItem: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The state of a paginated list and how to link to its other pages.
public struct Pagination: Sendable, Equatable {
    /// The requested page, 1-based (clamped into range for display).
    public var page: Int
    public var pageSize: Int
    public var totalCount: Int
    /// The list's path, e.g. `/console/enterprises`.
    public var path: String
    /// The current filters, kept on every page link (empty values are omitted; do not include `page`).
    public var query: [QueryItem]
    /// An optional fragment appended to page links, e.g. `quarantine`.
    public var fragment: String?

    public init(page: Int, pageSize: Int, totalCount: Int, path: String, query: [QueryItem] = [],
                fragment: String? = nil) {
        self.page = page; self.pageSize = pageSize; self.totalCount = totalCount; self.path = path; self.query = query
        self.fragment = fragment
    }

    /// At least 1, so an empty list still shows "第 1 / 1 页".
    public var pageCount: Int {
        let size = max(1, pageSize)
        return max(1, (max(0, totalCount) + size - 1) / size)
    }

    /// `page` clamped to `1...pageCount`.
    public var currentPage: Int {
        min(max(1, page), pageCount)
    }

    /// The link to `page`, keeping the query parameters.
    public func href(forPage page: Int) -> String {
        let items = query.filter { $0.name != "page" } + [QueryItem(name: "page", value: String(page))]
        let url = Paths.withQuery(path, items)
        guard let fragment, !fragment.isEmpty else { return url }
        return url + "#" + Paths.encode(fragment)
    }

    /// The page numbers to show, with `nil` for a gap: first, last, and two either side of the current page.
    var visiblePages: [Int?] {
        let current = currentPage
        let last = pageCount
        let window = Set([1, last] + Array(max(1, current - 2)...min(last, current + 2)))
        var result: [Int?] = []
        var previous = 0
        for number in window.sorted() {
            if number - previous > 1 {
                result.append(number - previous == 2 ? previous + 1 : nil)
            }
            result.append(number)
            previous = number
        }
        return result
    }
}

enum PaginationView {
    static func node<C: HTML.BodyContext>(_ pagination: Pagination, unit: String = "条") -> Node<C> {
        let current = pagination.currentPage
        let last = pagination.pageCount
        return .nav(
            .cls("pagination"),
            .attr("aria-label", "分页"),
            .p(
                .cls("pagination-summary"),
                .text("共 \(Format.count(pagination.totalCount)) \(unit) · 第 \(current) / \(last) 页")
            ),
            .if(last > 1, .ul(
                .cls("pagination-links"),
                .li(current > 1
                    ? .a(.cls("page-link page-prev"), .attr("href", pagination.href(forPage: current - 1)),
                         .attr("rel", "prev"), .text("上一页"))
                    : .span(.cls("page-link page-prev is-disabled"), .attr("aria-disabled", "true"), .text("上一页"))
                ),
                .forEach(pagination.visiblePages) { number in
                    .li(pageNumber(number, current: current, pagination: pagination))
                },
                .li(current < last
                    ? .a(.cls("page-link page-next"), .attr("href", pagination.href(forPage: current + 1)),
                         .attr("rel", "next"), .text("下一页"))
                    : .span(.cls("page-link page-next is-disabled"), .attr("aria-disabled", "true"), .text("下一页"))
                )
            ))
        )
    }

    private static func pageNumber(_ number: Int?, current: Int, pagination: Pagination) -> BodyNode {
        guard let number else {
            return .span(.cls("page-gap"), .attribute(named: "aria-hidden", value: "true"), .text("…"))
        }
        if number == current {
            return .span(.cls("page-link is-current"), .attr("aria-current", "page"), .text(String(number)))
        }
        return .a(
            .cls("page-link"),
            .attr("href", pagination.href(forPage: number)),
            .attr("aria-label", "第 \(number) 页"),
            .text(String(number))
        )
    }
}
